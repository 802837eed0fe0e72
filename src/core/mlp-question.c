/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-question"

#include "config.h"

#include "mlp-question.h"
#include "mlp-enums.h"

struct _MlpQuestion
{
  GObject          parent_instance;

  char            *id;
  char            *prompt;
  char            *source;
  GArray          *choices;       /* of MlpChoice */
  char            *model_answer;
  GStrv            key_points;
  char            *follow_up;
  MlpQuestionKind  kind;

  /* Result of the latest attempt, loaded from and kept in sync with the store */
  guint            attempted : 1;
  guint            correct : 1;

  char            *note;

  /* The schedule, computed by the library from the review log */
  MlpSchedule      schedule;
};

G_DEFINE_FINAL_TYPE (MlpQuestion, mlp_question, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_PROMPT,
  PROP_SOURCE,
  PROP_MODEL_ANSWER,
  PROP_FOLLOW_UP,
  PROP_ATTEMPTED,
  PROP_CORRECT,
  PROP_NOTE,
  PROP_DUE_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_choice (gpointer data)
{
  MlpChoice *choice = data;

  g_free (choice->id);
  g_free (choice->text);
  g_free (choice->explanation);
}

static void
mlp_question_finalize (GObject *object)
{
  MlpQuestion *self = (MlpQuestion *)object;

  g_free (self->id);
  g_free (self->prompt);
  g_free (self->source);
  g_array_unref (self->choices);
  g_free (self->model_answer);
  g_strfreev (self->key_points);
  g_free (self->follow_up);
  g_free (self->note);

  G_OBJECT_CLASS (mlp_question_parent_class)->finalize (object);
}

static void
mlp_question_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MlpQuestion *self = MLP_QUESTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_PROMPT:
      g_value_set_string (value, self->prompt);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_MODEL_ANSWER:
      g_value_set_string (value, self->model_answer);
      break;
    case PROP_FOLLOW_UP:
      g_value_set_string (value, self->follow_up);
      break;
    case PROP_ATTEMPTED:
      g_value_set_boolean (value, self->attempted);
      break;
    case PROP_CORRECT:
      g_value_set_boolean (value, self->correct);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_DUE_AT:
      g_value_set_int64 (value, self->schedule.due_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlp_question_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MlpQuestion *self = MLP_QUESTION (object);

  switch (prop_id)
    {
    case PROP_NOTE:
      mlp_question_set_note (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlp_question_class_init (MlpQuestionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mlp_question_finalize;
  object_class->get_property = mlp_question_get_property;
  object_class->set_property = mlp_question_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       MLP_TYPE_QUESTION_KIND, MLP_QUESTION_KIND_CHOICE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROMPT] =
    g_param_spec_string ("prompt", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL_ANSWER] =
    g_param_spec_string ("model-answer", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLLOW_UP] =
    g_param_spec_string ("follow-up", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ATTEMPTED] =
    g_param_spec_boolean ("attempted", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CORRECT] =
    g_param_spec_boolean ("correct", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The user's own note; NULL when there is none. */
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* When the question is next due for review (Unix seconds), or
   * MLP_SCHEDULE_NEVER when it is not scheduled. */
  properties[PROP_DUE_AT] =
    g_param_spec_int64 ("due-at", NULL, NULL, 0, G_MAXINT64, G_MAXINT64,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mlp_question_init (MlpQuestion *self)
{
  self->schedule.due_at = MLP_SCHEDULE_NEVER;
  self->choices = g_array_new (FALSE, TRUE, sizeof (MlpChoice));
  g_array_set_clear_func (self->choices, clear_choice);
  self->key_points = g_new0 (char *, 1);
}

/**
 * mlp_question_new:
 *
 * Returns: (transfer full): a question without choices or scenario parts;
 *   the catalog adds those
 */
MlpQuestion *
mlp_question_new (const char      *id,
                  MlpQuestionKind  kind,
                  const char      *prompt,
                  const char      *source)
{
  MlpQuestion *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (prompt != NULL, NULL);

  self = g_object_new (MLP_TYPE_QUESTION, NULL);
  self->id = g_strdup (id);
  self->kind = kind;
  self->prompt = g_strdup (prompt);
  self->source = g_strdup (source);

  return self;
}

void
mlp_question_add_choice (MlpQuestion *self,
                         const char  *id,
                         const char  *text,
                         const char  *explanation,
                         gboolean     correct)
{
  MlpChoice choice;

  g_return_if_fail (MLP_IS_QUESTION (self));
  g_return_if_fail (id != NULL && text != NULL);

  choice.id = g_strdup (id);
  choice.text = g_strdup (text);
  choice.explanation = g_strdup (explanation);
  choice.correct = !!correct;
  g_array_append_val (self->choices, choice);
}

void
mlp_question_set_scenario (MlpQuestion        *self,
                           const char         *model_answer,
                           const char * const *key_points,
                           const char         *follow_up)
{
  g_return_if_fail (MLP_IS_QUESTION (self));

  g_free (self->model_answer);
  self->model_answer = g_strdup (model_answer);
  g_strfreev (self->key_points);
  self->key_points = key_points ? g_strdupv ((char **)key_points) : g_new0 (char *, 1);
  g_free (self->follow_up);
  self->follow_up = g_strdup (follow_up);
}

const char *
mlp_question_get_id (MlpQuestion *self)
{
  g_return_val_if_fail (MLP_IS_QUESTION (self), NULL);
  return self->id;
}

MlpQuestionKind
mlp_question_get_kind (MlpQuestion *self)
{
  g_return_val_if_fail (MLP_IS_QUESTION (self), MLP_QUESTION_KIND_CHOICE);
  return self->kind;
}

const char *
mlp_question_get_prompt (MlpQuestion *self)
{
  g_return_val_if_fail (MLP_IS_QUESTION (self), NULL);
  return self->prompt;
}

const char *
mlp_question_get_source (MlpQuestion *self)
{
  g_return_val_if_fail (MLP_IS_QUESTION (self), NULL);
  return self->source;
}

guint
mlp_question_get_n_choices (MlpQuestion *self)
{
  g_return_val_if_fail (MLP_IS_QUESTION (self), 0);
  return self->choices->len;
}

/**
 * mlp_question_get_choice:
 *
 * Returns: (transfer none): the choice at @index, in pack order
 */
const MlpChoice *
mlp_question_get_choice (MlpQuestion *self,
                         guint        index)
{
  g_return_val_if_fail (MLP_IS_QUESTION (self), NULL);
  g_return_val_if_fail (index < self->choices->len, NULL);

  return &g_array_index (self->choices, MlpChoice, index);
}

/**
 * mlp_question_find_choice:
 *
 * Returns: (transfer none) (nullable): the choice with @choice_id
 */
const MlpChoice *
mlp_question_find_choice (MlpQuestion *self,
                          const char  *choice_id)
{
  g_return_val_if_fail (MLP_IS_QUESTION (self), NULL);
  g_return_val_if_fail (choice_id != NULL, NULL);

  for (guint i = 0; i < self->choices->len; i++)
    {
      const MlpChoice *choice = &g_array_index (self->choices, MlpChoice, i);

      if (g_strcmp0 (choice->id, choice_id) == 0)
        return choice;
    }

  return NULL;
}

const char *
mlp_question_get_model_answer (MlpQuestion *self)
{
  g_return_val_if_fail (MLP_IS_QUESTION (self), NULL);
  return self->model_answer;
}

/**
 * mlp_question_get_key_points:
 *
 * Returns: (transfer none): the key points of a scenario (empty for choices)
 */
const char * const *
mlp_question_get_key_points (MlpQuestion *self)
{
  g_return_val_if_fail (MLP_IS_QUESTION (self), NULL);
  return (const char * const *)self->key_points;
}

guint
mlp_question_get_n_key_points (MlpQuestion *self)
{
  g_return_val_if_fail (MLP_IS_QUESTION (self), 0);
  return g_strv_length (self->key_points);
}

const char *
mlp_question_get_follow_up (MlpQuestion *self)
{
  g_return_val_if_fail (MLP_IS_QUESTION (self), NULL);
  return self->follow_up;
}

gboolean
mlp_question_get_attempted (MlpQuestion *self)
{
  g_return_val_if_fail (MLP_IS_QUESTION (self), FALSE);
  return self->attempted;
}

gboolean
mlp_question_get_correct (MlpQuestion *self)
{
  g_return_val_if_fail (MLP_IS_QUESTION (self), FALSE);
  return self->correct;
}

/**
 * mlp_question_set_result:
 * @attempted: whether the question has been answered at least once
 * @correct: whether the latest answer was right
 *
 * Records the outcome of the latest attempt. Persisting it is the
 * library's job; this only updates the object and notifies.
 */
void
mlp_question_set_result (MlpQuestion *self,
                         gboolean     attempted,
                         gboolean     correct)
{
  g_return_if_fail (MLP_IS_QUESTION (self));

  attempted = !!attempted;
  correct = attempted && correct;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->attempted != attempted)
    {
      self->attempted = attempted;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTEMPTED]);
    }
  if (self->correct != correct)
    {
      self->correct = correct;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CORRECT]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * mlp_question_get_note:
 *
 * Returns: (nullable): the user's note on this question
 */
const char *
mlp_question_get_note (MlpQuestion *self)
{
  g_return_val_if_fail (MLP_IS_QUESTION (self), NULL);
  return self->note;
}

/**
 * mlp_question_set_note:
 * @note: (nullable): the note; empty means none
 */
void
mlp_question_set_note (MlpQuestion *self,
                       const char  *note)
{
  g_return_if_fail (MLP_IS_QUESTION (self));

  if (note != NULL && *note == '\0')
    note = NULL;
  if (mlp_set_str (&self->note, note))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

/**
 * mlp_question_get_schedule:
 *
 * Returns: (transfer none): the question's memory state and due time
 */
const MlpSchedule *
mlp_question_get_schedule (MlpQuestion *self)
{
  g_return_val_if_fail (MLP_IS_QUESTION (self), NULL);
  return &self->schedule;
}

/**
 * mlp_question_set_schedule:
 *
 * Sets the schedule the library computed; notifies "due-at" when it moves.
 */
void
mlp_question_set_schedule (MlpQuestion       *self,
                           const MlpSchedule *schedule)
{
  gboolean due_changed;

  g_return_if_fail (MLP_IS_QUESTION (self));
  g_return_if_fail (schedule != NULL);

  due_changed = self->schedule.due_at != schedule->due_at;
  self->schedule = *schedule;
  if (due_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE_AT]);
}
