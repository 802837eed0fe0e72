/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-stage"

#include "config.h"

#include "mlp-stage.h"

struct _MlpStage
{
  GObject     parent_instance;

  char       *id;
  char       *title;
  char       *summary;
  GListStore *items;
  GListStore *questions;
  int         position;

  /* Counters kept up to date from the children's notifications, so that
   * reading progress never walks the lists. */
  guint       n_checked;
  guint       n_answered;
  guint       n_correct;
};

G_DEFINE_FINAL_TYPE (MlpStage, mlp_stage, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_POSITION,
  PROP_TITLE,
  PROP_SUMMARY,
  PROP_ITEMS,
  PROP_QUESTIONS,
  PROP_N_ITEMS,
  PROP_N_CHECKED,
  PROP_N_QUESTIONS,
  PROP_N_ANSWERED,
  PROP_N_CORRECT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_counter (MlpStage *self,
             guint    *counter,
             guint     value,
             int       prop)
{
  if (*counter == value)
    return;

  *counter = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
on_item_checked_changed (MlpStage     *self,
                         GParamSpec   *pspec,
                         MlpCheckItem *item)
{
  guint n = self->n_checked;

  n = mlp_check_item_get_checked (item) ? n + 1 : n - 1;
  set_counter (self, &self->n_checked, n, PROP_N_CHECKED);
}

/* A question's two flags change together (frozen notify), so recount from
 * the question's old contribution, remembered on the object itself. */
static GQuark contribution_quark;

static void
on_question_result_changed (MlpStage    *self,
                            GParamSpec  *pspec,
                            MlpQuestion *question)
{
  guint old = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (question), contribution_quark));
  guint now = (mlp_question_get_attempted (question) ? 1 : 0) |
              (mlp_question_get_correct (question) ? 2 : 0);
  guint answered = self->n_answered - (old & 1) + (now & 1);
  guint correct = self->n_correct - ((old & 2) >> 1) + ((now & 2) >> 1);

  g_object_set_qdata (G_OBJECT (question), contribution_quark, GUINT_TO_POINTER (now));

  g_object_freeze_notify (G_OBJECT (self));
  set_counter (self, &self->n_answered, answered, PROP_N_ANSWERED);
  set_counter (self, &self->n_correct, correct, PROP_N_CORRECT);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
mlp_stage_finalize (GObject *object)
{
  MlpStage *self = (MlpStage *)object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->summary);
  g_clear_object (&self->items);
  g_clear_object (&self->questions);

  G_OBJECT_CLASS (mlp_stage_parent_class)->finalize (object);
}

static void
mlp_stage_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MlpStage *self = MLP_STAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_ITEMS:
      g_value_set_object (value, self->items);
      break;
    case PROP_QUESTIONS:
      g_value_set_object (value, self->questions);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, mlp_stage_get_n_items (self));
      break;
    case PROP_N_CHECKED:
      g_value_set_uint (value, self->n_checked);
      break;
    case PROP_N_QUESTIONS:
      g_value_set_uint (value, mlp_stage_get_n_questions (self));
      break;
    case PROP_N_ANSWERED:
      g_value_set_uint (value, self->n_answered);
      break;
    case PROP_N_CORRECT:
      g_value_set_uint (value, self->n_correct);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlp_stage_class_init (MlpStageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mlp_stage_finalize;
  object_class->get_property = mlp_stage_get_property;

  contribution_quark = g_quark_from_static_string ("mlp-stage-contribution");

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_int ("position", NULL, NULL, G_MININT, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEMS] =
    g_param_spec_object ("items", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUESTIONS] =
    g_param_spec_object ("questions", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CHECKED] =
    g_param_spec_uint ("n-checked", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_QUESTIONS] =
    g_param_spec_uint ("n-questions", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ANSWERED] =
    g_param_spec_uint ("n-answered", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CORRECT] =
    g_param_spec_uint ("n-correct", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mlp_stage_init (MlpStage *self)
{
  self->items = g_list_store_new (MLP_TYPE_CHECK_ITEM);
  self->questions = g_list_store_new (MLP_TYPE_QUESTION);
}

/**
 * mlp_stage_new:
 *
 * Returns: (transfer full): an empty stage
 */
MlpStage *
mlp_stage_new (const char *id,
               int         position,
               const char *title,
               const char *summary)
{
  MlpStage *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (MLP_TYPE_STAGE, NULL);
  self->id = g_strdup (id);
  self->position = position;
  self->title = g_strdup (title);
  self->summary = g_strdup (summary);

  return self;
}

void
mlp_stage_add_item (MlpStage     *self,
                    MlpCheckItem *item)
{
  g_return_if_fail (MLP_IS_STAGE (self));
  g_return_if_fail (MLP_IS_CHECK_ITEM (item));

  g_list_store_append (self->items, item);
  g_signal_connect_object (item, "notify::checked",
                           G_CALLBACK (on_item_checked_changed), self,
                           G_CONNECT_SWAPPED);

  g_object_freeze_notify (G_OBJECT (self));
  if (mlp_check_item_get_checked (item))
    set_counter (self, &self->n_checked, self->n_checked + 1, PROP_N_CHECKED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
mlp_stage_add_question (MlpStage    *self,
                        MlpQuestion *question)
{
  g_return_if_fail (MLP_IS_STAGE (self));
  g_return_if_fail (MLP_IS_QUESTION (question));

  g_list_store_append (self->questions, question);
  g_signal_connect_object (question, "notify::attempted",
                           G_CALLBACK (on_question_result_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (question, "notify::correct",
                           G_CALLBACK (on_question_result_changed), self,
                           G_CONNECT_SWAPPED);

  g_object_freeze_notify (G_OBJECT (self));
  on_question_result_changed (self, NULL, question);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_QUESTIONS]);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
mlp_stage_get_id (MlpStage *self)
{
  g_return_val_if_fail (MLP_IS_STAGE (self), NULL);
  return self->id;
}

int
mlp_stage_get_position (MlpStage *self)
{
  g_return_val_if_fail (MLP_IS_STAGE (self), 0);
  return self->position;
}

const char *
mlp_stage_get_title (MlpStage *self)
{
  g_return_val_if_fail (MLP_IS_STAGE (self), NULL);
  return self->title;
}

const char *
mlp_stage_get_summary (MlpStage *self)
{
  g_return_val_if_fail (MLP_IS_STAGE (self), NULL);
  return self->summary;
}

/**
 * mlp_stage_get_items:
 *
 * Returns: (transfer none): a #GListModel of #MlpCheckItem
 */
GListModel *
mlp_stage_get_items (MlpStage *self)
{
  g_return_val_if_fail (MLP_IS_STAGE (self), NULL);
  return G_LIST_MODEL (self->items);
}

/**
 * mlp_stage_get_questions:
 *
 * Returns: (transfer none): a #GListModel of #MlpQuestion
 */
GListModel *
mlp_stage_get_questions (MlpStage *self)
{
  g_return_val_if_fail (MLP_IS_STAGE (self), NULL);
  return G_LIST_MODEL (self->questions);
}

guint
mlp_stage_get_n_items (MlpStage *self)
{
  g_return_val_if_fail (MLP_IS_STAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

guint
mlp_stage_get_n_checked (MlpStage *self)
{
  g_return_val_if_fail (MLP_IS_STAGE (self), 0);
  return self->n_checked;
}

guint
mlp_stage_get_n_questions (MlpStage *self)
{
  g_return_val_if_fail (MLP_IS_STAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->questions));
}

guint
mlp_stage_get_n_answered (MlpStage *self)
{
  g_return_val_if_fail (MLP_IS_STAGE (self), 0);
  return self->n_answered;
}

guint
mlp_stage_get_n_correct (MlpStage *self)
{
  g_return_val_if_fail (MLP_IS_STAGE (self), 0);
  return self->n_correct;
}
