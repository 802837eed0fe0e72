/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-search-target"

#include "config.h"

#include <string.h>

#include "mlp-search-target.h"

/* One checklist item or question as search sees it: with its stage, its
 * text folded once (content never changes) and its note folded again
 * whenever the note changes. The index these live in re-filters a target
 * by replacing it with itself when its note changes. */
struct _MlpSearchTarget
{
  GObject   parent_instance;

  MlpStage *stage;
  GObject  *subject;        /* MlpCheckItem or MlpQuestion */
  char     *folded_content; /* every field but the note, folded, one a line */
  char     *folded_note;
  gboolean  note_folded;
  GWeakRef  index;          /* the GListStore holding this target */
  guint     position;
};

G_DEFINE_FINAL_TYPE (MlpSearchTarget, mlp_search_target, G_TYPE_OBJECT)

/**
 * mlp_search_fold:
 * @text: UTF-8 text
 *
 * Folds @text for matching: case-folded, compatibility-decomposed,
 * without accents, with typographic apostrophes as plain ones, so that
 * "don't" finds "Don’t" and "resume" finds "Résumé".
 *
 * Returns: (transfer full): the folded text
 */
char *
mlp_search_fold (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *folded = g_utf8_casefold (valid, -1);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  GString *out = g_string_sized_new (strlen (decomposed));

  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (g_unichar_type (c))
        {
        case G_UNICODE_NON_SPACING_MARK:
        case G_UNICODE_ENCLOSING_MARK:
          continue;
        default:
          break;
        }
      if (c == 0x2018 || c == 0x2019 || c == 0x02BC)
        c = '\'';
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/**
 * mlp_search_split_query:
 * @query: what the user typed
 *
 * Returns: (transfer full): the folded words of @query; empty when it
 *   has none
 */
char **
mlp_search_split_query (const char *query)
{
  g_autofree char *folded = mlp_search_fold (query != NULL ? query : "");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *start = NULL;

  for (const char *p = folded;; p = g_utf8_next_char (p))
    {
      gboolean end = *p == '\0' || g_unichar_isspace (g_utf8_get_char (p));

      if (end && start != NULL)
        {
          g_autofree char *word = g_strndup (start, p - start);

          g_strv_builder_add (builder, word);
          start = NULL;
        }
      else if (!end && start == NULL)
        start = p;

      if (*p == '\0')
        break;
    }

  return g_strv_builder_end (builder);
}

static gboolean
contains_any (const char         *folded,
              const char * const *terms)
{
  for (guint i = 0; folded != NULL && terms[i]; i++)
    if (strstr (folded, terms[i]) != NULL)
      return TRUE;
  return FALSE;
}

/**
 * mlp_search_excerpt:
 * @text: the text a term was found in
 * @terms: folded search terms
 *
 * Returns: (transfer full): @text on one line, starting a few words
 *   before the first word holding a term (with "…" when it was cut)
 */
char *
mlp_search_excerpt (const char         *text,
                    const char * const *terms)
{
  g_autoptr(GPtrArray) starts = g_ptr_array_new ();
  const char *from = text;
  GString *out;

  for (const char *p = text; *p;)
    {
      const char *word = p;
      g_autofree char *folded = NULL;
      g_autofree char *copy = NULL;

      while (*p && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > word)
        {
          g_ptr_array_add (starts, (gpointer)word);
          copy = g_strndup (word, p - word);
          folded = mlp_search_fold (copy);
          if (contains_any (folded, terms))
            {
              /* A little context before the match. */
              from = g_ptr_array_index (starts, starts->len > 4 ? starts->len - 4 : 0);
              break;
            }
        }
      while (*p && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
    }

  out = g_string_new (from != text ? "…" : "");
  for (const char *p = from; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          if (out->len == 0 || out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* The subject's texts in the order search shows them; the title first. */
static void
collect_fields (MlpSearchTarget *self,
                GPtrArray       *fields)
{
  if (MLP_IS_CHECK_ITEM (self->subject))
    {
      MlpCheckItem *item = MLP_CHECK_ITEM (self->subject);

      g_ptr_array_add (fields, (gpointer)mlp_check_item_get_text (item));
      g_ptr_array_add (fields, (gpointer)mlp_check_item_get_detail (item));
    }
  else
    {
      MlpQuestion *question = MLP_QUESTION (self->subject);
      const char * const *points = mlp_question_get_key_points (question);

      g_ptr_array_add (fields, (gpointer)mlp_question_get_prompt (question));
      for (guint i = 0; i < mlp_question_get_n_choices (question); i++)
        g_ptr_array_add (fields, mlp_question_get_choice (question, i)->text);
      if (mlp_question_get_model_answer (question) != NULL)
        g_ptr_array_add (fields, (gpointer)mlp_question_get_model_answer (question));
      for (guint i = 0; points != NULL && points[i]; i++)
        g_ptr_array_add (fields, (gpointer)points[i]);
      if (mlp_question_get_follow_up (question) != NULL)
        g_ptr_array_add (fields, (gpointer)mlp_question_get_follow_up (question));
    }
}

static const char *
get_note (MlpSearchTarget *self)
{
  if (MLP_IS_CHECK_ITEM (self->subject))
    return mlp_check_item_get_note (MLP_CHECK_ITEM (self->subject));
  return mlp_question_get_note (MLP_QUESTION (self->subject));
}

static void
ensure_folded (MlpSearchTarget *self)
{
  if (self->folded_content == NULL)
    {
      g_autoptr(GPtrArray) fields = g_ptr_array_new ();
      g_autoptr(GString) content = g_string_new (NULL);

      collect_fields (self, fields);
      for (guint i = 0; i < fields->len; i++)
        {
          g_autofree char *folded = mlp_search_fold (g_ptr_array_index (fields, i));

          /* One a line: no term (they have no white space) spans two. */
          g_string_append (content, folded);
          g_string_append_c (content, '\n');
        }
      self->folded_content = g_string_free (g_steal_pointer (&content), FALSE);
    }

  if (!self->note_folded)
    {
      const char *note = get_note (self);

      self->folded_note = note != NULL ? mlp_search_fold (note) : NULL;
      self->note_folded = TRUE;
    }
}

static void
on_note_changed (MlpSearchTarget *self)
{
  g_autoptr(GListStore) index = g_weak_ref_get (&self->index);

  g_clear_pointer (&self->folded_note, g_free);
  self->note_folded = FALSE;

  /* Replacing the target with itself makes every filter over the index
   * look at it again, and only at it. */
  if (index != NULL)
    {
      g_autoptr(MlpSearchTarget) keep = g_object_ref (self);

      g_list_store_splice (index, self->position, 1, (gpointer *)&keep, 1);
    }
}

static void
mlp_search_target_finalize (GObject *object)
{
  MlpSearchTarget *self = (MlpSearchTarget *)object;

  g_weak_ref_clear (&self->index);
  g_clear_object (&self->stage);
  g_clear_object (&self->subject);
  g_free (self->folded_content);
  g_free (self->folded_note);

  G_OBJECT_CLASS (mlp_search_target_parent_class)->finalize (object);
}

static void
mlp_search_target_class_init (MlpSearchTargetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mlp_search_target_finalize;
}

static void
mlp_search_target_init (MlpSearchTarget *self)
{
  g_weak_ref_init (&self->index, NULL);
}

/**
 * mlp_search_target_new:
 * @stage: the stage holding @subject
 * @subject: an #MlpCheckItem or #MlpQuestion
 *
 * Returns: (transfer full): a target that follows @subject's note
 */
MlpSearchTarget *
mlp_search_target_new (MlpStage *stage,
                       GObject  *subject)
{
  MlpSearchTarget *self;

  g_return_val_if_fail (MLP_IS_STAGE (stage), NULL);
  g_return_val_if_fail (MLP_IS_CHECK_ITEM (subject) || MLP_IS_QUESTION (subject), NULL);

  self = g_object_new (MLP_TYPE_SEARCH_TARGET, NULL);
  self->stage = g_object_ref (stage);
  self->subject = g_object_ref (subject);
  g_signal_connect_object (subject, "notify::note", G_CALLBACK (on_note_changed), self,
                           G_CONNECT_SWAPPED);

  return self;
}

/**
 * mlp_search_target_get_stage:
 *
 * Returns: (transfer none): the stage holding the subject
 */
MlpStage *
mlp_search_target_get_stage (MlpSearchTarget *self)
{
  g_return_val_if_fail (MLP_IS_SEARCH_TARGET (self), NULL);
  return self->stage;
}

/**
 * mlp_search_target_get_subject:
 *
 * Returns: (transfer none): the #MlpCheckItem or #MlpQuestion
 */
GObject *
mlp_search_target_get_subject (MlpSearchTarget *self)
{
  g_return_val_if_fail (MLP_IS_SEARCH_TARGET (self), NULL);
  return self->subject;
}

gboolean
mlp_search_target_is_question (MlpSearchTarget *self)
{
  g_return_val_if_fail (MLP_IS_SEARCH_TARGET (self), FALSE);
  return MLP_IS_QUESTION (self->subject);
}

/**
 * mlp_search_target_get_title:
 *
 * Returns: the item's text or the question's prompt
 */
const char *
mlp_search_target_get_title (MlpSearchTarget *self)
{
  g_return_val_if_fail (MLP_IS_SEARCH_TARGET (self), NULL);

  if (MLP_IS_CHECK_ITEM (self->subject))
    return mlp_check_item_get_text (MLP_CHECK_ITEM (self->subject));
  return mlp_question_get_prompt (MLP_QUESTION (self->subject));
}

/**
 * mlp_search_target_matches:
 * @terms: folded terms from mlp_search_split_query()
 *
 * Returns: whether every term is in the subject's text or its note;
 *   never for no terms at all
 */
gboolean
mlp_search_target_matches (MlpSearchTarget    *self,
                           const char * const *terms)
{
  g_return_val_if_fail (MLP_IS_SEARCH_TARGET (self), FALSE);

  if (terms == NULL || terms[0] == NULL)
    return FALSE;

  ensure_folded (self);
  for (guint i = 0; terms[i]; i++)
    if (strstr (self->folded_content, terms[i]) == NULL &&
        (self->folded_note == NULL || strstr (self->folded_note, terms[i]) == NULL))
      return FALSE;

  return TRUE;
}

/**
 * mlp_search_target_note_matches:
 *
 * Returns: whether the note holds any of @terms
 */
gboolean
mlp_search_target_note_matches (MlpSearchTarget    *self,
                                const char * const *terms)
{
  g_return_val_if_fail (MLP_IS_SEARCH_TARGET (self), FALSE);

  if (terms == NULL)
    return FALSE;

  ensure_folded (self);
  return contains_any (self->folded_note, terms);
}

/**
 * mlp_search_target_get_match_text:
 * @terms: folded search terms
 * @in_note: (out) (optional): set to whether the text is the note
 *
 * What to show besides the title: the note when it holds a term, else
 * the first other text holding a term the title lacks.
 *
 * Returns: (nullable): that text, or %NULL when the title says it all
 */
const char *
mlp_search_target_get_match_text (MlpSearchTarget    *self,
                                  const char * const *terms,
                                  gboolean           *in_note)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) missing = g_strv_builder_new ();
  g_auto(GStrv) rest = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (MLP_IS_SEARCH_TARGET (self), NULL);

  if (in_note != NULL)
    *in_note = FALSE;
  if (terms == NULL)
    return NULL;

  if (mlp_search_target_note_matches (self, terms))
    {
      if (in_note != NULL)
        *in_note = TRUE;
      return get_note (self);
    }

  collect_fields (self, fields);
  title = mlp_search_fold (g_ptr_array_index (fields, 0));
  for (guint i = 0; terms[i]; i++)
    if (strstr (title, terms[i]) == NULL)
      g_strv_builder_add (missing, terms[i]);
  rest = g_strv_builder_end (missing);
  if (rest[0] == NULL)
    return NULL;

  for (guint i = 1; i < fields->len; i++)
    {
      g_autofree char *folded = mlp_search_fold (g_ptr_array_index (fields, i));

      if (contains_any (folded, (const char * const *)rest))
        return g_ptr_array_index (fields, i);
    }

  return NULL;
}

/**
 * mlp_search_index_new:
 * @stages: a #GListModel of #MlpStage
 *
 * Returns: (transfer full): a #GListModel of #MlpSearchTarget: every
 *   stage's items, then its questions, in stage order
 */
GListModel *
mlp_search_index_new (GListModel *stages)
{
  GListStore *index;
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (G_IS_LIST_MODEL (stages), NULL);

  index = g_list_store_new (MLP_TYPE_SEARCH_TARGET);
  for (guint s = 0; s < g_list_model_get_n_items (stages); s++)
    {
      g_autoptr(MlpStage) stage = g_list_model_get_item (stages, s);
      GListModel *lists[] = { mlp_stage_get_items (stage), mlp_stage_get_questions (stage) };

      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
          {
            g_autoptr(GObject) subject = g_list_model_get_item (lists[l], i);
            MlpSearchTarget *target = mlp_search_target_new (stage, subject);

            target->position = targets->len;
            g_weak_ref_set (&target->index, index);
            g_ptr_array_add (targets, target);
          }
    }

  g_list_store_splice (index, 0, 0, targets->pdata, targets->len);
  return G_LIST_MODEL (index);
}
