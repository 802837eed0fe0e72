/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mlp-check-item.h"
#include "mlp-question.h"

G_BEGIN_DECLS

#define MLP_TYPE_STAGE (mlp_stage_get_type ())
G_DECLARE_FINAL_TYPE (MlpStage, mlp_stage, MLP, STAGE, GObject)

MlpStage   *mlp_stage_new             (const char   *id,
                                       int           position,
                                       const char   *title,
                                       const char   *summary);
void        mlp_stage_add_item        (MlpStage     *self,
                                       MlpCheckItem *item);
void        mlp_stage_add_question    (MlpStage     *self,
                                       MlpQuestion  *question);

const char *mlp_stage_get_id          (MlpStage     *self);
int         mlp_stage_get_position    (MlpStage     *self);
const char *mlp_stage_get_title       (MlpStage     *self);
const char *mlp_stage_get_summary     (MlpStage     *self);
GListModel *mlp_stage_get_items       (MlpStage     *self);
GListModel *mlp_stage_get_questions   (MlpStage     *self);
guint       mlp_stage_get_n_items     (MlpStage     *self);
guint       mlp_stage_get_n_checked   (MlpStage     *self);
guint       mlp_stage_get_n_questions (MlpStage     *self);
guint       mlp_stage_get_n_answered  (MlpStage     *self);
guint       mlp_stage_get_n_correct   (MlpStage     *self);

G_END_DECLS
