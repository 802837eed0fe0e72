/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-stage"

#include "config.h"

#include <string.h>

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

  /* A lazy stage knows only its ids until its content is first asked for;
   * then load() builds the objects. Until then progress is kept as one
   * byte per id: checked, or attempted | correct << 1. */
  GStrv             item_ids;
  GStrv             question_ids;
  guint8           *item_flags;
  guint8           *question_flags;
  GHashTable       *index;       /* id → position + 1 (questions after items) */
  MlpStageLoadFunc  load;
  gpointer          load_data;
  GDestroyNotify    load_data_destroy;
  gboolean          loading;
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

enum {
  ITEM_CHECKED_CHANGED,
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
  g_signal_emit (self, signals[ITEM_CHECKED_CHANGED], 0, item);
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
  g_strfreev (self->item_ids);
  g_strfreev (self->question_ids);
  g_free (self->item_flags);
  g_free (self->question_flags);
  g_clear_pointer (&self->index, g_hash_table_unref);
  if (self->load_data_destroy)
    self->load_data_destroy (self->load_data);

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
      g_value_set_object (value, mlp_stage_get_items (self));
      break;
    case PROP_QUESTIONS:
      g_value_set_object (value, mlp_stage_get_questions (self));
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

  /**
   * MlpStage::item-checked-changed:
   * @item: the #MlpCheckItem ticked or unticked
   *
   * One signal per stage rather than a handler on every item, so that
   * whoever persists ticks need not create the items to listen.
   */
  signals[ITEM_CHECKED_CHANGED] =
    g_signal_new ("item-checked-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MLP_TYPE_CHECK_ITEM);

  /**
   * MlpStage::loaded:
   *
   * A lazy stage's objects were just built, with the progress set by id
   * carried over. Whoever keeps more about them (notes, schedules) applies
   * it and connects to them now.
   */
  signals[LOADED] =
    g_signal_new ("loaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
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

/**
 * mlp_stage_new_lazy:
 * @item_ids: (transfer full): the ids of the items, in order
 * @question_ids: (transfer full): the ids of the questions, in order
 * @load: called once, the first time the items or questions are asked
 *   for; it adds them with mlp_stage_add_question() and mlp_stage_add_item(),
 *   in the order of the ids (questions first), or adds nothing if it fails
 *
 * A stage whose content is built when it is first opened. Counts and
 * progress (mlp_stage_set_checked_by_id(), mlp_stage_set_result_by_id())
 * work before that, on the ids alone.
 *
 * Returns: (transfer full): the stage
 */
MlpStage *
mlp_stage_new_lazy (const char       *id,
                    int               position,
                    const char       *title,
                    const char       *summary,
                    GStrv             item_ids,
                    GStrv             question_ids,
                    MlpStageLoadFunc  load,
                    gpointer          load_data,
                    GDestroyNotify    load_data_destroy)
{
  MlpStage *self = mlp_stage_new (id, position, title, summary);

  g_return_val_if_fail (item_ids != NULL && question_ids != NULL && load != NULL, self);

  self->item_ids = item_ids;
  self->question_ids = question_ids;
  self->item_flags = g_new0 (guint8, g_strv_length (item_ids));
  self->question_flags = g_new0 (guint8, g_strv_length (question_ids));
  self->load = load;
  self->load_data = load_data;
  self->load_data_destroy = load_data_destroy;

  return self;
}

/* Builds a lazy stage's objects, carrying the progress over. */
static void
ensure_loaded (MlpStage *self)
{
  guint n_items, n_questions;

  if (self->load == NULL || self->loading)
    return;

  n_items = g_strv_length (self->item_ids);
  n_questions = g_strv_length (self->question_ids);

  g_object_freeze_notify (G_OBJECT (self));
  /* add_item() and add_question() count again, from the objects. */
  self->n_checked = self->n_answered = self->n_correct = 0;
  self->loading = TRUE;
  self->load (self, self->load_data);
  self->loading = FALSE;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->items)) != n_items ||
      g_list_model_get_n_items (G_LIST_MODEL (self->questions)) != n_questions)
    {
      g_warning ("The content of stage “%s” could not be loaded again", self->id);
      g_list_store_remove_all (self->items);
      g_list_store_remove_all (self->questions);
      self->n_checked = self->n_answered = self->n_correct = 0;
    }

  if (self->load_data_destroy)
    self->load_data_destroy (self->load_data);
  self->load = NULL;
  self->load_data = NULL;
  self->load_data_destroy = NULL;
  g_clear_pointer (&self->item_flags, g_free);
  g_clear_pointer (&self->question_flags, g_free);
  g_clear_pointer (&self->index, g_hash_table_unref);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CHECKED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ANSWERED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CORRECT]);
  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[LOADED], 0);
}

/**
 * mlp_stage_get_loaded:
 *
 * Returns: whether the stage's objects exist (always, unless it is lazy
 *   and was never opened)
 */
gboolean
mlp_stage_get_loaded (MlpStage *self)
{
  g_return_val_if_fail (MLP_IS_STAGE (self), FALSE);
  return self->load == NULL;
}

void
mlp_stage_add_item (MlpStage     *self,
                    MlpCheckItem *item)
{
  g_return_if_fail (MLP_IS_STAGE (self));
  g_return_if_fail (MLP_IS_CHECK_ITEM (item));

  if (self->loading)
    {
      guint i = g_list_model_get_n_items (G_LIST_MODEL (self->items));

      if (self->item_ids[i] && g_str_equal (self->item_ids[i], mlp_check_item_get_id (item)))
        mlp_check_item_set_checked (item, self->item_flags[i]);
    }

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

  if (self->loading)
    {
      guint i = g_list_model_get_n_items (G_LIST_MODEL (self->questions));

      if (self->question_ids[i] && g_str_equal (self->question_ids[i], mlp_question_get_id (question)))
        mlp_question_set_result (question, self->question_flags[i] & 1, (self->question_flags[i] & 2) != 0);
    }

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

/* Position of @id among the items (0…) or, after them, the questions. */
static gboolean
lookup_position (MlpStage   *self,
                 const char *id,
                 guint      *position)
{
  gpointer value;

  if (self->index == NULL)
    {
      guint n = 0;

      self->index = g_hash_table_new (g_str_hash, g_str_equal);
      if (self->load != NULL)
        {
          for (guint i = 0; self->item_ids[i]; i++)
            g_hash_table_insert (self->index, self->item_ids[i], GUINT_TO_POINTER (++n));
          for (guint i = 0; self->question_ids[i]; i++)
            g_hash_table_insert (self->index, self->question_ids[i], GUINT_TO_POINTER (++n));
        }
      else
        {
          /* Keys are the objects' own ids, which live as long as the lists. */
          for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->items)); i++)
            {
              g_autoptr(MlpCheckItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
              g_hash_table_insert (self->index, (gpointer)mlp_check_item_get_id (item), GUINT_TO_POINTER (++n));
            }
          for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->questions)); i++)
            {
              g_autoptr(MlpQuestion) question = g_list_model_get_item (G_LIST_MODEL (self->questions), i);
              g_hash_table_insert (self->index, (gpointer)mlp_question_get_id (question), GUINT_TO_POINTER (++n));
            }
        }
    }

  if (!(value = g_hash_table_lookup (self->index, id)))
    return FALSE;

  *position = GPOINTER_TO_UINT (value) - 1;
  return TRUE;
}

/**
 * mlp_stage_set_checked_by_id:
 *
 * Ticks or unticks the item @item_id of this stage, without creating the
 * stage's objects if they do not exist yet.
 *
 * Returns: whether the stage has an item @item_id
 */
gboolean
mlp_stage_set_checked_by_id (MlpStage   *self,
                             const char *item_id,
                             gboolean    checked)
{
  guint n_items = mlp_stage_get_n_items (self);
  guint i;

  g_return_val_if_fail (MLP_IS_STAGE (self), FALSE);

  if (!lookup_position (self, item_id, &i) || i >= n_items)
    return FALSE;

  if (self->load == NULL)
    {
      g_autoptr(MlpCheckItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      mlp_check_item_set_checked (item, checked);
    }
  else if (self->item_flags[i] != !!checked)
    {
      self->item_flags[i] = !!checked;
      set_counter (self, &self->n_checked, self->n_checked + (checked ? 1 : -1), PROP_N_CHECKED);
    }

  return TRUE;
}

/**
 * mlp_stage_set_result_by_id:
 *
 * Like mlp_question_set_result() on the question @question_id of this
 * stage, without creating the stage's objects.
 *
 * Returns: whether the stage has a question @question_id
 */
gboolean
mlp_stage_set_result_by_id (MlpStage   *self,
                            const char *question_id,
                            gboolean    attempted,
                            gboolean    correct)
{
  guint n_items = mlp_stage_get_n_items (self);
  guint i;

  g_return_val_if_fail (MLP_IS_STAGE (self), FALSE);

  if (!lookup_position (self, question_id, &i) || i < n_items)
    return FALSE;
  i -= n_items;

  if (self->load == NULL)
    {
      g_autoptr(MlpQuestion) question = g_list_model_get_item (G_LIST_MODEL (self->questions), i);

      mlp_question_set_result (question, attempted, correct);
    }
  else
    {
      guint8 old = self->question_flags[i];
      guint8 now = (attempted ? 1 : 0) | (correct ? 2 : 0);

      self->question_flags[i] = now;
      g_object_freeze_notify (G_OBJECT (self));
      set_counter (self, &self->n_answered, self->n_answered - (old & 1) + (now & 1), PROP_N_ANSWERED);
      set_counter (self, &self->n_correct, self->n_correct - ((old & 2) >> 1) + ((now & 2) >> 1), PROP_N_CORRECT);
      g_object_thaw_notify (G_OBJECT (self));
    }

  return TRUE;
}

/**
 * mlp_stage_clear_progress:
 *
 * Unticks every item and forgets every answer, in the objects if they
 * exist.
 */
void
mlp_stage_clear_progress (MlpStage *self)
{
  g_return_if_fail (MLP_IS_STAGE (self));

  if (self->load == NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->items)); i++)
        {
          g_autoptr(MlpCheckItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

          mlp_check_item_set_checked (item, FALSE);
        }
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->questions)); i++)
        {
          g_autoptr(MlpQuestion) question = g_list_model_get_item (G_LIST_MODEL (self->questions), i);

          mlp_question_set_result (question, FALSE, FALSE);
        }
      return;
    }

  /* A stage may have no items or no questions: no flags to clear then. */
  if (self->item_flags != NULL)
    memset (self->item_flags, 0, g_strv_length (self->item_ids));
  if (self->question_flags != NULL)
    memset (self->question_flags, 0, g_strv_length (self->question_ids));
  g_object_freeze_notify (G_OBJECT (self));
  set_counter (self, &self->n_checked, 0, PROP_N_CHECKED);
  set_counter (self, &self->n_answered, 0, PROP_N_ANSWERED);
  set_counter (self, &self->n_correct, 0, PROP_N_CORRECT);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Adds the ids of the items or questions to @builder. */
static void
collect_ids (GListModel   *list,
             GStrvBuilder *builder)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (list, i);

      g_strv_builder_add (builder, MLP_IS_CHECK_ITEM (object)
                                   ? mlp_check_item_get_id (MLP_CHECK_ITEM (object))
                                   : mlp_question_get_id (MLP_QUESTION (object)));
    }
}

/**
 * mlp_stage_collect_ids:
 * @items: (nullable): where to add the item ids
 * @questions: (nullable): where to add the question ids
 *
 * Adds the stage's ids, without creating its objects.
 */
void
mlp_stage_collect_ids (MlpStage     *self,
                       GStrvBuilder *items,
                       GStrvBuilder *questions)
{
  g_return_if_fail (MLP_IS_STAGE (self));

  if (self->load != NULL)
    {
      if (items != NULL)
        g_strv_builder_addv (items, (const char **)self->item_ids);
      if (questions != NULL)
        g_strv_builder_addv (questions, (const char **)self->question_ids);
      return;
    }

  if (items != NULL)
    collect_ids (G_LIST_MODEL (self->items), items);
  if (questions != NULL)
    collect_ids (G_LIST_MODEL (self->questions), questions);
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
  ensure_loaded (self);
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
  ensure_loaded (self);
  return G_LIST_MODEL (self->questions);
}

guint
mlp_stage_get_n_items (MlpStage *self)
{
  g_return_val_if_fail (MLP_IS_STAGE (self), 0);
  if (self->load != NULL)
    return g_strv_length (self->item_ids);
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
  if (self->load != NULL)
    return g_strv_length (self->question_ids);
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
