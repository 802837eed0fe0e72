/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MLP_TYPE_BAR_CHART (mlp_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (MlpBarChart, mlp_bar_chart, MLP, BAR_CHART, GtkWidget)

GtkWidget  *mlp_bar_chart_new             (GtkOrientation  orientation);
const char *mlp_bar_chart_get_title       (MlpBarChart    *self);
void        mlp_bar_chart_set_title       (MlpBarChart    *self,
                                           const char     *title);
const char *mlp_bar_chart_get_empty_text  (MlpBarChart    *self);
void        mlp_bar_chart_set_empty_text  (MlpBarChart    *self,
                                           const char     *empty_text);
double      mlp_bar_chart_get_max         (MlpBarChart    *self);
void        mlp_bar_chart_set_max         (MlpBarChart    *self,
                                           double          max);
void        mlp_bar_chart_clear           (MlpBarChart    *self);
void        mlp_bar_chart_append          (MlpBarChart    *self,
                                           double          value,
                                           const char     *label,
                                           const char     *value_text,
                                           const char     *description);
guint       mlp_bar_chart_get_n_bars      (MlpBarChart    *self);
const char *mlp_bar_chart_get_description (MlpBarChart    *self);

G_END_DECLS
