/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

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

typedef struct
{
  const char *file;
  int         code;
  const char *expected;   /* the JSON path and problem the message must name */
} BadPack;

static const BadPack bad_packs[] = {
  { "bad-malformed.json", MLP_CATALOG_ERROR_PARSE, "not valid JSON" },
  { "bad-missing-field.json", MLP_CATALOG_ERROR_MISSING, "$.stages[0].items[0].text: required field is missing" },
  { "bad-wrong-type.json", MLP_CATALOG_ERROR_TYPE, "$.stages[1].position: expected an integer, found a string" },
  { "bad-duplicate-id.json", MLP_CATALOG_ERROR_DUPLICATE, "$.stages[0].items[1].id: duplicate id “t-alpha.first”" },
  { "bad-version.json", MLP_CATALOG_ERROR_VERSION, "$.format_version: version 2 is not supported" },
  { "bad-no-version.json", MLP_CATALOG_ERROR_MISSING, "$.format_version: required field is missing" },
  { "bad-two-correct.json", MLP_CATALOG_ERROR_INVALID, "$.stages[0].questions[0].choices: exactly one choice must be correct, found 2" },
  { "bad-unknown-reference.json", MLP_CATALOG_ERROR_REFERENCE, "$.stages[0].items[0].questions[0]: no question with id “t-alpha.q.nope”" },
  { "bad-unknown-field.json", MLP_CATALOG_ERROR_UNKNOWN_FIELD, "$.stages[0].items[0].colour: unknown field" },
  { "bad-empty-string.json", MLP_CATALOG_ERROR_INVALID, "$.stages[0].items[0].detail: must not be empty" },
  { "bad-kind.json", MLP_CATALOG_ERROR_INVALID, "$.stages[0].items[0].kind: “maybe” is not one of" },
  { "bad-no-key-points.json", MLP_CATALOG_ERROR_INVALID, "$.stages[0].questions[1].key_points: needs at least 1 entry" },
  { "bad-correct-not-bool.json", MLP_CATALOG_ERROR_TYPE, "$.stages[0].questions[0].choices[2].correct: expected a boolean, found a string" },
  { "bad-not-object.json", MLP_CATALOG_ERROR_TYPE, "$: expected an object, found an array" },
};

static void
test_bad_pack (gconstpointer data)
{
  const BadPack *bad = data;
  g_autoptr(MlpCatalog) catalog = mlp_catalog_new ();
  g_autofree char *path = pack_path (bad->file);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_false (mlp_catalog_load_file (catalog, file, &error));
  g_assert_error (error, MLP_CATALOG_ERROR, bad->code);
  /* The message names the file first, then the place and the problem. */
  g_assert_true (g_str_has_prefix (error->message, path));
  if (strstr (error->message, bad->expected) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, bad->expected);
  /* A refused pack adds nothing. */
  g_assert_cmpuint (g_list_model_get_n_items (mlp_catalog_get_stages (catalog)), ==, 0);
  g_assert_null (mlp_catalog_find_item (catalog, "t-alpha.first"));
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
test_limits (void)
{
  g_autoptr(GString) deep = g_string_new ("{\"format_version\": 1, \"stages\": ");
  g_autoptr(GString) huge = g_string_new (NULL);
  const char invalid_utf8[] = "{\"format_version\": 1, \"stages\": [\"\xff\xfe\"]}";

  for (int i = 0; i < 10000; i++)
    g_string_append_c (deep, '[');
  expect_bytes_error (deep->str, deep->len, MLP_CATALOG_ERROR_TOO_LARGE, "nested deeper than");

  expect_bytes_error (invalid_utf8, sizeof invalid_utf8 - 1, MLP_CATALOG_ERROR_PARSE, "not valid UTF-8");

  g_string_set_size (huge, MLP_CATALOG_MAX_PACK_SIZE + 1);
  memset (huge->str, ' ', huge->len);
  expect_bytes_error (huge->str, huge->len, MLP_CATALOG_ERROR_TOO_LARGE, "larger than 8 MiB");

  expect_bytes_error ("", 0, MLP_CATALOG_ERROR_PARSE, "not valid JSON");
}

static void
test_long_string (void)
{
  g_autofree char *path = pack_path ("good.json");
  g_autofree char *text = NULL;
  g_autofree char *filler = g_strnfill (MLP_CATALOG_MAX_STRING_SIZE + 1, 'x');
  g_autoptr(GString) pack = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  pack = g_string_new (text);
  g_assert_cmpuint (g_string_replace (pack, "Why the first thing matters.", filler, 1), ==, 1);
  expect_bytes_error (pack->str, pack->len, MLP_CATALOG_ERROR_TOO_LARGE,
                      "$.stages[0].items[0].detail: text is longer than");
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

static void
test_directory (void)
{
  g_autoptr(MlpCatalog) catalog = mlp_catalog_new ();
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "packs", NULL);
  GPtrArray *errors;
  guint loaded;

  /* The folder holds one good pack and many bad ones: the good one loads,
   * each bad one is reported, none stops the others. */
  loaded = mlp_catalog_load_directory (catalog, dir);
  errors = mlp_catalog_get_errors (catalog);
  g_assert_cmpuint (loaded, ==, 1);
  g_assert_cmpuint (errors->len, ==, G_N_ELEMENTS (bad_packs));
  g_assert_cmpuint (g_list_model_get_n_items (mlp_catalog_get_stages (catalog)), ==, 2);

  /* A folder that does not exist is simply empty. */
  g_assert_cmpuint (mlp_catalog_load_directory (catalog, "/nonexistent/packs"), ==, 0);
  g_assert_cmpuint (errors->len, ==, G_N_ELEMENTS (bad_packs));
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog/good-pack", test_good_pack);
  for (guint i = 0; i < G_N_ELEMENTS (bad_packs); i++)
    {
      g_autofree char *name = g_strdup_printf ("/catalog/bad-pack/%s", bad_packs[i].file);

      g_test_add_data_func (name, &bad_packs[i], test_bad_pack);
    }
  g_test_add_func ("/catalog/limits", test_limits);
  g_test_add_func ("/catalog/long-string", test_long_string);
  g_test_add_func ("/catalog/duplicate-across-packs", test_duplicate_across_packs);
  g_test_add_func ("/catalog/missing-file", test_missing_file);
  g_test_add_func ("/catalog/directory", test_directory);
  g_test_add_func ("/catalog/builtin-packs", test_builtin_packs);
  g_test_add_func ("/catalog/stage-counters", test_stage_counters);

  return g_test_run ();
}
