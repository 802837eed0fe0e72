/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "mlp-library.h"

static char *db_path;

static MlpLibrary *
open_library (void)
{
  g_autoptr(MlpCatalog) catalog = mlp_catalog_new ();
  g_autoptr(MlpStore) store = NULL;
  g_autofree char *pack = g_test_build_filename (G_TEST_DIST, "packs", "good.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pack);
  g_autoptr(GError) error = NULL;

  g_assert_true (mlp_catalog_load_file (catalog, file, &error));
  store = mlp_store_open (db_path, &error);
  g_assert_no_error (error);

  return mlp_library_new (catalog, store);
}

static int
count_rows (const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int n = -1;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return n;
}

static void
test_ticks_persist (void)
{
  {
    g_autoptr(MlpLibrary) library = open_library ();
    MlpCatalog *catalog = mlp_library_get_catalog (library);
    MlpCheckItem *item = mlp_catalog_find_item (catalog, "t-alpha.first");

    mlp_check_item_set_checked (item, TRUE);
    /* Written at once, not at exit. */
    g_assert_cmpint (count_rows ("SELECT count(*) FROM checks WHERE item_id = 't-alpha.first' AND checked = 1"), ==, 1);

    mlp_check_item_set_checked (mlp_catalog_find_item (catalog, "t-beta.only"), TRUE);
    mlp_check_item_set_checked (mlp_catalog_find_item (catalog, "t-beta.only"), FALSE);
    g_assert_cmpint (count_rows ("SELECT count(*) FROM checks WHERE item_id = 't-beta.only' AND checked = 0"), ==, 1);
  }

  {
    g_autoptr(MlpLibrary) library = open_library ();
    MlpCatalog *catalog = mlp_library_get_catalog (library);
    MlpStage *stage = mlp_catalog_find_stage (catalog, "t-alpha");

    g_assert_true (mlp_check_item_get_checked (mlp_catalog_find_item (catalog, "t-alpha.first")));
    g_assert_false (mlp_check_item_get_checked (mlp_catalog_find_item (catalog, "t-alpha.second")));
    g_assert_false (mlp_check_item_get_checked (mlp_catalog_find_item (catalog, "t-beta.only")));
    g_assert_cmpuint (mlp_stage_get_n_checked (stage), ==, 1);

    /* Loading saved state does not write it back again. */
    g_assert_cmpint (count_rows ("SELECT count(*) FROM checks"), ==, 2);
  }
}

static void
test_answers_persist (void)
{
  {
    g_autoptr(MlpLibrary) library = open_library ();
    MlpCatalog *catalog = mlp_library_get_catalog (library);
    MlpQuestion *choice = mlp_catalog_find_question (catalog, "t-alpha.q.choice");
    MlpQuestion *scenario = mlp_catalog_find_question (catalog, "t-alpha.q.scenario");
    MlpStage *stage = mlp_catalog_find_stage (catalog, "t-alpha");

    g_assert_false (mlp_library_answer_choice (library, choice, "a"));
    g_assert_true (mlp_question_get_attempted (choice));
    g_assert_false (mlp_question_get_correct (choice));
    g_assert_cmpuint (mlp_stage_get_n_answered (stage), ==, 1);
    g_assert_cmpuint (mlp_stage_get_n_correct (stage), ==, 0);

    g_assert_true (mlp_library_answer_choice (library, choice, "b"));
    g_assert_cmpuint (mlp_stage_get_n_correct (stage), ==, 1);

    /* Two of four key points: half counts as answered well. */
    g_assert_true (mlp_library_answer_scenario (library, scenario, "Check the pipeline.", 0x3));
    g_assert_cmpuint (mlp_stage_get_n_answered (stage), ==, 2);
    g_assert_cmpuint (mlp_stage_get_n_correct (stage), ==, 2);

    g_assert_cmpint (count_rows ("SELECT count(*) FROM attempts"), ==, 3);
    g_assert_cmpint (count_rows ("SELECT count(*) FROM attempts WHERE question_id = 't-alpha.q.scenario'"
                                 " AND answer_text = 'Check the pipeline.' AND points_mask = 3"
                                 " AND points_total = 4 AND correct = 1 AND choice_id IS NULL"), ==, 1);
    g_assert_cmpint (count_rows ("SELECT count(*) FROM attempts WHERE question_id = 't-alpha.q.choice'"
                                 " AND choice_id = 'a' AND correct = 0 AND answered_at > 1700000000"), ==, 1);
  }

  {
    g_autoptr(MlpLibrary) library = open_library ();
    MlpCatalog *catalog = mlp_library_get_catalog (library);
    MlpStage *stage = mlp_catalog_find_stage (catalog, "t-alpha");

    g_assert_true (mlp_question_get_correct (mlp_catalog_find_question (catalog, "t-alpha.q.choice")));
    g_assert_cmpuint (mlp_stage_get_n_answered (stage), ==, 2);
    g_assert_cmpuint (mlp_stage_get_n_correct (stage), ==, 2);
  }
}

static void
test_scenario_grading (void)
{
  g_assert_false (mlp_library_scenario_passes (0, 4));
  g_assert_false (mlp_library_scenario_passes (0x1, 4));
  g_assert_true (mlp_library_scenario_passes (0x5, 4));
  g_assert_false (mlp_library_scenario_passes (0x1, 3));
  g_assert_true (mlp_library_scenario_passes (0x3, 3));
  /* Bits beyond the key points do not count. */
  g_assert_false (mlp_library_scenario_passes (0xF0, 4));
  g_assert_false (mlp_library_scenario_passes (0x1, 0));
}

static void
test_unknown_progress_kept (void)
{
  /* Progress for content that is not loaded stays in the database. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MlpStore) store = mlp_store_open (db_path, &error);

    g_assert_no_error (error);
    g_assert_true (mlp_store_set_checked (store, "removed-pack.item", TRUE, 5, &error));
  }

  {
    g_autoptr(MlpLibrary) library = open_library ();

    g_assert_null (mlp_catalog_find_item (mlp_library_get_catalog (library), "removed-pack.item"));
    g_assert_cmpint (count_rows ("SELECT count(*) FROM checks WHERE item_id = 'removed-pack.item'"), ==, 1);
  }
}

static void
test_restore_backup (void)
{
  g_autoptr(MlpLibrary) library = open_library ();
  MlpCatalog *catalog = mlp_library_get_catalog (library);
  MlpCheckItem *first = mlp_catalog_find_item (catalog, "t-alpha.first");
  MlpCheckItem *second = mlp_catalog_find_item (catalog, "t-alpha.second");
  MlpQuestion *question = mlp_catalog_find_question (catalog, "t-alpha.q.choice");
  MlpStage *stage = mlp_catalog_find_stage (catalog, "t-alpha");
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *folder = g_build_filename (dir, "backups", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 26, 9, 0, 0);
  g_autofree char *safety = g_build_filename (folder, MLP_STORE_BEFORE_RESTORE_NAME, NULL);
  g_autofree char *db_path_garbage = g_build_filename (dir, "garbage.db", NULL);
  g_autofree char *backup = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (db_path_garbage, "not sqlite", -1, NULL));
  mlp_check_item_set_checked (first, TRUE);
  mlp_check_item_set_checked (second, FALSE);
  backup = mlp_store_backup_daily (mlp_library_get_store (library), folder, now, &error);
  g_assert_no_error (error);

  mlp_check_item_set_checked (first, FALSE);
  mlp_check_item_set_checked (second, TRUE);
  mlp_library_answer_choice (library, question, "b");

  /* The objects, and so the window, follow the restored progress. */
  g_assert_true (mlp_library_restore_backup (library, backup, safety, &error));
  g_assert_no_error (error);
  g_assert_true (mlp_check_item_get_checked (first));
  g_assert_false (mlp_check_item_get_checked (second));
  g_assert_cmpuint (mlp_stage_get_n_checked (stage), ==, 1);

  /* What was replaced was kept, and restoring it undoes the restore. */
  g_assert_true (mlp_library_restore_backup (library, safety, safety, &error));
  g_assert_no_error (error);
  g_assert_false (mlp_check_item_get_checked (first));
  g_assert_true (mlp_check_item_get_checked (second));
  g_assert_true (mlp_library_restore_backup (library, safety, safety, &error));
  g_assert_true (mlp_check_item_get_checked (first));
  g_assert_false (mlp_check_item_get_checked (second));

  /* A bad backup changes nothing and keeps the safety copy as it was. */
  g_assert_false (mlp_library_restore_backup (library, db_path_garbage, safety, &error));
  g_clear_error (&error);
  g_assert_true (mlp_check_item_get_checked (first));

  /* Restoring wrote nothing back by itself; new changes are saved again. */
  mlp_check_item_set_checked (second, TRUE);
  g_assert_cmpint (count_rows ("SELECT count(*) FROM checks WHERE item_id = 't-alpha.second' AND checked = 1"), ==, 1);
  g_remove (backup);
  g_remove (safety);
  g_remove (db_path_garbage);
  g_rmdir (folder);
}

static void
on_save_failed (MlpLibrary   *library,
                const GError *error,
                guint        *n_failures)
{
  g_assert_nonnull (error);
  (*n_failures)++;
}

static void
test_disk_full (void)
{
  g_autoptr(GPtrArray) acknowledged = g_ptr_array_new_with_free_func (g_free);
  guint n_failures = 0;
  struct rlimit limit, saved;
  GStatBuf st;

  /* A disk that fills up mid-session: the file may not grow past its
   * current size (plus a little). SIGXFSZ would kill us; ignore it so
   * writes fail with EFBIG instead, as on a full disk. */
  {
    g_autoptr(MlpLibrary) library = open_library ();
    MlpCatalog *catalog = mlp_library_get_catalog (library);
    MlpStage *stage = mlp_catalog_find_stage (catalog, "t-alpha");
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
    guint i;

    g_signal_connect (library, "save-failed", G_CALLBACK (on_save_failed), &n_failures);
    mlp_check_item_set_checked (mlp_catalog_find_item (catalog, "t-beta.only"), TRUE);
    g_assert_cmpuint (n_failures, ==, 0);

    g_assert_cmpint (g_stat (wal, &st), ==, 0);
    signal (SIGXFSZ, SIG_IGN);
    g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
    limit = saved;
    limit.rlim_cur = MAX ((rlim_t)st.st_size, 8192) + 4096;
    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

    /* Answer until the disk is full. */
    for (i = 0; i < 2000 && n_failures == 0; i++)
      mlp_library_answer_choice (library, mlp_catalog_find_question (catalog, "t-alpha.q.choice"),
                                 i % 2 ? "a" : "b");
    g_assert_cmpuint (n_failures, >, 0);

    /* The session goes on in memory: the last answer and a tick are there. */
    g_assert_true (mlp_question_get_attempted (mlp_catalog_find_question (catalog, "t-alpha.q.choice")));
    mlp_check_item_set_checked (mlp_catalog_find_item (catalog, "t-alpha.second"), TRUE);
    g_assert_true (mlp_check_item_get_checked (mlp_catalog_find_item (catalog, "t-alpha.second")));
    g_assert_cmpuint (mlp_stage_get_n_checked (stage), >=, 1);

    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  }

  /* Nothing saved before the disk filled up is lost, and the file is sound. */
  g_assert_cmpint (count_rows ("SELECT count(*) FROM checks WHERE item_id = 't-beta.only' AND checked = 1"), ==, 1);
  g_assert_cmpint (count_rows ("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), ==, 1);
}

static void
on_action_done (MlpLibrary       *library,
                MlpLibraryAction  kind,
                GObject          *subject,
                gboolean          positive,
                guint            *n_actions)
{
  (*n_actions)++;
}

static void
test_undo_redo (void)
{
  g_autoptr(MlpLibrary) library = open_library ();
  MlpCatalog *catalog = mlp_library_get_catalog (library);
  MlpCheckItem *item = mlp_catalog_find_item (catalog, "t-alpha.second");
  MlpQuestion *question = mlp_catalog_find_question (catalog, "t-alpha.q.scenario");
  gboolean was_checked = mlp_check_item_get_checked (item);
  gboolean was_attempted = mlp_question_get_attempted (question);
  gboolean was_correct = mlp_question_get_correct (question);
  guint n_actions = 0;
  int attempts;

  g_signal_connect (library, "action-done", G_CALLBACK (on_action_done), &n_actions);
  g_assert_false (mlp_library_get_can_undo (library));
  g_assert_false (mlp_library_undo (library));

  /* A tick (or untick), undone and redone, in the object and in SQLite. */
  mlp_check_item_set_checked (item, !was_checked);
  g_assert_cmpuint (n_actions, ==, 1);
  g_assert_true (mlp_library_get_can_undo (library));
  g_assert_true (mlp_library_undo (library));
  g_assert_cmpint (mlp_check_item_get_checked (item), ==, was_checked);
  g_assert_cmpint (count_rows ("SELECT checked FROM checks WHERE item_id = 't-alpha.second'"), ==, was_checked);
  g_assert_true (mlp_library_get_can_redo (library));
  g_assert_true (mlp_library_redo (library));
  g_assert_cmpint (mlp_check_item_get_checked (item), ==, !was_checked);
  g_assert_cmpint (count_rows ("SELECT checked FROM checks WHERE item_id = 't-alpha.second'"), ==, !was_checked);
  /* Undo and redo are not new actions. */
  g_assert_cmpuint (n_actions, ==, 1);

  /* An answer, undone: the attempt row goes, the question is as before. */
  attempts = count_rows ("SELECT count(*) FROM attempts");
  mlp_library_answer_scenario (library, question, "my undone answer", 0);
  g_assert_cmpuint (n_actions, ==, 2);
  g_assert_false (mlp_question_get_correct (question));
  g_assert_cmpint (count_rows ("SELECT count(*) FROM attempts"), ==, attempts + 1);
  g_assert_true (mlp_library_undo (library));
  g_assert_cmpint (mlp_question_get_attempted (question), ==, was_attempted);
  g_assert_cmpint (mlp_question_get_correct (question), ==, was_correct);
  g_assert_cmpint (count_rows ("SELECT count(*) FROM attempts"), ==, attempts);
  g_assert_cmpint (count_rows ("SELECT count(*) FROM attempts WHERE answer_text = 'my undone answer'"), ==, 0);
  g_assert_true (mlp_library_redo (library));
  g_assert_true (mlp_question_get_attempted (question));
  g_assert_false (mlp_question_get_correct (question));
  g_assert_cmpint (count_rows ("SELECT count(*) FROM attempts WHERE answer_text = 'my undone answer'"), ==, 1);

  /* A new action after an undo drops what could be redone. */
  g_assert_true (mlp_library_undo (library));
  mlp_check_item_set_checked (item, was_checked);
  g_assert_false (mlp_library_get_can_redo (library));

  /* At least thirty steps back. */
  was_checked = mlp_check_item_get_checked (item);
  for (int i = 0; i < 41; i++)
    mlp_check_item_set_checked (item, !mlp_check_item_get_checked (item));
  g_assert_cmpint (mlp_check_item_get_checked (item), ==, !was_checked);
  for (int i = 0; i < 41; i++)
    g_assert_true (mlp_library_undo (library));
  g_assert_cmpint (mlp_check_item_get_checked (item), ==, was_checked);
  g_assert_cmpint (count_rows ("SELECT checked FROM checks WHERE item_id = 't-alpha.second'"), ==, was_checked);
}

/* Notes are saved as they change, come back after a restart, and a pack
 * loaded later (an import) gets its saved notes and ticks at once. */
static void
test_notes_and_late_pack (void)
{
  g_autofree char *extra = g_test_build_filename (G_TEST_DIST, "packs", "extra.json", NULL);

  {
    g_autoptr(MlpLibrary) library = open_library ();
    MlpCatalog *catalog = mlp_library_get_catalog (library);
    MlpQuestion *question = mlp_catalog_find_question (catalog, "t-alpha.q.choice");
    g_autoptr(GFile) file = g_file_new_for_path (extra);
    g_autoptr(GError) error = NULL;

    mlp_check_item_set_note (mlp_catalog_find_item (catalog, "t-alpha.first"), "We did this at work");
    mlp_question_set_note (question, "Remember the base rate");
    mlp_question_set_note (question, "Remember the base rate!");
    g_assert_cmpint (count_rows ("SELECT count(*) FROM notes"), ==, 2);
    g_assert_cmpint (count_rows ("SELECT count(*) FROM notes WHERE body = 'Remember the base rate!'"), ==, 1);
    mlp_check_item_set_note (mlp_catalog_find_item (catalog, "t-alpha.first"), "");
    g_assert_cmpint (count_rows ("SELECT count(*) FROM notes"), ==, 1);

    g_assert_true (mlp_catalog_load_file (catalog, file, &error));
    g_assert_no_error (error);
    mlp_check_item_set_checked (mlp_catalog_find_item (catalog, "t-extra.one"), TRUE);
    mlp_check_item_set_note (mlp_catalog_find_item (catalog, "t-extra.one"), "late");
  }

  {
    g_autoptr(MlpLibrary) library = open_library ();
    MlpCatalog *catalog = mlp_library_get_catalog (library);
    g_autoptr(GFile) file = g_file_new_for_path (extra);
    g_autoptr(GError) error = NULL;
    MlpCheckItem *late;

    g_assert_cmpstr (mlp_question_get_note (mlp_catalog_find_question (catalog, "t-alpha.q.choice")),
                     ==, "Remember the base rate!");
    g_assert_null (mlp_check_item_get_note (mlp_catalog_find_item (catalog, "t-alpha.first")));

    g_assert_true (mlp_catalog_load_file (catalog, file, &error));
    g_assert_no_error (error);
    late = mlp_catalog_find_item (catalog, "t-extra.one");
    g_assert_true (mlp_check_item_get_checked (late));
    g_assert_cmpstr (mlp_check_item_get_note (late), ==, "late");
    /* Applying saved progress wrote nothing. */
    g_assert_cmpint (count_rows ("SELECT count(*) FROM checks WHERE item_id LIKE 't-extra.%'"), ==, 1);
    g_assert_cmpint (count_rows ("SELECT count(*) FROM notes"), ==, 2);
  }
}

static void
reset_database (void)
{
  for (const char *suffix = ""; suffix; suffix = g_str_equal (suffix, "") ? "-wal" :
                                                 g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *file = g_strconcat (db_path, suffix, NULL);
      g_remove (file);
    }
}

static double
query_double (const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  double value = -1;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* Attempts from schema 2 become reviews whose FSRS states the library
 * computes by replay and writes back once. */
static void
test_migrated_reviews_scheduled (void)
{
  g_autofree char *fixture_sql = g_test_build_filename (G_TEST_DIST, "fixtures", "progress-v2.sql", NULL);
  g_autofree char *sql = NULL;
  MlpFsrsParams params;
  MlpFsrsMemory first, second;
  sqlite3 *db;

  reset_database ();
  g_assert_true (g_file_get_contents (fixture_sql, &sql, NULL, NULL));
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  mlp_fsrs_params_init (&params, MLP_FSRS_DEFAULT_RETENTION);
  /* t-alpha.q.choice: wrong at 1764000300, right 86400 s later. */
  first = mlp_fsrs_next (&params, NULL, 0, MLP_GRADE_AGAIN);
  second = mlp_fsrs_next (&params, &first, 1.0, MLP_GRADE_GOOD);

  {
    g_autoptr(MlpLibrary) library = open_library ();
    MlpQuestion *question = mlp_catalog_find_question (mlp_library_get_catalog (library), "t-alpha.q.choice");
    const MlpSchedule *schedule = mlp_question_get_schedule (question);

    g_assert_cmpint (count_rows ("SELECT count(*) FROM reviews WHERE stability_after IS NULL"), ==, 0);
    g_assert_cmpfloat_with_epsilon (query_double ("SELECT stability_after FROM reviews WHERE attempt_id = 2"),
                                    second.stability, 1e-9);
    g_assert_cmpfloat_with_epsilon (query_double ("SELECT elapsed_days FROM reviews WHERE attempt_id = 2"),
                                    1.0, 1e-9);
    g_assert_cmpfloat_with_epsilon (query_double ("SELECT stability_before FROM reviews WHERE attempt_id = 2"),
                                    first.stability, 1e-9);
    g_assert_cmpfloat_with_epsilon (schedule->stability, second.stability, 1e-9);
    g_assert_cmpuint (schedule->n_reviews, ==, 2);
    g_assert_cmpuint (schedule->n_good, ==, 1);
    g_assert_cmpint (schedule->due_at, ==,
                     1764086700 + (gint64)(mlp_fsrs_interval (&params, second.stability) * 86400));
  }

  /* Nothing left to fix: a second load writes nothing. */
  {
    g_autoptr(MlpLibrary) library = open_library ();
    g_assert_cmpint (count_rows ("SELECT count(*) FROM reviews"), ==, 3);
  }
}

static void
test_review_schedule (void)
{
  g_autoptr(MlpLibrary) library = NULL;
  MlpCatalog *catalog;
  MlpQuestion *choice, *scenario;
  MlpCheckItem *first;
  g_autoptr(GPtrArray) due = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  double again, hard, good, easy;
  MlpStageStats stats;

  reset_database ();
  library = open_library ();
  catalog = mlp_library_get_catalog (library);
  choice = mlp_catalog_find_question (catalog, "t-alpha.q.choice");
  scenario = mlp_catalog_find_question (catalog, "t-alpha.q.scenario");
  first = mlp_catalog_find_item (catalog, "t-alpha.first");

  g_assert_cmpuint (mlp_library_get_n_due (library), ==, 0);

  /* Ticking an item brings its never-answered linked question into review. */
  mlp_check_item_set_checked (first, TRUE);
  g_assert_cmpuint (mlp_library_get_n_due (library), ==, 1);
  g_assert_cmpint (count_rows ("SELECT count(*) FROM queued WHERE question_id = 't-alpha.q.choice'"), ==, 1);
  /* Queued as of the tick, which may be a second after now. */
  due = mlp_library_get_due_questions (library, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_true (g_ptr_array_index (due, 0) == choice);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* Unticking takes it back, as long as it was never answered. */
  mlp_check_item_set_checked (first, FALSE);
  g_assert_cmpuint (mlp_library_get_n_due (library), ==, 0);
  g_assert_cmpint (count_rows ("SELECT count(*) FROM queued"), ==, 0);
  mlp_check_item_set_checked (first, TRUE);

  /* Grade buttons show growing intervals. */
  again = mlp_library_preview_interval (library, scenario, MLP_GRADE_AGAIN, now);
  hard = mlp_library_preview_interval (library, scenario, MLP_GRADE_HARD, now);
  good = mlp_library_preview_interval (library, scenario, MLP_GRADE_GOOD, now);
  easy = mlp_library_preview_interval (library, scenario, MLP_GRADE_EASY, now);
  g_assert_cmpfloat (again, <=, hard);
  g_assert_cmpfloat (hard, <, good);
  g_assert_cmpfloat (good, <, easy);

  /* Key points suggest a grade; the user's choice is what is stored. */
  g_assert_cmpint (mlp_library_suggest_grade (scenario, 0xF), ==, MLP_GRADE_EASY);
  g_assert_cmpint (mlp_library_suggest_grade (scenario, 0x1), ==, MLP_GRADE_AGAIN);
  g_assert_true (mlp_library_grade_scenario (library, scenario, NULL, 0x7, MLP_GRADE_HARD, MLP_ANSWER_REVIEW));
  g_assert_cmpint (count_rows ("SELECT grade FROM reviews WHERE question_id = 't-alpha.q.scenario'"), ==, 2);
  g_assert_cmpint (count_rows ("SELECT count(*) FROM reviews WHERE source = 'review' AND attempt_id IS NOT NULL"), ==, 1);
  g_assert_cmpint (mlp_question_get_schedule (scenario)->due_at, >, now);

  /* Failing the linked question twice in a row marks the item. */
  mlp_library_answer_choice_from (library, choice, "a", MLP_ANSWER_REVIEW);
  g_assert_false (mlp_check_item_get_needs_review (first));
  g_assert_cmpuint (mlp_library_get_n_due (library), ==, 0);
  mlp_library_answer_choice_from (library, choice, "a", MLP_ANSWER_REVIEW);
  g_assert_true (mlp_check_item_get_needs_review (first));
  g_assert_true (mlp_check_item_get_checked (first));

  /* Undo takes the review back, with the schedule before it. */
  g_assert_true (mlp_library_undo (library));
  g_assert_false (mlp_check_item_get_needs_review (first));
  g_assert_cmpuint (mlp_question_get_schedule (choice)->n_reviews, ==, 1);
  g_assert_cmpint (count_rows ("SELECT count(*) FROM reviews WHERE question_id = 't-alpha.q.choice'"), ==, 1);
  g_assert_true (mlp_library_redo (library));
  g_assert_true (mlp_check_item_get_needs_review (first));
  mlp_library_answer_choice (library, choice, "b");
  g_assert_false (mlp_check_item_get_needs_review (first));

  /* The reviews were recorded at their own time, maybe a second after now. */
  now = g_get_real_time () / G_USEC_PER_SEC;
  mlp_library_get_stage_stats (library, mlp_catalog_find_stage (catalog, "t-alpha"), now, &stats);
  g_assert_cmpuint (stats.n_items, ==, 2);
  g_assert_cmpuint (stats.n_checked, ==, 1);
  g_assert_cmpuint (stats.n_questions, ==, 2);
  g_assert_cmpuint (stats.n_reviewed, ==, 2);
  g_assert_cmpuint (stats.n_reviews, ==, 4);
  g_assert_cmpfloat_with_epsilon (stats.accuracy, 1.0 / 4, 1e-9);
  g_assert_cmpfloat (stats.retention, >, 0.9);
  g_assert_cmpuint (stats.n_due, ==, 0);

  {
    g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
    guint counts[3];

    g_assert_cmpuint (mlp_library_get_streak (library, utc, now), ==, 1);
    mlp_library_get_reviews_per_day (library, utc, now, 3, counts);
    g_assert_cmpuint (counts[2], ==, 4);
    g_assert_cmpuint (counts[1], ==, 0);
  }

  /* Everything comes back the same after a restart. */
  {
    const MlpSchedule before = *mlp_question_get_schedule (choice);
    g_autoptr(MlpLibrary) again_library = open_library ();
    MlpQuestion *reloaded = mlp_catalog_find_question (mlp_library_get_catalog (again_library),
                                                       "t-alpha.q.choice");
    const MlpSchedule *after = mlp_question_get_schedule (reloaded);

    g_assert_cmpfloat_with_epsilon (after->stability, before.stability, 1e-9);
    g_assert_cmpfloat_with_epsilon (after->difficulty, before.difficulty, 1e-9);
    g_assert_cmpint (after->due_at, ==, before.due_at);
    g_assert_cmpuint (after->n_reviews, ==, 3);

    /* A lower retention target spaces reviews further apart. */
    {
      MlpQuestion *hard_one = mlp_catalog_find_question (mlp_library_get_catalog (again_library),
                                                         "t-alpha.q.scenario");
      gint64 due_at_90 = mlp_question_get_schedule (hard_one)->due_at;

      mlp_library_set_desired_retention (again_library, 0.8);
      g_assert_cmpint (mlp_question_get_schedule (hard_one)->due_at, >, due_at_90);
    }
  }

  /* Resetting the stage forgets its schedule too. */
  g_assert_true (mlp_library_reset (library, mlp_catalog_find_stage (catalog, "t-alpha"), NULL));
  g_assert_cmpuint (mlp_question_get_schedule (choice)->n_reviews, ==, 0);
  g_assert_cmpint (mlp_question_get_schedule (choice)->due_at, ==, MLP_SCHEDULE_NEVER);
  g_assert_cmpint (count_rows ("SELECT count(*) FROM reviews"), ==, 0);
}

static void
count_signal (guint *n)
{
  (*n)++;
}

/* A stage not opened yet stays unbuilt at start-up, yet its questions
 * count as due, in the stats and the plan too; once built (by the due
 * queue) its objects have their schedules, notes and needs-review, and
 * their changes are saved. */
static void
test_lazy_stage_schedule (void)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 later = now + 30 * 86400;
  MlpSchedule schedule;

  reset_database ();
  {
    g_autoptr(MlpLibrary) library = open_library ();
    MlpCatalog *catalog = mlp_library_get_catalog (library);
    MlpQuestion *choice = mlp_catalog_find_question (catalog, "t-alpha.q.choice");

    /* Failed twice: due again within days, and its item needs review. */
    mlp_library_answer_choice (library, choice, "a");
    mlp_library_answer_choice (library, choice, "a");
    g_assert_true (mlp_check_item_get_needs_review (mlp_catalog_find_item (catalog, "t-alpha.first")));
    mlp_check_item_set_note (mlp_catalog_find_item (catalog, "t-alpha.first"), "item note");
    mlp_question_set_note (mlp_catalog_find_question (catalog, "t-alpha.q.scenario"), "question note");
    schedule = *mlp_question_get_schedule (choice);
    g_assert_cmpint (schedule.due_at, <, later);
  }

  {
    g_autoptr(MlpLibrary) library = open_library ();
    MlpCatalog *catalog = mlp_library_get_catalog (library);
    MlpStage *alpha = mlp_catalog_find_stage (catalog, "t-alpha");
    MlpStage *beta = mlp_catalog_find_stage (catalog, "t-beta");
    g_autoptr(GPtrArray) due = NULL;
    g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
    MlpStageStats stats;
    MlpQuestion *choice, *scenario;
    MlpCheckItem *first;
    guint n_loaded = 0, total = 0;

    g_signal_connect_swapped (alpha, "loaded", G_CALLBACK (count_signal), &n_loaded);

    /* Counting, stats and the plan work from ids: nothing is built. */
    g_assert_cmpuint (mlp_library_get_n_due (library), ==, 0);
    mlp_library_refresh_due (library, later);
    g_assert_cmpuint (mlp_library_get_n_due (library), ==, 1);
    mlp_library_get_stage_stats (library, alpha, later, &stats);
    g_assert_cmpuint (stats.n_questions, ==, 2);
    g_assert_cmpuint (stats.n_due, ==, 1);
    g_assert_cmpuint (stats.n_reviewed, ==, 1);
    g_assert_cmpuint (stats.n_reviews, ==, 2);
    g_assert_cmpfloat_with_epsilon (stats.accuracy, 0, 1e-9);
    mlp_library_get_plan (library, utc, now, later, &total);
    g_assert_cmpuint (total, >, 0);
    g_assert_false (mlp_stage_get_loaded (alpha));
    g_assert_false (mlp_stage_get_loaded (beta));
    g_assert_cmpuint (n_loaded, ==, 0);

    /* The due queue builds only the stage with a question due. */
    due = mlp_library_get_due_questions (library, later);
    g_assert_cmpuint (due->len, ==, 1);
    g_assert_cmpuint (n_loaded, ==, 1);
    g_assert_true (mlp_stage_get_loaded (alpha));
    g_assert_false (mlp_stage_get_loaded (beta));
    choice = g_ptr_array_index (due, 0);
    g_assert_cmpstr (mlp_question_get_id (choice), ==, "t-alpha.q.choice");
    g_assert_true (mlp_library_get_question_stage (library, choice) == alpha);

    /* The objects built later have what the library kept by id. */
    g_assert_cmpint (mlp_question_get_schedule (choice)->due_at, ==, schedule.due_at);
    g_assert_cmpfloat_with_epsilon (mlp_question_get_schedule (choice)->stability, schedule.stability, 1e-9);
    g_assert_cmpuint (mlp_question_get_schedule (choice)->n_reviews, ==, 2);
    g_assert_cmpuint (mlp_question_get_schedule (choice)->fail_streak, ==, 2);
    g_assert_true (mlp_question_get_attempted (choice));
    g_assert_false (mlp_question_get_correct (choice));
    first = mlp_catalog_find_item (catalog, "t-alpha.first");
    scenario = mlp_catalog_find_question (catalog, "t-alpha.q.scenario");
    g_assert_true (mlp_check_item_get_needs_review (first));
    g_assert_false (mlp_check_item_get_needs_review (mlp_catalog_find_item (catalog, "t-alpha.second")));
    g_assert_cmpstr (mlp_check_item_get_note (first), ==, "item note");
    g_assert_cmpstr (mlp_question_get_note (scenario), ==, "question note");
    g_assert_cmpint (mlp_question_get_schedule (scenario)->due_at, ==, MLP_SCHEDULE_NEVER);

    /* Applying them wrote nothing; changes from now on are saved. */
    g_assert_cmpint (count_rows ("SELECT count(*) FROM notes"), ==, 2);
    mlp_question_set_note (scenario, "changed");
    g_assert_cmpint (count_rows ("SELECT count(*) FROM notes WHERE body = 'changed'"), ==, 1);
    mlp_library_answer_choice (library, choice, "b");
    g_assert_false (mlp_check_item_get_needs_review (first));
    g_assert_cmpuint (mlp_question_get_schedule (choice)->n_reviews, ==, 3);
  }
}

static void
test_mock_questions (void)
{
  g_autoptr(MlpLibrary) library = NULL;
  g_autoptr(GPtrArray) picked = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  MlpMockAnswer answer = { "t-alpha.q.scenario", 3, 120, 0x7, 4 };
  MlpMockSession session = { .started_at = 1000, .ended_at = 1200, .planned = 5,
                             .seconds_per_question = 240, .answers = &answer, .n_answers = 1 };
  g_autoptr(GError) error = NULL;

  reset_database ();
  library = open_library ();

  /* Only scenarios, each once, even when more are asked for. */
  picked = mlp_library_pick_mock_questions (library, 5, rand, 0);
  g_assert_cmpuint (picked->len, ==, 1);
  g_assert_cmpstr (mlp_question_get_id (g_ptr_array_index (picked, 0)), ==, "t-alpha.q.scenario");

  g_assert_true (mlp_library_save_mock_session (library, &session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows ("SELECT count(*) FROM mock_answers"), ==, 1);
}

static void
test_reset (void)
{
  g_autoptr(MlpLibrary) library = open_library ();
  MlpCatalog *catalog = mlp_library_get_catalog (library);
  MlpStage *alpha = mlp_catalog_find_stage (catalog, "t-alpha");
  MlpCheckItem *alpha_item = mlp_catalog_find_item (catalog, "t-alpha.first");
  MlpCheckItem *beta_item = mlp_catalog_find_item (catalog, "t-beta.only");
  MlpQuestion *question = mlp_catalog_find_question (catalog, "t-alpha.q.choice");
  g_autoptr(GError) error = NULL;

  mlp_check_item_set_checked (alpha_item, TRUE);
  mlp_check_item_set_checked (beta_item, TRUE);
  mlp_library_answer_choice (library, question, "b");
  g_assert_cmpint (count_rows ("SELECT count(*) FROM attempts WHERE question_id LIKE 't-alpha.%'"), >, 0);

  /* One stage: its ticks and answers go, in SQLite and the objects. */
  g_assert_true (mlp_library_reset (library, alpha, &error));
  g_assert_no_error (error);
  g_assert_false (mlp_check_item_get_checked (alpha_item));
  g_assert_false (mlp_question_get_attempted (question));
  g_assert_cmpuint (mlp_stage_get_n_checked (alpha), ==, 0);
  g_assert_cmpuint (mlp_stage_get_n_answered (alpha), ==, 0);
  g_assert_cmpint (count_rows ("SELECT count(*) FROM attempts WHERE question_id LIKE 't-alpha.%'"), ==, 0);
  g_assert_cmpint (count_rows ("SELECT count(*) FROM checks WHERE item_id LIKE 't-alpha.%'"), ==, 0);
  /* Other stages keep theirs; a reset is not in the undo history. */
  g_assert_true (mlp_check_item_get_checked (beta_item));
  g_assert_cmpint (count_rows ("SELECT checked FROM checks WHERE item_id = 't-beta.only'"), ==, 1);
  g_assert_false (mlp_library_get_can_undo (library));

  /* Everything. */
  g_assert_true (mlp_library_reset (library, NULL, &error));
  g_assert_false (mlp_check_item_get_checked (beta_item));
  g_assert_cmpint (count_rows ("SELECT count(*) FROM checks WHERE item_id LIKE 't-%'"), ==, 0);

  /* And it stays reset after a restart. */
  g_clear_object (&library);
  library = open_library ();
  g_assert_false (mlp_check_item_get_checked (mlp_catalog_find_item (mlp_library_get_catalog (library), "t-beta.only")));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);

  dir = g_dir_make_tmp ("mlprep-library-XXXXXX", NULL);
  db_path = g_build_filename (dir, "progress.db", NULL);

  g_test_add_func ("/library/ticks-persist", test_ticks_persist);
  g_test_add_func ("/library/answers-persist", test_answers_persist);
  g_test_add_func ("/library/scenario-grading", test_scenario_grading);
  g_test_add_func ("/library/unknown-progress-kept", test_unknown_progress_kept);
  g_test_add_func ("/library/restore-backup", test_restore_backup);
  g_test_add_func ("/library/disk-full", test_disk_full);
  g_test_add_func ("/library/undo-redo", test_undo_redo);
  g_test_add_func ("/library/reset", test_reset);
  g_test_add_func ("/library/notes-and-late-pack", test_notes_and_late_pack);
  g_test_add_func ("/library/migrated-reviews-scheduled", test_migrated_reviews_scheduled);
  g_test_add_func ("/library/review-schedule", test_review_schedule);
  g_test_add_func ("/library/mock-questions", test_mock_questions);
  g_test_add_func ("/library/lazy-stage-schedule", test_lazy_stage_schedule);

  result = g_test_run ();

  for (const char *suffix = ""; suffix; suffix = g_str_equal (suffix, "") ? "-wal" :
                                                 g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *file = g_strconcat (db_path, suffix, NULL);
      g_remove (file);
    }
  g_rmdir (dir);
  g_free (db_path);

  return result;
}
