/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mlp-search-target.h"

G_BEGIN_DECLS

#define MLP_TYPE_SEARCH_PAGE (mlp_search_page_get_type ())
G_DECLARE_FINAL_TYPE (MlpSearchPage, mlp_search_page, MLP, SEARCH_PAGE, GtkWidget)

void        mlp_search_page_set_stages      (MlpSearchPage *self,
                                             GListModel    *stages);
gboolean    mlp_search_page_get_search_mode (MlpSearchPage *self);
void        mlp_search_page_set_search_mode (MlpSearchPage *self,
                                             gboolean       search_mode);
GListModel *mlp_search_page_get_results     (MlpSearchPage *self);
void        mlp_search_page_set_query       (MlpSearchPage *self,
                                             const char    *query);

G_END_DECLS
