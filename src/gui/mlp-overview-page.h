/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mlp-library.h"

G_BEGIN_DECLS

#define MLP_TYPE_OVERVIEW_PAGE (mlp_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (MlpOverviewPage, mlp_overview_page, MLP, OVERVIEW_PAGE, GtkWidget)

GtkWidget *mlp_overview_page_new                (void);
void       mlp_overview_page_set_library        (MlpOverviewPage *self,
                                                 MlpLibrary      *library);
void       mlp_overview_page_set_interview_date (MlpOverviewPage *self,
                                                 GDateTime       *date);
void       mlp_overview_page_set_daily_goal    (MlpOverviewPage *self,
                                                guint            goal);
void       mlp_overview_page_refresh            (MlpOverviewPage *self);

G_END_DECLS
