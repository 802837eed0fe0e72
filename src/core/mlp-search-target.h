/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mlp-stage.h"

G_BEGIN_DECLS

#define MLP_TYPE_SEARCH_TARGET (mlp_search_target_get_type ())
G_DECLARE_FINAL_TYPE (MlpSearchTarget, mlp_search_target, MLP, SEARCH_TARGET, GObject)

MlpSearchTarget *mlp_search_target_new           (MlpStage            *stage,
                                                  GObject             *subject);
MlpStage        *mlp_search_target_get_stage     (MlpSearchTarget     *self);
GObject         *mlp_search_target_get_subject   (MlpSearchTarget     *self);
gboolean         mlp_search_target_is_question   (MlpSearchTarget     *self);
const char      *mlp_search_target_get_title     (MlpSearchTarget     *self);
gboolean         mlp_search_target_matches       (MlpSearchTarget     *self,
                                                  const char * const  *terms);
gboolean         mlp_search_target_note_matches  (MlpSearchTarget     *self,
                                                  const char * const  *terms);
const char      *mlp_search_target_get_match_text (MlpSearchTarget    *self,
                                                  const char * const  *terms,
                                                  gboolean            *in_note);

GListModel      *mlp_search_index_new            (GListModel          *stages);

char            *mlp_search_fold                 (const char          *text);
char           **mlp_search_split_query          (const char          *query);
char            *mlp_search_excerpt              (const char          *text,
                                                  const char * const  *terms);

G_END_DECLS
