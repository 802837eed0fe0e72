/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the content pack loader and validator.
 *
 * Each input is one pack, fed to a fresh MlpCatalog through
 * mlp_catalog_load_bytes(). A refused pack must come back as a
 * MLP_CATALOG_ERROR and leave the catalog empty; an accepted pack is walked
 * through the public getters (stages, items, questions, choices) and its
 * invariants are checked, then loaded a second time, which must be refused
 * as a duplicate without changing anything. Everything is freed on both
 * paths, so LeakSanitizer sees any leak in the loader.
 *
 * Built only with -Dfuzzing=true (clang); run it with build-aux/fuzz.sh.
 * GLib criticals and warnings are made fatal here, in code, so the target
 * needs no G_DEBUG; it never calls g_error() on bad input. */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mlp-catalog.h"

#define PACK_NAME "fuzz.json"

/* An invariant of the loader does not hold: report and crash, so that
 * libFuzzer keeps the input. */
#define FUZZ_CHECK(cond)                                                   \
  G_STMT_START {                                                           \
    if (G_UNLIKELY (!(cond)))                                              \
      {                                                                    \
        fprintf (stderr, "fuzz-pack: invariant failed at %s:%d: %s\n",    \
                 __FILE__, __LINE__, #cond);                               \
        abort ();                                                          \
      }                                                                    \
  } G_STMT_END

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_text (const char *text,
            gboolean    nullable)
{
  if (text == NULL)
    {
      FUZZ_CHECK (nullable);
      return;
    }
  FUZZ_CHECK (g_utf8_validate (text, -1, NULL));
  FUZZ_CHECK (strlen (text) <= MLP_CATALOG_MAX_STRING_SIZE);
  /* Not empty, and not only (ASCII) white space. */
  while (g_ascii_isspace (*text))
    text++;
  FUZZ_CHECK (*text != '\0');
}

/* Stage, item and question ids: non-empty, a-z, 0-9, "-", "_" and ".". */
static void
check_id (const char *id)
{
  check_text (id, FALSE);
  for (const char *p = id; *p; p++)
    FUZZ_CHECK (g_ascii_islower (*p) || g_ascii_isdigit (*p) ||
                *p == '-' || *p == '.' || *p == '_');
}

static void
walk_question (MlpCatalog  *catalog,
               MlpQuestion *question)
{
  const char *id = mlp_question_get_id (question);

  check_id (id);
  check_text (mlp_question_get_prompt (question), FALSE);
  check_text (mlp_question_get_source (question), FALSE);
  FUZZ_CHECK (mlp_catalog_find_question (catalog, id) == question);

  switch (mlp_question_get_kind (question))
    {
    case MLP_QUESTION_KIND_CHOICE:
      {
        guint n = mlp_question_get_n_choices (question);
        guint n_correct = 0;

        FUZZ_CHECK (n >= 2);
        for (guint i = 0; i < n; i++)
          {
            const MlpChoice *choice = mlp_question_get_choice (question, i);

            FUZZ_CHECK (choice != NULL);
            check_text (choice->id, FALSE);
            check_text (choice->text, FALSE);
            check_text (choice->explanation, FALSE);
            /* Choice ids are unique within a question. */
            FUZZ_CHECK (mlp_question_find_choice (question, choice->id) == choice);
            if (choice->correct)
              n_correct++;
          }
        FUZZ_CHECK (n_correct == 1);
        FUZZ_CHECK (mlp_question_find_choice (question, "") == NULL);
        /* No scenario part: an empty list of key points, no answer. */
        FUZZ_CHECK (mlp_question_get_n_key_points (question) == 0);
        FUZZ_CHECK (mlp_question_get_model_answer (question) == NULL);
        FUZZ_CHECK (mlp_question_get_follow_up (question) == NULL);
      }
      break;

    case MLP_QUESTION_KIND_SCENARIO:
      {
        const char * const *points = mlp_question_get_key_points (question);
        guint n = mlp_question_get_n_key_points (question);

        FUZZ_CHECK (points != NULL);
        FUZZ_CHECK (n >= 1);
        FUZZ_CHECK (n == g_strv_length ((char **)points));
        for (guint i = 0; i < n; i++)
          check_text (points[i], FALSE);
        check_text (mlp_question_get_model_answer (question), FALSE);
        check_text (mlp_question_get_follow_up (question), TRUE);
        FUZZ_CHECK (mlp_question_get_n_choices (question) == 0);
      }
      break;

    default:
      FUZZ_CHECK (!"unknown question kind");
    }

  FUZZ_CHECK (!mlp_question_get_attempted (question));
  FUZZ_CHECK (!mlp_question_get_correct (question));
}

static void
walk_item (MlpCatalog   *catalog,
           MlpStage     *stage,
           MlpCheckItem *item)
{
  const char *id = mlp_check_item_get_id (item);
  const char * const *question_ids = mlp_check_item_get_question_ids (item);
  MlpItemKind kind = mlp_check_item_get_kind (item);

  check_id (id);
  check_text (mlp_check_item_get_text (item), FALSE);
  check_text (mlp_check_item_get_detail (item), FALSE);
  check_text (mlp_check_item_get_source (item), FALSE);
  FUZZ_CHECK (kind == MLP_ITEM_KIND_DO || kind == MLP_ITEM_KIND_DONT);
  FUZZ_CHECK (mlp_catalog_find_item (catalog, id) == item);
  FUZZ_CHECK (!mlp_check_item_get_checked (item));

  /* Links name questions of the same stage. */
  for (guint i = 0; question_ids != NULL && question_ids[i] != NULL; i++)
    {
      MlpQuestion *question = mlp_catalog_find_question (catalog, question_ids[i]);
      GListModel *questions = mlp_stage_get_questions (stage);
      gboolean found = FALSE;

      FUZZ_CHECK (question != NULL);
      for (guint j = 0; j < g_list_model_get_n_items (questions) && !found; j++)
        {
          g_autoptr(MlpQuestion) q = g_list_model_get_item (questions, j);
          found = (q == question);
        }
      FUZZ_CHECK (found);
    }
}

static void
walk_stage (MlpCatalog *catalog,
            MlpStage   *stage)
{
  const char *id = mlp_stage_get_id (stage);
  GListModel *items = mlp_stage_get_items (stage);
  GListModel *questions = mlp_stage_get_questions (stage);
  guint n_items = g_list_model_get_n_items (items);
  guint n_questions = g_list_model_get_n_items (questions);
  guint n_correct = 0;

  check_id (id);
  check_text (mlp_stage_get_title (stage), FALSE);
  check_text (mlp_stage_get_summary (stage), FALSE);
  FUZZ_CHECK (mlp_stage_get_position (stage) >= 0);
  FUZZ_CHECK (mlp_stage_get_position (stage) <= 100000);
  FUZZ_CHECK (mlp_catalog_find_stage (catalog, id) == stage);
  FUZZ_CHECK (n_items >= 1);
  FUZZ_CHECK (mlp_stage_get_n_items (stage) == n_items);
  FUZZ_CHECK (mlp_stage_get_n_questions (stage) == n_questions);
  FUZZ_CHECK (g_list_model_get_item_type (items) == MLP_TYPE_CHECK_ITEM);
  FUZZ_CHECK (g_list_model_get_item_type (questions) == MLP_TYPE_QUESTION);

  for (guint i = 0; i < n_questions; i++)
    {
      g_autoptr(MlpQuestion) question = g_list_model_get_item (questions, i);

      FUZZ_CHECK (question != NULL);
      walk_question (catalog, question);
    }

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(MlpCheckItem) item = g_list_model_get_item (items, i);

      FUZZ_CHECK (item != NULL);
      walk_item (catalog, stage, item);
    }
  FUZZ_CHECK (g_list_model_get_item (items, n_items) == NULL);
  FUZZ_CHECK (g_list_model_get_item (questions, n_questions) == NULL);

  /* Progress counters follow the children's state. */
  FUZZ_CHECK (mlp_stage_get_n_checked (stage) == 0);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(MlpCheckItem) item = g_list_model_get_item (items, i);
      mlp_check_item_set_checked (item, TRUE);
    }
  FUZZ_CHECK (mlp_stage_get_n_checked (stage) == n_items);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(MlpCheckItem) item = g_list_model_get_item (items, i);
      mlp_check_item_set_checked (item, FALSE);
    }
  FUZZ_CHECK (mlp_stage_get_n_checked (stage) == 0);

  FUZZ_CHECK (mlp_stage_get_n_answered (stage) == 0);
  for (guint i = 0; i < n_questions; i++)
    {
      g_autoptr(MlpQuestion) question = g_list_model_get_item (questions, i);
      gboolean correct = (i % 2 == 0);

      mlp_question_set_result (question, TRUE, correct);
      n_correct += correct ? 1 : 0;
    }
  FUZZ_CHECK (mlp_stage_get_n_answered (stage) == n_questions);
  FUZZ_CHECK (mlp_stage_get_n_correct (stage) == n_correct);
  for (guint i = 0; i < n_questions; i++)
    {
      g_autoptr(MlpQuestion) question = g_list_model_get_item (questions, i);
      mlp_question_set_result (question, FALSE, FALSE);
    }
  FUZZ_CHECK (mlp_stage_get_n_answered (stage) == 0);
  FUZZ_CHECK (mlp_stage_get_n_correct (stage) == 0);
}

static void
walk_catalog (MlpCatalog *catalog)
{
  GListModel *stages = mlp_catalog_get_stages (catalog);
  guint n = g_list_model_get_n_items (stages);
  int last_position = -1;

  FUZZ_CHECK (n >= 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MlpStage) stage = g_list_model_get_item (stages, i);

      FUZZ_CHECK (stage != NULL);
      /* Sidebar order. */
      FUZZ_CHECK (mlp_stage_get_position (stage) >= last_position);
      last_position = mlp_stage_get_position (stage);
      walk_stage (catalog, stage);
    }

  FUZZ_CHECK (mlp_catalog_find_stage (catalog, "") == NULL);
  FUZZ_CHECK (mlp_catalog_find_item (catalog, "") == NULL);
  FUZZ_CHECK (mlp_catalog_find_question (catalog, "") == NULL);
  FUZZ_CHECK (mlp_catalog_get_errors (catalog)->len == 0);
}

static void
check_error (const GError *error)
{
  FUZZ_CHECK (error != NULL);
  FUZZ_CHECK (error->domain == MLP_CATALOG_ERROR);
  FUZZ_CHECK (error->code >= MLP_CATALOG_ERROR_IO &&
              error->code <= MLP_CATALOG_ERROR_UNKNOWN_FIELD);
  FUZZ_CHECK (error->message != NULL);
  FUZZ_CHECK (g_str_has_prefix (error->message, PACK_NAME ": "));
  FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(MlpCatalog) catalog = mlp_catalog_new ();
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;

  if (!mlp_catalog_load_bytes (catalog, PACK_NAME, bytes, &error))
    {
      /* A refused pack adds nothing. */
      check_error (error);
      FUZZ_CHECK (g_list_model_get_n_items (mlp_catalog_get_stages (catalog)) == 0);
      return 0;
    }

  FUZZ_CHECK (error == NULL);
  walk_catalog (catalog);

  /* The same pack again: every id is taken now, so it must be refused
   * whole, and the catalog must not change. */
  {
    GListModel *stages = mlp_catalog_get_stages (catalog);
    guint n_before = g_list_model_get_n_items (stages);

    FUZZ_CHECK (!mlp_catalog_load_bytes (catalog, PACK_NAME, bytes, &error));
    check_error (error);
    FUZZ_CHECK (error->code == MLP_CATALOG_ERROR_DUPLICATE);
    FUZZ_CHECK (g_list_model_get_n_items (stages) == n_before);
  }

  return 0;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* GLib 2.74 still has its own slice allocator, which hides
   * use-after-free and leaks from AddressSanitizer. It reads G_SLICE when
   * the library starts, before this runs, so set it and start again. */
  if (g_strcmp0 (getenv ("G_SLICE"), "always-malloc") != 0)
    {
      setenv ("G_SLICE", "always-malloc", 1);
      execv ("/proc/self/exe", *argv);
      perror ("fuzz-pack: cannot re-execute with G_SLICE=always-malloc");
      return 0;
    }

  /* No G_DEBUG needed: a critical or a warning on any input is a bug. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  /* Register the types, quarks and gettext state once, so that the
   * one-time allocations do not look like per-input leaks. */
  {
    static const char warmup[] = "{\"format_version\": 1, \"stages\": []}";
    g_autoptr(MlpCatalog) catalog = mlp_catalog_new ();
    g_autoptr(GBytes) bytes = g_bytes_new_static (warmup, sizeof warmup - 1);
    g_autoptr(GError) error = NULL;

    (void)mlp_catalog_load_bytes (catalog, PACK_NAME, bytes, &error);
    g_type_ensure (MLP_TYPE_STAGE);
    g_type_ensure (MLP_TYPE_CHECK_ITEM);
    g_type_ensure (MLP_TYPE_QUESTION);
  }

  return 0;
}
