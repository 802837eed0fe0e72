/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void mlp_portable_actions_class_init (GtkWidgetClass *widget_class);

G_END_DECLS
