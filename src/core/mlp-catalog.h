/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mlp-stage.h"

G_BEGIN_DECLS

#define MLP_CATALOG_ERROR (mlp_catalog_error_quark ())

/**
 * MlpCatalogError:
 * @MLP_CATALOG_ERROR_IO: the file could not be read
 * @MLP_CATALOG_ERROR_TOO_LARGE: the file, a string or the nesting is over a limit
 * @MLP_CATALOG_ERROR_PARSE: the file is not valid, strict JSON (RFC 8259:
 *   no comments, single quotes or other extensions)
 * @MLP_CATALOG_ERROR_VERSION: a format_version this version cannot read
 *   (a missing one is %MLP_CATALOG_ERROR_MISSING, a non-integer one
 *   %MLP_CATALOG_ERROR_TYPE)
 * @MLP_CATALOG_ERROR_MISSING: a required field is absent
 * @MLP_CATALOG_ERROR_TYPE: a field has the wrong JSON type
 * @MLP_CATALOG_ERROR_INVALID: a value is out of range, empty or malformed
 * @MLP_CATALOG_ERROR_DUPLICATE: an id is used twice
 * @MLP_CATALOG_ERROR_REFERENCE: a reference names an unknown id
 * @MLP_CATALOG_ERROR_UNKNOWN_FIELD: a field the format does not define
 */
typedef enum
{
  MLP_CATALOG_ERROR_IO,
  MLP_CATALOG_ERROR_TOO_LARGE,
  MLP_CATALOG_ERROR_PARSE,
  MLP_CATALOG_ERROR_VERSION,
  MLP_CATALOG_ERROR_MISSING,
  MLP_CATALOG_ERROR_TYPE,
  MLP_CATALOG_ERROR_INVALID,
  MLP_CATALOG_ERROR_DUPLICATE,
  MLP_CATALOG_ERROR_REFERENCE,
  MLP_CATALOG_ERROR_UNKNOWN_FIELD,
} MlpCatalogError;

/* The only pack format this version reads. */
#define MLP_CATALOG_FORMAT_VERSION 1
/* Limits that keep a hostile or broken pack from exhausting memory or stack. */
#define MLP_CATALOG_MAX_PACK_SIZE   (8 * 1024 * 1024)
#define MLP_CATALOG_MAX_STRING_SIZE (32 * 1024)
#define MLP_CATALOG_MAX_DEPTH       16

#define MLP_TYPE_CATALOG (mlp_catalog_get_type ())
G_DECLARE_FINAL_TYPE (MlpCatalog, mlp_catalog, MLP, CATALOG, GObject)

GQuark        mlp_catalog_error_quark     (void);

MlpCatalog   *mlp_catalog_new             (void);
gboolean      mlp_catalog_load_bytes      (MlpCatalog  *self,
                                           const char  *name,
                                           GBytes      *bytes,
                                           GError     **error);
gboolean      mlp_catalog_load_file       (MlpCatalog  *self,
                                           GFile       *file,
                                           GError     **error);
guint         mlp_catalog_load_resources  (MlpCatalog  *self,
                                           const char  *resource_dir);
guint         mlp_catalog_load_directory  (MlpCatalog  *self,
                                           const char  *path);
GPtrArray    *mlp_catalog_get_errors      (MlpCatalog  *self);
guint         mlp_catalog_get_n_parsed    (MlpCatalog  *self);
void          mlp_catalog_use_index       (MlpCatalog  *self,
                                           const char  *path);
gboolean      mlp_catalog_save_index      (MlpCatalog  *self,
                                           GError     **error);

GListModel   *mlp_catalog_get_stages      (MlpCatalog  *self);
MlpStage     *mlp_catalog_find_stage      (MlpCatalog  *self,
                                           const char  *id);
MlpCheckItem *mlp_catalog_find_item       (MlpCatalog  *self,
                                           const char  *id);
MlpQuestion  *mlp_catalog_find_question   (MlpCatalog  *self,
                                           const char  *id);
MlpStage     *mlp_catalog_find_owner      (MlpCatalog  *self,
                                           const char  *id);
gboolean      mlp_catalog_set_checked_by_id (MlpCatalog *self,
                                           const char  *item_id,
                                           gboolean     checked);
gboolean      mlp_catalog_set_result_by_id (MlpCatalog  *self,
                                           const char  *question_id,
                                           gboolean     attempted,
                                           gboolean     correct);

G_END_DECLS
