/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mlp-catalog.h"
#include "mlp-store.h"

G_BEGIN_DECLS

#define MLP_PORTABLE_ERROR (mlp_portable_error_quark ())

/**
 * MlpPortableError:
 * @MLP_PORTABLE_ERROR_IO: a file could not be read or written
 * @MLP_PORTABLE_ERROR_TOO_LARGE: the file, a text or the nesting is over a limit
 * @MLP_PORTABLE_ERROR_PARSE: the file is not valid, strict JSON
 * @MLP_PORTABLE_ERROR_FORMAT: the file is not an MLPrep progress export
 * @MLP_PORTABLE_ERROR_VERSION: the file comes from a newer MLPrep
 * @MLP_PORTABLE_ERROR_INVALID: a field is missing, unknown, of the wrong
 *   type or out of range
 * @MLP_PORTABLE_ERROR_DATABASE: the progress database refused the change
 *   (nothing was changed)
 */
typedef enum
{
  MLP_PORTABLE_ERROR_IO,
  MLP_PORTABLE_ERROR_TOO_LARGE,
  MLP_PORTABLE_ERROR_PARSE,
  MLP_PORTABLE_ERROR_FORMAT,
  MLP_PORTABLE_ERROR_VERSION,
  MLP_PORTABLE_ERROR_INVALID,
  MLP_PORTABLE_ERROR_DATABASE,
} MlpPortableError;

/* The progress export format; see "Progress export format" in HACKING.md. */
#define MLP_PORTABLE_FORMAT         "mlprep-progress"
#define MLP_PORTABLE_VERSION        1
#define MLP_PORTABLE_MAX_FILE_SIZE  (64 * 1024 * 1024)
#define MLP_PORTABLE_MAX_ID_SIZE    256
#define MLP_PORTABLE_MAX_TEXT_SIZE  (1024 * 1024)

/**
 * MlpRestoreReport:
 * @checks_added: items ticked that had no state here
 * @checks_changed: items whose newer state in the file replaced this one
 * @checks_kept: items whose state here differs and is as new or newer
 * @notes_added: notes that were not here
 * @notes_changed: notes replaced by a newer version from the file
 * @notes_kept: notes that differ and are as new or newer here
 * @attempts_added: answers added
 * @reviews_added: entries added to the review history
 * @queued_added: questions added to the review queue
 * @queued_changed: queued questions moved to the file's earlier time
 * @mock_sessions_added: mock interviews added
 * @duplicates_skipped: entries of the file that were already here
 *
 * What mlp_portable_restore() changed.
 */
typedef struct
{
  guint checks_added;
  guint checks_changed;
  guint checks_kept;
  guint notes_added;
  guint notes_changed;
  guint notes_kept;
  guint attempts_added;
  guint reviews_added;
  guint queued_added;
  guint queued_changed;
  guint mock_sessions_added;
  guint duplicates_skipped;
} MlpRestoreReport;

GQuark    mlp_portable_error_quark     (void);

GBytes   *mlp_portable_export_to_bytes (MlpStore          *store,
                                        GDateTime         *now,
                                        GError           **error);
gboolean  mlp_portable_export          (MlpStore          *store,
                                        GFile             *file,
                                        GDateTime         *now,
                                        GError           **error);
gboolean  mlp_portable_restore_bytes   (MlpStore          *store,
                                        const char        *name,
                                        GBytes            *bytes,
                                        MlpRestoreReport  *report,
                                        GError           **error);
gboolean  mlp_portable_restore         (MlpStore          *store,
                                        GFile             *file,
                                        MlpRestoreReport  *report,
                                        GError           **error);
gboolean  mlp_restore_report_changed   (const MlpRestoreReport *report);

char     *mlp_portable_stage_markdown  (MlpStage          *stage);
gboolean  mlp_portable_write_text      (GFile             *file,
                                        const char        *text,
                                        GError           **error);

gboolean  mlp_portable_import_pack     (MlpCatalog        *catalog,
                                        GFile             *source,
                                        const char        *packs_folder,
                                        GFile            **installed,
                                        guint             *n_stages,
                                        GError           **error);

G_END_DECLS
