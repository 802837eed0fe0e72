/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MLP_STORE_ERROR (mlp_store_error_quark ())

/**
 * MlpStoreError:
 * @MLP_STORE_ERROR_IO: the file or its folder cannot be created or opened
 * @MLP_STORE_ERROR_TOO_NEW: the file was written by a newer MLPrep
 * @MLP_STORE_ERROR_FAILED: SQLite refused a statement (disk full, read-only…)
 */
typedef enum
{
  MLP_STORE_ERROR_IO,
  MLP_STORE_ERROR_TOO_NEW,
  MLP_STORE_ERROR_FAILED,
} MlpStoreError;

/**
 * MlpStoreRecovery:
 * @MLP_STORE_RECOVERY_NONE: the file opened as it was
 * @MLP_STORE_RECOVERY_DAMAGED: not a database, or it failed quick_check
 * @MLP_STORE_RECOVERY_EMPTY: a zero-length file
 * @MLP_STORE_RECOVERY_FOREIGN: a healthy SQLite database of another program
 *
 * Why the file at the store's path was moved aside, if it was.
 */
typedef enum
{
  MLP_STORE_RECOVERY_NONE,
  MLP_STORE_RECOVERY_DAMAGED,
  MLP_STORE_RECOVERY_EMPTY,
  MLP_STORE_RECOVERY_FOREIGN,
} MlpStoreRecovery;

/* The schema this version writes; see the migrations in mlp-store.c. */
#define MLP_STORE_SCHEMA_VERSION 2

/**
 * MlpAttempt:
 * @question_id: the question answered
 * @choice_id: (nullable): the choice picked (multiple choice only)
 * @correct: whether the answer was right (scenario: self-graded)
 * @answered_at: Unix time in seconds
 * @answer_text: (nullable): the user's own answer to a scenario
 * @points_mask: bit i set when key point i was covered (scenario only)
 * @points_total: number of key points the scenario had
 */
typedef struct
{
  const char *question_id;
  const char *choice_id;
  gboolean    correct;
  gint64      answered_at;
  const char *answer_text;
  guint64     points_mask;
  guint       points_total;
} MlpAttempt;

typedef void (*MlpStoreCheckedFunc) (const char *item_id,
                                     gint64      changed_at,
                                     gpointer    user_data);
typedef void (*MlpStoreAttemptFunc) (const MlpAttempt *attempt,
                                     gpointer          user_data);

#define MLP_TYPE_STORE (mlp_store_get_type ())
G_DECLARE_FINAL_TYPE (MlpStore, mlp_store, MLP, STORE, GObject)

GQuark      mlp_store_error_quark          (void);

MlpStore   *mlp_store_open                 (const char          *path,
                                            GError             **error);
MlpStore   *mlp_store_new_in_memory        (void);
MlpStore   *mlp_store_new_in_memory_copy   (const char          *path,
                                            GError             **error);
const char *mlp_store_get_path             (MlpStore            *self);
const char *mlp_store_get_moved_aside_path (MlpStore            *self);
MlpStoreRecovery mlp_store_get_recovery    (MlpStore            *self);

gboolean    mlp_store_set_checked          (MlpStore            *self,
                                            const char          *item_id,
                                            gboolean             checked,
                                            gint64               changed_at,
                                            GError             **error);
gboolean    mlp_store_add_attempt          (MlpStore            *self,
                                            const MlpAttempt    *attempt,
                                            GError             **error);
gint64      mlp_store_get_last_attempt_id  (MlpStore            *self);
gboolean    mlp_store_forget               (MlpStore            *self,
                                            const char * const  *item_ids,
                                            const char * const  *question_ids,
                                            GError             **error);
gboolean    mlp_store_delete_attempt       (MlpStore            *self,
                                            gint64               attempt_id,
                                            GError             **error);
gboolean    mlp_store_foreach_checked      (MlpStore            *self,
                                            MlpStoreCheckedFunc  func,
                                            gpointer             user_data,
                                            GError             **error);
gboolean    mlp_store_foreach_last_attempt (MlpStore            *self,
                                            MlpStoreAttemptFunc  func,
                                            gpointer             user_data,
                                            GError             **error);

char       *mlp_store_default_path         (void);

/* Daily backups, kept as complete database files beside the progress. */
#define MLP_STORE_BACKUPS_KEPT 7
/* The copy of the progress taken just before a restore, beside them. */
#define MLP_STORE_BEFORE_RESTORE_NAME "progress-before-restore.db"

char       *mlp_store_default_backup_folder (void);
gboolean    mlp_store_backup_to            (MlpStore            *self,
                                            const char          *path,
                                            GError             **error);
char       *mlp_store_backup_daily         (MlpStore            *self,
                                            const char          *folder,
                                            GDateTime           *now,
                                            GError             **error);
GPtrArray  *mlp_store_list_backups         (const char          *folder);
gboolean    mlp_store_describe_backup      (const char          *path,
                                            guint               *n_checked,
                                            guint               *n_attempts,
                                            GError             **error);
gboolean    mlp_store_restore_backup       (MlpStore            *self,
                                            const char          *path,
                                            GError             **error);

G_END_DECLS
