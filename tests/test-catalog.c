/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "mlp-catalog.h"

static char *
pack_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "packs", name, NULL);
}

static MlpCatalog *
load_good (void)
{
  g_autoptr(MlpCatalog) catalog = mlp_catalog_new ();
  g_autofree char *path = pack_path ("good.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  mlp_catalog_load_file (catalog, file, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&catalog);
}

static void
test_good_pack (void)
{
  g_autoptr(MlpCatalog) catalog = load_good ();
  GListModel *stages = mlp_catalog_get_stages (catalog);
  g_autoptr(MlpStage) first = NULL;
  g_autoptr(MlpStage) second = NULL;
  MlpCheckItem *item;
  MlpQuestion *question;
  const MlpChoice *choice;

  g_assert_cmpuint (g_list_model_get_n_items (stages), ==, 2);

  /* Sidebar order follows "position", not file order. */
  first = g_list_model_get_item (stages, 0);
  second = g_list_model_get_item (stages, 1);
  g_assert_cmpstr (mlp_stage_get_id (first), ==, "t-beta");
  g_assert_cmpstr (mlp_stage_get_id (second), ==, "t-alpha");
  g_assert_cmpstr (mlp_stage_get_title (second), ==, "Alpha stage");
  g_assert_cmpuint (mlp_stage_get_n_items (second), ==, 2);
  g_assert_cmpuint (mlp_stage_get_n_questions (second), ==, 2);
  g_assert_cmpuint (mlp_stage_get_n_questions (first), ==, 0);

  item = mlp_catalog_find_item (catalog, "t-alpha.second");
  g_assert_nonnull (item);
  g_assert_cmpint (mlp_check_item_get_kind (item), ==, MLP_ITEM_KIND_DONT);
  g_assert_true (strstr (mlp_check_item_get_detail (item), "<b>markup</b>") != NULL);
  g_assert_cmpstr (mlp_check_item_get_source (item), ==, "Test fixture");
  g_assert_cmpuint (g_strv_length ((char **)mlp_check_item_get_question_ids (item)), ==, 0);

  item = mlp_catalog_find_item (catalog, "t-alpha.first");
  g_assert_cmpstr (mlp_check_item_get_question_ids (item)[0], ==, "t-alpha.q.choice");

  question = mlp_catalog_find_question (catalog, "t-alpha.q.choice");
  g_assert_nonnull (question);
  g_assert_cmpint (mlp_question_get_kind (question), ==, MLP_QUESTION_KIND_CHOICE);
  g_assert_cmpuint (mlp_question_get_n_choices (question), ==, 3);
  choice = mlp_question_find_choice (question, "b");
  g_assert_true (choice->correct);
  g_assert_cmpstr (choice->explanation, ==, "Because it is right.");
  g_assert_false (mlp_question_find_choice (question, "a")->correct);
  g_assert_null (mlp_question_find_choice (question, "z"));

  question = mlp_catalog_find_question (catalog, "t-alpha.q.scenario");
  g_assert_cmpint (mlp_question_get_kind (question), ==, MLP_QUESTION_KIND_SCENARIO);
  g_assert_cmpuint (mlp_question_get_n_key_points (question), ==, 4);
  g_assert_cmpstr (mlp_question_get_key_points (question)[2], ==, "Roll back if needed");
  g_assert_cmpstr (mlp_question_get_follow_up (question), ==, "And if the pipeline is fine?");
  g_assert_cmpstr (mlp_question_get_model_answer (question), ==,
                   "Check the data pipeline first, then the model.");

  g_assert_null (mlp_catalog_find_stage (catalog, "nope"));
  g_assert_true (mlp_catalog_find_stage (catalog, "t-alpha") == second);
  g_assert_cmpuint (mlp_catalog_get_errors (catalog)->len, ==, 0);
}

/* The malformed-pack corpus: tests/packs/bad/EXPECTED has one line per
 * pack, "FILE<TAB>ERROR_CODE_NAME<TAB>expected text", where the expected
 * text is what the message must say after "PATH: " (the JSON path and the
 * problem). Packs that would be too big to commit are made at run time. */
typedef struct
{
  char  *file;
  char  *path;                          /* NULL: made at run time */
  int    code;
  char  *expected;
  void (*generate) (const char *path);
} BadPack;

static GPtrArray *bad_packs;            /* BadPack, from EXPECTED */

static const struct
{
  const char *name;
  int         code;
} error_codes[] = {
  { "MLP_CATALOG_ERROR_IO", MLP_CATALOG_ERROR_IO },
  { "MLP_CATALOG_ERROR_TOO_LARGE", MLP_CATALOG_ERROR_TOO_LARGE },
  { "MLP_CATALOG_ERROR_PARSE", MLP_CATALOG_ERROR_PARSE },
  { "MLP_CATALOG_ERROR_VERSION", MLP_CATALOG_ERROR_VERSION },
  { "MLP_CATALOG_ERROR_MISSING", MLP_CATALOG_ERROR_MISSING },
  { "MLP_CATALOG_ERROR_TYPE", MLP_CATALOG_ERROR_TYPE },
  { "MLP_CATALOG_ERROR_INVALID", MLP_CATALOG_ERROR_INVALID },
  { "MLP_CATALOG_ERROR_DUPLICATE", MLP_CATALOG_ERROR_DUPLICATE },
  { "MLP_CATALOG_ERROR_REFERENCE", MLP_CATALOG_ERROR_REFERENCE },
  { "MLP_CATALOG_ERROR_UNKNOWN_FIELD", MLP_CATALOG_ERROR_UNKNOWN_FIELD },
};

static const char *
error_code_name (int code)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_codes); i++)
    {
      if (error_codes[i].code == code)
        return error_codes[i].name;
    }
  return "(unknown code)";
}

static void
bad_pack_free (BadPack *bad)
{
  g_free (bad->file);
  g_free (bad->path);
  g_free (bad->expected);
  g_free (bad);
}

static char *
bad_dir (void)
{
  return g_test_build_filename (G_TEST_DIST, "packs", "bad", NULL);
}

static GPtrArray *
read_expected (void)
{
  g_autoptr(GPtrArray) packs = g_ptr_array_new_with_free_func ((GDestroyNotify)bad_pack_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *dir = bad_dir ();
  g_autofree char *expected_path = g_build_filename (dir, "EXPECTED", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (expected_path, &contents, NULL, &error))
    g_error ("%s", error->message);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) fields = NULL;
      BadPack *bad;
      guint j;

      /* Only the newline that ends the file leaves an empty last line. */
      if (lines[i][0] == '\0' && lines[i + 1] == NULL)
        break;

      fields = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (fields) != 3 || fields[0][0] == '\0' || fields[2][0] == '\0')
        g_error ("%s:%u: expected “FILE<TAB>CODE<TAB>MESSAGE”, got “%s”",
                 expected_path, i + 1, lines[i]);
      if (!g_str_has_suffix (fields[0], ".json") || strchr (fields[0], '/') != NULL)
        g_error ("%s:%u: “%s” is not a pack file name", expected_path, i + 1, fields[0]);
      if (g_hash_table_contains (seen, fields[0]))
        g_error ("%s:%u: “%s” is listed twice", expected_path, i + 1, fields[0]);

      for (j = 0; j < G_N_ELEMENTS (error_codes); j++)
        {
          if (g_str_equal (fields[1], error_codes[j].name))
            break;
        }
      if (j == G_N_ELEMENTS (error_codes))
        g_error ("%s:%u: unknown error code “%s”", expected_path, i + 1, fields[1]);

      bad = g_new0 (BadPack, 1);
      bad->file = g_strdup (fields[0]);
      bad->path = g_build_filename (dir, fields[0], NULL);
      bad->code = error_codes[j].code;
      bad->expected = g_strdup (fields[2]);
      g_ptr_array_add (packs, bad);
      g_hash_table_add (seen, bad->file);
    }

  return g_steal_pointer (&packs);
}

/* good.json, padded with spaces to one byte over the limit: valid JSON
 * that only the size check can refuse. */
static void
generate_too_large (const char *path)
{
  g_autofree char *good = pack_path ("good.json");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GString *pack;
  gsize length;

  g_assert_true (g_file_get_contents (good, &text, &length, NULL));
  pack = g_string_new_len (text, length);
  while (pack->len < MLP_CATALOG_MAX_PACK_SIZE + 1)
    g_string_append_c (pack, ' ');
  g_file_set_contents (path, pack->str, pack->len, &error);
  g_assert_no_error (error);
  g_string_free (pack, TRUE);
}

/* Checks @error against @bad. A mismatch fails the current test case with
 * a message naming the pack, without aborting the run, so one report lists
 * every pack whose error changed. */
static gboolean
check_refusal (const BadPack *bad,
               const char    *path,
               const GError  *error)
{
  g_autofree char *full_path = g_canonicalize_filename (path, NULL);
  g_autofree char *prefix = g_strconcat (full_path, ": ", NULL);

  if (error == NULL)
    {
      g_test_fail_printf ("%s: refused without an error", bad->file);
      return FALSE;
    }
  if (error->domain != MLP_CATALOG_ERROR || error->code != bad->code)
    {
      g_test_fail_printf ("%s: expected %s, got %s: %s", bad->file, error_code_name (bad->code),
                          error->domain == MLP_CATALOG_ERROR ? error_code_name (error->code)
                                                             : g_quark_to_string (error->domain),
                          error->message);
      return FALSE;
    }
  /* The message names the file first, then the place and the problem. */
  if (!g_str_has_prefix (error->message, prefix))
    {
      g_test_fail_printf ("%s: “%s” does not start with “%s”", bad->file, error->message, prefix);
      return FALSE;
    }
  if (strstr (error->message + strlen (prefix), bad->expected) == NULL)
    {
      g_test_fail_printf ("%s: “%s” does not contain “%s”", bad->file, error->message, bad->expected);
      return FALSE;
    }

  return TRUE;
}

static void
test_bad_pack (gconstpointer data)
{
  const BadPack *bad = data;
  g_autoptr(MlpCatalog) catalog = mlp_catalog_new ();
  g_autofree char *tmp_dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *good_path = pack_path ("good.json");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) good = g_file_new_for_path (good_path);
  g_autoptr(GError) error = NULL;

  if (bad->generate)
    {
      tmp_dir = g_dir_make_tmp ("mlprep-catalog-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (tmp_dir, bad->file, NULL);
      bad->generate (path);
    }
  else
    path = g_strdup (bad->path);
  file = g_file_new_for_path (path);

  if (mlp_catalog_load_file (catalog, file, &error))
    {
      g_test_fail_printf ("%s: loaded, but should fail with %s", bad->file,
                          error_code_name (bad->code));
      goto out;
    }
  if (!check_refusal (bad, path, error))
    goto out;
  g_clear_error (&error);

  /* A refused pack adds nothing: no stage, no id, no error entry (only the
   * folder loaders keep errors), and no id stays reserved, so good.json,
   * which defines the ids the bad packs reuse, still loads. */
  g_assert_cmpuint (g_list_model_get_n_items (mlp_catalog_get_stages (catalog)), ==, 0);
  g_assert_null (mlp_catalog_find_stage (catalog, "t-alpha"));
  g_assert_null (mlp_catalog_find_item (catalog, "t-alpha.first"));
  g_assert_null (mlp_catalog_find_question (catalog, "t-alpha.q.choice"));
  g_assert_cmpuint (mlp_catalog_get_errors (catalog)->len, ==, 0);
  mlp_catalog_load_file (catalog, good, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (mlp_catalog_get_stages (catalog)), ==, 2);

out:
  if (tmp_dir)
    {
      g_assert_cmpint (g_unlink (path), ==, 0);
      g_assert_cmpint (g_rmdir (tmp_dir), ==, 0);
    }
}

/* EXPECTED and the folder agree: every pack has its expected error, every
 * line has its pack. */
static void
test_bad_corpus (void)
{
  g_autofree char *dir = bad_dir ();
  g_autoptr(GDir) folder = NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  const char *name;

  for (guint i = 0; i < bad_packs->len; i++)
    {
      BadPack *bad = g_ptr_array_index (bad_packs, i);

      if (bad->path == NULL)
        continue;
      g_hash_table_add (listed, bad->file);
      if (!g_file_test (bad->path, G_FILE_TEST_IS_REGULAR))
        g_test_fail_printf ("EXPECTED lists %s, which is not in %s", bad->file, dir);
    }

  folder = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (folder)))
    {
      if (!g_str_equal (name, "EXPECTED") && !g_hash_table_contains (listed, name))
        g_test_fail_printf ("%s/%s has no line in EXPECTED", dir, name);
    }

  g_assert_cmpuint (g_hash_table_size (listed), >=, 32);
}

static void
expect_bytes_error (const char *data,
                    gsize       length,
                    int         code,
                    const char *expected)
{
  g_autoptr(MlpCatalog) catalog = mlp_catalog_new ();
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  g_autoptr(GError) error = NULL;

  g_assert_false (mlp_catalog_load_bytes (catalog, "memory.json", bytes, &error));
  g_assert_error (error, MLP_CATALOG_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, "memory.json: "));
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, expected);
}

static void
expect_bytes_ok (const char *data,
                 gsize       length)
{
  g_autoptr(MlpCatalog) catalog = mlp_catalog_new ();
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  g_autoptr(GError) error = NULL;

  mlp_catalog_load_bytes (catalog, "memory.json", bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (mlp_catalog_get_stages (catalog)), ==, 2);
}

static GString *
read_good (void)
{
  g_autofree char *path = pack_path ("good.json");
  g_autofree char *text = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  return g_string_new_len (text, length);
}

/* The committed corpus and the run-time too-large pack cover the limits
 * through files; this covers mlp_catalog_load_bytes() and the exact edges. */
static void
test_limits (void)
{
  g_autoptr(GString) deep = g_string_new ("{\"format_version\": 1, \"stages\": ");
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autoptr(GString) pack = NULL;
  const char invalid_utf8[] = "{\"format_version\": 1, \"stages\": [\"\xff\xfe\"]}";

  for (int i = 0; i < 10000; i++)
    g_string_append_c (deep, '[');
  expect_bytes_error (deep->str, deep->len, MLP_CATALOG_ERROR_TOO_LARGE,
                      "JSON is nested deeper than 16 levels");

  expect_bytes_error (invalid_utf8, sizeof invalid_utf8 - 1, MLP_CATALOG_ERROR_PARSE,
                      "the file is not valid UTF-8 text");

  g_string_set_size (huge, MLP_CATALOG_MAX_PACK_SIZE + 1);
  memset (huge->str, ' ', huge->len);
  expect_bytes_error (huge->str, huge->len, MLP_CATALOG_ERROR_TOO_LARGE,
                      "the file is larger than 8 MiB");

  expect_bytes_error ("", 0, MLP_CATALOG_ERROR_PARSE, "not valid JSON: the file is empty");

  /* A pack of exactly the size limit loads. */
  pack = read_good ();
  while (pack->len < MLP_CATALOG_MAX_PACK_SIZE)
    g_string_append_c (pack, ' ');
  expect_bytes_ok (pack->str, pack->len);
  g_string_free (g_steal_pointer (&pack), TRUE);

  /* Brackets and escaped quotes inside strings do not count as nesting. */
  pack = read_good ();
  g_assert_cmpuint (g_string_replace (pack, "Why the first thing matters.",
                                      "[[[[[[[[[[[[[[[[[[[[ \\\" {{{{{{{{{{{{{{{{{{{{ \\\\", 1), ==, 1);
  expect_bytes_ok (pack->str, pack->len);
}

static void
test_surrogate_pair (void)
{
  g_autoptr(GString) pack = read_good ();
  g_autoptr(MlpCatalog) catalog = mlp_catalog_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  /* An escaped pair (U+1F600) is one valid character, not a lone half. */
  g_assert_cmpuint (g_string_replace (pack, "\"Beta stage\"", "\"Beta \\ud83d\\ude00 stage\"", 1), ==, 1);
  bytes = g_bytes_new (pack->str, pack->len);
  g_assert_true (mlp_catalog_load_bytes (catalog, "memory.json", bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mlp_stage_get_title (mlp_catalog_find_stage (catalog, "t-beta")), ==, "Beta \U0001F600 stage");
}

static void
test_long_string (void)
{
  g_autofree char *filler = g_strnfill (MLP_CATALOG_MAX_STRING_SIZE + 1, 'x');
  g_autoptr(GString) pack = read_good ();

  /* Exactly the limit is allowed, one byte more is not. */
  g_assert_cmpuint (g_string_replace (pack, "Why the first thing matters.", filler + 1, 1), ==, 1);
  expect_bytes_ok (pack->str, pack->len);
  g_assert_cmpuint (g_string_replace (pack, filler + 1, filler, 1), ==, 1);
  expect_bytes_error (pack->str, pack->len, MLP_CATALOG_ERROR_TOO_LARGE,
                      "$.stages[0].items[0].detail: text is longer than 32768 bytes");
}

static void
test_duplicate_across_packs (void)
{
  g_autoptr(MlpCatalog) catalog = load_good ();
  g_autofree char *path = pack_path ("good.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_false (mlp_catalog_load_file (catalog, file, &error));
  g_assert_error (error, MLP_CATALOG_ERROR, MLP_CATALOG_ERROR_DUPLICATE);
  g_assert_true (strstr (error->message, "is already defined by") != NULL);
  /* The first copy is still there, once. */
  g_assert_cmpuint (g_list_model_get_n_items (mlp_catalog_get_stages (catalog)), ==, 2);
}

static void
test_missing_file (void)
{
  g_autoptr(MlpCatalog) catalog = mlp_catalog_new ();
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/pack.json");
  g_autoptr(GError) error = NULL;

  g_assert_false (mlp_catalog_load_file (catalog, file, &error));
  g_assert_error (error, MLP_CATALOG_ERROR, MLP_CATALOG_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent/pack.json: cannot be read"));
}

static char *
copy_into (const char *from,
           const char *dir,
           const char *name)
{
  g_autofree char *to = g_build_filename (dir, name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, length, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&to);
}

static int
compare_bad_packs (gconstpointer a,
                   gconstpointer b)
{
  const BadPack *pa = *(const BadPack * const *)a;
  const BadPack *pb = *(const BadPack * const *)b;

  return g_strcmp0 (pa->file, pb->file);
}

static void
test_directory (void)
{
  g_autoptr(MlpCatalog) catalog = mlp_catalog_new ();
  g_autoptr(GPtrArray) corpus = g_ptr_array_new ();
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *good = pack_path ("good.json");
  g_autofree char *bad = bad_dir ();
  g_autofree char *expected = g_build_filename (bad, "EXPECTED", NULL);
  g_autofree char *tmp_dir = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *errors;
  guint loaded;

  /* One folder with the good pack and every bad one of the corpus (and
   * EXPECTED, which is not *.json and must be skipped). The good pack is
   * named to load last: packs are read in name order, and a bad pack read
   * after it would first collide with its ids. */
  tmp_dir = g_dir_make_tmp ("mlprep-catalog-XXXXXX", &error);
  g_assert_no_error (error);
  g_ptr_array_add (copies, copy_into (good, tmp_dir, "zz-good.json"));
  g_ptr_array_add (copies, copy_into (expected, tmp_dir, "EXPECTED"));
  for (guint i = 0; i < bad_packs->len; i++)
    {
      BadPack *pack = g_ptr_array_index (bad_packs, i);

      if (pack->path == NULL)
        continue;
      g_ptr_array_add (corpus, pack);
      g_ptr_array_add (copies, copy_into (pack->path, tmp_dir, pack->file));
    }
  g_ptr_array_sort (corpus, compare_bad_packs);

  /* The good one loads, each bad one is reported with its own error, in
   * name order, and none stops the others. */
  loaded = mlp_catalog_load_directory (catalog, tmp_dir);
  errors = mlp_catalog_get_errors (catalog);
  g_assert_cmpuint (loaded, ==, 1);
  g_assert_cmpuint (errors->len, ==, corpus->len);
  g_assert_cmpuint (g_list_model_get_n_items (mlp_catalog_get_stages (catalog)), ==, 2);
  for (guint i = 0; i < corpus->len; i++)
    {
      const BadPack *pack = g_ptr_array_index (corpus, i);
      g_autofree char *path = g_build_filename (tmp_dir, pack->file, NULL);

      check_refusal (pack, path, g_ptr_array_index (errors, i));
    }

  /* A folder that does not exist is simply empty. */
  g_assert_cmpuint (mlp_catalog_load_directory (catalog, "/nonexistent/packs"), ==, 0);
  g_assert_cmpuint (errors->len, ==, corpus->len);

  for (guint i = 0; i < copies->len; i++)
    g_assert_cmpint (g_unlink (g_ptr_array_index (copies, i)), ==, 0);
  g_assert_cmpint (g_rmdir (tmp_dir), ==, 0);
}

static void
test_builtin_packs (void)
{
  g_autoptr(MlpCatalog) catalog = mlp_catalog_new ();
  GPtrArray *errors;
  guint loaded;

  loaded = mlp_catalog_load_resources (catalog, RESOURCE_BASE "/content/");
  errors = mlp_catalog_get_errors (catalog);
  for (guint i = 0; i < errors->len; i++)
    g_printerr ("%s\n", ((GError *)g_ptr_array_index (errors, i))->message);
  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_cmpuint (loaded, >=, 3);
  g_assert_cmpuint (g_list_model_get_n_items (mlp_catalog_get_stages (catalog)), ==, loaded);
}

static void
test_stage_counters (void)
{
  g_autoptr(MlpCatalog) catalog = load_good ();
  MlpStage *stage = mlp_catalog_find_stage (catalog, "t-alpha");
  MlpCheckItem *item = mlp_catalog_find_item (catalog, "t-alpha.first");
  MlpQuestion *question = mlp_catalog_find_question (catalog, "t-alpha.q.choice");

  g_assert_cmpuint (mlp_stage_get_n_checked (stage), ==, 0);
  mlp_check_item_set_checked (item, TRUE);
  g_assert_cmpuint (mlp_stage_get_n_checked (stage), ==, 1);
  mlp_check_item_set_checked (item, TRUE);
  g_assert_cmpuint (mlp_stage_get_n_checked (stage), ==, 1);
  mlp_check_item_set_checked (item, FALSE);
  g_assert_cmpuint (mlp_stage_get_n_checked (stage), ==, 0);

  mlp_question_set_result (question, TRUE, FALSE);
  g_assert_cmpuint (mlp_stage_get_n_answered (stage), ==, 1);
  g_assert_cmpuint (mlp_stage_get_n_correct (stage), ==, 0);
  mlp_question_set_result (question, TRUE, TRUE);
  g_assert_cmpuint (mlp_stage_get_n_answered (stage), ==, 1);
  g_assert_cmpuint (mlp_stage_get_n_correct (stage), ==, 1);
  mlp_question_set_result (question, FALSE, TRUE);
  g_assert_cmpuint (mlp_stage_get_n_answered (stage), ==, 0);
  g_assert_cmpuint (mlp_stage_get_n_correct (stage), ==, 0);
}

static void
count_call (guint *count)
{
  (*count)++;
}

/* A stage's objects are built when it is first opened; before that,
 * counts and progress work on ids. */
static void
test_lazy_stage (void)
{
  g_autoptr(MlpCatalog) catalog = load_good ();
  MlpStage *alpha = mlp_catalog_find_stage (catalog, "t-alpha");
  MlpStage *beta = mlp_catalog_find_stage (catalog, "t-beta");
  g_autoptr(MlpCheckItem) first = NULL;
  g_autoptr(MlpQuestion) choice = NULL;
  g_autoptr(GStrvBuilder) items = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) questions = g_strv_builder_new ();
  g_auto(GStrv) item_ids = NULL;
  guint n_changed = 0;

  g_assert_false (mlp_stage_get_loaded (alpha));
  g_assert_cmpuint (mlp_stage_get_n_items (alpha), ==, 2);
  g_assert_cmpuint (mlp_stage_get_n_questions (alpha), ==, 2);

  g_assert_true (mlp_catalog_set_checked_by_id (catalog, "t-alpha.first", TRUE));
  g_assert_true (mlp_catalog_set_result_by_id (catalog, "t-alpha.q.choice", TRUE, TRUE));
  g_assert_false (mlp_catalog_set_checked_by_id (catalog, "t-alpha.q.choice", TRUE));
  g_assert_false (mlp_catalog_set_checked_by_id (catalog, "no.such.item", TRUE));
  g_assert_cmpuint (mlp_stage_get_n_checked (alpha), ==, 1);
  g_assert_cmpuint (mlp_stage_get_n_answered (alpha), ==, 1);
  g_assert_cmpuint (mlp_stage_get_n_correct (alpha), ==, 1);
  g_assert_false (mlp_stage_get_loaded (alpha));

  mlp_stage_collect_ids (alpha, items, questions);
  item_ids = g_strv_builder_end (items);
  g_assert_cmpstr (item_ids[0], ==, "t-alpha.first");
  g_assert_false (mlp_stage_get_loaded (alpha));

  /* Opening it builds the objects with the progress carried over. */
  first = g_list_model_get_item (mlp_stage_get_items (alpha), 0);
  g_assert_true (mlp_stage_get_loaded (alpha));
  g_assert_false (mlp_stage_get_loaded (beta));
  g_assert_cmpstr (mlp_check_item_get_id (first), ==, "t-alpha.first");
  g_assert_true (mlp_check_item_get_checked (first));
  g_assert_true (mlp_catalog_find_item (catalog, "t-alpha.first") == first);
  choice = g_list_model_get_item (mlp_stage_get_questions (alpha), 0);
  g_assert_true (mlp_question_get_attempted (choice));
  g_assert_true (mlp_question_get_correct (choice));
  g_assert_cmpuint (mlp_stage_get_n_checked (alpha), ==, 1);
  g_assert_cmpuint (mlp_stage_get_n_answered (alpha), ==, 1);

  /* Ticks reach whoever listens to the stage. */
  g_signal_connect_swapped (alpha, "item-checked-changed", G_CALLBACK (count_call), &n_changed);
  mlp_check_item_set_checked (first, FALSE);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (mlp_stage_get_n_checked (alpha), ==, 0);

  /* By id on a loaded stage goes through the object. */
  g_assert_true (mlp_catalog_set_checked_by_id (catalog, "t-alpha.first", TRUE));
  g_assert_true (mlp_check_item_get_checked (first));
  g_assert_cmpuint (n_changed, ==, 2);

  mlp_stage_clear_progress (alpha);
  mlp_stage_clear_progress (beta);
  g_assert_false (mlp_check_item_get_checked (first));
  g_assert_cmpuint (mlp_stage_get_n_checked (alpha), ==, 0);
  g_assert_cmpuint (mlp_stage_get_n_answered (alpha), ==, 0);
  g_assert_false (mlp_stage_get_loaded (beta));
}

/* A pack file changed on disk after start-up: a stage opened later shows
 * the new text if its ids are unchanged, and nothing (with a warning)
 * otherwise; it never shows content that was not validated. */
static void
test_lazy_changed_file (void)
{
  g_autoptr(MlpCatalog) catalog = mlp_catalog_new ();
  g_autofree char *good = pack_path ("good.json");
  g_autofree char *contents = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mlprep-lazy-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pack.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) changed = NULL;
  g_autoptr(GError) error = NULL;
  MlpStage *alpha, *beta;

  g_assert_true (g_file_get_contents (good, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  mlp_catalog_load_file (catalog, file, &error);
  g_assert_no_error (error);
  alpha = mlp_catalog_find_stage (catalog, "t-alpha");
  beta = mlp_catalog_find_stage (catalog, "t-beta");

  /* Same ids, new text: used. */
  changed = g_string_new (contents);
  g_assert_cmpint (g_string_replace (changed, "Alpha stage", "Alpha stage, edited", 0), >, 0);
  g_assert_true (g_file_set_contents (path, changed->str, -1, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (mlp_stage_get_items (alpha)), ==, 2);

  /* Broken: the stage stays empty and the program goes on. */
  g_assert_true (g_file_set_contents (path, "{ \"format_version\": 1", -1, NULL));
  g_test_expect_message ("mlp-catalog", G_LOG_LEVEL_WARNING, "*not valid JSON*");
  g_test_expect_message ("mlp-stage", G_LOG_LEVEL_WARNING, "*t-beta*could not be loaded*");
  g_assert_cmpuint (g_list_model_get_n_items (mlp_stage_get_items (beta)), ==, 0);
  g_test_assert_expected_messages ();
  g_assert_null (mlp_catalog_find_item (catalog, "t-beta.only"));

  g_remove (path);
  g_rmdir (dir);
}

/* What a catalog shows of its stages without building them. */
static char *
describe_stages (MlpCatalog *catalog)
{
  GListModel *stages = mlp_catalog_get_stages (catalog);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(MlpStage) stage = g_list_model_get_item (stages, i);
      g_autoptr(GStrvBuilder) items = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) questions = g_strv_builder_new ();
      g_auto(GStrv) item_ids = NULL;
      g_auto(GStrv) question_ids = NULL;
      g_autofree char *joined_items = NULL;
      g_autofree char *joined_questions = NULL;

      mlp_stage_collect_ids (stage, items, questions);
      item_ids = g_strv_builder_end (items);
      question_ids = g_strv_builder_end (questions);
      joined_items = g_strjoinv (",", item_ids);
      joined_questions = g_strjoinv (",", question_ids);
      g_string_append_printf (out, "%s %d %s | %s | %s | %s\n", mlp_stage_get_id (stage),
                              mlp_stage_get_position (stage), mlp_stage_get_title (stage),
                              mlp_stage_get_summary (stage), joined_items, joined_questions);
    }

  return g_string_free (out, FALSE);
}

typedef struct
{
  guint  n_parsed;
  char  *stages;    /* describe_stages() */
  guint  n_errors;
} IndexRun;

/* One start: built-in packs, then the folder, then the index is saved. */
static IndexRun
index_run (const char *index,
           const char *packs)
{
  g_autoptr(MlpCatalog) catalog = mlp_catalog_new ();
  g_autoptr(GError) error = NULL;
  IndexRun run;

  mlp_catalog_use_index (catalog, index);
  mlp_catalog_load_resources (catalog, RESOURCE_BASE "/content/");
  mlp_catalog_load_directory (catalog, packs);
  g_assert_true (mlp_catalog_save_index (catalog, &error));
  g_assert_no_error (error);

  run.n_parsed = mlp_catalog_get_n_parsed (catalog);
  run.stages = describe_stages (catalog);
  run.n_errors = mlp_catalog_get_errors (catalog)->len;
  return run;
}

static guint64
inode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_ino;
}

/* Packs seen before come from the pack index, unread, and look the same;
 * a changed, new, removed or colliding pack is read as without an index;
 * a damaged or foreign index is ignored and replaced; one that cannot be
 * written is only not saved. */
static void
test_pack_index (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mlprep-index-XXXXXX", NULL);
  g_autofree char *packs = g_build_filename (dir, "packs", NULL);
  g_autofree char *index = g_build_filename (dir, "cache", "mlprep", "pack-index", NULL);
  g_autofree char *good = pack_path ("good.json");
  g_autofree char *extra = pack_path ("extra.json");
  g_autofree char *good_copy = NULL;
  g_autofree char *extra_copy = NULL;
  g_autofree char *dup_copy = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *unread = NULL;
  g_autoptr(GString) edited = NULL;
  g_autoptr(MlpCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  MlpStage *alpha;
  IndexRun first, run;
  guint n_builtin;
  GStatBuf st;
  guint64 inode;

  g_assert_cmpint (g_mkdir (packs, 0700), ==, 0);
  good_copy = copy_into (good, packs, "a-good.json");
  extra_copy = copy_into (extra, packs, "b-extra.json");

  /* First start: everything is read, and the index written, private. */
  first = index_run (index, packs);
  n_builtin = first.n_parsed - 2;
  g_assert_cmpuint (n_builtin, >=, 3);
  g_assert_cmpuint (first.n_errors, ==, 0);
  g_assert_cmpint (g_stat (index, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Next start: nothing is read, the same stages, the index untouched. */
  inode = inode_of (index);
  run = index_run (index, packs);
  g_assert_cmpuint (run.n_parsed, ==, 0);
  g_assert_cmpstr (run.stages, ==, first.stages);
  g_assert_cmpuint (inode_of (index), ==, inode);
  g_free (run.stages);

  /* A stage from the index builds its objects from its pack when opened. */
  catalog = mlp_catalog_new ();
  mlp_catalog_use_index (catalog, index);
  mlp_catalog_load_directory (catalog, packs);
  g_assert_cmpuint (mlp_catalog_get_n_parsed (catalog), ==, 0);
  alpha = mlp_catalog_find_stage (catalog, "t-alpha");
  g_assert_false (mlp_stage_get_loaded (alpha));
  g_assert_cmpstr (mlp_check_item_get_text (mlp_catalog_find_item (catalog, "t-alpha.first")), ==, "Do the first thing");
  g_assert_true (mlp_stage_get_loaded (alpha));
  g_clear_object (&catalog);

  /* A changed pack is read again, and only it. */
  g_assert_true (g_file_get_contents (good_copy, &contents, NULL, NULL));
  edited = g_string_new (contents);
  g_assert_cmpint (g_string_replace (edited, "Alpha stage", "Alpha stage, edited", 0), ==, 1);
  g_assert_true (g_file_set_contents (good_copy, edited->str, -1, NULL));
  run = index_run (index, packs);
  g_assert_cmpuint (run.n_parsed, ==, 1);
  g_assert_nonnull (strstr (run.stages, "t-alpha 20 Alpha stage, edited |"));
  g_assert_cmpuint (inode_of (index), !=, inode);
  g_free (run.stages);
  run = index_run (index, packs);
  g_assert_cmpuint (run.n_parsed, ==, 0);
  g_assert_nonnull (strstr (run.stages, "t-alpha 20 Alpha stage, edited |"));
  g_free (run.stages);

  /* A pack read before the indexed one takes its ids: the indexed one is
   * read, and refused as it would be without the index. */
  dup_copy = copy_into (good_copy, packs, "0-first.json");
  run = index_run (index, packs);
  g_assert_cmpuint (run.n_parsed, ==, 2);
  g_assert_cmpuint (run.n_errors, ==, 1);
  g_free (run.stages);

  /* A removed pack leaves the index. */
  g_assert_cmpint (g_unlink (dup_copy), ==, 0);
  g_assert_cmpint (g_unlink (extra_copy), ==, 0);
  run = index_run (index, packs);
  g_assert_cmpuint (run.n_parsed, ==, 1);  /* a-good.json, refused last time */
  g_assert_null (strstr (run.stages, "t-extra"));
  g_free (run.stages);
  g_free (extra_copy);
  extra_copy = copy_into (extra, packs, "b-extra.json");
  run = index_run (index, packs);
  g_assert_cmpuint (run.n_parsed, ==, 1);  /* back, but new to the index */
  g_free (run.stages);

  /* A damaged index is ignored, every pack read, and a good one written. */
  g_assert_true (g_file_set_contents (index, "not an index at all", -1, NULL));
  run = index_run (index, packs);
  g_assert_cmpuint (run.n_parsed, ==, n_builtin + 2);
  g_free (run.stages);
  run = index_run (index, packs);
  g_assert_cmpuint (run.n_parsed, ==, 0);
  g_free (run.stages);
  /* So is one with a flipped byte: its checksum no longer matches. */
  g_clear_pointer (&contents, g_free);
  {
    gsize length;

    g_assert_true (g_file_get_contents (index, &contents, &length, NULL));
    contents[length / 2] ^= 0x20;
    g_assert_true (g_file_set_contents (index, contents, length, NULL));
  }
  run = index_run (index, packs);
  g_assert_cmpuint (run.n_parsed, ==, n_builtin + 2);
  g_free (run.stages);

  /* An index that cannot be written: the packs load, saving says why. */
  unread = g_build_filename (good_copy, "pack-index", NULL);  /* under a file */
  catalog = mlp_catalog_new ();
  mlp_catalog_use_index (catalog, unread);
  g_assert_cmpuint (mlp_catalog_load_directory (catalog, packs), ==, 2);
  g_assert_false (mlp_catalog_save_index (catalog, &error));
  g_assert_nonnull (error);
  g_clear_object (&catalog);

  g_free (first.stages);
  g_unlink (good_copy);
  g_unlink (extra_copy);
  g_unlink (index);
  {
    g_autofree char *mlprep_cache = g_path_get_dirname (index);
    g_autofree char *cache = g_path_get_dirname (mlprep_cache);

    g_rmdir (mlprep_cache);
    g_rmdir (cache);
  }
  g_rmdir (packs);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  BadPack *too_large;
  int status;

  g_test_init (&argc, &argv, NULL);

  bad_packs = read_expected ();
  /* Over 8 MiB: made at run time rather than committed. */
  too_large = g_new0 (BadPack, 1);
  too_large->file = g_strdup ("too-large.json");
  too_large->code = MLP_CATALOG_ERROR_TOO_LARGE;
  too_large->expected = g_strdup ("the file is larger than 8 MiB");
  too_large->generate = generate_too_large;
  g_ptr_array_add (bad_packs, too_large);

  g_test_add_func ("/catalog/good-pack", test_good_pack);
  g_test_add_func ("/catalog/bad-corpus", test_bad_corpus);
  for (guint i = 0; i < bad_packs->len; i++)
    {
      BadPack *bad = g_ptr_array_index (bad_packs, i);
      g_autofree char *name = g_strdup_printf ("/catalog/bad-pack/%s%s",
                                               bad->path ? "" : "generated/", bad->file);

      g_test_add_data_func (name, bad, test_bad_pack);
    }
  g_test_add_func ("/catalog/limits", test_limits);
  g_test_add_func ("/catalog/long-string", test_long_string);
  g_test_add_func ("/catalog/surrogate-pair", test_surrogate_pair);
  g_test_add_func ("/catalog/duplicate-across-packs", test_duplicate_across_packs);
  g_test_add_func ("/catalog/missing-file", test_missing_file);
  g_test_add_func ("/catalog/directory", test_directory);
  g_test_add_func ("/catalog/builtin-packs", test_builtin_packs);
  g_test_add_func ("/catalog/stage-counters", test_stage_counters);
  g_test_add_func ("/catalog/lazy-stage", test_lazy_stage);
  g_test_add_func ("/catalog/lazy-changed-file", test_lazy_changed_file);
  g_test_add_func ("/catalog/pack-index", test_pack_index);

  status = g_test_run ();
  g_ptr_array_unref (bad_packs);
  return status;
}
