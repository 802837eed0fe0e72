/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mlp-application.h"

G_BEGIN_DECLS

#define MLP_TYPE_WINDOW (mlp_window_get_type ())
G_DECLARE_FINAL_TYPE (MlpWindow, mlp_window, MLP, WINDOW, AdwApplicationWindow)

MlpWindow *mlp_window_new          (MlpApplication *application);
void       mlp_window_select_stage (MlpWindow      *self,
                                    const char     *stage_id);
MlpStage  *mlp_window_get_stage    (MlpWindow      *self);
void       mlp_window_add_toast    (MlpWindow      *self,
                                    AdwToast       *toast);

G_END_DECLS
