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
  gboolean    replaying;   /* undo/redo changes are not new actions */

  /* What the user did, newest last; undone actions move to redo. */
  GPtrArray  *undo;
  GPtrArray  *redo;
};

/* One user action, enough to take it back and to do it again. */
typedef struct
{
  MlpLibraryAction kind;
  GObject         *subject;        /* MlpCheckItem or MlpQuestion */
  gboolean         checked;        /* TICK: the state after the action */
  /* ANSWER: the attempt as stored, and the question's state before it */
  char            *choice_id;
  char            *answer_text;
  gboolean         correct;
  gint64           answered_at;
  guint64          points_mask;
  guint            points_total;
  gint64           attempt_id;
  gboolean         was_attempted;
  gboolean         was_correct;
} Action;

G_DEFINE_FINAL_TYPE (MlpLibrary, mlp_library, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVE_FAILED,
  ACTION_DONE,
  ACTION_UNDONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
action_free (gpointer data)
{
  Action *action = data;

  g_clear_object (&action->subject);
  g_free (action->choice_id);
  g_free (action->answer_text);
  g_free (action);
}

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
notify_history (MlpLibrary *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* A new action: it can be undone, and what was undone before cannot be
 * redone any more. */
static void
record (MlpLibrary *self,
        Action     *action)
{
  g_ptr_array_add (self->undo, action);
  if (self->undo->len > MLP_LIBRARY_HISTORY_SIZE)
    g_ptr_array_remove_index (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  notify_history (self);

  g_signal_emit (self, signals[ACTION_DONE], 0, action->kind, action->subject,
                 action->kind == MLP_LIBRARY_ACTION_TICK ? action->checked : action->correct);
}

static void
store_attempt (MlpLibrary *self,
               Action     *action)
{
  g_autoptr(GError) error = NULL;
  MlpAttempt attempt = {
    .question_id = mlp_question_get_id (MLP_QUESTION (action->subject)),
    .choice_id = action->choice_id,
    .correct = action->correct,
    .answered_at = action->answered_at,
    .answer_text = action->answer_text,
    .points_mask = action->points_mask,
    .points_total = action->points_total,
  };

  mlp_question_set_result (MLP_QUESTION (action->subject), TRUE, action->correct);
  if (mlp_store_add_attempt (self->store, &attempt, &error))
    action->attempt_id = mlp_store_get_last_attempt_id (self->store);
  else
    {
      action->attempt_id = 0;
      report (self, error);
    }
}

/* Records an answer: stores the attempt and remembers how to take it back. */
static gboolean
answer (MlpLibrary  *self,
        MlpQuestion *question,
        Action      *action)
{
  action->kind = MLP_LIBRARY_ACTION_ANSWER;
  action->subject = g_object_ref (G_OBJECT (question));
  action->answered_at = now_seconds ();
  action->was_attempted = mlp_question_get_attempted (question);
  action->was_correct = mlp_question_get_correct (question);

  store_attempt (self, action);
  record (self, action);
  return action->correct;
}

static void
on_item_checked_changed (MlpLibrary   *self,
                         MlpCheckItem *item,
                         MlpStage     *stage)
{
  g_autoptr(GError) error = NULL;

  if (self->loading)
    return;

  if (!mlp_store_set_checked (self->store,
                              mlp_check_item_get_id (item),
                              mlp_check_item_get_checked (item),
                              now_seconds (), &error))
    report (self, error);

  if (!self->replaying)
    {
      Action *action = g_new0 (Action, 1);

      action->kind = MLP_LIBRARY_ACTION_TICK;
      action->subject = g_object_ref (G_OBJECT (item));
      action->checked = mlp_check_item_get_checked (item);
      record (self, action);
    }
}

static void
restore_checked (const char *item_id,
                 gint64      changed_at,
                 gpointer    user_data)
{
  MlpLibrary *self = user_data;

  /* Progress for content that is not loaded (a removed pack) stays in the
   * database untouched, ready for when the pack comes back. By id: a stage
   * not opened yet has no objects to set. */
  mlp_catalog_set_checked_by_id (self->catalog, item_id, TRUE);
}

static void
restore_attempt (const MlpAttempt *attempt,
                 gpointer          user_data)
{
  MlpLibrary *self = user_data;

  mlp_catalog_set_result_by_id (self->catalog, attempt->question_id, TRUE, attempt->correct);
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

      mlp_stage_clear_progress (stage);
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

      /* One handler per stage: items of a stage not opened yet do not exist. */
      g_signal_connect_object (stage, "item-checked-changed",
                               G_CALLBACK (on_item_checked_changed), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
mlp_library_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MlpLibrary *self = MLP_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, mlp_library_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, mlp_library_get_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlp_library_dispose (GObject *object)
{
  MlpLibrary *self = (MlpLibrary *)object;

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_object (&self->catalog);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mlp_library_parent_class)->dispose (object);
}

static void
mlp_library_class_init (MlpLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mlp_library_dispose;
  object_class->get_property = mlp_library_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MlpLibrary::action-done:
   * @kind: a tick or an answer
   * @subject: the #MlpCheckItem or #MlpQuestion
   * @positive: ticked (not unticked); answered right
   *
   * The user did something that can be undone; the window offers it.
   */
  signals[ACTION_DONE] =
    g_signal_new ("action-done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_OBJECT, G_TYPE_BOOLEAN);

  /**
   * MlpLibrary::action-undone:
   * @kind: a tick or an answer
   * @subject: the #MlpCheckItem or #MlpQuestion
   *
   * An action was taken back; a page showing an answer asks again.
   */
  signals[ACTION_UNDONE] =
    g_signal_new ("action-undone",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_OBJECT);

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
  self->undo = g_ptr_array_new_with_free_func (action_free);
  self->redo = g_ptr_array_new_with_free_func (action_free);
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
  const MlpChoice *choice;
  Action *action;

  g_return_val_if_fail (MLP_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (MLP_IS_QUESTION (question), FALSE);
  g_return_val_if_fail (mlp_question_get_kind (question) == MLP_QUESTION_KIND_CHOICE, FALSE);

  choice = mlp_question_find_choice (question, choice_id);
  g_return_val_if_fail (choice != NULL, FALSE);

  action = g_new0 (Action, 1);
  action->choice_id = g_strdup (choice->id);
  action->correct = choice->correct;

  return answer (self, question, action);
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

  /* The history described the progress that was just replaced. */
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  notify_history (self);
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
  Action *action;

  g_return_val_if_fail (MLP_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (MLP_IS_QUESTION (question), FALSE);
  g_return_val_if_fail (mlp_question_get_kind (question) == MLP_QUESTION_KIND_SCENARIO, FALSE);

  action = g_new0 (Action, 1);
  action->points_total = mlp_question_get_n_key_points (question);
  action->points_mask = points_mask;
  action->correct = mlp_library_scenario_passes (points_mask, action->points_total);
  action->answer_text = answer_text && *answer_text ? g_strdup (answer_text) : NULL;

  return answer (self, question, action);
}

/**
 * mlp_library_reset:
 * @stage: (nullable): the stage to reset, or %NULL for every stage
 *
 * Forgets the ticks and answers of @stage (or of all content loaded), in
 * the database first, in one transaction, then in the objects. The undo
 * history is cleared: a reset is confirmed, not undone (daily backups
 * still hold the progress).
 */
gboolean
mlp_library_reset (MlpLibrary  *self,
                   MlpStage    *stage,
                   GError     **error)
{
  g_autoptr(GStrvBuilder) items = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) questions = g_strv_builder_new ();
  g_auto(GStrv) item_ids = NULL;
  g_auto(GStrv) question_ids = NULL;
  GListModel *stages = mlp_catalog_get_stages (self->catalog);

  g_return_val_if_fail (MLP_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (stage == NULL || MLP_IS_STAGE (stage), FALSE);

  if (stage != NULL)
    mlp_stage_collect_ids (stage, items, questions);
  else
    for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
      {
        g_autoptr(MlpStage) each = g_list_model_get_item (stages, i);

        mlp_stage_collect_ids (each, items, questions);
      }

  item_ids = g_strv_builder_end (items);
  question_ids = g_strv_builder_end (questions);
  if (!mlp_store_forget (self->store, (const char * const *)item_ids,
                         (const char * const *)question_ids, error))
    return FALSE;

  self->loading = TRUE;
  if (stage != NULL)
    mlp_stage_clear_progress (stage);
  else
    for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
      {
        g_autoptr(MlpStage) each = g_list_model_get_item (stages, i);

        mlp_stage_clear_progress (each);
      }
  self->loading = FALSE;

  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  notify_history (self);
  return TRUE;
}

/**
 * mlp_library_get_can_undo:
 *
 * Returns: whether there is an action to undo
 */
gboolean
mlp_library_get_can_undo (MlpLibrary *self)
{
  g_return_val_if_fail (MLP_IS_LIBRARY (self), FALSE);
  return self->undo->len > 0;
}

/**
 * mlp_library_get_can_redo:
 *
 * Returns: whether there is an undone action to do again
 */
gboolean
mlp_library_get_can_redo (MlpLibrary *self)
{
  g_return_val_if_fail (MLP_IS_LIBRARY (self), FALSE);
  return self->redo->len > 0;
}

/**
 * mlp_library_undo:
 *
 * Takes back the latest action, in the objects and in the database: a
 * tick is unticked (or the other way round), an answer's attempt is
 * removed and the question goes back to its earlier result.
 *
 * Returns: whether there was something to undo
 */
gboolean
mlp_library_undo (MlpLibrary *self)
{
  g_autoptr(GError) error = NULL;
  Action *action;

  g_return_val_if_fail (MLP_IS_LIBRARY (self), FALSE);

  if (self->undo->len == 0)
    return FALSE;

  action = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
  self->replaying = TRUE;

  if (action->kind == MLP_LIBRARY_ACTION_TICK)
    mlp_check_item_set_checked (MLP_CHECK_ITEM (action->subject), !action->checked);
  else
    {
      if (action->attempt_id != 0 &&
          !mlp_store_delete_attempt (self->store, action->attempt_id, &error))
        report (self, error);
      mlp_question_set_result (MLP_QUESTION (action->subject),
                               action->was_attempted, action->was_correct);
    }

  self->replaying = FALSE;
  g_ptr_array_add (self->redo, action);
  notify_history (self);
  g_signal_emit (self, signals[ACTION_UNDONE], 0, action->kind, action->subject);
  return TRUE;
}

/**
 * mlp_library_redo:
 *
 * Does the latest undone action again.
 *
 * Returns: whether there was something to redo
 */
gboolean
mlp_library_redo (MlpLibrary *self)
{
  Action *action;

  g_return_val_if_fail (MLP_IS_LIBRARY (self), FALSE);

  if (self->redo->len == 0)
    return FALSE;

  action = g_ptr_array_steal_index (self->redo, self->redo->len - 1);
  self->replaying = TRUE;

  if (action->kind == MLP_LIBRARY_ACTION_TICK)
    mlp_check_item_set_checked (MLP_CHECK_ITEM (action->subject), action->checked);
  else
    store_attempt (self, action);

  self->replaying = FALSE;
  g_ptr_array_add (self->undo, action);
  notify_history (self);
  return TRUE;
}
