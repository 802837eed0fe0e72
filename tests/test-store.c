/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "mlp-store.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("mlprep-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "sub", "progress.db", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children && (info = g_file_enumerator_next_file (children, NULL, NULL)))
    {
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
      g_object_unref (info);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_chmod (fixture->dir, 0700);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
collect_checked (const char *item_id,
                 gint64      changed_at,
                 gpointer    user_data)
{
  g_hash_table_insert (user_data, g_strdup (item_id), GINT_TO_POINTER ((int)changed_at));
}

static GHashTable *
load_checked (MlpStore *store)
{
  GHashTable *checked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (mlp_store_foreach_checked (store, collect_checked, checked, &error));
  g_assert_no_error (error);
  return checked;
}

static void
collect_attempt (const MlpAttempt *attempt,
                 gpointer          user_data)
{
  MlpAttempt *copy = g_new0 (MlpAttempt, 1);

  *copy = *attempt;
  copy->question_id = g_strdup (attempt->question_id);
  copy->choice_id = g_strdup (attempt->choice_id);
  copy->answer_text = g_strdup (attempt->answer_text);
  g_hash_table_insert (user_data, (char *)copy->question_id, copy);
}

static void
free_attempt (gpointer data)
{
  MlpAttempt *attempt = data;

  g_free ((char *)attempt->choice_id);
  g_free ((char *)attempt->answer_text);
  g_free (attempt);
}

static GHashTable *
load_attempts (MlpStore *store)
{
  GHashTable *attempts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_attempt);
  g_autoptr(GError) error = NULL;

  g_assert_true (mlp_store_foreach_last_attempt (store, collect_attempt, attempts, &error));
  g_assert_no_error (error);
  return attempts;
}

static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return result;
}

/* Copies the database file alone, without its log, and queries the copy:
 * what it shows has been checkpointed into the file. */
static char *
query_file_alone (const char *path,
                  const char *sql)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *copy = g_build_filename (dir, "alone.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_true (g_file_set_contents (copy, contents, length, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (copy, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  for (const char * const *suffix = (const char * const[]){ "", "-wal", "-shm", NULL }; *suffix; suffix++)
    {
      g_autofree char *file = g_strconcat (copy, *suffix, NULL);
      g_remove (file);
    }
  return result;
}

static gboolean
wait_durable (MlpStore *store)
{
  return mlp_store_wait_durable (store, mlp_store_get_commit_serial (store), 5 * G_TIME_SPAN_SECOND);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) checked = NULL;
  g_autoptr(GHashTable) attempts = NULL;
  g_autofree char *mode = NULL;
  MlpAttempt *attempt;
  struct stat st;

  {
    g_autoptr(MlpStore) store = mlp_store_open (fixture->path, &error);
    MlpAttempt first = { .question_id = "q.one", .choice_id = "a", .correct = FALSE, .answered_at = 100 };
    MlpAttempt second = { .question_id = "q.one", .choice_id = "c", .correct = TRUE, .answered_at = 200 };
    MlpAttempt scenario = { .question_id = "q.two", .correct = TRUE, .answered_at = 300,
                            .answer_text = "Roll back, then look at the data.",
                            .points_mask = 0x5, .points_total = 4 };

    g_assert_no_error (error);
    g_assert_null (mlp_store_get_moved_aside_path (store));
    g_assert_cmpstr (mlp_store_get_path (store), ==, fixture->path);

    g_assert_true (mlp_store_set_checked (store, "item.a", TRUE, 10, &error));
    g_assert_true (mlp_store_set_checked (store, "item.b", TRUE, 11, &error));
    g_assert_true (mlp_store_set_checked (store, "item.b", FALSE, 12, &error));
    g_assert_true (mlp_store_set_checked (store, "item.c", TRUE, 13, &error));
    g_assert_true (mlp_store_set_checked (store, "item.c", TRUE, 14, &error));
    g_assert_true (mlp_store_add_attempt (store, &first, &error));
    g_assert_true (mlp_store_add_attempt (store, &second, &error));
    g_assert_true (mlp_store_add_attempt (store, &scenario, &error));
    g_assert_no_error (error);

    /* While open, the write-ahead log holds recent progress: private too. */
    {
      g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);

      g_assert_cmpint (g_stat (wal, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }
  }

  /* Reopen: everything acknowledged is there. */
  {
    g_autoptr(MlpStore) store = mlp_store_open (fixture->path, &error);

    g_assert_no_error (error);
    checked = load_checked (store);
    g_assert_cmpuint (g_hash_table_size (checked), ==, 2);
    g_assert_true (g_hash_table_contains (checked, "item.a"));
    g_assert_false (g_hash_table_contains (checked, "item.b"));
    g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (checked, "item.c")), ==, 14);

    attempts = load_attempts (store);
    g_assert_cmpuint (g_hash_table_size (attempts), ==, 2);
    attempt = g_hash_table_lookup (attempts, "q.one");
    g_assert_cmpstr (attempt->choice_id, ==, "c");
    g_assert_true (attempt->correct);
    g_assert_cmpint (attempt->answered_at, ==, 200);
    attempt = g_hash_table_lookup (attempts, "q.two");
    g_assert_null (attempt->choice_id);
    g_assert_cmpstr (attempt->answer_text, ==, "Roll back, then look at the data.");
    g_assert_cmpuint (attempt->points_mask, ==, 0x5);
    g_assert_cmpuint (attempt->points_total, ==, 4);
  }

  /* Every attempt is kept, not just the last. */
  mode = query_text (fixture->path, "SELECT count(*) FROM attempts");
  g_assert_cmpstr (mode, ==, "3");
  g_clear_pointer (&mode, g_free);

  /* Durable settings and private file mode. */
  mode = query_text (fixture->path, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

}

static void
test_new_file_version (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlpStore) store = mlp_store_open (fixture->path, &error);
  g_autofree char *version = NULL;

  /* The folder is created and the new file is at the current schema. */
  g_assert_no_error (error);
  version = query_text (fixture->path, "PRAGMA user_version");
  g_assert_cmpint (atoi (version), ==, MLP_STORE_SCHEMA_VERSION);
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
test_migrate_v1 (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *fixture_sql = g_test_build_filename (G_TEST_DIST, "fixtures", "progress-v1.sql", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *version = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MlpStore) store = NULL;
  g_autoptr(GHashTable) checked = NULL;
  g_autoptr(GHashTable) attempts = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  MlpAttempt *attempt;
  MlpAttempt scenario = { .question_id = "t-alpha.q.scenario", .correct = TRUE,
                          .answered_at = 1764000500, .points_mask = 3, .points_total = 4 };
  sqlite3 *db;

  g_assert_true (g_file_get_contents (fixture_sql, &sql, NULL, NULL));
  g_mkdir_with_parents (dir, 0700);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = mlp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_null (mlp_store_get_moved_aside_path (store));

  version = query_text (fixture->path, "PRAGMA user_version");
  g_assert_cmpint (atoi (version), ==, MLP_STORE_SCHEMA_VERSION);

  checked = load_checked (store);
  g_assert_cmpuint (g_hash_table_size (checked), ==, 2);
  g_assert_true (g_hash_table_contains (checked, "t-alpha.first"));
  g_assert_true (g_hash_table_contains (checked, "t-beta.only"));

  attempts = load_attempts (store);
  attempt = g_hash_table_lookup (attempts, "t-alpha.q.choice");
  g_assert_nonnull (attempt);
  g_assert_cmpstr (attempt->choice_id, ==, "b");
  g_assert_true (attempt->correct);
  g_assert_cmpuint (attempt->points_total, ==, 0);

  /* The migrated file takes the new kind of attempt. */
  g_assert_true (mlp_store_add_attempt (store, &scenario, &error));
  g_assert_no_error (error);
}

static void
load_sql_fixture (Fixture    *fixture,
                  const char *name)
{
  g_autofree char *fixture_sql = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autofree char *sql = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  sqlite3 *db;

  g_assert_true (g_file_get_contents (fixture_sql, &sql, NULL, NULL));
  g_mkdir_with_parents (dir, 0700);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
collect_review (const MlpReview *review,
                gpointer         user_data)
{
  MlpReview *copy = g_new0 (MlpReview, 1);

  *copy = *review;
  copy->question_id = g_strdup (review->question_id);
  copy->source = g_strdup (review->source);
  g_ptr_array_add (user_data, copy);
}

static void
free_review (gpointer data)
{
  MlpReview *review = data;

  g_free ((char *)review->question_id);
  g_free ((char *)review->source);
  g_free (review);
}

static GPtrArray *
load_reviews (MlpStore *store)
{
  GPtrArray *reviews = g_ptr_array_new_with_free_func (free_review);
  g_autoptr(GError) error = NULL;

  g_assert_true (mlp_store_foreach_review (store, collect_review, reviews, &error));
  g_assert_no_error (error);
  return reviews;
}

/* Schema 2 → 3: every attempt becomes a review to be scheduled, in time
 * order, right = Good and wrong = Again, states left for the library. */
static void
test_migrate_v2 (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlpStore) store = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GHashTable) attempts = NULL;
  g_autofree char *version = NULL;
  MlpReview *r;

  load_sql_fixture (fixture, "progress-v2.sql");
  store = mlp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  version = query_text (fixture->path, "PRAGMA user_version");
  g_assert_cmpint (atoi (version), ==, MLP_STORE_SCHEMA_VERSION);

  attempts = load_attempts (store);
  g_assert_cmpuint (g_hash_table_size (attempts), ==, 2);

  reviews = load_reviews (store);
  g_assert_cmpuint (reviews->len, ==, 3);
  /* Ordered by time, not by row: the scenario came second. */
  r = reviews->pdata[0];
  g_assert_cmpstr (r->question_id, ==, "t-alpha.q.choice");
  g_assert_cmpint (r->grade, ==, 1);
  g_assert_cmpint (r->reviewed_at, ==, 1764000300);
  g_assert_cmpint (r->attempt_id, ==, 1);
  g_assert_cmpstr (r->source, ==, "migrated");
  g_assert_false (r->has_state);
  r = reviews->pdata[1];
  g_assert_cmpstr (r->question_id, ==, "t-alpha.q.scenario");
  g_assert_cmpint (r->grade, ==, 3);
  r = reviews->pdata[2];
  g_assert_cmpint (r->grade, ==, 3);
  g_assert_cmpint (r->attempt_id, ==, 2);
}

static void
test_review_log (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlpStore) store = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autofree char *count = NULL;
  MlpAttempt attempt = { .question_id = "t.q.one", .choice_id = "c", .correct = TRUE,
                         .answered_at = 1764000000 };
  MlpReview review = { .question_id = "t.q.one", .reviewed_at = 1764000000, .grade = 3,
                       .stability_after = 3.17, .difficulty_after = 5.5,
                       .due_at = 1764000000 + 3 * 86400, .source = "review" };
  MlpReview second = { .question_id = "t.q.one", .reviewed_at = 1764259200, .grade = 1,
                       .elapsed_days = 3, .stability_before = 3.17, .difficulty_before = 5.5,
                       .stability_after = 1.1, .difficulty_after = 7.0,
                       .due_at = 1764259200 + 86400, .source = "quiz" };
  MlpReview *r;

  store = mlp_store_open (fixture->path, &error);
  g_assert_no_error (error);

  g_assert_true (mlp_store_record_answer (store, &attempt, &review, &error));
  g_assert_no_error (error);
  g_assert_cmpint (review.attempt_id, ==, mlp_store_get_last_attempt_id (store));
  g_assert_cmpint (review.id, >, 0);
  g_assert_true (mlp_store_add_review (store, &second, &error));
  g_assert_no_error (error);

  reviews = load_reviews (store);
  g_assert_cmpuint (reviews->len, ==, 2);
  r = reviews->pdata[0];
  g_assert_true (r->has_state);
  g_assert_cmpfloat_with_epsilon (r->stability_before, 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r->stability_after, 3.17, 1e-12);
  g_assert_cmpint (r->due_at, ==, 1764000000 + 3 * 86400);
  g_assert_cmpstr (r->source, ==, "review");
  r = reviews->pdata[1];
  g_assert_cmpfloat_with_epsilon (r->difficulty_before, 5.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (r->elapsed_days, 3, 1e-12);

  /* Computed states are written back by id. */
  second.id = ((MlpReview *)reviews->pdata[1])->id;
  second.stability_after = 2.5;
  g_assert_true (mlp_store_update_review_states (store, &second, 1, &error));
  g_assert_no_error (error);
  count = query_text (fixture->path, "SELECT stability_after FROM reviews ORDER BY id DESC LIMIT 1");
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (count, NULL), 2.5, 1e-12);
  g_clear_pointer (&count, g_free);

  /* Undo takes the attempt and its review together. */
  g_assert_true (mlp_store_delete_answer (store, review.attempt_id, review.id, &error));
  g_assert_no_error (error);
  count = query_text (fixture->path, "SELECT count(*) FROM attempts");
  g_assert_cmpstr (count, ==, "0");
  g_clear_pointer (&count, g_free);
  count = query_text (fixture->path, "SELECT count(*) FROM reviews");
  g_assert_cmpstr (count, ==, "1");
  g_clear_pointer (&count, g_free);

  /* A reset forgets the question's reviews and its place in the queue,
   * but not the user's note. */
  g_assert_true (mlp_store_set_queued (store, "t.q.one", "t.item", 1764000000, &error));
  g_assert_true (mlp_store_set_note (store, "t.q.one", "from work", 1764000000, &error));
  g_assert_true (mlp_store_forget (store, NULL, (const char *[]) { "t.q.one", NULL }, &error));
  g_assert_no_error (error);
  count = query_text (fixture->path, "SELECT count(*) FROM reviews");
  g_assert_cmpstr (count, ==, "0");
  g_clear_pointer (&count, g_free);
  count = query_text (fixture->path, "SELECT count(*) FROM queued");
  g_assert_cmpstr (count, ==, "0");
  g_clear_pointer (&count, g_free);
  count = query_text (fixture->path, "SELECT body FROM notes");
  g_assert_cmpstr (count, ==, "from work");
}

static void
collect_pair (const char *id,
              const char *value,
              gint64      when,
              gpointer    user_data)
{
  g_hash_table_insert (user_data, g_strdup (id), g_strdup_printf ("%s@%" G_GINT64_FORMAT, value, when));
}

static void
test_notes_and_queue (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlpStore) store = NULL;
  g_autoptr(GHashTable) notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) queued = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  store = mlp_store_open (fixture->path, &error);
  g_assert_no_error (error);

  g_assert_true (mlp_store_set_note (store, "t.item", "first", 100, &error));
  g_assert_true (mlp_store_set_note (store, "t.item", "second, with 'quotes'", 200, &error));
  g_assert_true (mlp_store_set_note (store, "t.q.two", "kept", 300, &error));
  g_assert_true (mlp_store_set_note (store, "t.q.gone", "short-lived", 300, &error));
  g_assert_true (mlp_store_set_note (store, "t.q.gone", "", 400, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = mlp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (mlp_store_foreach_note (store, collect_pair, notes, &error));
  g_assert_cmpuint (g_hash_table_size (notes), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (notes, "t.item"), ==, "second, with 'quotes'@200");
  g_assert_cmpstr (g_hash_table_lookup (notes, "t.q.two"), ==, "kept@300");

  /* Queued once: a second tick keeps the first time; NULL item unqueues. */
  g_assert_true (mlp_store_set_queued (store, "t.q.one", "t.item", 500, &error));
  g_assert_true (mlp_store_set_queued (store, "t.q.one", "t.other", 600, &error));
  g_assert_true (mlp_store_set_queued (store, "t.q.two", "t.item", 700, &error));
  g_assert_true (mlp_store_set_queued (store, "t.q.two", NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_true (mlp_store_foreach_queued (store, collect_pair, queued, &error));
  g_assert_cmpuint (g_hash_table_size (queued), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (queued, "t.q.one"), ==, "t.item@500");
}

static void
collect_session (const MlpMockSession *session,
                 gpointer              user_data)
{
  GString *out = user_data;

  g_string_append_printf (out, "[%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT " %u/%u %us:",
                          session->started_at, session->ended_at, session->n_answers,
                          session->planned, session->seconds_per_question);
  for (guint i = 0; i < session->n_answers; i++)
    g_string_append_printf (out, " %s=%d/%ds/%u", session->answers[i].question_id,
                            session->answers[i].grade, session->answers[i].seconds_used,
                            session->answers[i].points_total);
  g_string_append (out, "]");
}

static void
test_mock_sessions (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlpStore) store = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  MlpMockAnswer answers[] = {
    { "t.q.a", 3, 200, 5, 4 },
    { "t.q.b", 1, 240, 0, 3 },
  };
  MlpMockSession finished = { .started_at = 1000, .ended_at = 1500, .planned = 2,
                              .seconds_per_question = 240, .answers = answers, .n_answers = 2 };
  MlpMockSession abandoned = { .started_at = 2000, .planned = 5, .seconds_per_question = 60,
                               .answers = answers, .n_answers = 1 };
  MlpMockSession empty = { .started_at = 3000, .ended_at = 3001, .planned = 3,
                           .seconds_per_question = 60 };
  gint64 id = 0;

  store = mlp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (mlp_store_add_mock_session (store, &abandoned, &id, &error));
  g_assert_true (mlp_store_add_mock_session (store, &finished, &id, &error));
  g_assert_true (mlp_store_add_mock_session (store, &empty, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, 2);

  g_assert_true (mlp_store_foreach_mock_session (store, collect_session, out, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (out->str, ==,
                   "[1000-1500 2/2 240s: t.q.a=3/200s/4 t.q.b=1/240s/3]"
                   "[2000-0 1/5 60s: t.q.a=3/200s/4]"
                   "[3000-3001 0/3 60s:]");
}

/* Opens @fixture's path, expecting the file there to be moved aside for
 * @recovery with its bytes intact, and a working database in its place. */
static void
expect_moved_aside (Fixture          *fixture,
                    MlpStoreRecovery  recovery,
                    const char       *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlpStore) store = NULL;
  g_autoptr(GHashTable) checked = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *pattern = g_strdup_printf ("\\.%s-\\d{8}-\\d{6}(-\\d+)?$", reason);
  gsize before_len = 0, after_len = 0;

  g_assert_true (g_file_get_contents (fixture->path, &before, &before_len, NULL));

  store = mlp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mlp_store_get_recovery (store), ==, recovery);
  g_assert_nonnull (mlp_store_get_moved_aside_path (store));
  g_assert_true (g_str_has_prefix (mlp_store_get_moved_aside_path (store), fixture->path));
  g_assert_true (g_regex_match_simple (pattern, mlp_store_get_moved_aside_path (store), 0, 0));

  g_assert_true (g_file_get_contents (mlp_store_get_moved_aside_path (store), &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);

  /* And a fresh, working database took its place. */
  checked = load_checked (store);
  g_assert_cmpuint (g_hash_table_size (checked), ==, 0);
  g_assert_true (mlp_store_set_checked (store, "item.a", TRUE, 1, &error));
  g_assert_no_error (error);
}

static void
test_garbage_moved_aside (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *big = g_strnfill (8192, 'x');
  g_autofree char *contents = g_strconcat ("This is not a database, just some text that happens to be here.\n",
                                           big, NULL);

  write_file (fixture->path, contents, -1);
  expect_moved_aside (fixture, MLP_STORE_RECOVERY_DAMAGED, "corrupt");
}

static void
test_empty_moved_aside (Fixture       *fixture,
                        gconstpointer  data)
{
  write_file (fixture->path, "", 0);
  expect_moved_aside (fixture, MLP_STORE_RECOVERY_EMPTY, "empty");
}

static void
test_truncated_moved_aside (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  {
    g_autoptr(MlpStore) store = mlp_store_open (fixture->path, &error);

    g_assert_no_error (error);
    for (int i = 0; i < 400; i++)
      {
        g_autofree char *id = g_strdup_printf ("stage.item-with-a-longish-id-%d", i);

        g_assert_true (mlp_store_set_checked (store, id, TRUE, i, &error));
      }
  }

  /* Cut the file in the middle of a page, as a crash of the disk might. */
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 3 * 4096);
  write_file (fixture->path, contents, length - 4096 - 1000);
  expect_moved_aside (fixture, MLP_STORE_RECOVERY_DAMAGED, "corrupt");
}

static void
test_foreign_moved_aside (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  sqlite3 *db;

  /* A healthy database of another program must not get our tables. */
  g_mkdir_with_parents (dir, 0700);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);"
                                     "INSERT INTO moz_places (url) VALUES ('https://example.com');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  expect_moved_aside (fixture, MLP_STORE_RECOVERY_FOREIGN, "foreign");
}

static void
test_too_new_left_alone (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlpStore) store = NULL;
  g_autofree char *version = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  sqlite3 *db;

  g_mkdir_with_parents (dir, 0700);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 99;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = mlp_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, MLP_STORE_ERROR, MLP_STORE_ERROR_TOO_NEW);
  g_assert_true (strstr (error->message, fixture->path) != NULL);

  version = query_text (fixture->path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "99");
}

static void
test_unwritable_folder (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlpStore) store = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "locked", "progress.db", NULL);
  g_autofree char *locked = g_path_get_dirname (path);

  if (geteuid () == 0)
    {
      /* root ignores permissions; use a path below a regular file instead */
      g_autofree char *file = g_build_filename (fixture->dir, "file", NULL);

      write_file (file, "x", 1);
      g_free (path);
      path = g_build_filename (file, "progress.db", NULL);
    }
  else
    {
      g_mkdir (locked, 0500);
    }

  store = mlp_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, MLP_STORE_ERROR, MLP_STORE_ERROR_IO);
  g_assert_true (strstr (error->message, "progress") != NULL ||
                 strstr (error->message, "folder") != NULL);
}

static GDateTime *
day (int d)
{
  return g_date_time_new_utc (2026, 11, d, 20, 0, 0);
}

static void
test_backups (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlpStore) store = mlp_store_open (fixture->path, &error);
  g_autofree char *folder = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *first = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GHashTable) checked = NULL;
  MlpAttempt attempt = { .question_id = "q.one", .choice_id = "a", .answered_at = 1 };
  guint n_checked = 0, n_attempts = 0;
  struct stat st;

  g_assert_no_error (error);
  g_assert_true (mlp_store_set_checked (store, "item.a", TRUE, 1, &error));
  g_assert_true (mlp_store_add_attempt (store, &attempt, &error));

  /* One copy a day, private, complete. */
  {
    g_autoptr(GDateTime) now = day (20);

    first = mlp_store_backup_daily (store, folder, now, &error);
    g_assert_no_error (error);
    g_assert_nonnull (first);
    g_assert_true (g_str_has_suffix (first, "/progress-2026-11-20.db"));
    g_assert_null (mlp_store_backup_daily (store, folder, now, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (g_stat (first, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (mlp_store_describe_backup (first, &n_checked, &n_attempts, &error));
  g_assert_cmpuint (n_checked, ==, 1);
  g_assert_cmpuint (n_attempts, ==, 1);

  /* Later days: only the newest seven stay. */
  for (int d = 21; d <= 28; d++)
    {
      g_autoptr(GDateTime) now = day (d);
      g_autofree char *path = mlp_store_backup_daily (store, folder, now, &error);

      g_assert_no_error (error);
      g_assert_nonnull (path);
    }
  backups = mlp_store_list_backups (folder);
  g_assert_cmpuint (backups->len, ==, MLP_STORE_BACKUPS_KEPT);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (backups, 0), "progress-2026-11-28.db"));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (backups, 6), "progress-2026-11-22.db"));
  g_assert_false (g_file_test (first, G_FILE_TEST_EXISTS));

  /* Restore: progress made after the backup goes, the backup's comes back. */
  g_assert_true (mlp_store_set_checked (store, "item.a", FALSE, 2, &error));
  g_assert_true (mlp_store_set_checked (store, "item.b", TRUE, 3, &error));
  g_assert_true (mlp_store_restore_backup (store, g_ptr_array_index (backups, 0), &error));
  g_assert_no_error (error);
  checked = load_checked (store);
  g_assert_cmpuint (g_hash_table_size (checked), ==, 1);
  g_assert_true (g_hash_table_contains (checked, "item.a"));

  /* And the store keeps working on the restored data, its syncer too. */
  g_assert_true (mlp_store_set_checked (store, "item.c", TRUE, 4, &error));
  g_assert_no_error (error);
  g_assert_true (wait_durable (store));
  g_clear_pointer (&checked, g_hash_table_unref);
  checked = load_checked (store);
  g_assert_true (g_hash_table_contains (checked, "item.c"));
  {
    g_autofree char *seen = query_text (fixture->path, "SELECT checked FROM checks WHERE item_id = 'item.c'");

    g_assert_cmpstr (seen, ==, "1");
  }
}

static void
test_restore_refuses_bad_backups (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlpStore) store = mlp_store_open (fixture->path, &error);
  g_autofree char *garbage = g_build_filename (fixture->dir, "garbage.db", NULL);
  g_autoptr(GHashTable) checked = NULL;

  g_assert_true (mlp_store_set_checked (store, "item.a", TRUE, 1, &error));
  write_file (garbage, "not a database at all, just some text here", -1);

  g_assert_false (mlp_store_restore_backup (store, garbage, &error));
  g_assert_error (error, MLP_STORE_ERROR, MLP_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (mlp_store_restore_backup (store, "/nonexistent/backup.db", &error));
  g_clear_error (&error);

  checked = load_checked (store);
  g_assert_true (g_hash_table_contains (checked, "item.a"));
}

static void
test_restore_older_backup (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *fixture_sql = g_test_build_filename (G_TEST_DIST, "fixtures", "progress-v1.sql", NULL);
  g_autofree char *backup = g_build_filename (fixture->dir, "progress-2026-01-01.db", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MlpStore) store = mlp_store_open (fixture->path, &error);
  g_autoptr(GHashTable) checked = NULL;
  MlpAttempt scenario = { .question_id = "q.s", .answered_at = 1, .points_mask = 1, .points_total = 3 };
  sqlite3 *db;

  g_assert_true (g_file_get_contents (fixture_sql, &sql, NULL, NULL));
  g_assert_cmpint (sqlite3_open (backup, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  /* A backup from schema 1 is migrated as it comes back. */
  g_assert_true (mlp_store_restore_backup (store, backup, &error));
  g_assert_no_error (error);
  checked = load_checked (store);
  g_assert_true (g_hash_table_contains (checked, "t-alpha.first"));
  g_assert_true (mlp_store_add_attempt (store, &scenario, &error));
  g_assert_no_error (error);
  g_assert_true (wait_durable (store));
}

static void
test_in_memory_copy (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlpStore) copy = NULL;
  g_autoptr(GHashTable) checked = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  {
    g_autoptr(MlpStore) store = mlp_store_open (fixture->path, &error);

    g_assert_no_error (error);
    g_assert_true (mlp_store_set_checked (store, "item.a", TRUE, 1, &error));
  }
  g_assert_true (g_file_get_contents (fixture->path, &before, NULL, NULL));

  /* For a folder that cannot be written: the saved progress, in memory. */
  copy = mlp_store_new_in_memory_copy (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_null (mlp_store_get_path (copy));
  checked = load_checked (copy);
  g_assert_true (g_hash_table_contains (checked, "item.a"));
  g_assert_true (mlp_store_set_checked (copy, "item.b", TRUE, 2, &error));
  g_assert_no_error (error);

  /* The file is not touched. */
  g_assert_true (g_file_get_contents (fixture->path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);

  g_assert_null (mlp_store_new_in_memory_copy ("/nonexistent/progress.db", &error));
  g_assert_nonnull (error);
}

static void
test_in_memory (void)
{
  g_autoptr(MlpStore) store = mlp_store_new_in_memory ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) checked = NULL;

  g_assert_null (mlp_store_get_path (store));
  g_assert_true (mlp_store_set_checked (store, "item.a", TRUE, 1, &error));
  g_assert_no_error (error);
  checked = load_checked (store);
  g_assert_true (g_hash_table_contains (checked, "item.a"));
}

static void
test_in_memory_durable (void)
{
  g_autoptr(MlpStore) store = mlp_store_new_in_memory ();
  g_autoptr(GError) error = NULL;
  gint64 start;

  /* Nothing to sync: no serial, and no waiting for one. */
  g_assert_true (mlp_store_set_checked (store, "item.a", TRUE, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mlp_store_get_commit_serial (store), ==, 0);
  start = g_get_monotonic_time ();
  g_assert_true (mlp_store_wait_durable (store, 1000, 5 * G_TIME_SPAN_SECOND));
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_TIME_SPAN_SECOND);
}

static void
test_durable (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlpStore) store = mlp_store_open (fixture->path, &error);
  g_autofree char *seen = NULL;
  guint64 before;

  g_assert_no_error (error);
  before = mlp_store_get_commit_serial (store);
  g_assert_true (mlp_store_set_checked (store, "item.a", TRUE, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mlp_store_get_commit_serial (store), ==, before + 1);
  g_assert_true (wait_durable (store));
  /* Asking again, or for an older serial, does not wait. */
  g_assert_true (mlp_store_wait_durable (store, before, 0));

  /* A second connection, read-only, sees the row while the store is open. */
  seen = query_text (fixture->path, "SELECT checked FROM checks WHERE item_id = 'item.a'");
  g_assert_cmpstr (seen, ==, "1");

  /* A serial not committed yet is not durable: the wait times out. */
  g_assert_false (mlp_store_wait_durable (store, mlp_store_get_commit_serial (store) + 1,
                                          10 * G_TIME_SPAN_MILLISECOND));
}

/* Notes of 16 KiB: a few pages each, so that a few hundred of them grow
 * the log past the length at which the syncer starts it over. */
static void
write_long_notes (MlpStore *store,
                  guint     n_notes)
{
  g_autofree char *body = g_strnfill (16 * 1024, 'n');
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_notes; i++)
    {
      g_autofree char *target = g_strdup_printf ("item.%u", i);

      g_assert_true (mlp_store_set_note (store, target, body, i, &error));
      g_assert_no_error (error);
      /* At a person's pace: the syncer has caught up before each write. */
      g_assert_true (wait_durable (store));
    }
}

static void
test_syncer_checkpoints (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlpStore) store = mlp_store_open (fixture->path, &error);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *version = NULL;
  g_autofree char *n_notes = NULL;
  GStatBuf st;

  /* The main connection never checkpoints: without the syncer's first
   * round the new file's schema would be in its log only. */
  g_assert_no_error (error);
  g_assert_true (wait_durable (store));
  version = query_file_alone (fixture->path, "PRAGMA user_version");
  g_assert_cmpint (atoi (version), ==, MLP_STORE_SCHEMA_VERSION);

  /* A long session: the syncer copies the log into the file when it has
   * grown long and starts it over, so the log stays bounded. Here over
   * 8 MB of frames are written (four pages or more a note); the log is
   * started over past about 4 MB. */
  write_long_notes (store, 500);
  n_notes = query_file_alone (fixture->path, "SELECT count(*) FROM notes");
  g_assert_cmpint (atoi (n_notes), >, 0);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_size, <, 6 * 1024 * 1024);
}

static void
test_burst_durable (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlpStore) store = mlp_store_open (fixture->path, &error);
  g_autofree char *count = NULL;
  guint total = 0;

  g_assert_no_error (error);

  /* Bursts of commits while the syncer is at work: the last serial of
   * each becomes durable, none is lost between two rounds. */
  for (guint round = 0; round < 30; round++)
    {
      guint n = g_test_rand_int_range (1, 60);

      for (guint i = 0; i < n; i++, total++)
        {
          g_autofree char *item = g_strdup_printf ("item.%u", total);

          g_assert_true (mlp_store_set_checked (store, item, TRUE, total, &error));
          g_assert_no_error (error);
        }
      g_assert_true (wait_durable (store));
    }

  count = query_text (fixture->path, "SELECT count(*) FROM checks");
  g_assert_cmpint (atoi (count), ==, total);
}

/* A VFS over the default one that counts syncs: those on the thread that
 * commits (the main thread in the app) and those on any other. */
typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;
} CountingFile;

static sqlite3_vfs *real_vfs;
static GThread *committing_thread;
static int committing_thread_syncs;
static int other_thread_syncs;

#define REAL(file) (((CountingFile *)(file))->real)

static int
counting_close (sqlite3_file *file)
{
  return REAL (file)->pMethods->xClose (REAL (file));
}

static int
counting_read (sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset)
{
  return REAL (file)->pMethods->xRead (REAL (file), buffer, amount, offset);
}

static int
counting_write (sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset)
{
  return REAL (file)->pMethods->xWrite (REAL (file), buffer, amount, offset);
}

static int
counting_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  return REAL (file)->pMethods->xTruncate (REAL (file), size);
}

static int
counting_sync (sqlite3_file *file, int flags)
{
  g_atomic_int_inc (g_thread_self () == committing_thread ? &committing_thread_syncs
                                                          : &other_thread_syncs);
  return REAL (file)->pMethods->xSync (REAL (file), flags);
}

static int
counting_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  return REAL (file)->pMethods->xFileSize (REAL (file), size);
}

static int
counting_lock (sqlite3_file *file, int level)
{
  return REAL (file)->pMethods->xLock (REAL (file), level);
}

static int
counting_unlock (sqlite3_file *file, int level)
{
  return REAL (file)->pMethods->xUnlock (REAL (file), level);
}

static int
counting_check_reserved_lock (sqlite3_file *file, int *out)
{
  return REAL (file)->pMethods->xCheckReservedLock (REAL (file), out);
}

static int
counting_file_control (sqlite3_file *file, int op, void *arg)
{
  return REAL (file)->pMethods->xFileControl (REAL (file), op, arg);
}

static int
counting_sector_size (sqlite3_file *file)
{
  return REAL (file)->pMethods->xSectorSize (REAL (file));
}

static int
counting_device_characteristics (sqlite3_file *file)
{
  return REAL (file)->pMethods->xDeviceCharacteristics (REAL (file));
}

static int
counting_shm_map (sqlite3_file *file, int page, int page_size, int extend, void volatile **out)
{
  return REAL (file)->pMethods->xShmMap (REAL (file), page, page_size, extend, out);
}

static int
counting_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  return REAL (file)->pMethods->xShmLock (REAL (file), offset, n, flags);
}

static void
counting_shm_barrier (sqlite3_file *file)
{
  REAL (file)->pMethods->xShmBarrier (REAL (file));
}

static int
counting_shm_unmap (sqlite3_file *file, int delete_flag)
{
  return REAL (file)->pMethods->xShmUnmap (REAL (file), delete_flag);
}

static int
counting_fetch (sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
  return REAL (file)->pMethods->xFetch (REAL (file), offset, amount, out);
}

static int
counting_unfetch (sqlite3_file *file, sqlite3_int64 offset, void *pointer)
{
  return REAL (file)->pMethods->xUnfetch (REAL (file), offset, pointer);
}

static const sqlite3_io_methods counting_io = {
  3, counting_close, counting_read, counting_write, counting_truncate, counting_sync,
  counting_file_size, counting_lock, counting_unlock, counting_check_reserved_lock,
  counting_file_control, counting_sector_size, counting_device_characteristics,
  counting_shm_map, counting_shm_lock, counting_shm_barrier, counting_shm_unmap,
  counting_fetch, counting_unfetch,
};

static int
counting_open (sqlite3_vfs   *vfs,
               const char    *name,
               sqlite3_file  *file,
               int            flags,
               int           *out_flags)
{
  CountingFile *self = (CountingFile *)file;
  int rc;

  self->real = (sqlite3_file *)(self + 1);
  rc = real_vfs->xOpen (real_vfs, name, self->real, flags, out_flags);
  self->base.pMethods = self->real->pMethods ? &counting_io : NULL;
  return rc;
}

static void
test_main_thread_never_syncs (Fixture       *fixture,
                              gconstpointer  data)
{
  sqlite3_vfs counting_vfs;

  real_vfs = sqlite3_vfs_find (NULL);
  g_assert_cmpint (real_vfs->iVersion, >=, 1);
  counting_vfs = *real_vfs;
  counting_vfs.zName = "mlprep-counting";
  counting_vfs.szOsFile = sizeof (CountingFile) + real_vfs->szOsFile;
  counting_vfs.xOpen = counting_open;
  g_assert_cmpint (sqlite3_vfs_register (&counting_vfs, 1), ==, SQLITE_OK);
  committing_thread = g_thread_self ();

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MlpStore) store = mlp_store_open (fixture->path, &error);

    g_assert_no_error (error);
    g_assert_true (wait_durable (store));
    g_atomic_int_set (&committing_thread_syncs, 0);
    g_atomic_int_set (&other_thread_syncs, 0);

    /* Ticks at a person's pace, each after the syncer's round for the
     * one before; then enough to have the log started over. The thread
     * that commits syncs nothing; the syncer syncs for every round. */
    for (guint i = 0; i < 30; i++)
      {
        g_autofree char *item = g_strdup_printf ("item.%u", i);

        g_assert_true (mlp_store_set_checked (store, item, TRUE, i, &error));
        g_assert_no_error (error);
        g_assert_true (wait_durable (store));
      }
    write_long_notes (store, 400);
    g_assert_cmpint (g_atomic_int_get (&committing_thread_syncs), ==, 0);
    g_assert_cmpint (g_atomic_int_get (&other_thread_syncs), >=, 430);
  }

  sqlite3_vfs_unregister (&counting_vfs);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/store/new-file-version", Fixture, NULL, fixture_set_up, test_new_file_version, fixture_tear_down);
  g_test_add ("/store/migrate-v1", Fixture, NULL, fixture_set_up, test_migrate_v1, fixture_tear_down);
  g_test_add ("/store/garbage-moved-aside", Fixture, NULL, fixture_set_up, test_garbage_moved_aside, fixture_tear_down);
  g_test_add ("/store/empty-moved-aside", Fixture, NULL, fixture_set_up, test_empty_moved_aside, fixture_tear_down);
  g_test_add ("/store/truncated-moved-aside", Fixture, NULL, fixture_set_up, test_truncated_moved_aside, fixture_tear_down);
  g_test_add ("/store/foreign-moved-aside", Fixture, NULL, fixture_set_up, test_foreign_moved_aside, fixture_tear_down);
  g_test_add ("/store/too-new-left-alone", Fixture, NULL, fixture_set_up, test_too_new_left_alone, fixture_tear_down);
  g_test_add ("/store/unwritable-folder", Fixture, NULL, fixture_set_up, test_unwritable_folder, fixture_tear_down);
  g_test_add ("/store/backups", Fixture, NULL, fixture_set_up, test_backups, fixture_tear_down);
  g_test_add ("/store/restore-refuses-bad-backups", Fixture, NULL, fixture_set_up, test_restore_refuses_bad_backups, fixture_tear_down);
  g_test_add ("/store/restore-older-backup", Fixture, NULL, fixture_set_up, test_restore_older_backup, fixture_tear_down);
  g_test_add ("/store/in-memory-copy", Fixture, NULL, fixture_set_up, test_in_memory_copy, fixture_tear_down);
  g_test_add_func ("/store/in-memory", test_in_memory);
  g_test_add ("/store/migrate-v2", Fixture, NULL, fixture_set_up, test_migrate_v2, fixture_tear_down);
  g_test_add ("/store/review-log", Fixture, NULL, fixture_set_up, test_review_log, fixture_tear_down);
  g_test_add ("/store/notes-and-queue", Fixture, NULL, fixture_set_up, test_notes_and_queue, fixture_tear_down);
  g_test_add ("/store/mock-sessions", Fixture, NULL, fixture_set_up, test_mock_sessions, fixture_tear_down);
  g_test_add_func ("/store/in-memory-durable", test_in_memory_durable);
  g_test_add ("/store/durable", Fixture, NULL, fixture_set_up, test_durable, fixture_tear_down);
  g_test_add ("/store/syncer-checkpoints", Fixture, NULL, fixture_set_up, test_syncer_checkpoints, fixture_tear_down);
  g_test_add ("/store/burst-durable", Fixture, NULL, fixture_set_up, test_burst_durable, fixture_tear_down);
  g_test_add ("/store/main-thread-never-syncs", Fixture, NULL, fixture_set_up, test_main_thread_never_syncs, fixture_tear_down);

  return g_test_run ();
}
