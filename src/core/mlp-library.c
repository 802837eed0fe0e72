/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-library"

#include "config.h"

#include <glib/gstdio.h>

#include "mlp-library.h"

/* The one owner that wires content to progress: it loads saved state into
 * the catalog's objects and persists each change as it happens, so widgets
 * only ever touch object properties. */
struct _MlpLibrary
{
  GObject     parent_instance;

  MlpCatalog *catalog;
  MlpStore   *store;
  gboolean    loading;
};

G_DEFINE_FINAL_TYPE (MlpLibrary, mlp_library, G_TYPE_OBJECT)

enum {
  SAVE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
report (MlpLibrary *self,
        GError     *error)
{
  g_message ("%s", error->message);
  g_signal_emit (self, signals[SAVE_FAILED], 0, error);
}

static void
on_item_checked_changed (MlpLibrary   *self,
                         GParamSpec   *pspec,
                         MlpCheckItem *item)
{
  g_autoptr(GError) error = NULL;

  if (self->loading)
    return;

  if (!mlp_store_set_checked (self->store,
                              mlp_check_item_get_id (item),
                              mlp_check_item_get_checked (item),
                              now_seconds (), &error))
    report (self, error);
}

static void
restore_checked (const char *item_id,
                 gint64      changed_at,
                 gpointer    user_data)
{
  MlpLibrary *self = user_data;
  MlpCheckItem *item = mlp_catalog_find_item (self->catalog, item_id);

  /* Progress for content that is not loaded (a removed pack) stays in the
   * database untouched, ready for when the pack comes back. */
  if (item != NULL)
    mlp_check_item_set_checked (item, TRUE);
}

static void
restore_attempt (const MlpAttempt *attempt,
                 gpointer          user_data)
{
  MlpLibrary *self = user_data;
  MlpQuestion *question = mlp_catalog_find_question (self->catalog, attempt->question_id);

  if (question != NULL)
    mlp_question_set_result (question, TRUE, attempt->correct);
}

/* Sets every object to what the store holds. With @clear, objects the
 * store knows nothing about are reset first (after a restore). */
static void
load_progress (MlpLibrary *self,
               gboolean    clear)
{
  GListModel *stages = mlp_catalog_get_stages (self->catalog);
  g_autoptr(GError) error = NULL;

  self->loading = TRUE;

  for (guint i = 0; clear && i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(MlpStage) stage = g_list_model_get_item (stages, i);
      GListModel *items = mlp_stage_get_items (stage);
      GListModel *questions = mlp_stage_get_questions (stage);

      for (guint j = 0; j < g_list_model_get_n_items (items); j++)
        {
          g_autoptr(MlpCheckItem) item = g_list_model_get_item (items, j);

          mlp_check_item_set_checked (item, FALSE);
        }
      for (guint j = 0; j < g_list_model_get_n_items (questions); j++)
        {
          g_autoptr(MlpQuestion) question = g_list_model_get_item (questions, j);

          mlp_question_set_result (question, FALSE, FALSE);
        }
    }

  if (!mlp_store_foreach_checked (self->store, restore_checked, self, &error) ||
      !mlp_store_foreach_last_attempt (self->store, restore_attempt, self, &error))
    report (self, error);

  self->loading = FALSE;
}

static void
load_and_connect (MlpLibrary *self)
{
  GListModel *stages = mlp_catalog_get_stages (self->catalog);

  load_progress (self, FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(MlpStage) stage = g_list_model_get_item (stages, i);
      GListModel *items = mlp_stage_get_items (stage);

      for (guint j = 0; j < g_list_model_get_n_items (items); j++)
        {
          g_autoptr(MlpCheckItem) item = g_list_model_get_item (items, j);

          g_signal_connect_object (item, "notify::checked",
                                   G_CALLBACK (on_item_checked_changed), self,
                                   G_CONNECT_SWAPPED);
        }
    }
}

static void
mlp_library_dispose (GObject *object)
{
  MlpLibrary *self = (MlpLibrary *)object;

  g_clear_object (&self->catalog);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mlp_library_parent_class)->dispose (object);
}

static void
mlp_library_class_init (MlpLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mlp_library_dispose;

  /**
   * MlpLibrary::save-failed:
   * @error: what went wrong
   *
   * A change could not be written. The objects keep the change, so the
   * session goes on in memory; the window tells the user.
   */
  signals[SAVE_FAILED] =
    g_signal_new ("save-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
mlp_library_init (MlpLibrary *self)
{
}

/**
 * mlp_library_new:
 *
 * Loads the progress in @store into the objects of @catalog and, from then
 * on, writes every change to them back to @store.
 *
 * Returns: (transfer full): the library
 */
MlpLibrary *
mlp_library_new (MlpCatalog *catalog,
                 MlpStore   *store)
{
  MlpLibrary *self;

  g_return_val_if_fail (MLP_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (MLP_IS_STORE (store), NULL);

  self = g_object_new (MLP_TYPE_LIBRARY, NULL);
  self->catalog = g_object_ref (catalog);
  self->store = g_object_ref (store);
  load_and_connect (self);

  return self;
}

/**
 * mlp_library_get_catalog:
 *
 * Returns: (transfer none): the content
 */
MlpCatalog *
mlp_library_get_catalog (MlpLibrary *self)
{
  g_return_val_if_fail (MLP_IS_LIBRARY (self), NULL);
  return self->catalog;
}

/**
 * mlp_library_get_store:
 *
 * Returns: (transfer none): where progress is kept
 */
MlpStore *
mlp_library_get_store (MlpLibrary *self)
{
  g_return_val_if_fail (MLP_IS_LIBRARY (self), NULL);
  return self->store;
}

/**
 * mlp_library_answer_choice:
 *
 * Records that @choice_id was picked for the multiple-choice @question.
 *
 * Returns: whether the choice was the correct one
 */
gboolean
mlp_library_answer_choice (MlpLibrary  *self,
                           MlpQuestion *question,
                           const char  *choice_id)
{
  g_autoptr(GError) error = NULL;
  const MlpChoice *choice;
  MlpAttempt attempt = { 0 };

  g_return_val_if_fail (MLP_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (MLP_IS_QUESTION (question), FALSE);
  g_return_val_if_fail (mlp_question_get_kind (question) == MLP_QUESTION_KIND_CHOICE, FALSE);

  choice = mlp_question_find_choice (question, choice_id);
  g_return_val_if_fail (choice != NULL, FALSE);

  attempt.question_id = mlp_question_get_id (question);
  attempt.choice_id = choice->id;
  attempt.correct = choice->correct;
  attempt.answered_at = now_seconds ();

  mlp_question_set_result (question, TRUE, choice->correct);
  if (!mlp_store_add_attempt (self->store, &attempt, &error))
    report (self, error);

  return choice->correct;
}

/**
 * mlp_library_restore_backup:
 * @path: a backup from mlp_store_list_backups()
 * @safety_path: (nullable): where to keep the progress being replaced
 *
 * Replaces all progress with the backup's and updates every object to
 * match. The progress it replaces is first copied to @safety_path, so a
 * restore can be undone by restoring that copy (which works too: the copy
 * is only put in place once the restore has succeeded). An unreadable
 * backup changes nothing.
 */
gboolean
mlp_library_restore_backup (MlpLibrary  *self,
                            const char  *path,
                            const char  *safety_path,
                            GError     **error)
{
  g_autofree char *pending = NULL;

  g_return_val_if_fail (MLP_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (safety_path != NULL)
    {
      pending = g_strconcat (safety_path, ".new", NULL);
      if (!mlp_store_backup_to (self->store, pending, error))
        return FALSE;
    }

  if (!mlp_store_restore_backup (self->store, path, error))
    {
      if (pending != NULL)
        g_remove (pending);
      return FALSE;
    }

  if (pending != NULL && g_rename (pending, safety_path) != 0)
    g_message ("Could not keep the progress from before the restore in %s", safety_path);

  load_progress (self, TRUE);
  return TRUE;
}

/**
 * mlp_library_scenario_passes:
 *
 * A scenario counts as answered well when at least half of its key points
 * were covered.
 */
gboolean
mlp_library_scenario_passes (guint64 points_mask,
                             guint   points_total)
{
  guint covered = 0;

  for (guint i = 0; i < MIN (points_total, 64); i++)
    covered += (points_mask >> i) & 1;

  return points_total > 0 && covered * 2 >= points_total;
}

/**
 * mlp_library_answer_scenario:
 * @answer_text: (nullable): what the user wrote, if anything
 * @points_mask: bit i set when the user says key point i was covered
 *
 * Records a self-graded scenario answer.
 *
 * Returns: whether it counts as answered well
 */
gboolean
mlp_library_answer_scenario (MlpLibrary  *self,
                             MlpQuestion *question,
                             const char  *answer_text,
                             guint64      points_mask)
{
  g_autoptr(GError) error = NULL;
  MlpAttempt attempt = { 0 };

  g_return_val_if_fail (MLP_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (MLP_IS_QUESTION (question), FALSE);
  g_return_val_if_fail (mlp_question_get_kind (question) == MLP_QUESTION_KIND_SCENARIO, FALSE);

  attempt.question_id = mlp_question_get_id (question);
  attempt.points_total = mlp_question_get_n_key_points (question);
  attempt.points_mask = points_mask;
  attempt.correct = mlp_library_scenario_passes (points_mask, attempt.points_total);
  attempt.answered_at = now_seconds ();
  attempt.answer_text = answer_text && *answer_text ? answer_text : NULL;

  mlp_question_set_result (question, TRUE, attempt.correct);
  if (!mlp_store_add_attempt (self->store, &attempt, &error))
    report (self, error);

  return attempt.correct;
}
