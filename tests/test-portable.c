/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "mlp-portable.h"
#include "mlp-store-private.h"

static char *tmp_dir;

static GDateTime *
fixed_now (void)
{
  return g_date_time_new_utc (2026, 11, 27, 9, 30, 0);
}

static int
count_rows (MlpStore   *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (mlp_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

static void
exec_sql (MlpStore   *store,
          const char *sql)
{
  g_assert_cmpint (sqlite3_exec (mlp_store_get_db (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static char *
export_text (MlpStore *store)
{
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = mlp_portable_export_to_bytes (store, now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static gboolean
restore_text (MlpStore          *store,
              const char        *text,
              MlpRestoreReport  *report,
              GError           **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return mlp_portable_restore_bytes (store, "backup.json", bytes, report, error);
}

static void
answer (MlpStore   *store,
        const char *question_id,
        const char *choice_id,
        gboolean    correct,
        gint64      at,
        const char *text,
        guint64     mask,
        int         grade)
{
  g_autoptr(GError) error = NULL;
  MlpAttempt attempt = {
    .question_id = question_id, .choice_id = choice_id, .correct = correct,
    .answered_at = at, .answer_text = text, .points_mask = mask, .points_total = text ? 4 : 0,
  };
  MlpReview review = {
    .question_id = question_id, .reviewed_at = at, .grade = grade,
    .stability_after = 2.5, .difficulty_after = 5.0, .due_at = at + 86400, .source = "quiz",
  };

  g_assert_true (mlp_store_record_answer (store, &attempt, &review, &error));
  g_assert_no_error (error);
}

/* Every kind of row the database holds. */
static void
fill (MlpStore *store)
{
  g_autoptr(GError) error = NULL;
  MlpReview mock_review = {
    .question_id = "t-alpha.q.scenario", .reviewed_at = 1800000500, .grade = 4,
    .stability_after = 10, .difficulty_after = 3, .due_at = 1800900000, .source = "mock",
  };
  MlpMockAnswer answers[] = {
    { "t-alpha.q.scenario", 4, 95, 0xf, 4 },
    { "t-other.q.two", 2, 120, 0x1, 3 },
  };
  MlpMockSession finished = { 0, 1800000400, 1800000700, 2, 120, answers, 2 };
  MlpMockSession abandoned = { 0, 1800001000, 0, 5, 90, NULL, 0 };

  g_assert_true (mlp_store_set_checked (store, "t-alpha.first", TRUE, 1800000000, &error));
  g_assert_true (mlp_store_set_checked (store, "t-alpha.second", FALSE, 1800000010, &error));
  g_assert_true (mlp_store_set_checked (store, "t-beta.only", TRUE, 1800000020, &error));

  answer (store, "t-alpha.q.choice", "a", FALSE, 1800000100, NULL, 0, 1);
  answer (store, "t-alpha.q.choice", "b", TRUE, 1800000200, NULL, 0, 3);
  /* Twice the same answer in the same second: both are kept. */
  answer (store, "t-alpha.q.choice", "b", TRUE, 1800000200, NULL, 0, 3);
  answer (store, "t-alpha.q.scenario", NULL, TRUE, 1800000300,
          "Check the pipeline, then \"compare\" the distributions.\nLine two ✓", 0x5, 3);
  /* An undone answer leaves a gap in the row ids. */
  answer (store, "t-alpha.q.choice", "c", FALSE, 1800000350, NULL, 0, 1);
  g_assert_true (mlp_store_delete_attempt (store, mlp_store_get_last_attempt_id (store), &error));
  g_assert_true (mlp_store_add_review (store, &mock_review, &error));

  g_assert_true (mlp_store_set_note (store, "t-alpha.first", "Ask about PSI bins.\n– and “quotes”", 1800000030, &error));
  g_assert_true (mlp_store_set_note (store, "t-alpha.q.choice", "B, not A.", 1800000040, &error));
  g_assert_true (mlp_store_set_queued (store, "t-alpha.q.scenario", "t-alpha.first", 1800000050, &error));
  g_assert_true (mlp_store_add_mock_session (store, &finished, NULL, &error));
  g_assert_true (mlp_store_add_mock_session (store, &abandoned, NULL, &error));
  g_assert_no_error (error);
}

static void
test_round_trip (void)
{
  g_autoptr(MlpStore) first = mlp_store_new_in_memory ();
  g_autoptr(MlpStore) second = mlp_store_new_in_memory ();
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "round-trip.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *written = NULL;
  MlpRestoreReport report;
  GStatBuf st;

  fill (first);
  g_assert_true (mlp_portable_export (first, file, now, &error));
  g_assert_no_error (error);

  /* Private, and the same as the bytes. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  before = export_text (first);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, before);

  /* Readable field names, renumbered attempts. */
  g_assert_nonnull (strstr (before, "\"format\" : \"mlprep-progress\""));
  g_assert_nonnull (strstr (before, "\"exported_at\" : \"2026-11-27T09:30:00Z\""));
  g_assert_nonnull (strstr (before, "\"ended_at\" : null"));
  g_assert_null (strstr (before, "\"id\" : 5"));

  g_assert_true (mlp_portable_restore (second, file, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.checks_added, ==, 2);   /* the untick shows nothing new */
  g_assert_cmpuint (report.checks_changed, ==, 0);
  g_assert_cmpuint (report.notes_added, ==, 2);
  g_assert_cmpuint (report.attempts_added, ==, 4);
  g_assert_cmpuint (report.reviews_added, ==, 6);
  g_assert_cmpuint (report.queued_added, ==, 1);
  g_assert_cmpuint (report.mock_sessions_added, ==, 2);
  g_assert_cmpuint (report.duplicates_skipped, ==, 0);
  g_assert_true (mlp_restore_report_changed (&report));

  after = export_text (second);
  g_assert_cmpstr (after, ==, before);

  /* Restored reviews wait for the library to compute their states, and
   * each points at its restored attempt. */
  g_assert_cmpint (count_rows (second, "SELECT count(*) FROM reviews WHERE stability_after IS NULL"
                                       " AND due_at IS NULL AND elapsed_days IS NULL"), ==, 6);
  g_assert_cmpint (count_rows (second, "SELECT count(*) FROM reviews r JOIN attempts a"
                                       " ON a.id = r.attempt_id AND a.answered_at = r.reviewed_at"), ==, 4);
  g_assert_cmpint (count_rows (second, "SELECT count(*) FROM checks WHERE item_id = 't-alpha.second'"
                                       " AND checked = 0 AND changed_at = 1800000010"), ==, 1);
  g_assert_cmpint (count_rows (second, "SELECT count(*) FROM mock_answers WHERE position = 1"
                                       " AND question_id = 't-other.q.two' AND seconds_used = 120"), ==, 1);

  /* Restoring it again changes nothing. */
  g_assert_true (mlp_portable_restore (second, file, &report, &error));
  g_assert_false (mlp_restore_report_changed (&report));
  g_assert_cmpuint (report.duplicates_skipped, ==, 3 + 2 + 4 + 6 + 1 + 2);
  g_clear_pointer (&after, g_free);
  after = export_text (second);
  g_assert_cmpstr (after, ==, before);

  /* Exporting over an existing file replaces it, still private. */
  g_chmod (path, 0644);
  g_assert_true (mlp_portable_export (second, file, now, &error));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_remove (path);
}

static const char merge_file[] =
  "{\"format\": \"mlprep-progress\", \"version\": 1, \"exported_at\": \"2026-11-27T09:30:00Z\",\n"
  " \"checks\": [\n"
  "  {\"item_id\": \"a\", \"checked\": false, \"changed_at\": 100},\n"   /* older than here: kept */
  "  {\"item_id\": \"b\", \"checked\": true, \"changed_at\": 200},\n"    /* newer: changed */
  "  {\"item_id\": \"c\", \"checked\": false, \"changed_at\": 150},\n"   /* a tie: kept */
  "  {\"item_id\": \"d\", \"checked\": true, \"changed_at\": 100},\n"    /* new: added */
  "  {\"item_id\": \"e\", \"checked\": false, \"changed_at\": 100},\n"   /* new untick: stored, not counted */
  "  {\"item_id\": \"f\", \"checked\": true, \"changed_at\": 100}],\n"   /* the same: duplicate */
  " \"notes\": [\n"
  "  {\"target_id\": \"n1\", \"body\": \"old\", \"changed_at\": 100},\n"
  "  {\"target_id\": \"n2\", \"body\": \"newer there\", \"changed_at\": 300},\n"
  "  {\"target_id\": \"n3\", \"body\": \"tie there\", \"changed_at\": 150},\n"
  "  {\"target_id\": \"n4\", \"body\": \"new\", \"changed_at\": 100},\n"
  "  {\"target_id\": \"n5\", \"body\": \"same\", \"changed_at\": 100}],\n"
  " \"attempts\": [\n"
  "  {\"id\": 7, \"question_id\": \"q1\", \"choice_id\": \"a\", \"correct\": false, \"answered_at\": 1000,"
  "   \"answer_text\": null, \"points_mask\": 0, \"points_total\": 0},\n"
  "  {\"id\": 8, \"question_id\": \"q1\", \"choice_id\": \"b\", \"correct\": true, \"answered_at\": 2000,"
  "   \"answer_text\": null, \"points_mask\": 0, \"points_total\": 0}],\n"
  " \"reviews\": [\n"
  "  {\"question_id\": \"q1\", \"reviewed_at\": 1000, \"grade\": 1, \"source\": \"quiz\", \"attempt_id\": 7},\n"
  "  {\"question_id\": \"q1\", \"reviewed_at\": 1000, \"grade\": 2, \"source\": \"review\", \"attempt_id\": 7},\n"
  "  {\"question_id\": \"q1\", \"reviewed_at\": 2000, \"grade\": 3, \"source\": \"quiz\", \"attempt_id\": 8}],\n"
  " \"queued\": [\n"
  "  {\"question_id\": \"q1\", \"item_id\": \"a\", \"queued_at\": 400},\n"  /* earlier: moved */
  "  {\"question_id\": \"q2\", \"item_id\": \"b\", \"queued_at\": 600},\n"  /* later: duplicate */
  "  {\"question_id\": \"q3\", \"item_id\": \"c\", \"queued_at\": 700}],\n" /* new: added */
  " \"mock_sessions\": [\n"
  "  {\"started_at\": 5000, \"ended_at\": 5100, \"planned\": 1, \"seconds_per_question\": 60, \"answers\": []},\n"
  "  {\"started_at\": 6000, \"ended_at\": null, \"planned\": 3, \"seconds_per_question\": 60, \"answers\": [\n"
  "    {\"question_id\": \"q1\", \"grade\": 3, \"seconds_used\": 40, \"points_mask\": 3, \"points_total\": 4},\n"
  "    {\"question_id\": \"q2\", \"grade\": 1, \"seconds_used\": 60, \"points_mask\": 0, \"points_total\": 2}]}]\n"
  "}\n";

static void
test_merge_rules (void)
{
  g_autoptr(MlpStore) store = mlp_store_new_in_memory ();
  g_autoptr(GError) error = NULL;
  MlpMockSession here = { 0, 5000, 5100, 1, 60, NULL, 0 };
  MlpRestoreReport report;
  gint64 new_attempt;

  g_assert_true (mlp_store_set_checked (store, "a", TRUE, 200, &error));
  g_assert_true (mlp_store_set_checked (store, "b", FALSE, 100, &error));
  g_assert_true (mlp_store_set_checked (store, "c", TRUE, 150, &error));
  g_assert_true (mlp_store_set_checked (store, "f", TRUE, 100, &error));
  g_assert_true (mlp_store_set_note (store, "n1", "mine, newer", 200, &error));
  g_assert_true (mlp_store_set_note (store, "n2", "mine, older", 100, &error));
  g_assert_true (mlp_store_set_note (store, "n3", "mine, tie", 150, &error));
  g_assert_true (mlp_store_set_note (store, "n5", "same", 100, &error));
  /* Other answers first, so row ids here differ from the file's numbers. */
  answer (store, "q9", "x", TRUE, 10, NULL, 0, 3);
  answer (store, "q9", "x", TRUE, 20, NULL, 0, 3);
  answer (store, "q1", "a", FALSE, 1000, NULL, 0, 1);
  g_assert_true (mlp_store_set_queued (store, "q1", "z", 500, &error));
  g_assert_true (mlp_store_set_queued (store, "q2", "z", 300, &error));
  g_assert_true (mlp_store_add_mock_session (store, &here, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (restore_text (store, merge_file, &report, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (report.checks_added, ==, 1);
  g_assert_cmpuint (report.checks_changed, ==, 1);
  g_assert_cmpuint (report.checks_kept, ==, 2);
  g_assert_cmpuint (report.notes_added, ==, 1);
  g_assert_cmpuint (report.notes_changed, ==, 1);
  g_assert_cmpuint (report.notes_kept, ==, 2);
  g_assert_cmpuint (report.attempts_added, ==, 1);
  g_assert_cmpuint (report.reviews_added, ==, 2);
  g_assert_cmpuint (report.queued_added, ==, 1);
  g_assert_cmpuint (report.queued_changed, ==, 1);
  g_assert_cmpuint (report.mock_sessions_added, ==, 1);
  /* f, n5, attempt 7, its quiz review, q2, the session at 5000 */
  g_assert_cmpuint (report.duplicates_skipped, ==, 6);

  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM checks WHERE item_id = 'a' AND checked = 1 AND changed_at = 200"), ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM checks WHERE item_id = 'b' AND checked = 1 AND changed_at = 200"), ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM checks WHERE item_id = 'c' AND checked = 1 AND changed_at = 150"), ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM checks WHERE item_id = 'd' AND checked = 1"), ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM checks WHERE item_id = 'e' AND checked = 0"), ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM notes WHERE target_id = 'n1' AND body = 'mine, newer'"), ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM notes WHERE target_id = 'n2' AND body = 'newer there' AND changed_at = 300"), ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM notes WHERE target_id = 'n3' AND body = 'mine, tie'"), ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM notes WHERE target_id = 'n4' AND body = 'new'"), ==, 1);

  /* The file's attempt 8 is row 4 here; attempt 7 was already row 3. */
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM attempts"), ==, 4);
  new_attempt = count_rows (store, "SELECT id FROM attempts WHERE answered_at = 2000");
  g_assert_cmpint (new_attempt, ==, 4);
  g_assert_cmpint (count_rows (store, "SELECT attempt_id FROM reviews WHERE reviewed_at = 2000"), ==, 4);
  g_assert_cmpint (count_rows (store, "SELECT attempt_id FROM reviews WHERE source = 'review'"), ==, 3);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM reviews WHERE reviewed_at = 1000"), ==, 2);

  g_assert_cmpint (count_rows (store, "SELECT queued_at FROM queued WHERE question_id = 'q1'"), ==, 400);
  g_assert_cmpint (count_rows (store, "SELECT queued_at FROM queued WHERE question_id = 'q2'"), ==, 300);
  g_assert_cmpint (count_rows (store, "SELECT queued_at FROM queued WHERE question_id = 'q3'"), ==, 700);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM mock_sessions"), ==, 2);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM mock_sessions WHERE started_at = 6000 AND ended_at IS NULL"), ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM mock_answers"), ==, 2);

  /* The same file again: nothing new; what is newer here is still kept. */
  g_assert_true (restore_text (store, merge_file, &report, &error));
  g_assert_false (mlp_restore_report_changed (&report));
  g_assert_cmpuint (report.checks_kept, ==, 2);
  g_assert_cmpuint (report.notes_kept, ==, 2);
  g_assert_cmpuint (report.duplicates_skipped, ==, 4 + 3 + 2 + 3 + 3 + 2);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM attempts"), ==, 4);
}

/* A valid export with @table's rows replaced by @rows. */
static char *
export_with (const char *table,
             const char *rows)
{
  const char *names[] = { "checks", "attempts", "reviews", "notes", "queued", "mock_sessions" };
  GString *text = g_string_new ("{\"format\": \"mlprep-progress\", \"version\": 1, "
                                "\"exported_at\": \"2026-11-27T09:30:00Z\"");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_string_append_printf (text, ", \"%s\": [%s]", names[i],
                            g_str_equal (names[i], table) ? rows : "");
  g_string_append (text, "}");
  return g_string_free (text, FALSE);
}

typedef struct
{
  const char      *text;       /* NULL: export_with (table, rows) */
  const char      *table;
  const char      *rows;
  MlpPortableError code;
  const char      *message;    /* after "backup.json: " */
} Refusal;

static void
test_refusals (void)
{
  g_autoptr(MlpStore) store = mlp_store_new_in_memory ();
  g_autofree char *before = NULL;
  g_autofree char *long_id = g_strnfill (257, 'x');
  g_autofree char *long_row = g_strdup_printf ("{\"item_id\": \"%s\", \"checked\": true, \"changed_at\": 1}", long_id);
  g_autofree char *deep = g_strnfill (40, '[');
  g_autofree char *good = NULL;
  g_autofree char *truncated = NULL;
  g_autofree char *version_two = NULL;
  g_autofree char *unknown_root = NULL;
  g_autofree char *trailing = NULL;
  const char *check = "{\"item_id\": \"z\", \"checked\": true, \"changed_at\": 1}";
  const Refusal refusals[] = {
    { "this is not JSON", NULL, NULL, MLP_PORTABLE_ERROR_PARSE, "not strict JSON: unexpected “h”" },
    { "", NULL, NULL, MLP_PORTABLE_ERROR_PARSE, "the file is empty" },
    { "\xff\xfe{}", NULL, NULL, MLP_PORTABLE_ERROR_PARSE, "the file is not UTF-8 text" },
    { "[1, 2]", NULL, NULL, MLP_PORTABLE_ERROR_FORMAT,
      "$: expected an object, found an array: this is not an MLPrep progress export" },
    { "{\"format_version\": 1, \"stages\": []}", NULL, NULL, MLP_PORTABLE_ERROR_FORMAT,
      "$.format: expected “mlprep-progress”: this is not an MLPrep progress export" },
    { "{\"format\": \"mlprep-progress\", \"version\": \"1\"}", NULL, NULL, MLP_PORTABLE_ERROR_INVALID,
      "$.version: expected an integer, found a string" },
    { "{\"format\": \"mlprep-progress\", \"version\": 0}", NULL, NULL, MLP_PORTABLE_ERROR_VERSION,
      "$.version: version 0 does not exist" },
    { deep, NULL, NULL, MLP_PORTABLE_ERROR_TOO_LARGE, "JSON is nested deeper than 8 levels" },
    { "{\"format\": \"mlprep-progress\", \"version\": 1, 'x': 1}", NULL, NULL, MLP_PORTABLE_ERROR_PARSE,
      "not strict JSON: unexpected “'”" },
    { "{\"version\": 12345678901234567890}", NULL, NULL, MLP_PORTABLE_ERROR_TOO_LARGE,
      "a number has more than 18 digits" },
    { NULL, "checks", "{\"item_id\": \"z\", \"checked\": true, \"changed_at\": \"yesterday\"}",
      MLP_PORTABLE_ERROR_INVALID, "$.checks[0].changed_at: expected an integer, found a string" },
    { NULL, "checks", "{\"item_id\": \"z\", \"checked\": true, \"changed_at\": 1.5}",
      MLP_PORTABLE_ERROR_INVALID, "$.checks[0].changed_at: expected an integer, found a number" },
    { NULL, "checks", "{\"item_id\": \"z\", \"checked\": true, \"changed_at\": -5}",
      MLP_PORTABLE_ERROR_INVALID, "$.checks[0].changed_at: -5 is out of range (at least 0)" },
    { NULL, "checks", "{\"item_id\": \"z\", \"checked\": \"yes\", \"changed_at\": 1}",
      MLP_PORTABLE_ERROR_INVALID, "$.checks[0].checked: expected a boolean, found a string" },
    { NULL, "checks", "{\"item_id\": \"\", \"checked\": true, \"changed_at\": 1}",
      MLP_PORTABLE_ERROR_INVALID, "$.checks[0].item_id: must not be empty" },
    { NULL, "checks", "{\"item_id\": 3, \"checked\": true, \"changed_at\": 1}",
      MLP_PORTABLE_ERROR_INVALID, "$.checks[0].item_id: expected a string, found an integer" },
    { NULL, "checks", long_row, MLP_PORTABLE_ERROR_TOO_LARGE, "$.checks[0].item_id: is longer than 256 bytes" },
    { NULL, "checks", "{\"item_id\": \"z\", \"checked\": true}",
      MLP_PORTABLE_ERROR_INVALID, "$.checks[0].changed_at: required field is missing" },
    { NULL, "checks", "{\"item_id\": \"z\", \"checked\": true, \"changed_at\": 1, \"extra\": 2}",
      MLP_PORTABLE_ERROR_INVALID, "$.checks[0].extra: unknown field (known fields: item_id, checked, changed_at)" },
    { NULL, "checks", "{\"item_id\": \"z\", \"checked\": true, \"changed_at\": 1},"
                      " {\"item_id\": \"z\", \"checked\": false, \"changed_at\": 2}",
      MLP_PORTABLE_ERROR_INVALID, "$.checks[1].item_id: “z” is listed twice (also at $.checks[0])" },
    { NULL, "checks", "\"z\"", MLP_PORTABLE_ERROR_INVALID, "$.checks[0]: expected an object, found a string" },
    { NULL, "reviews", "{\"question_id\": \"q\", \"reviewed_at\": 1, \"grade\": 5, \"source\": \"quiz\", \"attempt_id\": null}",
      MLP_PORTABLE_ERROR_INVALID, "$.reviews[0].grade: 5 is out of range (1 to 4)" },
    { NULL, "reviews", "{\"question_id\": \"q\", \"reviewed_at\": 1, \"grade\": 3, \"source\": \"quiz\", \"attempt_id\": 4}",
      MLP_PORTABLE_ERROR_INVALID, "$.reviews[0].attempt_id: no attempt in the file has id 4" },
    { NULL, "reviews", "{\"question_id\": \"q\", \"reviewed_at\": 1, \"grade\": 3, \"source\": \"quiz\", \"attempt_id\": 0}",
      MLP_PORTABLE_ERROR_INVALID, "$.reviews[0].attempt_id: 0 is out of range (at least 1)" },
    { NULL, "notes", "{\"target_id\": \"n\", \"body\": null, \"changed_at\": 1}",
      MLP_PORTABLE_ERROR_INVALID, "$.notes[0].body: expected a string, found null" },
    { NULL, "mock_sessions", "{\"started_at\": 1, \"ended_at\": null, \"planned\": 1,"
                             " \"seconds_per_question\": 60, \"answers\": [{\"question_id\": \"q\","
                             " \"grade\": 3, \"seconds_used\": 4294967296, \"points_mask\": 0, \"points_total\": 1}]}",
      MLP_PORTABLE_ERROR_INVALID,
      "$.mock_sessions[0].answers[0].seconds_used: 4294967296 is out of range (0 to 2147483647)" },
    { NULL, "mock_sessions", "{\"started_at\": 1, \"ended_at\": \"never\", \"planned\": 1,"
                             " \"seconds_per_question\": 60, \"answers\": []}",
      MLP_PORTABLE_ERROR_INVALID, "$.mock_sessions[0].ended_at: expected an integer or null, found a string" },
  };

  fill (store);
  before = export_text (store);
  good = export_with ("checks", check);

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *text = refusals[i].text ? g_strdup (refusals[i].text)
                                               : export_with (refusals[i].table, refusals[i].rows);
      g_autofree char *expected = g_strconcat ("backup.json: ", refusals[i].message, NULL);
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;
      MlpRestoreReport report = { .checks_added = 99 };

      g_test_message ("refusal %u: %s", i, refusals[i].message);
      g_assert_false (restore_text (store, text, &report, &error));
      g_assert_error (error, MLP_PORTABLE_ERROR, (int)refusals[i].code);
      g_assert_cmpstr (error->message, ==, expected);
      g_assert_cmpuint (report.checks_added, ==, 0);

      after = export_text (store);
      g_assert_cmpstr (after, ==, before);
    }

  /* The file as a whole: a newer version, an unknown member, a truncated
   * file, more text after the end. */
  version_two = g_strdup (good);
  memcpy (strstr (version_two, "\"version\": 1") + 11, "2", 1);
  unknown_root = g_strconcat ("{\"device\": \"laptop\", ", good + 1, NULL);
  truncated = g_strndup (good, strlen (good) / 2);
  trailing = g_strconcat (good, " {}", NULL);
  {
    const struct { const char *text; MlpPortableError code; const char *message; } whole[] = {
      { version_two, MLP_PORTABLE_ERROR_VERSION,
        "backup.json: $.version: version 2 comes from a newer MLPrep (this version reads version 1); "
        "update MLPrep to restore it" },
      { unknown_root, MLP_PORTABLE_ERROR_INVALID,
        "backup.json: $.device: unknown field (known fields: format, version, exported_at, checks, "
        "attempts, reviews, notes, queued, mock_sessions)" },
      { truncated, MLP_PORTABLE_ERROR_PARSE, NULL },
      { trailing, MLP_PORTABLE_ERROR_PARSE, "backup.json: not valid JSON: more text after the end of the export" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (whole); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *after = NULL;

        g_assert_false (restore_text (store, whole[i].text, NULL, &error));
        g_assert_error (error, MLP_PORTABLE_ERROR, (int)whole[i].code);
        if (whole[i].message)
          g_assert_cmpstr (error->message, ==, whole[i].message);
        else
          g_assert_true (g_str_has_prefix (error->message, "backup.json: not valid JSON: "));
        after = export_text (store);
        g_assert_cmpstr (after, ==, before);
      }
  }

  /* And the good one is taken. */
  {
    g_autoptr(GError) error = NULL;
    MlpRestoreReport report;

    g_assert_true (restore_text (store, good, &report, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (report.checks_added, ==, 1);
  }
}

static void
test_refuse_files (void)
{
  g_autoptr(MlpStore) store = mlp_store_new_in_memory ();
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = g_build_filename (tmp_dir, "huge.json", NULL);
  g_autofree char *missing = g_build_filename (tmp_dir, "missing.json", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (huge);
  g_autoptr(GFile) nowhere = g_file_new_for_path (missing);
  FILE *f;

  /* 65 MiB, sparse: refused before it is read. */
  f = g_fopen (huge, "w");
  g_assert_nonnull (f);
  g_assert_cmpint (ftruncate (fileno (f), 65 * 1024 * 1024), ==, 0);
  fclose (f);

  g_assert_false (mlp_portable_restore (store, file, NULL, &error));
  g_assert_error (error, MLP_PORTABLE_ERROR, MLP_PORTABLE_ERROR_TOO_LARGE);
  expected = g_strdup_printf ("%s: the file is larger than 64 MiB", huge);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_remove (huge);

  g_assert_false (mlp_portable_restore (store, nowhere, NULL, &error));
  g_assert_error (error, MLP_PORTABLE_ERROR, MLP_PORTABLE_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, missing));
  g_clear_error (&error);

  /* A folder that cannot be written: the export says which file. */
  {
    g_autofree char *folder = g_build_filename (tmp_dir, "read-only", NULL);
    g_autofree char *path = g_build_filename (folder, "out.json", NULL);
    g_autoptr(GFile) out = g_file_new_for_path (path);
    g_autoptr(GDateTime) now = fixed_now ();

    g_assert_cmpint (g_mkdir (folder, 0500), ==, 0);
    if (access (folder, W_OK) == 0)
      g_test_message ("running as root: the read-only folder is writable, skipping that check");
    else
      {
        g_assert_false (mlp_portable_export (store, out, now, &error));
        g_assert_error (error, MLP_PORTABLE_ERROR, MLP_PORTABLE_ERROR_IO);
        g_assert_true (g_str_has_prefix (error->message, path));
        g_clear_error (&error);
      }
    g_remove (path);
    g_rmdir (folder);
  }
}

/* A database that fails halfway through a merge keeps none of it. */
static void
test_all_or_nothing (void)
{
  g_autoptr(MlpStore) store = mlp_store_new_in_memory ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  MlpRestoreReport report;

  fill (store);
  exec_sql (store, "CREATE TRIGGER refuse BEFORE INSERT ON mock_sessions"
                   " BEGIN SELECT RAISE (ABORT, 'disk on fire'); END");
  before = export_text (store);

  g_assert_false (restore_text (store, merge_file, &report, &error));
  g_assert_error (error, MLP_PORTABLE_ERROR, MLP_PORTABLE_ERROR_DATABASE);
  g_assert_cmpstr (error->message, ==, "Could not restore your progress (nothing was changed): disk on fire");
  g_assert_false (mlp_restore_report_changed (&report));

  after = export_text (store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM checks WHERE item_id = 'd'"), ==, 0);
}

static void
test_markdown (void)
{
  g_autoptr(MlpStage) stage = mlp_stage_new ("t-md", 1, "Data & *models*",
                                             "Check #1: use [brackets] and `code`.");
  g_autoptr(MlpCheckItem) first = mlp_check_item_new ("t-md.one", MLP_ITEM_KIND_DO, "Tick me_now",
                                                      "1. Not a numbered list", "Smith <2020>", NULL);
  g_autoptr(MlpCheckItem) second = mlp_check_item_new ("t-md.two", MLP_ITEM_KIND_DONT, "Don't use | pipes",
                                                       "Plain.", "Doe", NULL);
  g_autoptr(MlpCheckItem) third = mlp_check_item_new ("t-md.three", MLP_ITEM_KIND_DO, "Second thing",
                                                      "Two\nlines", "Roe", NULL);
  g_autofree char *markdown = NULL;
  const char *expected =
    "# Data \\& \\*models\\*\n"
    "\n"
    "Check \\#1: use \\[brackets\\] and \\`code\\`.\n"
    "\n"
    "## Do\n"
    "\n"
    "- [x] Tick me\\_now\n"
    "\n"
    "  1\\. Not a numbered list\n"
    "\n"
    "  Source: Smith \\<2020\\>\n"
    "\n"
    "  > Note: Line one\n"
    "  > \\- not a list\n"
    "  > \\> not a quote\n"
    "\n"
    "- [ ] Second thing\n"
    "\n"
    "  Two\n"
    "  lines\n"
    "\n"
    "  Source: Roe\n"
    "\n"
    "## Don’t\n"
    "\n"
    "- [ ] Don't use \\| pipes\n"
    "\n"
    "  Plain.\n"
    "\n"
    "  Source: Doe\n";

  mlp_stage_add_item (stage, first);
  mlp_stage_add_item (stage, second);
  mlp_stage_add_item (stage, third);
  mlp_check_item_set_checked (first, TRUE);
  mlp_check_item_set_note (first, "Line one\n- not a list\n> not a quote");

  markdown = mlp_portable_stage_markdown (stage);
  g_assert_cmpstr (markdown, ==, expected);
}

static void
test_import_pack (void)
{
  g_autoptr(MlpCatalog) catalog = mlp_catalog_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) installed = NULL;
  g_autofree char *good_path = g_test_build_filename (G_TEST_DIST, "packs", "good.json", NULL);
  g_autofree char *extra_path = g_test_build_filename (G_TEST_DIST, "packs", "extra.json", NULL);
  g_autofree char *bad_path = g_test_build_filename (G_TEST_DIST, "packs", "bad", "duplicate-item-id.json", NULL);
  g_autofree char *packs = g_build_filename (tmp_dir, "packs", NULL);
  g_autofree char *other_dir = g_build_filename (tmp_dir, "other", NULL);
  g_autofree char *other_path = g_build_filename (other_dir, "extra.json", NULL);
  g_autofree char *copy = NULL;
  g_autofree char *original = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GFile) good = g_file_new_for_path (good_path);
  g_autoptr(GFile) extra = g_file_new_for_path (extra_path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GFile) other = g_file_new_for_path (other_path);
  g_autoptr(GDir) dir = NULL;
  guint n_stages = 0;
  guint n_files = 0;

  g_assert_true (mlp_catalog_load_file (catalog, good, &error));

  /* A good pack: copied, and its stage is there at once. */
  g_assert_true (mlp_portable_import_pack (catalog, extra, packs, &installed, &n_stages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_stages, ==, 1);
  g_assert_nonnull (mlp_catalog_find_stage (catalog, "t-extra"));
  g_assert_cmpuint (g_list_model_get_n_items (mlp_catalog_get_stages (catalog)), ==, 3);
  copy = g_file_get_path (installed);
  expected = g_build_filename (packs, "extra.json", NULL);
  g_assert_cmpstr (copy, ==, expected);
  g_assert_true (g_file_get_contents (copy, &original, NULL, NULL));
  g_clear_pointer (&copy, g_free);
  g_clear_pointer (&expected, g_free);
  g_clear_object (&installed);

  /* The same pack again: its ids are taken; the catalog's message. */
  g_assert_false (mlp_portable_import_pack (catalog, extra, packs, &installed, NULL, &error));
  g_assert_error (error, MLP_CATALOG_ERROR, MLP_CATALOG_ERROR_DUPLICATE);
  expected = g_strdup_printf ("%s: $.stages[0].id: id “t-extra” is already defined by %s", extra_path, extra_path);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_null (installed);
  g_clear_error (&error);
  g_clear_pointer (&expected, g_free);

  /* A bad pack: refused with the catalog's message, nothing copied. */
  g_assert_false (mlp_portable_import_pack (catalog, bad, packs, NULL, NULL, &error));
  g_assert_error (error, MLP_CATALOG_ERROR, MLP_CATALOG_ERROR_DUPLICATE);
  expected = g_strdup_printf ("%s: $.stages[0].items[1].id: duplicate id “t-alpha.first”", bad_path);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_clear_pointer (&expected, g_free);

  /* Another pack under the same file name: kept beside the first. */
  g_assert_cmpint (g_mkdir (other_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (other_path,
    "{\"format_version\": 1, \"stages\": [{\"id\": \"t-other\", \"position\": 5, \"title\": \"Other\","
    " \"summary\": \"Another.\", \"items\": [{\"id\": \"t-other.one\", \"kind\": \"do\", \"text\": \"One\","
    " \"detail\": \"Detail.\", \"source\": \"Test\"}], \"questions\": []}]}", -1, NULL));
  g_assert_true (mlp_portable_import_pack (catalog, other, packs, &installed, &n_stages, &error));
  g_assert_no_error (error);
  copy = g_file_get_path (installed);
  expected = g_build_filename (packs, "extra-2.json", NULL);
  g_assert_cmpstr (copy, ==, expected);
  g_assert_nonnull (mlp_catalog_find_stage (catalog, "t-other"));

  /* The first copy is untouched, and no temporary file is left. */
  {
    g_autofree char *first_path = g_build_filename (packs, "extra.json", NULL);
    g_autofree char *now = NULL;

    g_assert_true (g_file_get_contents (first_path, &now, NULL, NULL));
    g_assert_cmpstr (now, ==, original);
  }
  dir = g_dir_open (packs, 0, NULL);
  for (const char *name; (name = g_dir_read_name (dir)); n_files++)
    g_assert_true (g_str_has_suffix (name, ".json") && name[0] != '.');
  g_assert_cmpuint (n_files, ==, 2);

  /* A fresh catalog loading the folder gets both, as at the next start. */
  {
    g_autoptr(MlpCatalog) next = mlp_catalog_new ();

    g_assert_true (mlp_catalog_load_file (next, good, NULL));
    g_assert_cmpuint (mlp_catalog_load_directory (next, packs), ==, 2);
  }

  g_remove (copy);
  g_remove (expected);
  g_clear_pointer (&expected, g_free);
  expected = g_build_filename (packs, "extra.json", NULL);
  g_remove (expected);
  g_rmdir (packs);
  g_remove (other_path);
  g_rmdir (other_dir);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("mlprep-portable-XXXXXX", NULL);

  g_test_add_func ("/portable/round-trip", test_round_trip);
  g_test_add_func ("/portable/merge-rules", test_merge_rules);
  g_test_add_func ("/portable/refusals", test_refusals);
  g_test_add_func ("/portable/refuse-files", test_refuse_files);
  g_test_add_func ("/portable/all-or-nothing", test_all_or_nothing);
  g_test_add_func ("/portable/markdown", test_markdown);
  g_test_add_func ("/portable/import-pack", test_import_pack);

  result = g_test_run ();

  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return result;
}
