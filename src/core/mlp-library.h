/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mlp-catalog.h"
#include "mlp-store.h"

G_BEGIN_DECLS

/* How many actions Ctrl+Z can take back. */
#define MLP_LIBRARY_HISTORY_SIZE 100

typedef enum
{
  MLP_LIBRARY_ACTION_TICK,
  MLP_LIBRARY_ACTION_ANSWER,
} MlpLibraryAction;

#define MLP_TYPE_LIBRARY (mlp_library_get_type ())
G_DECLARE_FINAL_TYPE (MlpLibrary, mlp_library, MLP, LIBRARY, GObject)

MlpLibrary *mlp_library_new             (MlpCatalog   *catalog,
                                         MlpStore     *store);
MlpCatalog *mlp_library_get_catalog     (MlpLibrary   *self);
MlpStore   *mlp_library_get_store       (MlpLibrary   *self);
gboolean    mlp_library_answer_choice   (MlpLibrary   *self,
                                         MlpQuestion  *question,
                                         const char   *choice_id);
gboolean    mlp_library_answer_scenario (MlpLibrary   *self,
                                         MlpQuestion  *question,
                                         const char   *answer_text,
                                         guint64       points_mask);
gboolean    mlp_library_restore_backup  (MlpLibrary   *self,
                                         const char   *path,
                                         const char   *safety_path,
                                         GError      **error);
void        mlp_library_reload          (MlpLibrary   *self);
gboolean    mlp_library_reset           (MlpLibrary   *self,
                                         MlpStage     *stage,
                                         GError      **error);
gboolean    mlp_library_get_can_undo    (MlpLibrary   *self);
gboolean    mlp_library_get_can_redo    (MlpLibrary   *self);
gboolean    mlp_library_undo            (MlpLibrary   *self);
gboolean    mlp_library_redo            (MlpLibrary   *self);
gboolean    mlp_library_scenario_passes (guint64       points_mask,
                                         guint         points_total);

G_END_DECLS
