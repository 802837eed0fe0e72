/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-store"

#include "config.h"

#include <errno.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "mlp-store-private.h"

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
  sqlite3_stmt *add_review;
  sqlite3_stmt *delete_review;
  sqlite3_stmt *update_review;
  sqlite3_stmt *set_note;
  sqlite3_stmt *delete_note;
  sqlite3_stmt *set_queued;
  sqlite3_stmt *delete_queued;
  gint64        last_attempt_id;

  /* The syncer (file-backed stores only; see "Sync behind" below). The
   * lock guards the serials and the stop flag, never a SQLite call. */
  GMutex        sync_lock;
  GCond         sync_wake;       /* a commit to sync, or stop */
  GCond         sync_done;       /* durable_serial moved */
  GThread      *syncer;
  gboolean      sync_stopping;
  guint64       commit_serial;   /* commits to the file so far */
  guint64       durable_serial;  /* all up to this one are synced */
  int           log_frames;      /* frames in the log at the last commit */
  guint32       sync_warned;     /* failures already logged, by kind */
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

  /* 2 → 3: the learning engine. Every graded answer appends to the review
   * log with the FSRS memory state before and after; earlier attempts are
   * carried over as reviews whose states MlpLibrary computes on the next
   * load (NULL here). Notes, questions queued by ticking an item, and mock
   * interviews. */
  "CREATE TABLE reviews ("
  "  id                INTEGER PRIMARY KEY,"
  "  question_id       TEXT NOT NULL,"
  "  reviewed_at       INTEGER NOT NULL,"
  "  grade             INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 4),"
  "  elapsed_days      REAL,"
  "  stability_before  REAL,"
  "  difficulty_before REAL,"
  "  stability_after   REAL,"
  "  difficulty_after  REAL,"
  "  due_at            INTEGER,"
  "  source            TEXT NOT NULL,"
  "  attempt_id        INTEGER"
  ");"
  "CREATE INDEX reviews_by_question ON reviews (question_id, id);"
  "CREATE INDEX reviews_by_time ON reviews (reviewed_at);"
  "INSERT INTO reviews (question_id, reviewed_at, grade, source, attempt_id)"
  "  SELECT question_id, answered_at, CASE WHEN correct THEN 3 ELSE 1 END,"
  "         'migrated', id FROM attempts ORDER BY id;"
  "CREATE TABLE notes ("
  "  target_id  TEXT PRIMARY KEY NOT NULL,"
  "  body       TEXT NOT NULL,"
  "  changed_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE queued ("
  "  question_id TEXT PRIMARY KEY NOT NULL,"
  "  item_id     TEXT NOT NULL,"
  "  queued_at   INTEGER NOT NULL"
  ");"
  "CREATE TABLE mock_sessions ("
  "  id                   INTEGER PRIMARY KEY,"
  "  started_at           INTEGER NOT NULL,"
  "  ended_at             INTEGER,"
  "  planned              INTEGER NOT NULL,"
  "  seconds_per_question INTEGER NOT NULL"
  ");"
  "CREATE TABLE mock_answers ("
  "  session_id   INTEGER NOT NULL REFERENCES mock_sessions (id) ON DELETE CASCADE,"
  "  position     INTEGER NOT NULL,"
  "  question_id  TEXT NOT NULL,"
  "  grade        INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 4),"
  "  seconds_used INTEGER NOT NULL,"
  "  points_mask  INTEGER NOT NULL DEFAULT 0,"
  "  points_total INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (session_id, position)"
  ");",
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

  /* WAL with synchronous=NORMAL: a commit writes its frames to the log
   * and returns without syncing it. The log is in the page cache, so a
   * commit that returned survives the app being killed (kill -9); the
   * store's syncer thread makes it survive power loss moments later, and
   * the main thread never waits for the disk. No checkpoints here: the
   * syncer runs them, on its own connection (see "Sync behind"). */
  if (!exec (db, "PRAGMA journal_mode = WAL", error) ||
      !exec (db, "PRAGMA synchronous = NORMAL", error) ||
      !exec (db, "PRAGMA wal_autocheckpoint = 0", error) ||
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
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v3 (self->db,
                             "INSERT INTO reviews (question_id, reviewed_at, grade, elapsed_days,"
                             " stability_before, difficulty_before, stability_after, difficulty_after,"
                             " due_at, source, attempt_id)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                             -1, SQLITE_PREPARE_PERSISTENT, &self->add_review, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v3 (self->db, "DELETE FROM reviews WHERE id = ?1",
                             -1, SQLITE_PREPARE_PERSISTENT, &self->delete_review, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v3 (self->db,
                             "UPDATE reviews SET elapsed_days = ?2, stability_before = ?3,"
                             " difficulty_before = ?4, stability_after = ?5, difficulty_after = ?6,"
                             " due_at = ?7 WHERE id = ?1",
                             -1, SQLITE_PREPARE_PERSISTENT, &self->update_review, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v3 (self->db,
                             "INSERT INTO notes (target_id, body, changed_at) VALUES (?1, ?2, ?3) "
                             "ON CONFLICT (target_id) DO UPDATE SET body = ?2, changed_at = ?3",
                             -1, SQLITE_PREPARE_PERSISTENT, &self->set_note, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v3 (self->db, "DELETE FROM notes WHERE target_id = ?1",
                             -1, SQLITE_PREPARE_PERSISTENT, &self->delete_note, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v3 (self->db,
                             "INSERT INTO queued (question_id, item_id, queued_at) VALUES (?1, ?2, ?3) "
                             "ON CONFLICT (question_id) DO NOTHING",
                             -1, SQLITE_PREPARE_PERSISTENT, &self->set_queued, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v3 (self->db, "DELETE FROM queued WHERE question_id = ?1",
                             -1, SQLITE_PREPARE_PERSISTENT, &self->delete_queued, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (self->db, rc, "Could not prepare the progress database", error);

  return TRUE;
}

/* Sync behind
 *
 * The main connection commits without syncing (synchronous=NORMAL) and
 * never checkpoints. After each commit its WAL hook bumps commit_serial
 * and wakes the syncer, a thread with a connection of its own to the
 * file, which makes everything committed so far durable and records the
 * serial it saw as durable_serial. Commits made meanwhile are covered by
 * its next round: many commits, one more round.
 *
 * A round syncs the log file (fdatasync through SQLite's own file
 * object, SQLITE_FCNTL_JOURNAL_POINTER): committed frames in a synced
 * log survive power loss, which is all synchronous=FULL does at each
 * commit. This is the way SQLite's developers give to make earlier
 * commits durable at synchronous=NORMAL; they add that a passive
 * checkpoint is not enough, as it may stop short and then syncs nothing
 * (https://sqlite.org/forum/forumpost/d1a6bc7c4cd2baca). The syncer does
 * not checkpoint every time either, and that is on purpose.
 * SQLite's documentation of PRAGMA synchronous
 * (https://sqlite.org/pragma.html#pragma_synchronous): "In WAL mode when
 * synchronous is NORMAL (1), the WAL file is synchronized before each
 * checkpoint and the database file is synchronized after each completed
 * checkpoint and the WAL file header is synchronized when a WAL file
 * begins to be reused after a checkpoint". The last part is the catch:
 * once a checkpoint has copied the whole log, the next writer starts the
 * log over and syncs its header while it commits. Checkpointing after
 * every commit would put that sync on the main thread at every tick.
 *
 * So the syncer checkpoints (passive: it never waits for readers or
 * writers) only when the log has grown past SYNC_RESTART_FRAMES, and on
 * its first round, and then starts the log over itself with a write of
 * its own (user_version, unchanged), paying the header sync on its own
 * thread; the log then holds a frame not yet copied, and the main
 * connection keeps appending to it. When the checkpoint stops short (a
 * reader still needs older pages) the round syncs the log instead and
 * the next one tries again.
 *
 * When a round fails (SQLITE_BUSY while another process recovers the
 * file, an I/O error) the syncer tries again after a pause that doubles
 * up to a second; what was committed is safe in the log meanwhile. */

/* The log is started over past this size: SQLite's own autocheckpoint
 * size, about 4 MB of 4 KiB pages. */
#define SYNC_RESTART_FRAMES 1000
#define SYNC_RETRY_MIN_US (10 * G_TIME_SPAN_MILLISECOND)
#define SYNC_RETRY_MAX_US G_TIME_SPAN_SECOND
/* The syncer's connection does not see the file in WAL mode. */
#define SYNC_NOT_WAL (-1)
/* sync_warned: one bit a primary SQLite result code, and one more. */
#define SYNC_WARNED_NOT_WAL (1u << 31)

static void
note_commit (MlpStore *self,
             int       n_frames)
{
  g_mutex_lock (&self->sync_lock);
  self->commit_serial++;
  self->log_frames = n_frames;
  g_cond_signal (&self->sync_wake);
  g_mutex_unlock (&self->sync_lock);
}

/* The main connection's WAL hook: SQLite calls it on the thread that
 * committed, after every commit to the log (ours or a caller's of
 * mlp_store_get_db()), once the write lock is released, with the number
 * of frames now in the log. Installing it also replaces SQLite's own
 * automatic checkpoints. */
static int
on_wal_commit (gpointer    user_data,
               sqlite3    *db,
               const char *schema,
               int         n_frames)
{
  note_commit (user_data, n_frames);
  return SQLITE_OK;
}

/* Logs a kind of failure once per store, not once per commit: @rc is a
 * SQLite result code, or SYNC_NOT_WAL. Only the syncer's thread calls it.
 * SQLITE_BUSY is no failure: another connection is at work. */
static void
warn_sync_failure (MlpStore *self,
                   sqlite3  *db,
                   int       rc)
{
  guint32 kind = rc == SYNC_NOT_WAL ? SYNC_WARNED_NOT_WAL : 1u << MIN (rc & 0xff, 30);

  if ((rc & 0xff) == SQLITE_BUSY || (self->sync_warned & kind))
    return;
  self->sync_warned |= kind;
  /* A message, not a warning: nothing is lost, and the main thread's own
   * write errors are what the user is told about (save-failed). */
  g_message ("Could not sync the progress database %s to the disk (will retry; "
             "what was saved is safe in its log): %s", self->path,
             rc == SYNC_NOT_WAL ? "it is not in WAL mode"
                                : db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
}

/* Starts the log over from the syncer's connection, so that the header
 * sync this takes is the syncer's and not the next main-thread commit's.
 * The write changes nothing: user_version is written back as it is. A
 * writer at work (SQLITE_BUSY) wins; its frames keep the log going. */
static void
restart_log (MlpStore *self,
             sqlite3  *db)
{
  int version = 0;
  int rc;

  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      warn_sync_failure (self, db, rc);
      return;
    }

  if (query_int (db, "PRAGMA user_version", &version, &rc))
    {
      g_autofree char *same = g_strdup_printf ("PRAGMA user_version = %d", version);

      rc = sqlite3_exec (db, same, NULL, NULL, NULL);
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      warn_sync_failure (self, db, rc);
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
    }
}

/* Syncs the log file, as a commit at synchronous=FULL would: a SQLite
 * result code, or SYNC_NOT_WAL when this connection has no log open. */
static int
sync_log_file (sqlite3 *db)
{
  sqlite3_file *log = NULL;
  int rc;

  rc = sqlite3_file_control (db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &log);
  if (rc == SQLITE_OK && (log == NULL || log->pMethods == NULL))
    return SYNC_NOT_WAL;
  if (rc == SQLITE_OK)
    rc = log->pMethods->xSync (log, SQLITE_SYNC_NORMAL);
  return rc;
}

/* One round: opens the syncer's connection if needed, then either
 * checkpoints and starts the log over, or syncs it. TRUE when every
 * commit in the log is on the disk. */
static gboolean
sync_round (MlpStore  *self,
            sqlite3  **db,
            gboolean   restart)
{
  int rc;

  if (*db == NULL)
    {
      rc = sqlite3_open_v2 (self->path, db, SQLITE_OPEN_READWRITE, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_extended_result_codes (*db, TRUE);
          /* Reads the schema, which opens the log too. Checkpoints sync
           * with this connection's setting, not the main one's. */
          rc = sqlite3_exec (*db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
        }
      if (rc != SQLITE_OK)
        {
          warn_sync_failure (self, *db, rc);
          g_clear_pointer (db, sqlite3_close);
          return FALSE;
        }
      restart = TRUE;
    }

  if (restart)
    {
      int n_log = -1, n_copied = -1;

      rc = sqlite3_wal_checkpoint_v2 (*db, NULL, SQLITE_CHECKPOINT_PASSIVE, &n_log, &n_copied);
      if (rc == SQLITE_OK && n_log >= 0 && n_copied >= n_log)
        {
          /* The whole log is in the database and both files are synced
           * (those copied before by an earlier checkpoint were synced by
           * it). Now start the log over, on this thread. */
          restart_log (self, *db);
          return TRUE;
        }
      if (rc == SQLITE_OK && n_log < 0)
        {
          warn_sync_failure (self, *db, SYNC_NOT_WAL);
          g_clear_pointer (db, sqlite3_close);
          return FALSE;
        }
      if (rc != SQLITE_OK)
        warn_sync_failure (self, *db, rc);
      /* Stopped short: sync the log as it is; the next round tries again. */
    }

  rc = sync_log_file (*db);
  if (rc == SYNC_NOT_WAL)
    {
      warn_sync_failure (self, *db, SYNC_NOT_WAL);
      g_clear_pointer (db, sqlite3_close);
      return FALSE;
    }
  if (rc != SQLITE_OK)
    warn_sync_failure (self, NULL, rc);

  return rc == SQLITE_OK;
}

static gpointer
syncer_run (gpointer data)
{
  MlpStore *self = data;
  sqlite3 *db = NULL;
  gint64 pause = 0;

  g_mutex_lock (&self->sync_lock);
  while (!self->sync_stopping)
    {
      guint64 serial = self->commit_serial;
      gboolean restart = self->log_frames >= SYNC_RESTART_FRAMES;
      gboolean synced;
      gint64 until;

      if (self->durable_serial >= serial)
        {
          g_cond_wait (&self->sync_wake, &self->sync_lock);
          continue;
        }

      g_mutex_unlock (&self->sync_lock);
      synced = sync_round (self, &db, restart);
      g_mutex_lock (&self->sync_lock);

      if (synced)
        {
          self->durable_serial = serial;
          g_cond_broadcast (&self->sync_done);
          pause = 0;
          continue;
        }

      /* Try again later; commits meanwhile wait for that round. */
      pause = CLAMP (pause * 2, SYNC_RETRY_MIN_US, SYNC_RETRY_MAX_US);
      until = g_get_monotonic_time () + pause;
      while (!self->sync_stopping &&
             g_cond_wait_until (&self->sync_wake, &self->sync_lock, until))
        ;
    }
  g_mutex_unlock (&self->sync_lock);

  sqlite3_close (db);
  return NULL;
}

static void
syncer_start (MlpStore *self)
{
  g_assert (self->syncer == NULL);

  if (self->path == NULL)
    return;
  self->sync_stopping = FALSE;
  self->syncer = g_thread_new ("mlp-store-sync", syncer_run, self);
}

/* Stops the syncer and closes its connection; commits not yet synced stay
 * in the log for the next syncer or for the main connection's last close. */
static void
syncer_stop (MlpStore *self)
{
  if (self->syncer == NULL)
    return;

  g_mutex_lock (&self->sync_lock);
  self->sync_stopping = TRUE;
  g_cond_signal (&self->sync_wake);
  g_mutex_unlock (&self->sync_lock);
  g_thread_join (g_steal_pointer (&self->syncer));
}

static void
mlp_store_finalize (GObject *object)
{
  MlpStore *self = (MlpStore *)object;

  /* The syncer's connection closes first, so the main one is the last and
   * SQLite checkpoints (and syncs) the log as it closes. */
  syncer_stop (self);

  g_clear_pointer (&self->set_checked, sqlite3_finalize);
  g_clear_pointer (&self->add_attempt, sqlite3_finalize);
  g_clear_pointer (&self->delete_attempt, sqlite3_finalize);
  g_clear_pointer (&self->add_review, sqlite3_finalize);
  g_clear_pointer (&self->delete_review, sqlite3_finalize);
  g_clear_pointer (&self->update_review, sqlite3_finalize);
  g_clear_pointer (&self->set_note, sqlite3_finalize);
  g_clear_pointer (&self->delete_note, sqlite3_finalize);
  g_clear_pointer (&self->set_queued, sqlite3_finalize);
  g_clear_pointer (&self->delete_queued, sqlite3_finalize);
  if (self->db)
    sqlite3_wal_hook (self->db, NULL, NULL);
  g_clear_pointer (&self->db, sqlite3_close);
  g_free (self->path);
  g_free (self->moved_aside_path);
  g_mutex_clear (&self->sync_lock);
  g_cond_clear (&self->sync_wake);
  g_cond_clear (&self->sync_done);

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
  g_mutex_init (&self->sync_lock);
  g_cond_init (&self->sync_wake);
  g_cond_init (&self->sync_done);
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

  /* The migrations, and a log a killed session left, are not known to be
   * synced: the syncer's first round covers them. */
  sqlite3_wal_hook (self->db, on_wal_commit, self);
  self->commit_serial = 1;
  syncer_start (self);

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

/**
 * mlp_store_get_commit_serial:
 *
 * Counts the commits to the database file: every write of this store
 * (and every transaction committed on mlp_store_get_db()) adds one. A
 * write that returned is in the file's log, so it survives the app being
 * killed; it also survives power loss once mlp_store_wait_durable() says
 * so for its serial. The store's syncer thread gets there shortly after
 * each commit, without the caller waiting for the disk.
 *
 * Returns: the serial of the latest commit; 0 for an in-memory store,
 *   which writes no file
 */
guint64
mlp_store_get_commit_serial (MlpStore *self)
{
  guint64 serial;

  g_return_val_if_fail (MLP_IS_STORE (self), 0);

  g_mutex_lock (&self->sync_lock);
  serial = self->commit_serial;
  g_mutex_unlock (&self->sync_lock);
  return serial;
}

/**
 * mlp_store_wait_durable:
 * @serial: a value of mlp_store_get_commit_serial()
 * @timeout_us: how long to wait at most, in microseconds (0: just look)
 *
 * Waits until every commit up to @serial has been synced to the disk, so
 * that it survives power loss. Never call it where blocking matters (the
 * main loop): the point of the syncer is that nothing there waits for the
 * disk; this is for tests, measurements and shutting down on purpose.
 *
 * Returns: %TRUE once the commits up to @serial are durable (at once for
 *   an in-memory store), %FALSE if @timeout_us passed first
 */
gboolean
mlp_store_wait_durable (MlpStore *self,
                        guint64   serial,
                        gint64    timeout_us)
{
  gint64 until;
  gboolean durable;

  g_return_val_if_fail (MLP_IS_STORE (self), FALSE);
  g_return_val_if_fail (timeout_us >= 0, FALSE);

  if (self->path == NULL)
    return TRUE;

  until = g_get_monotonic_time () + timeout_us;
  g_mutex_lock (&self->sync_lock);
  while (self->durable_serial < serial &&
         g_cond_wait_until (&self->sync_done, &self->sync_lock, until))
    ;
  durable = self->durable_serial >= serial;
  g_mutex_unlock (&self->sync_lock);

  return durable;
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
 * Records a tick or an untick. Saved when this returns TRUE: it survives
 * the app being killed, and power loss once synced (mlp_store_wait_durable()).
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
 * Appends an answer to the attempt log. Saved when this returns TRUE (see
 * mlp_store_set_checked()).
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

static int
forget_reviews (MlpStore   *self,
                const char *question_id)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "DELETE FROM reviews WHERE question_id = ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, question_id, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (self->db);
    }
  sqlite3_finalize (stmt);
  return rc;
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

  /* A question's progress is its attempts, its reviews (the schedule) and
   * its place in the review queue; notes are the user's own and stay. */
  rc = sqlite3_prepare_v2 (self->db, "DELETE FROM checks WHERE item_id = ?1", -1, &checks, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (self->db,
                             "DELETE FROM attempts WHERE question_id = ?1;",
                             -1, &attempts, NULL);

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
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_text (self->delete_queued, 1, question_ids[i], -1, SQLITE_TRANSIENT);
          rc = sqlite3_step (self->delete_queued) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (self->db);
          sqlite3_reset (self->delete_queued);
        }
      if (rc == SQLITE_OK)
        rc = forget_reviews (self, question_ids[i]);
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
 * Removes one attempt from the log (undo). Saved when this returns TRUE
 * (see mlp_store_set_checked()).
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

/* Runs @stmt once inside an open transaction: SQLITE_OK or the error code. */
static int
step_in_transaction (MlpStore     *self,
                     sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : (rc == SQLITE_ROW ? SQLITE_OK : rc);
}

static void
bind_review (MlpStore        *self,
             const MlpReview *review)
{
  sqlite3_stmt *stmt = self->add_review;

  sqlite3_bind_text (stmt, 1, review->question_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, review->reviewed_at);
  sqlite3_bind_int (stmt, 3, CLAMP (review->grade, 1, 4));
  sqlite3_bind_double (stmt, 4, review->elapsed_days);
  if (review->stability_before > 0)
    {
      sqlite3_bind_double (stmt, 5, review->stability_before);
      sqlite3_bind_double (stmt, 6, review->difficulty_before);
    }
  sqlite3_bind_double (stmt, 7, review->stability_after);
  sqlite3_bind_double (stmt, 8, review->difficulty_after);
  sqlite3_bind_int64 (stmt, 9, review->due_at);
  sqlite3_bind_text (stmt, 10, review->source ? review->source : "quiz", -1, SQLITE_TRANSIENT);
  if (review->attempt_id > 0)
    sqlite3_bind_int64 (stmt, 11, review->attempt_id);
}

static gboolean
finish_transaction (MlpStore    *self,
                    int          rc,
                    const char  *what,
                    GError     **error)
{
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self->db, rc, what, error);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return exec (self->db, "COMMIT", error);
}

/**
 * mlp_store_record_answer:
 * @attempt: the answer
 * @review: (inout) (nullable): its review log entry; @review->id and
 *   @review->attempt_id are set
 *
 * Appends an answer and its review in one transaction: both or neither are
 * stored, saved when this returns TRUE (see mlp_store_set_checked()).
 */
gboolean
mlp_store_record_answer (MlpStore          *self,
                         const MlpAttempt  *attempt,
                         MlpReview         *review,
                         GError           **error)
{
  int rc;

  g_return_val_if_fail (MLP_IS_STORE (self), FALSE);
  g_return_val_if_fail (attempt != NULL && attempt->question_id != NULL, FALSE);

  if (review == NULL)
    return mlp_store_add_attempt (self, attempt, error);

  if (!exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  sqlite3_bind_text (self->add_attempt, 1, attempt->question_id, -1, SQLITE_TRANSIENT);
  if (attempt->choice_id)
    sqlite3_bind_text (self->add_attempt, 2, attempt->choice_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (self->add_attempt, 3, attempt->correct ? 1 : 0);
  sqlite3_bind_int64 (self->add_attempt, 4, attempt->answered_at);
  if (attempt->answer_text)
    sqlite3_bind_text (self->add_attempt, 5, attempt->answer_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (self->add_attempt, 6, (sqlite3_int64)attempt->points_mask);
  sqlite3_bind_int (self->add_attempt, 7, attempt->points_total);
  rc = step_in_transaction (self, self->add_attempt);

  if (rc == SQLITE_OK)
    {
      review->attempt_id = sqlite3_last_insert_rowid (self->db);
      bind_review (self, review);
      rc = step_in_transaction (self, self->add_review);
    }
  if (!finish_transaction (self, rc, "Could not save your answer", error))
    return FALSE;

  review->id = sqlite3_last_insert_rowid (self->db);
  self->last_attempt_id = review->attempt_id;
  return TRUE;
}

/**
 * mlp_store_add_review:
 * @review: (inout): the entry; @review->id is set
 *
 * Appends a review that grades no stored attempt (a mock interview answer,
 * a restored log). Saved when this returns TRUE (see
 * mlp_store_set_checked()).
 */
gboolean
mlp_store_add_review (MlpStore   *self,
                      MlpReview  *review,
                      GError    **error)
{
  g_return_val_if_fail (MLP_IS_STORE (self), FALSE);
  g_return_val_if_fail (review != NULL && review->question_id != NULL, FALSE);

  bind_review (self, review);
  if (!step_once (self, self->add_review, error))
    return FALSE;

  review->id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/**
 * mlp_store_delete_answer:
 * @attempt_id: the attempt to remove, or 0
 * @review_id: the review to remove, or 0
 *
 * Takes an answer back (undo) in one transaction.
 */
gboolean
mlp_store_delete_answer (MlpStore  *self,
                         gint64     attempt_id,
                         gint64     review_id,
                         GError   **error)
{
  int rc = SQLITE_OK;

  g_return_val_if_fail (MLP_IS_STORE (self), FALSE);

  if (!exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (attempt_id > 0)
    {
      sqlite3_bind_int64 (self->delete_attempt, 1, attempt_id);
      rc = step_in_transaction (self, self->delete_attempt);
    }
  if (rc == SQLITE_OK && review_id > 0)
    {
      sqlite3_bind_int64 (self->delete_review, 1, review_id);
      rc = step_in_transaction (self, self->delete_review);
    }

  return finish_transaction (self, rc, "Could not take the answer back", error);
}

/**
 * mlp_store_update_review_states:
 *
 * Writes computed states (elapsed days, before/after, due) of the given
 * reviews, matched by id, in one transaction.
 */
gboolean
mlp_store_update_review_states (MlpStore         *self,
                                const MlpReview  *reviews,
                                guint             n_reviews,
                                GError          **error)
{
  int rc = SQLITE_OK;

  g_return_val_if_fail (MLP_IS_STORE (self), FALSE);

  if (n_reviews == 0)
    return TRUE;
  if (!exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (guint i = 0; rc == SQLITE_OK && i < n_reviews; i++)
    {
      const MlpReview *r = &reviews[i];
      sqlite3_stmt *stmt = self->update_review;

      sqlite3_bind_int64 (stmt, 1, r->id);
      sqlite3_bind_double (stmt, 2, r->elapsed_days);
      if (r->stability_before > 0)
        {
          sqlite3_bind_double (stmt, 3, r->stability_before);
          sqlite3_bind_double (stmt, 4, r->difficulty_before);
        }
      sqlite3_bind_double (stmt, 5, r->stability_after);
      sqlite3_bind_double (stmt, 6, r->difficulty_after);
      sqlite3_bind_int64 (stmt, 7, r->due_at);
      rc = step_in_transaction (self, stmt);
    }

  return finish_transaction (self, rc, "Could not save the review schedule", error);
}

/**
 * mlp_store_foreach_review:
 *
 * Calls @func for every review in the log, oldest first.
 */
gboolean
mlp_store_foreach_review (MlpStore            *self,
                          MlpStoreReviewFunc   func,
                          gpointer             user_data,
                          GError             **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (MLP_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT id, question_id, reviewed_at, grade, elapsed_days,"
                           " stability_before, difficulty_before, stability_after,"
                           " difficulty_after, due_at, source, attempt_id"
                           " FROM reviews ORDER BY reviewed_at, id",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          MlpReview review = {
            .id = sqlite3_column_int64 (stmt, 0),
            .question_id = (const char *)sqlite3_column_text (stmt, 1),
            .reviewed_at = sqlite3_column_int64 (stmt, 2),
            .grade = CLAMP (sqlite3_column_int (stmt, 3), 1, 4),
            .elapsed_days = sqlite3_column_double (stmt, 4),
            .stability_before = sqlite3_column_double (stmt, 5),
            .difficulty_before = sqlite3_column_double (stmt, 6),
            .stability_after = sqlite3_column_double (stmt, 7),
            .difficulty_after = sqlite3_column_double (stmt, 8),
            .due_at = sqlite3_column_int64 (stmt, 9),
            .source = (const char *)sqlite3_column_text (stmt, 10),
            .attempt_id = sqlite3_column_int64 (stmt, 11),
            .has_state = sqlite3_column_type (stmt, 7) != SQLITE_NULL,
          };

          func (&review, user_data);
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (self->db, rc, "Could not read your review history", error);
  return TRUE;
}

/* Notes and the review queue are both "id → text, time" tables: @value
 * NULL or empty deletes the row, anything else writes it. */
static gboolean
set_keyed_row (MlpStore      *self,
               sqlite3_stmt  *set,
               sqlite3_stmt  *delete,
               const char    *key,
               const char    *value,
               gint64         when,
               GError       **error)
{
  if (value == NULL || *value == '\0')
    {
      sqlite3_bind_text (delete, 1, key, -1, SQLITE_TRANSIENT);
      return step_once (self, delete, error);
    }

  sqlite3_bind_text (set, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (set, 2, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (set, 3, when);
  return step_once (self, set, error);
}

static gboolean
foreach_keyed_row (MlpStore          *self,
                   const char        *sql,
                   MlpStoreNoteFunc   func,
                   gpointer           user_data,
                   const char        *what,
                   GError           **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      func ((const char *)sqlite3_column_text (stmt, 0),
            (const char *)sqlite3_column_text (stmt, 1),
            sqlite3_column_int64 (stmt, 2), user_data);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (self->db, rc, what, error);
  return TRUE;
}

/**
 * mlp_store_set_note:
 * @target_id: a checklist item or question id
 * @body: (nullable): the note; %NULL or empty deletes it
 *
 * Saves the user's note; on file when this returns TRUE (see
 * mlp_store_set_checked()).
 */
gboolean
mlp_store_set_note (MlpStore    *self,
                    const char  *target_id,
                    const char  *body,
                    gint64       changed_at,
                    GError     **error)
{
  g_return_val_if_fail (MLP_IS_STORE (self), FALSE);
  g_return_val_if_fail (target_id != NULL, FALSE);

  return set_keyed_row (self, self->set_note, self->delete_note, target_id, body, changed_at, error);
}

/**
 * mlp_store_foreach_note:
 */
gboolean
mlp_store_foreach_note (MlpStore          *self,
                        MlpStoreNoteFunc   func,
                        gpointer           user_data,
                        GError           **error)
{
  g_return_val_if_fail (MLP_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  return foreach_keyed_row (self, "SELECT target_id, body, changed_at FROM notes",
                            func, user_data, "Could not read your notes", error);
}

/**
 * mlp_store_set_queued:
 * @item_id: (nullable): the ticked item that brought the question into
 *   review; %NULL takes the question out of the queue
 *
 * Brings a never-answered question into review (ticking a linked item).
 * A question already queued keeps its first time.
 */
gboolean
mlp_store_set_queued (MlpStore    *self,
                      const char  *question_id,
                      const char  *item_id,
                      gint64       queued_at,
                      GError     **error)
{
  g_return_val_if_fail (MLP_IS_STORE (self), FALSE);
  g_return_val_if_fail (question_id != NULL, FALSE);

  return set_keyed_row (self, self->set_queued, self->delete_queued, question_id, item_id,
                        queued_at, error);
}

/**
 * mlp_store_foreach_queued:
 */
gboolean
mlp_store_foreach_queued (MlpStore            *self,
                          MlpStoreQueuedFunc   func,
                          gpointer             user_data,
                          GError             **error)
{
  g_return_val_if_fail (MLP_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  return foreach_keyed_row (self, "SELECT question_id, item_id, queued_at FROM queued",
                            func, user_data, "Could not read your review queue", error);
}

/**
 * mlp_store_add_mock_session:
 * @session: the finished (or abandoned) mock interview with its answers
 * @id_out: (out) (optional): its row id
 *
 * Stores a mock interview and its answers in one transaction.
 */
gboolean
mlp_store_add_mock_session (MlpStore              *self,
                            const MlpMockSession  *session,
                            gint64                *id_out,
                            GError               **error)
{
  sqlite3_stmt *head = NULL, *answer = NULL;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (MLP_IS_STORE (self), FALSE);
  g_return_val_if_fail (session != NULL, FALSE);

  if (!exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  rc = sqlite3_prepare_v2 (self->db,
                           "INSERT INTO mock_sessions (started_at, ended_at, planned,"
                           " seconds_per_question) VALUES (?1, ?2, ?3, ?4)",
                           -1, &head, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (self->db,
                             "INSERT INTO mock_answers (session_id, position, question_id, grade,"
                             " seconds_used, points_mask, points_total)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                             -1, &answer, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (head, 1, session->started_at);
      if (session->ended_at > 0)
        sqlite3_bind_int64 (head, 2, session->ended_at);
      sqlite3_bind_int (head, 3, session->planned);
      sqlite3_bind_int (head, 4, session->seconds_per_question);
      rc = step_in_transaction (self, head);
      id = sqlite3_last_insert_rowid (self->db);
    }
  for (guint i = 0; rc == SQLITE_OK && i < session->n_answers; i++)
    {
      const MlpMockAnswer *a = &session->answers[i];

      sqlite3_bind_int64 (answer, 1, id);
      sqlite3_bind_int (answer, 2, i);
      sqlite3_bind_text (answer, 3, a->question_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (answer, 4, CLAMP (a->grade, 1, 4));
      sqlite3_bind_int (answer, 5, MAX (a->seconds_used, 0));
      sqlite3_bind_int64 (answer, 6, (sqlite3_int64)a->points_mask);
      sqlite3_bind_int (answer, 7, a->points_total);
      rc = step_in_transaction (self, answer);
    }
  sqlite3_finalize (head);
  sqlite3_finalize (answer);

  if (!finish_transaction (self, rc, "Could not save the mock interview", error))
    return FALSE;
  if (id_out)
    *id_out = id;
  return TRUE;
}

/**
 * mlp_store_foreach_mock_session:
 *
 * Calls @func for every stored mock interview, oldest first.
 */
gboolean
mlp_store_foreach_mock_session (MlpStore          *self,
                                MlpStoreMockFunc   func,
                                gpointer           user_data,
                                GError           **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GArray) answers = g_array_new (FALSE, FALSE, sizeof (MlpMockAnswer));
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  MlpMockSession current = { 0 };
  int rc;

  g_return_val_if_fail (MLP_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT s.id, s.started_at, s.ended_at, s.planned, s.seconds_per_question,"
                           " a.question_id, a.grade, a.seconds_used, a.points_mask, a.points_total"
                           " FROM mock_sessions s LEFT JOIN mock_answers a ON a.session_id = s.id"
                           " ORDER BY s.started_at, s.id, a.position",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);

        if (current.id != id)
          {
            if (current.id != 0)
              {
                current.answers = (const MlpMockAnswer *)(gpointer)answers->data;
                current.n_answers = answers->len;
                func (&current, user_data);
                g_array_set_size (answers, 0);
                g_ptr_array_set_size (strings, 0);
              }
            current = (MlpMockSession) {
              .id = id,
              .started_at = sqlite3_column_int64 (stmt, 1),
              .ended_at = sqlite3_column_int64 (stmt, 2),
              .planned = sqlite3_column_int (stmt, 3),
              .seconds_per_question = sqlite3_column_int (stmt, 4),
            };
          }
        if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
          {
            char *question_id = g_strdup ((const char *)sqlite3_column_text (stmt, 5));
            MlpMockAnswer a = {
              .question_id = question_id,
              .grade = CLAMP (sqlite3_column_int (stmt, 6), 1, 4),
              .seconds_used = sqlite3_column_int (stmt, 7),
              .points_mask = (guint64)sqlite3_column_int64 (stmt, 8),
              .points_total = sqlite3_column_int (stmt, 9),
            };

            g_ptr_array_add (strings, question_id);
            g_array_append_val (answers, a);
          }
      }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (self->db, rc, "Could not read your mock interviews", error);

  if (current.id != 0)
    {
      current.answers = (const MlpMockAnswer *)(gpointer)answers->data;
      current.n_answers = answers->len;
      func (&current, user_data);
    }
  return TRUE;
}

sqlite3 *
mlp_store_get_db (MlpStore *self)
{
  g_return_val_if_fail (MLP_IS_STORE (self), NULL);
  return self->db;
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

  /* The file's content is replaced under the main connection: no other
   * connection of ours may be checkpointing it meanwhile. */
  syncer_stop (self);
  ok = copy_database (db, self->db, error);
  sqlite3_close (db);

  ok = ok &&
       exec (self->db, "PRAGMA journal_mode = WAL", error) &&
       migrate (self->db, version, error);

  /* The copy commits without passing the WAL hook: count it. */
  if (self->path != NULL)
    note_commit (self, 0);
  syncer_start (self);

  return ok;
}
