/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mlp-library.h"

G_BEGIN_DECLS

#define MLP_TYPE_PREFERENCES_WINDOW (mlp_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (MlpPreferencesWindow, mlp_preferences_window, MLP, PREFERENCES_WINDOW, AdwPreferencesWindow)

MlpPreferencesWindow *mlp_preferences_window_new (GtkWindow  *parent,
                                                  MlpLibrary *library,
                                                  const char *backup_folder);

G_END_DECLS
