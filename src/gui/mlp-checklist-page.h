/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mlp-stage.h"

G_BEGIN_DECLS

#define MLP_TYPE_CHECKLIST_PAGE (mlp_checklist_page_get_type ())
G_DECLARE_FINAL_TYPE (MlpChecklistPage, mlp_checklist_page, MLP, CHECKLIST_PAGE, GtkWidget)

void mlp_checklist_page_set_stage (MlpChecklistPage *self,
                                   MlpStage         *stage);
void mlp_checklist_page_show_item (MlpChecklistPage *self,
                                   MlpCheckItem     *item,
                                   gboolean          details);

G_END_DECLS
