/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The built-in content, loaded through the real catalog, against the
 * content brief: every stage, the minimums, well-formed questions,
 * permanent ids and coverage of every point of the seed article. */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "mlp-catalog.h"

/* The sidebar order of shared/CONTENT.md. */
static const char * const expected_stages[] = {
  "framing", "data-collection", "data-validation", "features", "training",
  "evaluation", "testing", "deployment", "serving", "monitoring",
  "retraining", "documentation", "ethics", "collaboration",
  "communication", "scenarios",
};

static MlpCatalog *catalog;

static guint
count_sentences (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    if ((*p == '.' || *p == '?' || *p == '!') &&
        (p[1] == '\0' || (p[1] == ' ' && g_ascii_isupper (p[2]))))
      n++;

  return n;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static void
test_all_stages_in_order (void)
{
  GListModel *stages = mlp_catalog_get_stages (catalog);

  g_assert_cmpuint (mlp_catalog_get_errors (catalog)->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (stages), ==, G_N_ELEMENTS (expected_stages));

  for (guint i = 0; i < G_N_ELEMENTS (expected_stages); i++)
    {
      g_autoptr(MlpStage) stage = g_list_model_get_item (stages, i);

      g_assert_cmpstr (mlp_stage_get_id (stage), ==, expected_stages[i]);
    }
}

static void
test_stage_minimums (gconstpointer data)
{
  MlpStage *stage = mlp_catalog_find_stage (catalog, data);
  g_autofree char *item_prefix = g_strconcat (data, ".", NULL);
  g_autofree char *question_prefix = g_strconcat (data, ".q.", NULL);
  GListModel *items, *questions;
  guint sentences, n_scenarios = 0;

  g_assert_nonnull (stage);

  sentences = count_sentences (mlp_stage_get_summary (stage));
  if (sentences < 2 || sentences > 4)
    g_error ("%s: the summary has %u sentences, not 2-4", (const char *)data, sentences);

  items = mlp_stage_get_items (stage);
  g_assert_cmpuint (g_list_model_get_n_items (items), >=, 12);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(MlpCheckItem) item = g_list_model_get_item (items, i);
      const char *id = mlp_check_item_get_id (item);

      g_assert_true (g_str_has_prefix (id, item_prefix));
      g_assert_false (is_blank (mlp_check_item_get_text (item)));
      g_assert_false (is_blank (mlp_check_item_get_detail (item)));
      if (is_blank (mlp_check_item_get_source (item)))
        g_error ("%s has no source", id);
    }

  questions = mlp_stage_get_questions (stage);
  g_assert_cmpuint (g_list_model_get_n_items (questions), >=, 15);
  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(MlpQuestion) question = g_list_model_get_item (questions, i);
      const char *id = mlp_question_get_id (question);

      g_assert_true (g_str_has_prefix (id, question_prefix));
      g_assert_false (is_blank (mlp_question_get_prompt (question)));
      if (is_blank (mlp_question_get_source (question)))
        g_error ("%s has no source", id);

      if (mlp_question_get_kind (question) == MLP_QUESTION_KIND_SCENARIO)
        {
          guint n_points = mlp_question_get_n_key_points (question);

          n_scenarios++;
          g_assert_false (is_blank (mlp_question_get_model_answer (question)));
          if (n_points < 3 || n_points > 6)
            g_error ("%s has %u key points, not 3-6", id, n_points);
        }
      else
        {
          guint n_correct = 0;

          g_assert_cmpuint (mlp_question_get_n_choices (question), >=, 3);
          for (guint j = 0; j < mlp_question_get_n_choices (question); j++)
            {
              const MlpChoice *choice = mlp_question_get_choice (question, j);

              n_correct += choice->correct ? 1 : 0;
              if (is_blank (choice->explanation))
                g_error ("%s choice %s has no explanation", id, choice->id);
            }
          if (n_correct != 1)
            g_error ("%s has %u correct choices", id, n_correct);
        }
    }

  g_assert_cmpuint (n_scenarios, >=, 5);
}

static gboolean
id_exists (const char *id)
{
  return mlp_catalog_find_stage (catalog, id) != NULL ||
         mlp_catalog_find_item (catalog, id) != NULL ||
         mlp_catalog_find_question (catalog, id) != NULL;
}

static void
add_ids (GHashTable *ids,
         GListModel *model,
         const char *(*get_id) (gpointer))
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (model, i);

      g_hash_table_add (ids, g_strdup (get_id (object)));
    }
}

static void
test_shipped_ids_stay (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "content", "shipped-ids.txt", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) shipped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) current = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *stages = mlp_catalog_get_stages (catalog);
  GHashTableIter iter;
  const char *id;
  guint missing = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] == '\0' || *lines[i] == '#')
        continue;
      g_hash_table_add (shipped, g_strdup (lines[i]));
      /* Progress is keyed by id: an id that shipped must never vanish. */
      if (!id_exists (lines[i]))
        {
          g_printerr ("Shipped id “%s” is gone from the content\n", lines[i]);
          missing++;
        }
    }
  g_assert_cmpuint (missing, ==, 0);
  g_assert_cmpuint (g_hash_table_size (shipped), >=, 16);

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(MlpStage) stage = g_list_model_get_item (stages, i);

      g_hash_table_add (current, g_strdup (mlp_stage_get_id (stage)));
      add_ids (current, mlp_stage_get_items (stage), (gpointer)mlp_check_item_get_id);
      add_ids (current, mlp_stage_get_questions (stage), (gpointer)mlp_question_get_id);
    }

  /* And every id that ships is on the list, so the list stays complete. */
  g_hash_table_iter_init (&iter, current);
  while (g_hash_table_iter_next (&iter, (gpointer *)&id, NULL))
    {
      if (!g_hash_table_contains (shipped, id))
        {
          g_printerr ("New id “%s”: add it to data/content/shipped-ids.txt\n", id);
          missing++;
        }
    }
  g_assert_cmpuint (missing, ==, 0);
}

static void
test_seed_article_covered (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "seed-coverage.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *points;
  g_autoptr(GHashTable) stages_used = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  points = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "points");
  /* The seed article makes fifteen distinct points. */
  g_assert_cmpuint (json_array_get_length (points), ==, 15);

  for (guint i = 0; i < json_array_get_length (points); i++)
    {
      JsonObject *point = json_array_get_object_element (points, i);
      const char *text = json_object_get_string_member (point, "point");
      JsonArray *items = json_object_get_array_member (point, "items");

      if (json_array_get_length (items) == 0)
        g_error ("The seed article's point “%s” is covered by no item", text);

      for (guint j = 0; j < json_array_get_length (items); j++)
        {
          const char *id = json_array_get_string_element (items, j);
          MlpCheckItem *item = mlp_catalog_find_item (catalog, id);

          if (item == NULL)
            g_error ("“%s” is said to cover “%s”, but there is no such item", id, text);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);

  catalog = mlp_catalog_new ();
  mlp_catalog_load_resources (catalog, RESOURCE_BASE "/content/");
  for (guint i = 0; i < mlp_catalog_get_errors (catalog)->len; i++)
    g_printerr ("%s\n", ((GError *)g_ptr_array_index (mlp_catalog_get_errors (catalog), i))->message);

  g_test_add_func ("/content/all-stages-in-order", test_all_stages_in_order);
  for (guint i = 0; i < G_N_ELEMENTS (expected_stages); i++)
    {
      g_autofree char *name = g_strdup_printf ("/content/minimums/%s", expected_stages[i]);

      g_test_add_data_func (name, expected_stages[i], test_stage_minimums);
    }
  g_test_add_func ("/content/shipped-ids-stay", test_shipped_ids_stay);
  g_test_add_func ("/content/seed-article-covered", test_seed_article_covered);

  result = g_test_run ();
  g_object_unref (catalog);
  return result;
}
