/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mlp-search-target.h"

G_BEGIN_DECLS

#define MLP_TYPE_SEARCH_ROW (mlp_search_row_get_type ())
G_DECLARE_FINAL_TYPE (MlpSearchRow, mlp_search_row, MLP, SEARCH_ROW, GtkWidget)

MlpSearchRow *mlp_search_row_new        (void);
void          mlp_search_row_set_target (MlpSearchRow       *self,
                                         MlpSearchTarget    *target,
                                         const char * const *terms);

G_END_DECLS
