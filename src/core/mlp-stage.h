/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mlp-check-item.h"
#include "mlp-question.h"

G_BEGIN_DECLS

#define MLP_TYPE_STAGE (mlp_stage_get_type ())
G_DECLARE_FINAL_TYPE (MlpStage, mlp_stage, MLP, STAGE, GObject)

/**
 * MlpStageLoadFunc:
 * Builds a lazy stage's questions and items (see mlp_stage_new_lazy()).
 */
typedef void (*MlpStageLoadFunc) (MlpStage *stage,
                                  gpointer  user_data);

MlpStage   *mlp_stage_new             (const char   *id,
                                       int           position,
                                       const char   *title,
                                       const char   *summary);
MlpStage   *mlp_stage_new_lazy        (const char       *id,
                                       int               position,
                                       const char       *title,
                                       const char       *summary,
                                       GStrv             item_ids,
                                       GStrv             question_ids,
                                       MlpStageLoadFunc  load,
                                       gpointer          load_data,
                                       GDestroyNotify    load_data_destroy);
gboolean    mlp_stage_get_loaded      (MlpStage     *self);
gboolean    mlp_stage_set_checked_by_id (MlpStage   *self,
                                       const char   *item_id,
                                       gboolean      checked);
gboolean    mlp_stage_set_result_by_id (MlpStage    *self,
                                       const char   *question_id,
                                       gboolean      attempted,
                                       gboolean      correct);
void        mlp_stage_clear_progress  (MlpStage     *self);
void        mlp_stage_collect_ids     (MlpStage     *self,
                                       GStrvBuilder *items,
                                       GStrvBuilder *questions);
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
