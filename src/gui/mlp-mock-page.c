/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-mock-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mlp-mock-page.h"
#include "mlp-quiz-page.h"

/* A timed mock interview: N scenario questions drawn across the stages,
 * weakest first, a countdown per question, the model answer, key points
 * and follow-up after each, and a summary at the end. The answers are
 * graded into the review log as they are given; the session itself is
 * stored when it ends (or is left). */
struct _MlpMockPage
{
  GtkWidget      parent_instance;

  MlpLibrary    *library;
  guint          n_questions;
  guint          minutes;
  gint64         started_at;
  guint          planned;
  gboolean       running;
  GPtrArray     *questions;

  /* Template widgets */
  GtkWidget     *stack;
  AdwStatusPage *intro_page;
  MlpQuizPage   *quiz_page;
  GtkLabel      *totals_label;
  GtkLabel      *weakest_label;
  GtkListBox    *answers_list;
  GtkWidget     *end_button;
};

G_DEFINE_FINAL_TYPE (MlpMockPage, mlp_mock_page, GTK_TYPE_WIDGET)

enum {
  SHOW_OVERVIEW,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_intro (MlpMockPage *self)
{
  g_autofree char *questions = NULL;
  g_autofree char *text = NULL;

  /* Translators: first part of the mock interview description */
  questions = g_strdup_printf (ngettext ("%u scenario question from across the stages",
                                         "%u scenario questions from across the stages",
                                         self->n_questions), self->n_questions);
  /* Translators: the first placeholder is e.g. "5 scenario questions from across the stages" */
  text = g_strdup_printf (ngettext ("%s, %u minute each, weakest topics first. Answer aloud or in writing as you would in the interview, then compare with the model answer and grade yourself. Change the length in Preferences.",
                                    "%s, %u minutes each, weakest topics first. Answer aloud or in writing as you would in the interview, then compare with the model answer and grade yourself. Change the length in Preferences.",
                                    self->minutes), questions, self->minutes);
  adw_status_page_set_description (self->intro_page, text);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

static char *
format_duration (guint seconds)
{
  /* Translators: a duration, minutes:seconds */
  return g_strdup_printf (_("%u:%02u"), seconds / 60, seconds % 60);
}

static void
show_summary (MlpMockPage *self,
              GArray      *answers)
{
  g_autoptr(GHashTable) weak = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) weakest = g_string_new (NULL);
  g_autofree char *used = NULL;
  g_autofree char *totals = NULL;
  guint seconds = 0, good = 0;

  clear_list (self->answers_list);

  for (guint i = 0; answers && i < answers->len; i++)
    {
      const MlpMockAnswer *a = &g_array_index (answers, MlpMockAnswer, i);
      MlpCatalog *catalog = mlp_library_get_catalog (self->library);
      MlpQuestion *question = mlp_catalog_find_question (catalog, a->question_id);
      MlpStage *stage = question ? mlp_library_get_question_stage (self->library, question) : NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *grade = gtk_label_new (mlp_grade_get_label (a->grade));
      g_autofree char *time = format_duration (a->seconds_used);
      g_autofree char *subtitle = NULL;
      g_autofree char *title = NULL;

      seconds += a->seconds_used;
      good += a->grade >= MLP_GRADE_GOOD;
      if (stage != NULL && a->grade <= MLP_GRADE_HARD && !g_hash_table_contains (weak, stage))
        {
          g_hash_table_add (weak, stage);
          if (weakest->len > 0)
            /* Translators: separates stage titles in a list */
            g_string_append (weakest, _(", "));
          g_string_append (weakest, mlp_stage_get_title (stage));
        }

      /* Rows take markup; content is plain text ("Data collection & labelling"). */
      title = g_markup_escape_text (question ? mlp_question_get_prompt (question) : a->question_id, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      /* Translators: under each answer in the interview summary: stage · time used */
      subtitle = g_markup_printf_escaped (_("%s · %s"), stage ? mlp_stage_get_title (stage) : "", time);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (grade, a->grade >= MLP_GRADE_GOOD ? "success" : "warning");
      gtk_widget_add_css_class (grade, "heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), grade);
      gtk_list_box_append (self->answers_list, row);
    }

  used = format_duration (seconds);
  if (answers == NULL || answers->len == 0)
    totals = g_strdup (_("You did not answer any question. Start another interview when you are ready."));
  else
    /* Translators: mock interview totals: answered, planned, graded Good or Easy, time used */
    totals = g_strdup_printf (ngettext ("You answered %u of %u question, %u of them well, in %s.",
                                        "You answered %u of %u questions, %u of them well, in %s.",
                                        self->planned),
                              answers->len, self->planned, good, used);
  gtk_label_set_text (self->totals_label, totals);

  if (weakest->len > 0)
    {
      g_autofree char *text = NULL;

      /* Translators: the placeholder lists stage titles */
      text = g_strdup_printf (_("Worth another look: %s."), weakest->str);
      gtk_label_set_text (self->weakest_label, text);
    }
  else
    gtk_label_set_text (self->weakest_label, answers && answers->len > 0 ?
                        _("No weak topic this time: every answer was graded Good or Easy.") : "");
  gtk_widget_set_visible (GTK_WIDGET (self->answers_list), answers && answers->len > 0);

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "summary");
}

/* Stores the session with the answers given so far. */
static void
save_session (MlpMockPage *self,
              gboolean     finished)
{
  g_autoptr(GError) error = NULL;
  GArray *answers = mlp_quiz_page_get_mock_answers (self->quiz_page);
  MlpMockSession session = {
    .started_at = self->started_at,
    .ended_at = finished ? g_get_real_time () / G_USEC_PER_SEC : 0,
    .planned = self->planned,
    .seconds_per_question = self->minutes * 60,
    .answers = answers ? (const MlpMockAnswer *)(gpointer)answers->data : NULL,
    .n_answers = answers ? answers->len : 0,
  };

  self->running = FALSE;
  if (!mlp_library_save_mock_session (self->library, &session, &error))
    g_signal_emit_by_name (self->library, "save-failed", error);
}

static void
on_session_finished (MlpMockPage *self,
                     MlpQuizPage *page)
{
  if (!self->running)
    return;

  save_session (self, TRUE);
  show_summary (self, mlp_quiz_page_get_mock_answers (self->quiz_page));
}

static void
on_end_clicked (MlpMockPage *self,
                GtkButton   *button)
{
  mlp_quiz_page_end_session (self->quiz_page);
}

static void
on_start_clicked (MlpMockPage *self,
                  GtkButton   *button)
{
  mlp_mock_page_start (self);
}

static void
on_overview_clicked (MlpMockPage *self,
                     GtkButton   *button)
{
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "intro");
  g_signal_emit (self, signals[SHOW_OVERVIEW], 0);
}

static void
mlp_mock_page_dispose (GObject *object)
{
  MlpMockPage *self = (MlpMockPage *)object;

  if (self->running)
    save_session (self, FALSE);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_clear_object (&self->library);
  g_clear_pointer (&self->stack, gtk_widget_unparent);

  G_OBJECT_CLASS (mlp_mock_page_parent_class)->dispose (object);
}

static void
mlp_mock_page_class_init (MlpMockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlp_mock_page_dispose;

  g_type_ensure (MLP_TYPE_QUIZ_PAGE);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mlp-mock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MlpMockPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MlpMockPage, intro_page);
  gtk_widget_class_bind_template_child (widget_class, MlpMockPage, quiz_page);
  gtk_widget_class_bind_template_child (widget_class, MlpMockPage, totals_label);
  gtk_widget_class_bind_template_child (widget_class, MlpMockPage, weakest_label);
  gtk_widget_class_bind_template_child (widget_class, MlpMockPage, answers_list);
  gtk_widget_class_bind_template_child (widget_class, MlpMockPage, end_button);
  gtk_widget_class_bind_template_callback (widget_class, on_session_finished);
  gtk_widget_class_bind_template_callback (widget_class, on_end_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_overview_clicked);

  /**
   * MlpMockPage::show-overview:
   *
   * The user wants to see the overview after the summary.
   */
  signals[SHOW_OVERVIEW] =
    g_signal_new ("show-overview", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mlp_mock_page_init (MlpMockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mlp_quiz_page_add_action (self->quiz_page, self->end_button);
  self->n_questions = 5;
  self->minutes = 4;
  update_intro (self);
}

void
mlp_mock_page_set_library (MlpMockPage *self,
                           MlpLibrary  *library)
{
  g_return_if_fail (MLP_IS_MOCK_PAGE (self));
  g_return_if_fail (MLP_IS_LIBRARY (library));

  g_set_object (&self->library, library);
  mlp_quiz_page_set_library (self->quiz_page, library);
}

/**
 * mlp_mock_page_set_length:
 *
 * How many questions the next interview asks and the minutes for each.
 */
void
mlp_mock_page_set_length (MlpMockPage *self,
                          guint        n_questions,
                          guint        minutes_per_question)
{
  g_return_if_fail (MLP_IS_MOCK_PAGE (self));

  self->n_questions = MAX (n_questions, 1);
  self->minutes = MAX (minutes_per_question, 1);
  update_intro (self);
}

/**
 * mlp_mock_page_start:
 *
 * Draws the questions and starts the first countdown.
 */
void
mlp_mock_page_start (MlpMockPage *self)
{
  g_autoptr(GRand) rand = g_rand_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_if_fail (MLP_IS_MOCK_PAGE (self));
  g_return_if_fail (self->library != NULL);

  if (self->running)
    save_session (self, FALSE);

  g_clear_pointer (&self->questions, g_ptr_array_unref);
  self->questions = mlp_library_pick_mock_questions (self->library, self->n_questions, rand, now);
  self->planned = self->questions->len;
  self->started_at = now;
  self->running = self->questions->len > 0;

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "running");
  mlp_quiz_page_start_session (self->quiz_page, self->questions, MLP_ANSWER_MOCK, self->minutes * 60);
}

gboolean
mlp_mock_page_get_running (MlpMockPage *self)
{
  g_return_val_if_fail (MLP_IS_MOCK_PAGE (self), FALSE);
  return self->running;
}

/**
 * mlp_mock_page_abandon:
 *
 * The user left a running interview: keep what was answered, as an
 * unfinished session, and show the introduction next time.
 */
void
mlp_mock_page_abandon (MlpMockPage *self)
{
  g_return_if_fail (MLP_IS_MOCK_PAGE (self));

  if (!self->running)
    return;
  save_session (self, FALSE);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "intro");
}
