/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mlp-stage.h"

G_BEGIN_DECLS

#define MLP_TYPE_STAGE_ROW (mlp_stage_row_get_type ())
G_DECLARE_FINAL_TYPE (MlpStageRow, mlp_stage_row, MLP, STAGE_ROW, GtkWidget)

MlpStageRow *mlp_stage_row_new       (void);
void         mlp_stage_row_set_stage (MlpStageRow *self,
                                      MlpStage    *stage);

G_END_DECLS
