/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mlp-types.h"

G_BEGIN_DECLS

#define MLP_TYPE_CHECK_ITEM (mlp_check_item_get_type ())
G_DECLARE_FINAL_TYPE (MlpCheckItem, mlp_check_item, MLP, CHECK_ITEM, GObject)

MlpCheckItem       *mlp_check_item_new              (const char         *id,
                                                     MlpItemKind         kind,
                                                     const char         *text,
                                                     const char         *detail,
                                                     const char         *source,
                                                     const char * const *question_ids);
const char         *mlp_check_item_get_id           (MlpCheckItem       *self);
MlpItemKind         mlp_check_item_get_kind         (MlpCheckItem       *self);
const char         *mlp_check_item_get_text         (MlpCheckItem       *self);
const char         *mlp_check_item_get_detail       (MlpCheckItem       *self);
const char         *mlp_check_item_get_source       (MlpCheckItem       *self);
const char * const *mlp_check_item_get_question_ids (MlpCheckItem       *self);
gboolean            mlp_check_item_get_checked      (MlpCheckItem       *self);
void                mlp_check_item_set_checked      (MlpCheckItem       *self,
                                                     gboolean            checked);
const char         *mlp_check_item_get_note         (MlpCheckItem       *self);
void                mlp_check_item_set_note         (MlpCheckItem       *self,
                                                     const char         *note);
gboolean            mlp_check_item_get_needs_review (MlpCheckItem       *self);
void                mlp_check_item_set_needs_review (MlpCheckItem       *self,
                                                     gboolean            needs_review);

G_END_DECLS
