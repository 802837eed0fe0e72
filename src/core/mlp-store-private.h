/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "mlp-store.h"

G_BEGIN_DECLS

/* For core code that reads or writes the whole file in one go (export and
 * restore of progress). Never used outside src/core. */
sqlite3 *mlp_store_get_db (MlpStore *self);

G_END_DECLS
