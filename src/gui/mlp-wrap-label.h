/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MLP_TYPE_WRAP_LABEL (mlp_wrap_label_get_type ())

G_DECLARE_FINAL_TYPE (MlpWrapLabel, mlp_wrap_label, MLP, WRAP_LABEL, GtkWidget)

MlpWrapLabel *mlp_wrap_label_new      (const char   *text);
const char   *mlp_wrap_label_get_text (MlpWrapLabel *self);
void          mlp_wrap_label_set_text (MlpWrapLabel *self,
                                       const char   *text);

G_END_DECLS
