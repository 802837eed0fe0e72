/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mlp-check-item.h"

G_BEGIN_DECLS

#define MLP_TYPE_CHECK_ROW (mlp_check_row_get_type ())
G_DECLARE_FINAL_TYPE (MlpCheckRow, mlp_check_row, MLP, CHECK_ROW, GtkWidget)

MlpCheckRow  *mlp_check_row_new      (void);
MlpCheckItem *mlp_check_row_get_item (MlpCheckRow  *self);
void          mlp_check_row_set_item (MlpCheckRow  *self,
                                      MlpCheckItem *item);
void          mlp_check_row_reveal   (MlpCheckRow  *self,
                                      gboolean      details);

G_END_DECLS
