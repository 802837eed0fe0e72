/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-store"

#include "config.h"

#include <errno.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "mlp-store.h"

struct _MlpStore
{
  GObject       parent_instance;

  sqlite3      *db;
  char         *path;
  char         *moved_aside_path;
  MlpStoreRecovery recovery;

  sqlite3_stmt *set_checked;
  sqlite3_stmt *add_attempt;
  sqlite3_stmt *delete_attempt;
  gint64        last_attempt_id;
};

G_DEFINE_FINAL_TYPE (MlpStore, mlp_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (mlp-store-error-quark, mlp_store_error)

/* Forward-only migrations; entry N takes a file from user_version N to
 * N + 1. Shipped entries never change: add a new one instead. */
static const char * const migrations[] = {
  /* 0 → 1: checklist ticks and multiple-choice attempts */
  "CREATE TABLE checks ("
  "  item_id    TEXT PRIMARY KEY NOT NULL,"
  "  checked    INTEGER NOT NULL,"
  "  changed_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE attempts ("
  "  id          INTEGER PRIMARY KEY,"
  "  question_id TEXT NOT NULL,"
  "  choice_id   TEXT,"
  "  correct     INTEGER NOT NULL,"
  "  answered_at INTEGER NOT NULL"
  ");",

  /* 1 → 2: scenario answers with their self-grade; latest-attempt lookups */
  "ALTER TABLE attempts ADD COLUMN answer_text TEXT;"
  "ALTER TABLE attempts ADD COLUMN points_mask INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE attempts ADD COLUMN points_total INTEGER NOT NULL DEFAULT 0;"
  "CREATE INDEX attempts_by_question ON attempts (question_id, id);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == MLP_STORE_SCHEMA_VERSION);

static sqlite3 *open_backup   (const char  *path,
                               int         *version,
                               GError     **error);
static gboolean copy_database (sqlite3     *from,
                               sqlite3     *to,
                               GError     **error);

static gboolean
set_sqlite_error (sqlite3     *db,
                  int          rc,
                  const char  *what,
                  GError     **error)
{
  g_set_error (error, MLP_STORE_ERROR, MLP_STORE_ERROR_FAILED,
               "%s: %s", what, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_sqlite_error (db, rc, "Could not update the progress database", error);
  return TRUE;
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           int         *out,
           int         *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out = sqlite3_column_int (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  *rc_out = rc;
  return rc == SQLITE_OK;
}

/* TRUE when the file is a healthy SQLite database (or new and empty). */
static gboolean
looks_healthy (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);

  return ok;
}

static gboolean
migrate (sqlite3     *db,
         int          from,
         GError     **error)
{
  for (int version = from; version < MLP_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!exec (db, migrations[version], error) ||
          !exec (db, bump, error) ||
          !exec (db, "COMMIT", error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  return TRUE;
}

typedef enum {
  OPEN_OK,
  OPEN_FAILED,
  OPEN_DAMAGED,
  OPEN_EMPTY,
  OPEN_FOREIGN,
} OpenResult;

/* A database we did not create: schema version 0 but tables of its own. */
static gboolean
is_foreign (sqlite3 *db)
{
  int n_tables = 0;
  int rc;

  return query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
                    &n_tables, &rc) && n_tables > 0;
}

static OpenResult
open_database (const char  *path,
               sqlite3    **db_out,
               GError     **error)
{
  sqlite3 *db = NULL;
  GStatBuf st;
  int version = 0;
  int rc;

  *db_out = NULL;

  /* SQLite would take an empty file for a new database; but an empty file
   * where progress should be means something went wrong: keep it aside. */
  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_size == 0)
    return OPEN_EMPTY;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, MLP_STORE_ERROR, MLP_STORE_ERROR_IO,
                   "Could not open the progress database %s: %s",
                   path, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return OPEN_FAILED;
    }

  /* Progress is personal: only the user may read it. The log and shared
   * memory files SQLite creates later take the database file's mode. */
  g_chmod (path, 0600);

  sqlite3_extended_result_codes (db, TRUE);
  /* Another MLPrep process may hold the write lock for a moment. */
  sqlite3_busy_timeout (db, 5000);

  if (!query_int (db, "PRAGMA user_version", &version, &rc))
    {
      int primary = rc & 0xff;

      sqlite3_close (db);
      if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
        return OPEN_DAMAGED;

      g_set_error (error, MLP_STORE_ERROR, MLP_STORE_ERROR_IO,
                   "Could not read the progress database %s: %s",
                   path, sqlite3_errstr (rc));
      return OPEN_FAILED;
    }

  if (!looks_healthy (db))
    {
      sqlite3_close (db);
      return OPEN_DAMAGED;
    }

  if (version == 0 && is_foreign (db))
    {
      sqlite3_close (db);
      return OPEN_FOREIGN;
    }

  if (version > MLP_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, MLP_STORE_ERROR, MLP_STORE_ERROR_TOO_NEW,
                   "The progress database %s was written by a newer version of MLPrep "
                   "(schema %d; this version knows %d). It was left untouched: "
                   "update MLPrep to use it again.",
                   path, version, MLP_STORE_SCHEMA_VERSION);
      sqlite3_close (db);
      return OPEN_FAILED;
    }

  /* WAL with synchronous=FULL syncs the log at every commit, so a commit
   * that returned has reached the disk: it survives kill -9 and power loss. */
  if (!exec (db, "PRAGMA journal_mode = WAL", error) ||
      !exec (db, "PRAGMA synchronous = FULL", error) ||
      !migrate (db, version, error))
    {
      sqlite3_close (db);
      return OPEN_FAILED;
    }

  *db_out = db;
  return OPEN_OK;
}

static char *
move_aside (const char  *path,
            const char  *reason,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = g_strdup_printf ("%s.%s-%s", path, reason, stamp);
  const char * const suffixes[] = { "-wal", "-shm" };

  for (guint n = 1; g_file_test (target, G_FILE_TEST_EXISTS); n++)
    {
      g_free (target);
      target = g_strdup_printf ("%s.%s-%s-%u", path, reason, stamp, n);
    }

  if (g_rename (path, target) != 0)
    {
      int saved = errno;

      g_set_error (error, MLP_STORE_ERROR, MLP_STORE_ERROR_IO,
                   "The progress database %s cannot be used and could not be moved aside: %s",
                   path, g_strerror (saved));
      return NULL;
    }

  /* The log belongs to the damaged file; keep it beside it. */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }

  return g_steal_pointer (&target);
}

static gboolean
prepare_statements (MlpStore  *self,
                    GError   **error)
{
  int rc;

  rc = sqlite3_prepare_v3 (self->db,
                           "INSERT INTO checks (item_id, checked, changed_at) VALUES (?1, ?2, ?3) "
                           "ON CONFLICT (item_id) DO UPDATE SET checked = ?2, changed_at = ?3",
                           -1, SQLITE_PREPARE_PERSISTENT, &self->set_checked, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v3 (self->db,
                             "INSERT INTO attempts (question_id, choice_id, correct, answered_at,"
                             " answer_text, points_mask, points_total)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                             -1, SQLITE_PREPARE_PERSISTENT, &self->add_attempt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v3 (self->db, "DELETE FROM attempts WHERE id = ?1",
                             -1, SQLITE_PREPARE_PERSISTENT, &self->delete_attempt, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (self->db, rc, "Could not prepare the progress database", error);

  return TRUE;
}

static void
mlp_store_finalize (GObject *object)
{
  MlpStore *self = (MlpStore *)object;

  g_clear_pointer (&self->set_checked, sqlite3_finalize);
  g_clear_pointer (&self->add_attempt, sqlite3_finalize);
  g_clear_pointer (&self->delete_attempt, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  g_free (self->path);
  g_free (self->moved_aside_path);

  G_OBJECT_CLASS (mlp_store_parent_class)->finalize (object);
}

static void
mlp_store_class_init (MlpStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mlp_store_finalize;
}

static void
mlp_store_init (MlpStore *self)
{
}

/**
 * mlp_store_open:
 * @path: the database file; its folder is created if needed
 *
 * Opens (creating and migrating as needed) the progress database. A file
 * that cannot be ours (not a database or failing quick_check, empty, or
 * another program's database) is renamed to
 * "@path.{corrupt,empty,foreign}-YYYYMMDD-HHMMSS" and a fresh database
 * takes its place; mlp_store_get_moved_aside_path() and
 * mlp_store_get_recovery() then say where the old file went and why.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 *   (%MLP_STORE_ERROR_TOO_NEW leaves the file untouched)
 */
MlpStore *
mlp_store_open (const char  *path,
                GError     **error)
{
  g_autoptr(MlpStore) self = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *moved_aside = NULL;
  MlpStoreRecovery recovery = MLP_STORE_RECOVERY_NONE;
  const char *reason = NULL;
  sqlite3 *db = NULL;
  OpenResult result;

  g_return_val_if_fail (path != NULL, NULL);

  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, MLP_STORE_ERROR, MLP_STORE_ERROR_IO,
                   "Could not create the folder %s: %s", folder, g_strerror (saved));
      return NULL;
    }

  result = open_database (path, &db, error);
  switch (result)
    {
    case OPEN_DAMAGED:
      recovery = MLP_STORE_RECOVERY_DAMAGED;
      reason = "corrupt";
      break;
    case OPEN_EMPTY:
      recovery = MLP_STORE_RECOVERY_EMPTY;
      reason = "empty";
      break;
    case OPEN_FOREIGN:
      recovery = MLP_STORE_RECOVERY_FOREIGN;
      reason = "foreign";
      break;
    case OPEN_OK:
    case OPEN_FAILED:
    default:
      break;
    }

  if (reason != NULL)
    {
      if (!(moved_aside = move_aside (path, reason, error)))
        return NULL;
      g_message ("Moved the unusable progress database aside to %s", moved_aside);
      result = open_database (path, &db, error);
    }
  if (result != OPEN_OK)
    return NULL;

  self = g_object_new (MLP_TYPE_STORE, NULL);
  self->db = db;
  self->path = g_strdup (path);
  self->moved_aside_path = g_steal_pointer (&moved_aside);
  self->recovery = recovery;

  if (!prepare_statements (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * mlp_store_new_in_memory:
 *
 * A store that keeps progress only until it is finalized; the app falls
 * back to it when the file cannot be used, so a session still works.
 *
 * Returns: (transfer full): the store
 */
MlpStore *
mlp_store_new_in_memory (void)
{
  MlpStore *self = g_object_new (MLP_TYPE_STORE, NULL);
  g_autoptr(GError) error = NULL;

  if (sqlite3_open (":memory:", &self->db) != SQLITE_OK ||
      !migrate (self->db, 0, &error) ||
      !prepare_statements (self, &error))
    g_error ("Could not create an in-memory database: %s",
             error ? error->message : sqlite3_errmsg (self->db));

  return self;
}

/**
 * mlp_store_get_recovery:
 *
 * Returns: why a file was moved aside when this store was opened
 */
MlpStoreRecovery
mlp_store_get_recovery (MlpStore *self)
{
  g_return_val_if_fail (MLP_IS_STORE (self), MLP_STORE_RECOVERY_NONE);
  return self->recovery;
}

/**
 * mlp_store_new_in_memory_copy:
 * @path: a progress database that cannot be written (read-only folder…)
 *
 * Like mlp_store_new_in_memory(), but starting from the progress in
 * @path, so the user still sees what they had; nothing is written back.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL if @path
 *   cannot be read as a progress database
 */
MlpStore *
mlp_store_new_in_memory_copy (const char  *path,
                              GError     **error)
{
  g_autoptr(MlpStore) self = NULL;
  int version = 0;
  sqlite3 *file;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);

  if (!(file = open_backup (path, &version, error)))
    return NULL;

  self = g_object_new (MLP_TYPE_STORE, NULL);
  if (sqlite3_open (":memory:", &self->db) != SQLITE_OK)
    {
      sqlite3_close (file);
      set_sqlite_error (self->db, SQLITE_NOMEM, "Could not create an in-memory database", error);
      return NULL;
    }

  ok = copy_database (file, self->db, error) &&
       migrate (self->db, version, error) &&
       prepare_statements (self, error);
  sqlite3_close (file);

  return ok ? g_steal_pointer (&self) : NULL;
}

/**
 * mlp_store_get_path:
 *
 * Returns: (nullable): the database file, %NULL for an in-memory store
 */
const char *
mlp_store_get_path (MlpStore *self)
{
  g_return_val_if_fail (MLP_IS_STORE (self), NULL);
  return self->path;
}

/**
 * mlp_store_get_moved_aside_path:
 *
 * Returns: (nullable): where a damaged database was moved when this store
 *   was opened, or %NULL if nothing was wrong
 */
const char *
mlp_store_get_moved_aside_path (MlpStore *self)
{
  g_return_val_if_fail (MLP_IS_STORE (self), NULL);
  return self->moved_aside_path;
}

static gboolean
step_once (MlpStore      *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (self->db, rc, "Could not save your progress", error);
  return TRUE;
}

/**
 * mlp_store_set_checked:
 *
 * Records a tick or an untick. The write is durable when this returns TRUE.
 */
gboolean
mlp_store_set_checked (MlpStore    *self,
                       const char  *item_id,
                       gboolean     checked,
                       gint64       changed_at,
                       GError     **error)
{
  g_return_val_if_fail (MLP_IS_STORE (self), FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);

  sqlite3_bind_text (self->set_checked, 1, item_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (self->set_checked, 2, checked ? 1 : 0);
  sqlite3_bind_int64 (self->set_checked, 3, changed_at);

  return step_once (self, self->set_checked, error);
}

/**
 * mlp_store_add_attempt:
 *
 * Appends an answer to the attempt log. Durable when this returns TRUE.
 */
gboolean
mlp_store_add_attempt (MlpStore          *self,
                       const MlpAttempt  *attempt,
                       GError           **error)
{
  g_return_val_if_fail (MLP_IS_STORE (self), FALSE);
  g_return_val_if_fail (attempt != NULL && attempt->question_id != NULL, FALSE);

  sqlite3_bind_text (self->add_attempt, 1, attempt->question_id, -1, SQLITE_TRANSIENT);
  if (attempt->choice_id)
    sqlite3_bind_text (self->add_attempt, 2, attempt->choice_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (self->add_attempt, 3, attempt->correct ? 1 : 0);
  sqlite3_bind_int64 (self->add_attempt, 4, attempt->answered_at);
  if (attempt->answer_text)
    sqlite3_bind_text (self->add_attempt, 5, attempt->answer_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (self->add_attempt, 6, (sqlite3_int64)attempt->points_mask);
  sqlite3_bind_int (self->add_attempt, 7, attempt->points_total);

  if (!step_once (self, self->add_attempt, error))
    return FALSE;

  self->last_attempt_id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/**
 * mlp_store_forget:
 * @item_ids: items whose ticks to delete
 * @question_ids: questions whose attempts to delete
 *
 * Deletes progress (reset), in one transaction: all or nothing.
 */
gboolean
mlp_store_forget (MlpStore            *self,
                  const char * const  *item_ids,
                  const char * const  *question_ids,
                  GError             **error)
{
  sqlite3_stmt *checks = NULL, *attempts = NULL;
  int rc;

  g_return_val_if_fail (MLP_IS_STORE (self), FALSE);

  if (!exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  rc = sqlite3_prepare_v2 (self->db, "DELETE FROM checks WHERE item_id = ?1", -1, &checks, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (self->db, "DELETE FROM attempts WHERE question_id = ?1", -1, &attempts, NULL);

  for (guint i = 0; rc == SQLITE_OK && item_ids && item_ids[i]; i++)
    {
      sqlite3_bind_text (checks, 1, item_ids[i], -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (checks) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (self->db);
      sqlite3_reset (checks);
    }
  for (guint i = 0; rc == SQLITE_OK && question_ids && question_ids[i]; i++)
    {
      sqlite3_bind_text (attempts, 1, question_ids[i], -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (attempts) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (self->db);
      sqlite3_reset (attempts);
    }

  sqlite3_finalize (checks);
  sqlite3_finalize (attempts);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self->db, rc, "Could not reset your progress", error);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return exec (self->db, "COMMIT", error);
}

/**
 * mlp_store_get_last_attempt_id:
 *
 * Returns: the id of the attempt mlp_store_add_attempt() last added, or 0
 */
gint64
mlp_store_get_last_attempt_id (MlpStore *self)
{
  g_return_val_if_fail (MLP_IS_STORE (self), 0);
  return self->last_attempt_id;
}

/**
 * mlp_store_delete_attempt:
 *
 * Removes one attempt from the log (undo). Durable when this returns TRUE.
 */
gboolean
mlp_store_delete_attempt (MlpStore  *self,
                          gint64     attempt_id,
                          GError   **error)
{
  g_return_val_if_fail (MLP_IS_STORE (self), FALSE);

  sqlite3_bind_int64 (self->delete_attempt, 1, attempt_id);
  return step_once (self, self->delete_attempt, error);
}

/**
 * mlp_store_foreach_checked:
 *
 * Calls @func for every item that is ticked.
 */
gboolean
mlp_store_foreach_checked (MlpStore             *self,
                           MlpStoreCheckedFunc   func,
                           gpointer              user_data,
                           GError              **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (MLP_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT item_id, changed_at FROM checks WHERE checked = ?1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int (stmt, 1, 1);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        func ((const char *)sqlite3_column_text (stmt, 0),
              sqlite3_column_int64 (stmt, 1), user_data);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (self->db, rc, "Could not read your progress", error);
  return TRUE;
}

/**
 * mlp_store_foreach_last_attempt:
 *
 * Calls @func with the latest attempt of every question answered so far.
 */
gboolean
mlp_store_foreach_last_attempt (MlpStore             *self,
                                MlpStoreAttemptFunc   func,
                                gpointer              user_data,
                                GError              **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (MLP_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT question_id, choice_id, correct, answered_at,"
                           " answer_text, points_mask, points_total"
                           " FROM attempts WHERE id IN"
                           " (SELECT max(id) FROM attempts GROUP BY question_id)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          MlpAttempt attempt = {
            .question_id = (const char *)sqlite3_column_text (stmt, 0),
            .choice_id = (const char *)sqlite3_column_text (stmt, 1),
            .correct = sqlite3_column_int (stmt, 2) != 0,
            .answered_at = sqlite3_column_int64 (stmt, 3),
            .answer_text = (const char *)sqlite3_column_text (stmt, 4),
            .points_mask = (guint64)sqlite3_column_int64 (stmt, 5),
            .points_total = sqlite3_column_int (stmt, 6),
          };

          func (&attempt, user_data);
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (self->db, rc, "Could not read your progress", error);
  return TRUE;
}

/**
 * mlp_store_default_path:
 *
 * Returns: (transfer full): $XDG_DATA_HOME/mlprep/progress.db
 */
char *
mlp_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "mlprep", "progress.db", NULL);
}

/**
 * mlp_store_default_backup_folder:
 *
 * Returns: (transfer full): $XDG_DATA_HOME/mlprep/backups
 */
char *
mlp_store_default_backup_folder (void)
{
  return g_build_filename (g_get_user_data_dir (), "mlprep", "backups", NULL);
}

static gboolean
copy_database (sqlite3     *from,
               sqlite3     *to,
               GError     **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (to, "main", from, "main");
  int rc;

  if (backup == NULL)
    return set_sqlite_error (to, sqlite3_errcode (to), "Could not copy the progress database", error);

  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (to, rc, "Could not copy the progress database", error);

  return TRUE;
}

static gboolean
is_daily_name (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);

  return g_regex_match_simple ("^progress-\\d{4}-\\d{2}-\\d{2}\\.db$", name, 0, 0);
}

static gboolean
is_backup_name (const char *name)
{
  return is_daily_name (name) || g_str_equal (name, MLP_STORE_BEFORE_RESTORE_NAME);
}

/**
 * mlp_store_backup_to:
 * @path: where the copy goes; replaced if it exists
 *
 * Copies the progress database to @path with SQLite's online backup (a
 * consistent snapshot), as a self-contained file of mode 0600. The copy is
 * written under a temporary name and renamed, so a crash never leaves half
 * a backup in place.
 */
gboolean
mlp_store_backup_to (MlpStore    *self,
                     const char  *path,
                     GError     **error)
{
  g_autofree char *partial = g_strconcat (path, ".part", NULL);
  sqlite3 *db = NULL;
  gboolean ok;

  g_return_val_if_fail (MLP_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  g_remove (partial);
  if (sqlite3_open_v2 (partial, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      set_sqlite_error (db, SQLITE_CANTOPEN, "Could not create a backup", error);
      sqlite3_close (db);
      return FALSE;
    }
  g_chmod (partial, 0600);

  /* A backup is a plain file: no write-ahead log beside it. */
  ok = copy_database (self->db, db, error) &&
       exec (db, "PRAGMA journal_mode = DELETE", error);
  sqlite3_close (db);

  if (ok && g_rename (partial, path) != 0)
    {
      int saved = errno;

      g_set_error (error, MLP_STORE_ERROR, MLP_STORE_ERROR_IO,
                   "Could not create the backup %s: %s", path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_remove (partial);

  return ok;
}

static int
compare_names_descending (gconstpointer a,
                          gconstpointer b)
{
  return -g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/**
 * mlp_store_list_backups:
 * @folder: the backups folder; it need not exist
 *
 * Returns: (transfer full) (element-type filename): the daily backups in
 *   @folder, newest first
 */
GPtrArray *
mlp_store_list_backups (const char *folder)
{
  GPtrArray *backups = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    if (is_backup_name (name))
      g_ptr_array_add (backups, g_build_filename (folder, name, NULL));

  g_ptr_array_sort (backups, compare_names_descending);
  return backups;
}

/**
 * mlp_store_backup_daily:
 * @folder: where backups go; created if needed
 * @now: today, for the file name
 *
 * Copies the progress database (mlp_store_backup_to()) to
 * "progress-YYYY-MM-DD.db" in @folder unless today's copy exists, then
 * deletes all daily copies but the newest %MLP_STORE_BACKUPS_KEPT.
 *
 * Returns: (transfer full) (nullable): the new backup, or %NULL when
 *   today's existed or on error (@error set)
 */
char *
mlp_store_backup_daily (MlpStore    *self,
                        const char  *folder,
                        GDateTime   *now,
                        GError     **error)
{
  g_autofree char *date = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  guint kept = 0;

  g_return_val_if_fail (MLP_IS_STORE (self), NULL);
  g_return_val_if_fail (folder != NULL && now != NULL, NULL);

  date = g_date_time_format (now, "%Y-%m-%d");
  name = g_strdup_printf ("progress-%s.db", date);
  path = g_build_filename (folder, name, NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, MLP_STORE_ERROR, MLP_STORE_ERROR_IO,
                   "Could not create the backup folder %s: %s", folder, g_strerror (saved));
      return NULL;
    }

  if (!mlp_store_backup_to (self, path, error))
    return NULL;

  backups = mlp_store_list_backups (folder);
  for (guint i = 0; i < backups->len; i++)
    {
      const char *backup = g_ptr_array_index (backups, i);

      if (!is_daily_name (backup))
        continue;
      if (++kept > MLP_STORE_BACKUPS_KEPT)
        g_remove (backup);
    }

  return g_steal_pointer (&path);
}

/* Opens a backup read-only and checks it is a healthy MLPrep database this
 * version can read. */
static sqlite3 *
open_backup (const char  *path,
             int         *version,
             GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  /* In a read-only folder SQLite cannot create the shared-memory file a
   * WAL database needs; then read the file as immutable (a log left by a
   * crash is not seen, but nothing is written either). */
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      !query_int (db, "PRAGMA user_version", version, &rc))
    {
      g_autofree char *uri = NULL;
      g_autoptr(GError) local_error = NULL;

      sqlite3_close (db);
      db = NULL;
      uri = g_filename_to_uri (path, NULL, &local_error);
      if (uri != NULL)
        {
          g_autofree char *immutable = g_strconcat (uri, "?immutable=1", NULL);

          sqlite3_open_v2 (immutable, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
        }
    }

  if (db == NULL ||
      !query_int (db, "PRAGMA user_version", version, &rc) ||
      !looks_healthy (db) ||
      (*version == 0 && is_foreign (db)))
    {
      g_set_error (error, MLP_STORE_ERROR, MLP_STORE_ERROR_FAILED,
                   "%s is not a readable MLPrep backup", path);
      sqlite3_close (db);
      return NULL;
    }

  if (*version > MLP_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, MLP_STORE_ERROR, MLP_STORE_ERROR_TOO_NEW,
                   "%s was written by a newer version of MLPrep", path);
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

/**
 * mlp_store_describe_backup:
 *
 * Counts what a backup holds, for showing it before a restore.
 */
gboolean
mlp_store_describe_backup (const char  *path,
                           guint       *n_checked,
                           guint       *n_attempts,
                           GError     **error)
{
  int version = 0, checked = 0, attempts = 0, rc;
  sqlite3 *db;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!(db = open_backup (path, &version, error)))
    return FALSE;

  if (version > 0)
    {
      query_int (db, "SELECT count(*) FROM checks WHERE checked = 1", &checked, &rc);
      query_int (db, "SELECT count(*) FROM attempts", &attempts, &rc);
    }
  sqlite3_close (db);

  *n_checked = checked;
  *n_attempts = attempts;
  return TRUE;
}

/**
 * mlp_store_restore_backup:
 *
 * Replaces the progress in this store with the backup at @path (checked
 * first; an unreadable backup changes nothing), migrating it if it is
 * older. The caller reloads what it showed.
 */
gboolean
mlp_store_restore_backup (MlpStore    *self,
                          const char  *path,
                          GError     **error)
{
  int version = 0;
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (MLP_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!(db = open_backup (path, &version, error)))
    return FALSE;

  ok = copy_database (db, self->db, error);
  sqlite3_close (db);

  return ok &&
         exec (self->db, "PRAGMA journal_mode = WAL", error) &&
         migrate (self->db, version, error);
}
