/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mlp-library.h"

G_BEGIN_DECLS

#define MLP_TYPE_APPLICATION (mlp_application_get_type ())
G_DECLARE_FINAL_TYPE (MlpApplication, mlp_application, MLP, APPLICATION, AdwApplication)

MlpApplication *mlp_application_new          (void);
MlpLibrary     *mlp_application_get_library  (MlpApplication *self);
GPtrArray      *mlp_application_get_problems (MlpApplication *self);

G_END_DECLS
