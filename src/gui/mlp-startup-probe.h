/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void mlp_startup_probe_attach (GtkWindow  *window);
void mlp_startup_probe_mark   (const char *phase);
void mlp_startup_probe_value  (const char *name,
                               gint64      value);

G_END_DECLS
