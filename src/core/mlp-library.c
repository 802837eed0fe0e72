/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-library"

#include "config.h"

#include <math.h>
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

  /* The learning engine: every question's schedule (replayed from the
   * review log, also for questions whose pack is not loaded), each stage's
   * question ids, which built items link each question, the notes, and
   * the time of every review for streaks and charts. All of it is kept by
   * id, so a stage not opened yet need not build its objects: they get
   * their schedules, notes and needs-review when it is built. */
  MlpFsrsParams params;
  GHashTable *cards;           /* question id → Card */
  GHashTable *question_ids;    /* MlpStage → GStrv of its question ids */
  GHashTable *links;           /* question id → GPtrArray of MlpCheckItem */
  GHashTable *notes;           /* item or question id → note */
  GArray     *review_times;    /* gint64 */
  guint       n_due;
};

typedef struct
{
  MlpSchedule schedule;
  char       *queued_by;       /* the item whose tick queued it */
} Card;

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
  /* ANSWER: the review it added, and the schedule before it */
  MlpGrade         grade;
  MlpAnswerSource  source;
  gint64           review_id;
  MlpSchedule      schedule_before;
} Action;

G_DEFINE_FINAL_TYPE (MlpLibrary, mlp_library, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_N_DUE,
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

static const char * const source_names[] = { "quiz", "review", "mock" };

static void
card_free (gpointer data)
{
  Card *card = data;

  g_free (card->queued_by);
  g_free (card);
}

static Card *
ensure_card (MlpLibrary *self,
             const char *question_id)
{
  Card *card = g_hash_table_lookup (self->cards, question_id);

  if (card == NULL)
    {
      card = g_new0 (Card, 1);
      card->schedule.due_at = MLP_SCHEDULE_NEVER;
      g_hash_table_insert (self->cards, g_strdup (question_id), card);
    }
  return card;
}

static gint64
due_after (MlpLibrary *self,
           gint64      reviewed_at,
           double      stability)
{
  return reviewed_at + (gint64)(mlp_fsrs_interval (&self->params, stability) * 86400.0);
}

/* The schedule after a review graded @grade at @now: the one step of the
 * replay that mlp-fsrs.c defines. */
static MlpSchedule
schedule_step (MlpLibrary        *self,
               const MlpSchedule *before,
               MlpGrade           grade,
               gint64             now,
               double            *elapsed_days)
{
  MlpSchedule after = *before;
  MlpFsrsMemory memory = { before->stability, before->difficulty };
  MlpFsrsMemory next;
  double elapsed = 0;

  if (before->n_reviews > 0 && before->stability > 0)
    elapsed = MAX (0, now - before->last_review) / 86400.0;
  next = mlp_fsrs_next (&self->params, before->stability > 0 ? &memory : NULL, elapsed, grade);

  after.stability = next.stability;
  after.difficulty = next.difficulty;
  after.last_review = now;
  after.due_at = due_after (self, now, next.stability);
  after.queued_at = 0;
  after.n_reviews++;
  if (grade >= MLP_GRADE_GOOD)
    after.n_good++;
  after.fail_streak = grade == MLP_GRADE_AGAIN ? before->fail_streak + 1 : 0;

  if (elapsed_days)
    *elapsed_days = elapsed;
  return after;
}

static const MlpSchedule never_reviewed = { .due_at = MLP_SCHEDULE_NEVER };

/* The schedule of the question @question_id, built or not. */
static const MlpSchedule *
lookup_schedule (MlpLibrary *self,
                 const char *question_id)
{
  Card *card = g_hash_table_lookup (self->cards, question_id);

  return card ? &card->schedule : &never_reviewed;
}

/* The question @id if its stage's objects exist; never builds them. */
static MlpQuestion *
peek_question (MlpLibrary *self,
               const char *id)
{
  MlpStage *stage = mlp_catalog_find_owner (self->catalog, id);

  return stage && mlp_stage_get_loaded (stage) ? mlp_catalog_find_question (self->catalog, id) : NULL;
}

static void
refresh_needs_review (MlpLibrary   *self,
                      MlpCheckItem *item)
{
  const char * const *ids = mlp_check_item_get_question_ids (item);
  gboolean needs = FALSE;

  for (guint j = 0; ids && ids[j] && !needs; j++)
    needs = lookup_schedule (self, ids[j])->fail_streak >= MLP_LIBRARY_NEEDS_REVIEW_FAILS;
  mlp_check_item_set_needs_review (item, needs);
}

static void
update_needs_review (MlpLibrary *self,
                     const char *question_id)
{
  GPtrArray *items = g_hash_table_lookup (self->links, question_id);

  for (guint i = 0; items && i < items->len; i++)
    refresh_needs_review (self, g_ptr_array_index (items, i));
}

/* The ids of @stage's questions, in order, known without building it. */
static const char * const *
stage_question_ids (MlpLibrary *self,
                    MlpStage   *stage)
{
  GStrv ids = g_hash_table_lookup (self->question_ids, stage);

  if (ids == NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      mlp_stage_collect_ids (stage, NULL, builder);
      ids = g_strv_builder_end (builder);
      g_hash_table_insert (self->question_ids, g_object_ref (stage), ids);
    }
  return (const char * const *)ids;
}

/* Every question id of the loaded content, in stage order (borrowed). */
static GPtrArray *
all_question_ids (MlpLibrary *self)
{
  GListModel *stages = mlp_catalog_get_stages (self->catalog);
  GPtrArray *ids = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(MlpStage) stage = g_list_model_get_item (stages, i);

      for (const char * const *id = stage_question_ids (self, stage); *id; id++)
        g_ptr_array_add (ids, (gpointer)*id);
    }
  return ids;
}

static MlpCard *
build_cards (MlpLibrary         *self,
             const char * const *ids,
             guint               n)
{
  MlpCard *cards = g_new (MlpCard, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      const MlpSchedule *s = lookup_schedule (self, ids[i]);

      cards[i] = (MlpCard) {
        .index = i,
        .due_at = s->due_at,
        .last_review = s->last_review,
        .stability = s->stability,
        .difficulty = s->difficulty,
      };
    }
  return cards;
}

/**
 * mlp_library_refresh_due:
 * @now: Unix seconds
 *
 * Recounts the questions due at @now ("n-due"). The window calls it when
 * time passes; answers and ticks recount by themselves.
 */
void
mlp_library_refresh_due (MlpLibrary *self,
                         gint64      now)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree MlpCard *cards = NULL;
  guint n_due;

  g_return_if_fail (MLP_IS_LIBRARY (self));

  ids = all_question_ids (self);
  cards = build_cards (self, (const char * const *)ids->pdata, ids->len);
  n_due = mlp_schedule_count_due (cards, ids->len, now);
  if (n_due != self->n_due)
    {
      self->n_due = n_due;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DUE]);
    }
}

/* Sets the schedule of the question @question_id, and of its object
 * @question when it is built (else it gets it when it is). */
static void
set_question_schedule (MlpLibrary        *self,
                       const char        *question_id,
                       MlpQuestion       *question,
                       const MlpSchedule *schedule)
{
  Card *card = ensure_card (self, question_id);

  card->schedule = *schedule;
  if (question != NULL)
    mlp_question_set_schedule (question, schedule);
  update_needs_review (self, question_id);
  mlp_library_refresh_due (self, now_seconds ());
}

static void
remove_review_time (MlpLibrary *self,
                    gint64      when)
{
  for (guint i = self->review_times->len; i > 0; i--)
    if (g_array_index (self->review_times, gint64, i - 1) == when)
      {
        g_array_remove_index (self->review_times, i - 1);
        return;
      }
}

/* Stores the answer @action describes with its review, and moves the
 * question's schedule on. */
static void
store_attempt (MlpLibrary *self,
               Action     *action)
{
  g_autoptr(GError) error = NULL;
  MlpQuestion *question = MLP_QUESTION (action->subject);
  const MlpSchedule *before = mlp_question_get_schedule (question);
  MlpSchedule after;
  MlpAttempt attempt = {
    .question_id = mlp_question_get_id (question),
    .choice_id = action->choice_id,
    .correct = action->correct,
    .answered_at = action->answered_at,
    .answer_text = action->answer_text,
    .points_mask = action->points_mask,
    .points_total = action->points_total,
  };
  MlpReview review = {
    .question_id = attempt.question_id,
    .reviewed_at = action->answered_at,
    .grade = action->grade,
    .stability_before = before->stability,
    .difficulty_before = before->difficulty,
    .source = source_names[action->source],
  };

  action->schedule_before = *before;
  after = schedule_step (self, before, action->grade, action->answered_at, &review.elapsed_days);
  review.stability_after = after.stability;
  review.difficulty_after = after.difficulty;
  review.due_at = after.due_at;

  mlp_question_set_result (question, TRUE, action->correct);
  if (mlp_store_record_answer (self->store, &attempt, &review, &error))
    {
      action->attempt_id = review.attempt_id;
      action->review_id = review.id;
    }
  else
    {
      action->attempt_id = action->review_id = 0;
      report (self, error);
    }

  g_array_append_val (self->review_times, action->answered_at);
  set_question_schedule (self, attempt.question_id, question, &after);
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

/* Ticking an item brings its linked questions that were never answered
 * into review; unticking takes back the ones it brought. */
static void
queue_linked (MlpLibrary   *self,
              MlpCheckItem *item,
              gboolean      checked)
{
  const char * const *ids = mlp_check_item_get_question_ids (item);
  const char *item_id = mlp_check_item_get_id (item);
  gint64 now = now_seconds ();

  for (guint i = 0; ids && ids[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      Card *card;
      MlpSchedule schedule;

      /* By id: a linked question in a stage not opened yet stays unbuilt. */
      if (mlp_catalog_find_owner (self->catalog, ids[i]) == NULL)
        continue;

      card = ensure_card (self, ids[i]);
      schedule = card->schedule;
      if (schedule.n_reviews > 0)
        continue;

      if (checked && schedule.queued_at == 0)
        {
          if (!mlp_store_set_queued (self->store, ids[i], item_id, now, &error))
            report (self, error);
          schedule.queued_at = schedule.due_at = now;
          mlp_set_str (&card->queued_by, item_id);
        }
      else if (!checked && schedule.queued_at != 0 && g_strcmp0 (card->queued_by, item_id) == 0)
        {
          if (!mlp_store_set_queued (self->store, ids[i], NULL, 0, &error))
            report (self, error);
          schedule.queued_at = 0;
          schedule.due_at = MLP_SCHEDULE_NEVER;
          g_clear_pointer (&card->queued_by, g_free);
        }
      else
        continue;

      set_question_schedule (self, ids[i], peek_question (self, ids[i]), &schedule);
    }
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

  queue_linked (self, item, mlp_check_item_get_checked (item));

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
on_note_changed (MlpLibrary *self,
                 GParamSpec *pspec,
                 GObject    *subject)
{
  g_autoptr(GError) error = NULL;
  const char *id, *note;

  if (self->loading)
    return;

  if (MLP_IS_CHECK_ITEM (subject))
    {
      id = mlp_check_item_get_id (MLP_CHECK_ITEM (subject));
      note = mlp_check_item_get_note (MLP_CHECK_ITEM (subject));
    }
  else
    {
      id = mlp_question_get_id (MLP_QUESTION (subject));
      note = mlp_question_get_note (MLP_QUESTION (subject));
    }

  if (note != NULL && *note != '\0')
    g_hash_table_insert (self->notes, g_strdup (id), g_strdup (note));
  else
    g_hash_table_remove (self->notes, id);

  if (!mlp_store_set_note (self->store, id, note, now_seconds (), &error))
    report (self, error);
}

/* Notes are kept by id and given to the objects when they are built. */
static void
restore_note (const char *target_id,
              const char *body,
              gint64      changed_at,
              gpointer    user_data)
{
  MlpLibrary *self = user_data;

  g_hash_table_insert (self->notes, g_strdup (target_id), g_strdup (body));
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

/* Gives the objects of the built @stage the notes kept by id; with
 * @clear, objects without a note lose theirs. */
static void
apply_notes (MlpLibrary *self,
             MlpStage   *stage,
             gboolean    clear)
{
  GListModel *list = mlp_stage_get_items (stage);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MlpCheckItem) item = g_list_model_get_item (list, i);
      const char *note = g_hash_table_lookup (self->notes, mlp_check_item_get_id (item));

      if (note != NULL || clear)
        mlp_check_item_set_note (item, note);
    }

  list = mlp_stage_get_questions (stage);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MlpQuestion) question = g_list_model_get_item (list, i);
      const char *note = g_hash_table_lookup (self->notes, mlp_question_get_id (question));

      if (note != NULL || clear)
        mlp_question_set_note (question, note);
    }
}

/* Gives the built @stage's questions their schedules and its items their
 * needs-review. */
static void
apply_schedules (MlpLibrary *self,
                 MlpStage   *stage)
{
  GListModel *list = mlp_stage_get_questions (stage);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MlpQuestion) question = g_list_model_get_item (list, i);

      mlp_question_set_schedule (question, lookup_schedule (self, mlp_question_get_id (question)));
    }

  list = mlp_stage_get_items (stage);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MlpCheckItem) item = g_list_model_get_item (list, i);

      refresh_needs_review (self, item);
    }
}

typedef struct
{
  MlpLibrary *self;
  GArray     *fixes;   /* MlpReview whose stored states differ from the replay */
} Replay;

static gboolean
differs (double stored,
         double computed)
{
  return fabs (stored - computed) > 1e-9 * MAX (1.0, fabs (computed));
}

static void
replay_review (const MlpReview *review,
               gpointer         user_data)
{
  Replay *replay = user_data;
  MlpLibrary *self = replay->self;
  Card *card = ensure_card (self, review->question_id);
  MlpSchedule before = card->schedule;
  double elapsed = 0;

  card->schedule = schedule_step (self, &before, review->grade, review->reviewed_at, &elapsed);
  g_clear_pointer (&card->queued_by, g_free);
  g_array_append_val (self->review_times, review->reviewed_at);

  /* A review carried over from schema 2 or restored from an export has no
   * states yet; one from an interleaved merge has stale ones. */
  if (!review->has_state ||
      differs (review->elapsed_days, elapsed) ||
      differs (review->stability_before, before.stability) ||
      differs (review->difficulty_before, before.difficulty) ||
      differs (review->stability_after, card->schedule.stability) ||
      differs (review->difficulty_after, card->schedule.difficulty))
    {
      MlpReview fix = {
        .id = review->id,
        .elapsed_days = elapsed,
        .stability_before = before.stability,
        .difficulty_before = before.difficulty,
        .stability_after = card->schedule.stability,
        .difficulty_after = card->schedule.difficulty,
        .due_at = card->schedule.due_at,
        .has_state = TRUE,
      };

      g_array_append_val (replay->fixes, fix);
    }
}

static void
restore_queued (const char *question_id,
                const char *item_id,
                gint64      queued_at,
                gpointer    user_data)
{
  MlpLibrary *self = user_data;
  Card *card = ensure_card (self, question_id);

  if (card->schedule.n_reviews > 0)
    return;
  card->schedule.queued_at = card->schedule.due_at = queued_at;
  mlp_set_str (&card->queued_by, item_id);
}

/* Computes every question's schedule by replaying the review log with
 * FSRS, writes back states the log lacks or has wrong, and applies the
 * schedules to the built questions and their items. */
static void
load_schedules (MlpLibrary *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) fixes = g_array_new (FALSE, FALSE, sizeof (MlpReview));
  Replay replay = { self, fixes };
  GListModel *stages = mlp_catalog_get_stages (self->catalog);

  g_hash_table_remove_all (self->cards);
  g_array_set_size (self->review_times, 0);

  if (!mlp_store_foreach_review (self->store, replay_review, &replay, &error) ||
      !mlp_store_foreach_queued (self->store, restore_queued, self, &error) ||
      !mlp_store_update_review_states (self->store, (const MlpReview *)(gpointer)fixes->data,
                                       fixes->len, &error))
    report (self, error);

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(MlpStage) stage = g_list_model_get_item (stages, i);

      if (mlp_stage_get_loaded (stage))
        apply_schedules (self, stage);
    }
  mlp_library_refresh_due (self, now_seconds ());
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

  if (clear)
    g_hash_table_remove_all (self->notes);
  for (guint i = 0; clear && i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(MlpStage) stage = g_list_model_get_item (stages, i);

      mlp_stage_clear_progress (stage);
    }

  if (!mlp_store_foreach_checked (self->store, restore_checked, self, &error) ||
      !mlp_store_foreach_last_attempt (self->store, restore_attempt, self, &error) ||
      !mlp_store_foreach_note (self->store, restore_note, self, &error))
    report (self, error);

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(MlpStage) stage = g_list_model_get_item (stages, i);

      if (mlp_stage_get_loaded (stage))
        apply_notes (self, stage, clear);
    }
  load_schedules (self);

  self->loading = FALSE;
}

/* @stage's objects exist now: already at start-up, or built when the
 * stage is first opened. They get what the library keeps by id (notes,
 * schedules, needs-review), and from now on their notes are saved. */
static void
on_stage_loaded (MlpLibrary *self,
                 MlpStage   *stage)
{
  GListModel *items = mlp_stage_get_items (stage);
  GListModel *questions = mlp_stage_get_questions (stage);
  gboolean loading = self->loading;

  self->loading = TRUE;
  for (guint j = 0; j < g_list_model_get_n_items (items); j++)
    {
      g_autoptr(MlpCheckItem) item = g_list_model_get_item (items, j);

      g_signal_connect_object (item, "notify::note",
                               G_CALLBACK (on_note_changed), self,
                               G_CONNECT_SWAPPED);

      for (const char * const *ids = mlp_check_item_get_question_ids (item); ids && *ids; ids++)
        {
          GPtrArray *linked = g_hash_table_lookup (self->links, *ids);

          if (linked == NULL)
            {
              linked = g_ptr_array_new_with_free_func (g_object_unref);
              g_hash_table_insert (self->links, g_strdup (*ids), linked);
            }
          g_ptr_array_add (linked, g_object_ref (item));
        }
    }
  for (guint j = 0; j < g_list_model_get_n_items (questions); j++)
    {
      g_autoptr(MlpQuestion) question = g_list_model_get_item (questions, j);

      g_signal_connect_object (question, "notify::note",
                               G_CALLBACK (on_note_changed), self,
                               G_CONNECT_SWAPPED);
    }

  apply_notes (self, stage, FALSE);
  apply_schedules (self, stage);
  self->loading = loading;
}

/* From now on, every change the user makes to @stage is saved; its
 * objects are left unbuilt until the stage is opened. */
static void
connect_stage (MlpLibrary *self,
               MlpStage   *stage)
{
  stage_question_ids (self, stage);

  /* One handler per stage: items of a stage not opened yet do not exist. */
  g_signal_connect_object (stage, "item-checked-changed",
                           G_CALLBACK (on_item_checked_changed), self,
                           G_CONNECT_SWAPPED);

  if (mlp_stage_get_loaded (stage))
    on_stage_loaded (self, stage);
  else
    g_signal_connect_object (stage, "loaded",
                             G_CALLBACK (on_stage_loaded), self,
                             G_CONNECT_SWAPPED);
}

/* Stages added later (an imported pack) get their saved progress too. */
static void
on_stages_changed (MlpLibrary *self,
                   guint       position,
                   guint       removed,
                   guint       added,
                   GListModel *stages)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(MlpStage) stage = g_list_model_get_item (stages, i);

      connect_stage (self, stage);
    }
  if (added > 0)
    load_progress (self, FALSE);
}

static void
load_and_connect (MlpLibrary *self)
{
  GListModel *stages = mlp_catalog_get_stages (self->catalog);

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(MlpStage) stage = g_list_model_get_item (stages, i);

      connect_stage (self, stage);
    }
  load_progress (self, FALSE);

  g_signal_connect_object (stages, "items-changed",
                           G_CALLBACK (on_stages_changed), self,
                           G_CONNECT_SWAPPED);
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
    case PROP_N_DUE:
      g_value_set_uint (value, self->n_due);
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
  g_clear_pointer (&self->cards, g_hash_table_unref);
  g_clear_pointer (&self->question_ids, g_hash_table_unref);
  g_clear_pointer (&self->links, g_hash_table_unref);
  g_clear_pointer (&self->notes, g_hash_table_unref);
  g_clear_pointer (&self->review_times, g_array_unref);
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
  /* Questions due for review now, across all stages. */
  properties[PROP_N_DUE] =
    g_param_spec_uint ("n-due", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
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
  self->cards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, card_free);
  self->question_ids = g_hash_table_new_full (NULL, NULL, g_object_unref,
                                              (GDestroyNotify)g_strfreev);
  self->links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify)g_ptr_array_unref);
  self->notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->review_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  mlp_fsrs_params_init (&self->params, MLP_FSRS_DEFAULT_RETENTION);
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
  return mlp_library_answer_choice_from (self, question, choice_id, MLP_ANSWER_QUIZ);
}

/**
 * mlp_library_answer_choice_from:
 * @source: where it was answered (kept in the review log)
 *
 * Records that @choice_id was picked; right is graded Good, wrong Again.
 *
 * Returns: whether the choice was the correct one
 */
gboolean
mlp_library_answer_choice_from (MlpLibrary      *self,
                                MlpQuestion     *question,
                                const char      *choice_id,
                                MlpAnswerSource  source)
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
  action->grade = choice->correct ? MLP_GRADE_GOOD : MLP_GRADE_AGAIN;
  action->source = source;

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

  mlp_library_reload (self);
  return TRUE;
}

/**
 * mlp_library_reload:
 *
 * Sets every object to what the store holds now, after the store was
 * changed behind the library's back (a restore). The undo history, which
 * described the earlier progress, is cleared.
 */
void
mlp_library_reload (MlpLibrary *self)
{
  g_return_if_fail (MLP_IS_LIBRARY (self));

  load_progress (self, TRUE);

  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  notify_history (self);
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
 * mlp_library_suggest_grade:
 * @points_mask: bit i set when key point i was covered
 *
 * The grade the covered key points suggest (the user may pick another).
 */
MlpGrade
mlp_library_suggest_grade (MlpQuestion *question,
                           guint64      points_mask)
{
  guint total, covered = 0;

  g_return_val_if_fail (MLP_IS_QUESTION (question), MLP_GRADE_GOOD);

  total = MIN (mlp_question_get_n_key_points (question), 64);
  for (guint i = 0; i < total; i++)
    covered += (points_mask >> i) & 1;

  return mlp_fsrs_grade_for_points (covered, total);
}

/**
 * mlp_library_answer_scenario:
 * @answer_text: (nullable): what the user wrote, if anything
 * @points_mask: bit i set when the user says key point i was covered
 *
 * Records a self-graded scenario answer with the grade its key points
 * suggest.
 *
 * Returns: whether it counts as answered well
 */
gboolean
mlp_library_answer_scenario (MlpLibrary  *self,
                             MlpQuestion *question,
                             const char  *answer_text,
                             guint64      points_mask)
{
  return mlp_library_grade_scenario (self, question, answer_text, points_mask,
                                     mlp_library_suggest_grade (question, points_mask),
                                     MLP_ANSWER_QUIZ);
}

/**
 * mlp_library_grade_scenario:
 * @answer_text: (nullable): what the user wrote, if anything
 * @points_mask: bit i set when the user says key point i was covered
 * @grade: the grade the user chose
 * @source: where it was answered
 *
 * Records a self-graded scenario answer and schedules its next review.
 *
 * Returns: whether it counts as answered well (at least half the points)
 */
gboolean
mlp_library_grade_scenario (MlpLibrary      *self,
                            MlpQuestion     *question,
                            const char      *answer_text,
                            guint64          points_mask,
                            MlpGrade         grade,
                            MlpAnswerSource  source)
{
  Action *action;

  g_return_val_if_fail (MLP_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (MLP_IS_QUESTION (question), FALSE);
  g_return_val_if_fail (mlp_question_get_kind (question) == MLP_QUESTION_KIND_SCENARIO, FALSE);
  g_return_val_if_fail (grade >= MLP_GRADE_AGAIN && grade <= MLP_GRADE_EASY, FALSE);

  action = g_new0 (Action, 1);
  action->points_total = mlp_question_get_n_key_points (question);
  action->points_mask = points_mask;
  action->correct = mlp_library_scenario_passes (points_mask, action->points_total);
  action->answer_text = answer_text && *answer_text ? g_strdup (answer_text) : NULL;
  action->grade = grade;
  action->source = source;

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
  load_schedules (self);
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
      if ((action->attempt_id != 0 || action->review_id != 0) &&
          !mlp_store_delete_answer (self->store, action->attempt_id, action->review_id, &error))
        report (self, error);
      mlp_question_set_result (MLP_QUESTION (action->subject),
                               action->was_attempted, action->was_correct);
      remove_review_time (self, action->answered_at);
      set_question_schedule (self, mlp_question_get_id (MLP_QUESTION (action->subject)),
                             MLP_QUESTION (action->subject), &action->schedule_before);
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

/**
 * mlp_library_preview_interval:
 *
 * Returns: the days until @question would be due again if it were graded
 *   @grade at @now — what the grade buttons show
 */
double
mlp_library_preview_interval (MlpLibrary  *self,
                              MlpQuestion *question,
                              MlpGrade     grade,
                              gint64       now)
{
  MlpSchedule after;

  g_return_val_if_fail (MLP_IS_LIBRARY (self), 0);
  g_return_val_if_fail (MLP_IS_QUESTION (question), 0);

  after = schedule_step (self, mlp_question_get_schedule (question), grade, now, NULL);
  return mlp_fsrs_interval (&self->params, after.stability);
}

/**
 * mlp_library_set_desired_retention:
 * @retention: the recall probability reviews aim for (0.70–0.99)
 *
 * Reschedules every question for the new target.
 */
void
mlp_library_set_desired_retention (MlpLibrary *self,
                                   double      retention)
{
  g_return_if_fail (MLP_IS_LIBRARY (self));

  if (fabs (self->params.desired_retention - retention) < 1e-9)
    return;
  mlp_fsrs_params_init (&self->params, retention);
  load_schedules (self);
}

double
mlp_library_get_desired_retention (MlpLibrary *self)
{
  g_return_val_if_fail (MLP_IS_LIBRARY (self), MLP_FSRS_DEFAULT_RETENTION);
  return self->params.desired_retention;
}

const MlpFsrsParams *
mlp_library_get_params (MlpLibrary *self)
{
  g_return_val_if_fail (MLP_IS_LIBRARY (self), NULL);
  return &self->params;
}

guint
mlp_library_get_n_due (MlpLibrary *self)
{
  g_return_val_if_fail (MLP_IS_LIBRARY (self), 0);
  return self->n_due;
}

/**
 * mlp_library_get_due_questions:
 *
 * Returns: (transfer container) (element-type MlpQuestion): the questions
 *   due at @now across all stages, most at risk of being forgotten first
 */
GPtrArray *
mlp_library_get_due_questions (MlpLibrary *self,
                               gint64      now)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree MlpCard *cards = NULL;
  g_autofree guint *order = NULL;
  GPtrArray *due;
  guint n_due;

  g_return_val_if_fail (MLP_IS_LIBRARY (self), NULL);

  ids = all_question_ids (self);
  cards = build_cards (self, (const char * const *)ids->pdata, ids->len);
  order = g_new (guint, MAX (ids->len, 1));
  n_due = mlp_schedule_due_queue (cards, ids->len, now, order);

  /* Only the stages with a question due are built. */
  due = g_ptr_array_new_full (n_due, g_object_unref);
  for (guint i = 0; i < n_due; i++)
    {
      MlpQuestion *question = mlp_catalog_find_question (self->catalog, g_ptr_array_index (ids, order[i]));

      if (question != NULL)
        g_ptr_array_add (due, g_object_ref (question));
    }
  return due;
}

/**
 * mlp_library_get_question_stage:
 *
 * Returns: (transfer none) (nullable): the stage @question belongs to
 */
MlpStage *
mlp_library_get_question_stage (MlpLibrary  *self,
                                MlpQuestion *question)
{
  g_return_val_if_fail (MLP_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (MLP_IS_QUESTION (question), NULL);
  return mlp_catalog_find_owner (self->catalog, mlp_question_get_id (question));
}

static GPtrArray *
stage_questions (MlpStage *stage)
{
  GListModel *list = mlp_stage_get_questions (stage);
  GPtrArray *questions = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (questions, g_list_model_get_item (list, i));
  return questions;
}

/**
 * mlp_library_get_stage_stats:
 *
 * Fills @stats with what the overview shows for @stage at @now.
 */
void
mlp_library_get_stage_stats (MlpLibrary    *self,
                             MlpStage      *stage,
                             gint64         now,
                             MlpStageStats *stats)
{
  const char * const *ids;
  g_autofree MlpCard *cards = NULL;
  guint n, n_good = 0;
  double checklist;

  g_return_if_fail (MLP_IS_LIBRARY (self));
  g_return_if_fail (MLP_IS_STAGE (stage));
  g_return_if_fail (stats != NULL);

  *stats = (MlpStageStats) {
    .n_items = mlp_stage_get_n_items (stage),
    .n_checked = mlp_stage_get_n_checked (stage),
    .accuracy = -1,
  };

  /* From ids and schedules: the overview does not build stages. */
  ids = stage_question_ids (self, stage);
  n = g_strv_length ((GStrv)ids);
  cards = build_cards (self, ids, n);
  stats->n_questions = n;
  stats->n_due = mlp_schedule_count_due (cards, n, now);
  stats->retention = mlp_schedule_mean_retrievability (cards, n, now);
  for (guint i = 0; i < n; i++)
    {
      const MlpSchedule *s = lookup_schedule (self, ids[i]);

      stats->n_reviewed += s->n_reviews > 0;
      stats->n_reviews += s->n_reviews;
      n_good += s->n_good;
    }
  if (stats->n_reviews > 0)
    stats->accuracy = (double)n_good / stats->n_reviews;

  checklist = stats->n_items > 0 ? (double)stats->n_checked / stats->n_items : 1.0;
  stats->readiness = n > 0 ? 0.5 * checklist + 0.5 * stats->retention : checklist;
}

/**
 * mlp_library_get_streak:
 *
 * Returns: days in a row (local calendar of @tz) with at least one review,
 *   up to today or, if today has none yet, yesterday
 */
guint
mlp_library_get_streak (MlpLibrary *self,
                        GTimeZone  *tz,
                        gint64      now)
{
  g_return_val_if_fail (MLP_IS_LIBRARY (self), 0);
  return mlp_schedule_streak ((const gint64 *)(gpointer)self->review_times->data,
                              self->review_times->len, tz, now);
}

/**
 * mlp_library_get_reviews_per_day:
 * @counts: (out caller-allocates) (array length=n_days): reviews per day,
 *   today last
 */
void
mlp_library_get_reviews_per_day (MlpLibrary *self,
                                 GTimeZone  *tz,
                                 gint64      now,
                                 guint       n_days,
                                 guint      *counts)
{
  g_return_if_fail (MLP_IS_LIBRARY (self));
  mlp_schedule_reviews_per_day ((const gint64 *)(gpointer)self->review_times->data,
                                self->review_times->len, tz, now, n_days, counts);
}

/**
 * mlp_library_get_plan:
 * @interview_at: the interview, Unix seconds
 * @total_out: (out) (optional): reviews needed in all
 *
 * Returns: reviews a day it takes to have every question recalled with the
 *   desired retention on the interview day
 */
guint
mlp_library_get_plan (MlpLibrary *self,
                      GTimeZone  *tz,
                      gint64      now,
                      gint64      interview_at,
                      guint      *total_out)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree MlpCard *cards = NULL;

  g_return_val_if_fail (MLP_IS_LIBRARY (self), 0);

  ids = all_question_ids (self);
  cards = build_cards (self, (const char * const *)ids->pdata, ids->len);
  return mlp_schedule_plan (&self->params, cards, ids->len, now, interview_at, tz, total_out);
}

static int
compare_readiness (gconstpointer a,
                   gconstpointer b)
{
  const MlpStageStats *sa = *(MlpStageStats * const *)a;
  const MlpStageStats *sb = *(MlpStageStats * const *)b;

  return (sa->readiness > sb->readiness) - (sa->readiness < sb->readiness);
}

/**
 * mlp_library_pick_mock_questions:
 * @n: how many
 * @rand: where the randomness comes from
 *
 * Draws up to @n scenario questions for a mock interview, one stage at a
 * time, weakest stages first, so the interview spreads across topics.
 *
 * Returns: (transfer container) (element-type MlpQuestion): the questions
 */
GPtrArray *
mlp_library_pick_mock_questions (MlpLibrary *self,
                                 guint       n,
                                 GRand      *rand,
                                 gint64      now)
{
  GListModel *stages = mlp_catalog_get_stages (self->catalog);
  guint n_stages = g_list_model_get_n_items (stages);
  g_autoptr(GPtrArray) pools = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autofree MlpStageStats *stats = g_new0 (MlpStageStats, MAX (n_stages, 1));
  GPtrArray *picked = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean any = TRUE;

  g_return_val_if_fail (MLP_IS_LIBRARY (self), picked);
  g_return_val_if_fail (rand != NULL, picked);

  for (guint i = 0; i < n_stages; i++)
    {
      g_autoptr(MlpStage) stage = g_list_model_get_item (stages, i);
      GPtrArray *pool = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) questions = stage_questions (stage);

      for (guint j = 0; j < questions->len; j++)
        if (mlp_question_get_kind (g_ptr_array_index (questions, j)) == MLP_QUESTION_KIND_SCENARIO)
          g_ptr_array_add (pool, g_object_ref (g_ptr_array_index (questions, j)));

      mlp_library_get_stage_stats (self, stage, now, &stats[i]);
      g_ptr_array_add (pools, pool);
      g_ptr_array_add (order, &stats[i]);
    }
  g_ptr_array_sort (order, compare_readiness);

  while (picked->len < n && any)
    {
      any = FALSE;
      for (guint k = 0; k < order->len && picked->len < n; k++)
        {
          GPtrArray *pool = g_ptr_array_index (pools, (MlpStageStats *)g_ptr_array_index (order, k) - stats);
          guint j;

          if (pool->len == 0)
            continue;
          j = g_rand_int_range (rand, 0, pool->len);
          g_ptr_array_add (picked, g_ptr_array_steal_index_fast (pool, j));
          any = TRUE;
        }
    }

  return picked;
}

/**
 * mlp_library_save_mock_session:
 *
 * Stores a finished (or abandoned) mock interview for the overview. Its
 * answers were already graded one by one as they were given.
 */
gboolean
mlp_library_save_mock_session (MlpLibrary            *self,
                               const MlpMockSession  *session,
                               GError               **error)
{
  g_return_val_if_fail (MLP_IS_LIBRARY (self), FALSE);
  return mlp_store_add_mock_session (self->store, session, NULL, error);
}
