/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-quiz-page"

#include "config.h"

#include <math.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "mlp-note-editor.h"
#include "mlp-quiz-page.h"

/* One question at a time. Multiple choice: picking a choice answers it
 * (right = Good, wrong = Again) and reveals every choice's explanation.
 * Scenario: the user may write an answer, reveals the model answer, ticks
 * the key points covered, and grades it Again/Hard/Good/Easy — the key
 * points suggest one, and each button shows when the question would come
 * back. The questions are a stage's (the Quiz pane, endless) or a session's
 * (a review of what is due, or a timed mock interview). */
struct _MlpQuizPage
{
  GtkWidget    parent_instance;

  MlpLibrary  *library;
  MlpStage    *stage;
  gulong       answered_id;
  gulong       correct_id;
  MlpQuestion *question;
  guint        index;
  gboolean     answered;
  GHashTable  *positions;      /* stage id → last index + 1, for this session */
  GPtrArray   *choice_buttons;
  GPtrArray   *explanations;
  GPtrArray   *point_checks;
  GBinding    *marker_binding;

  /* Template widgets */
  GtkWidget   *stack;
  GtkWidget   *scroller;
  GtkLabel    *position_label;
  GtkWidget   *note_marker;
  GtkLabel    *score_label;
  GtkLabel    *prompt_label;
  GtkBox      *choices_box;
  GtkWidget   *scenario_box;
  GtkTextView *answer_view;
  GtkWidget   *reveal_button;
  GtkWidget   *model_box;
  GtkLabel    *model_answer_label;
  GtkBox      *key_points_box;
  GtkLabel    *follow_up_label;
  GtkLabel    *result_label;
  GtkLabel    *source_label;
  MlpNoteEditor *note_editor;
  GtkWidget   *skip_button;
  GtkButton   *next_button;
  GtkLabel    *next_label;
  AdwStatusPage *done_page;
  GtkLabel    *context_label;
  GtkWidget   *grade_heading;
  GtkBox      *grade_box;
  GtkLabel    *timer_label;
  GtkActionBar *action_bar;

  GtkWidget   *grade_buttons[4];
  GtkLabel    *grade_intervals[4];
  MlpGrade     suggested;
  gboolean     revealed;

  /* A session instead of a stage */
  GPtrArray       *session;            /* MlpQuestion */
  MlpAnswerSource  source;
  guint            seconds_per_question;
  gint64           question_started;   /* monotonic µs */
  guint            seconds_used;
  guint            timer_id;
  guint            n_session_answered;
  GArray          *mock_answers;       /* MlpMockAnswer; ids owned by the questions */
};

enum {
  SESSION_FINISHED,
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MlpQuizPage, mlp_quiz_page, GTK_TYPE_WIDGET)

static void show_question (MlpQuizPage *self);

static void
remove_children (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))))
    gtk_box_remove (box, child);
}

static void
update_score (MlpQuizPage *self)
{
  guint total, answered, correct;
  g_autofree char *text = NULL;

  if (self->session != NULL)
    {
      guint left = self->session->len - MIN (self->index, self->session->len);

      /* Translators: questions still to go in a review or mock interview */
      text = g_strdup_printf (ngettext ("%u left", "%u left", left), left);
      gtk_label_set_text (self->score_label, text);
      return;
    }
  if (self->stage == NULL)
    return;

  total = mlp_stage_get_n_questions (self->stage);
  answered = mlp_stage_get_n_answered (self->stage);
  correct = mlp_stage_get_n_correct (self->stage);

  /* Translators: quiz progress of a stage, e.g. "5 of 18 answered · 4 right" */
  text = g_strdup_printf (ngettext ("%u of %u answered · %u right",
                                    "%u of %u answered · %u right", total),
                          answered, total, correct);
  gtk_label_set_text (self->score_label, text);
}

static void
show_source (MlpQuizPage *self)
{
  g_autofree char *source = NULL;

  /* Translators: the placeholder is a paper, guide or book */
  source = g_strdup_printf (_("Source: %s"), mlp_question_get_source (self->question));
  gtk_label_set_text (self->source_label, source);
  gtk_widget_set_visible (GTK_WIDGET (self->source_label), TRUE);
}

static void
show_result (MlpQuizPage *self,
             gboolean     correct,
             const char  *text)
{
  gtk_label_set_text (self->result_label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->result_label), correct ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->result_label), correct ? "success" : "error");
  gtk_widget_set_visible (GTK_WIDGET (self->result_label), TRUE);
}

static void
on_choice_clicked (MlpQuizPage *self,
                   GtkButton   *button)
{
  guint picked = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "choice-index"));
  const MlpChoice *choice;
  gboolean correct;

  if (self->answered)
    return;

  choice = mlp_question_get_choice (self->question, picked);
  correct = mlp_library_answer_choice_from (self->library, self->question, choice->id, self->source);
  self->answered = TRUE;
  self->n_session_answered++;

  for (guint i = 0; i < self->choice_buttons->len; i++)
    {
      GtkWidget *choice_button = g_ptr_array_index (self->choice_buttons, i);
      const MlpChoice *c = mlp_question_get_choice (self->question, i);

      gtk_widget_set_can_target (choice_button, FALSE);
      if (c->correct)
        gtk_widget_add_css_class (choice_button, "right-choice");
      else if (i == picked)
        gtk_widget_add_css_class (choice_button, "wrong-choice");
      if (i == picked)
        gtk_widget_add_css_class (choice_button, "picked-choice");

      gtk_widget_set_visible (g_ptr_array_index (self->explanations, i), TRUE);
    }

  /* Translators: shown after a right answer; the explanations follow */
  show_result (self, correct, correct ? _("Correct.") :
               /* Translators: shown after a wrong answer; the right one is highlighted */
               _("Not quite."));
  show_source (self);
  gtk_widget_set_visible (self->skip_button, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
}

static guint64
points_mask (MlpQuizPage *self)
{
  guint64 mask = 0;

  for (guint i = 0; i < self->point_checks->len && i < 64; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->point_checks, i)))
      mask |= G_GUINT64_CONSTANT (1) << i;
  return mask;
}

/* The key points ticked suggest a grade: that button is the default. */
static void
update_suggested (MlpQuizPage *self)
{
  if (self->question == NULL || mlp_question_get_kind (self->question) != MLP_QUESTION_KIND_SCENARIO)
    return;

  self->suggested = mlp_library_suggest_grade (self->question, points_mask (self));
  for (guint i = 0; i < G_N_ELEMENTS (self->grade_buttons); i++)
    {
      if (i + 1 == self->suggested)
        gtk_widget_add_css_class (self->grade_buttons[i], "suggested-action");
      else
        gtk_widget_remove_css_class (self->grade_buttons[i], "suggested-action");
    }
}

static char *
format_interval (double days)
{
  guint n;

  if (days < 30.5)
    {
      n = (guint)MAX (1, round (days));
      /* Translators: when a question comes back for review */
      return g_strdup_printf (ngettext ("%u day", "%u days", n), n);
    }
  if (days < 365)
    {
      n = (guint)MAX (1, round (days / 30.4));
      /* Translators: when a question comes back for review */
      return g_strdup_printf (ngettext ("%u month", "%u months", n), n);
    }
  /* Translators: when a question comes back for review, e.g. "1.5 years" */
  return g_strdup_printf (_("%.1f years"), days / 365.25);
}

static void
stop_timer (MlpQuizPage *self)
{
  if (self->question_started != 0)
    self->seconds_used = (guint)((g_get_monotonic_time () - self->question_started) / G_USEC_PER_SEC);
  self->question_started = 0;
  g_clear_handle_id (&self->timer_id, g_source_remove);
}

static void
on_reveal_clicked (MlpQuizPage *self,
                   GtkButton   *button)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  stop_timer (self);
  self->revealed = TRUE;
  gtk_widget_set_visible (self->model_box, TRUE);
  gtk_widget_set_visible (self->reveal_button, FALSE);
  gtk_widget_set_visible (self->skip_button, FALSE);
  gtk_text_view_set_editable (self->answer_view, FALSE);
  show_source (self);

  for (guint i = 0; i < G_N_ELEMENTS (self->grade_buttons); i++)
    {
      g_autofree char *interval = format_interval (mlp_library_preview_interval (self->library, self->question,
                                                                                 i + 1, now));
      g_autofree char *description = NULL;

      gtk_label_set_text (self->grade_intervals[i], interval);
      /* Translators: accessible description of a grade button; the placeholder is e.g. "3 days" */
      description = g_strdup_printf (_("The question comes back in %s"), interval);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->grade_buttons[i]),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
    }
  update_suggested (self);

  if (self->point_checks->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->point_checks, 0));
}

static void
finish_session (MlpQuizPage *self)
{
  g_autofree char *description = NULL;

  stop_timer (self);
  gtk_widget_set_visible (GTK_WIDGET (self->timer_label), FALSE);
  if (self->source == MLP_ANSWER_REVIEW)
    {
      guint n = self->n_session_answered;

      adw_status_page_set_title (self->done_page, _("All Caught Up"));
      description = n > 0 ?
        /* Translators: at the end of a review session */
        g_strdup_printf (ngettext ("You reviewed %u question. Each comes back just before you would forget it.",
                                   "You reviewed %u questions. Each comes back just before you would forget it.", n), n) :
        g_strdup (_("Nothing is due for review. Tick checklist items or answer quiz questions to fill the queue."));
      adw_status_page_set_description (self->done_page, description);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "done");
    }
  g_signal_emit (self, signals[SESSION_FINISHED], 0);
}

static void
advance (MlpQuizPage *self)
{
  if (self->session != NULL)
    {
      self->index++;
      if (self->index >= self->session->len)
        finish_session (self);
      else
        show_question (self);
      return;
    }

  {
    guint n = g_list_model_get_n_items (mlp_stage_get_questions (self->stage));

    self->index = n > 0 ? (self->index + 1) % n : 0;
    g_hash_table_insert (self->positions, g_strdup (mlp_stage_get_id (self->stage)),
                         GUINT_TO_POINTER (self->index + 1));
    show_question (self);
  }
}

static void
grade (MlpQuizPage *self,
       MlpGrade     grade)
{
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->answer_view);
  GtkTextIter start, end;
  guint64 mask = points_mask (self);

  if (self->answered || !self->revealed)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  mlp_library_grade_scenario (self->library, self->question, g_strstrip (text), mask,
                              grade, self->source);
  self->answered = TRUE;
  self->n_session_answered++;

  if (self->mock_answers != NULL)
    {
      MlpMockAnswer answer = {
        .question_id = mlp_question_get_id (self->question),
        .grade = grade,
        .seconds_used = self->seconds_used,
        .points_mask = mask,
        .points_total = mlp_question_get_n_key_points (self->question),
      };

      g_array_append_val (self->mock_answers, answer);
    }

  advance (self);
}

static void
on_grade_clicked (MlpQuizPage *self,
                  GtkButton   *button)
{
  grade (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "grade")));
}

static void
on_next_clicked (MlpQuizPage *self,
                 GtkButton   *button)
{
  advance (self);
}

static void
on_done_clicked (MlpQuizPage *self,
                 GtkButton   *button)
{
  g_signal_emit (self, signals[DONE], 0);
}

static void
update_timer (MlpQuizPage *self)
{
  gint64 elapsed = (g_get_monotonic_time () - self->question_started) / G_USEC_PER_SEC;
  gint64 left = (gint64)self->seconds_per_question - elapsed;
  g_autofree char *text = NULL;

  if (left <= 0)
    {
      gtk_label_set_text (self->timer_label, _("Time is up"));
      gtk_widget_add_css_class (GTK_WIDGET (self->timer_label), "error");
      if (!self->revealed && mlp_question_get_kind (self->question) == MLP_QUESTION_KIND_SCENARIO)
        on_reveal_clicked (self, NULL);
      return;
    }

  /* Translators: countdown in a mock interview, minutes:seconds */
  text = g_strdup_printf (_("%d:%02d left"), (int)(left / 60), (int)(left % 60));
  gtk_label_set_text (self->timer_label, text);
}

static gboolean
on_timer_tick (gpointer user_data)
{
  MlpQuizPage *self = user_data;

  update_timer (self);
  if (self->revealed)
    {
      self->timer_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_skip_clicked (MlpQuizPage *self,
                 GtkButton   *button)
{
  advance (self);
}

static GtkWidget *
new_wrapping_label (const char *text,
                    const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
build_choices (MlpQuizPage *self)
{
  guint n = mlp_question_get_n_choices (self->question);

  for (guint i = 0; i < n; i++)
    {
      const MlpChoice *choice = mlp_question_get_choice (self->question, i);
      GtkWidget *button = gtk_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
      GtkWidget *letter;
      GtkWidget *explanation;
      char letter_text[2] = { (char)('A' + MIN (i, 25)), '\0' };

      letter = gtk_label_new (letter_text);
      gtk_widget_set_valign (letter, GTK_ALIGN_START);
      gtk_widget_add_css_class (letter, "choice-letter");
      gtk_box_append (GTK_BOX (box), letter);
      gtk_box_append (GTK_BOX (box), new_wrapping_label (choice->text, NULL));
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "choice");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, choice->text,
                                      -1);
      g_object_set_data (G_OBJECT (button), "choice-index", GUINT_TO_POINTER (i));
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_choice_clicked), self);

      explanation = new_wrapping_label (choice->explanation, "choice-explanation");
      gtk_label_set_selectable (GTK_LABEL (explanation), TRUE);
      gtk_widget_set_visible (explanation, FALSE);

      gtk_box_append (self->choices_box, button);
      gtk_box_append (self->choices_box, explanation);
      g_ptr_array_add (self->choice_buttons, button);
      g_ptr_array_add (self->explanations, explanation);
    }
}

static void
build_scenario (MlpQuizPage *self)
{
  const char * const *points = mlp_question_get_key_points (self->question);
  const char *follow_up = mlp_question_get_follow_up (self->question);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->answer_view), "", 0);
  gtk_text_view_set_editable (self->answer_view, TRUE);
  gtk_label_set_text (self->model_answer_label, mlp_question_get_model_answer (self->question));

  for (guint i = 0; points[i]; i++)
    {
      GtkWidget *check = gtk_check_button_new ();

      gtk_check_button_set_child (GTK_CHECK_BUTTON (check), new_wrapping_label (points[i], NULL));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, points[i],
                                      -1);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_suggested), self);
      gtk_box_append (self->key_points_box, check);
      g_ptr_array_add (self->point_checks, check);
    }

  if (follow_up != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: the placeholder is a question an interviewer might ask next */
      text = g_strdup_printf (_("An interviewer might follow up: %s"), follow_up);
      gtk_label_set_text (self->follow_up_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->follow_up_label), follow_up != NULL);
  gtk_widget_set_visible (self->model_box, FALSE);
  gtk_widget_set_visible (self->reveal_button, TRUE);
}

/* An undo took this question's answer back: ask it again. */
static void
on_action_undone (MlpQuizPage      *self,
                  MlpLibraryAction  kind,
                  GObject          *subject,
                  MlpLibrary       *library)
{
  if (self->answered && subject == G_OBJECT (self->question))
    show_question (self);
}

static void
show_question (MlpQuizPage *self)
{
  GListModel *questions = self->stage ? mlp_stage_get_questions (self->stage) : NULL;
  guint n = self->session ? self->session->len : g_list_model_get_n_items (questions);
  g_autofree char *position = NULL;
  gboolean scenario;

  g_ptr_array_set_size (self->choice_buttons, 0);
  g_ptr_array_set_size (self->explanations, 0);
  g_ptr_array_set_size (self->point_checks, 0);
  remove_children (self->choices_box);
  remove_children (self->key_points_box);
  g_clear_pointer (&self->marker_binding, g_binding_unbind);
  g_clear_object (&self->question);
  self->answered = FALSE;
  self->revealed = FALSE;
  stop_timer (self);

  if (n == 0 && self->session != NULL)
    {
      finish_session (self);
      return;
    }
  if (n == 0)
    {
      mlp_note_editor_set_target (self->note_editor, NULL);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
      return;
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "question");

  self->question = self->session ? g_object_ref (g_ptr_array_index (self->session, self->index))
                                 : g_list_model_get_item (questions, self->index);
  scenario = mlp_question_get_kind (self->question) == MLP_QUESTION_KIND_SCENARIO;
  mlp_note_editor_set_target (self->note_editor, G_OBJECT (self->question));
  self->marker_binding = mlp_note_marker_bind (self->note_marker, G_OBJECT (self->question));

  if (self->source == MLP_ANSWER_REVIEW)
    /* Translators: e.g. "Review 3 of 12" */
    position = g_strdup_printf (ngettext ("Review %u of %u", "Review %u of %u", n), self->index + 1, n);
  else if (self->source == MLP_ANSWER_MOCK)
    /* Translators: e.g. "Interview question 2 of 5" */
    position = g_strdup_printf (ngettext ("Interview question %u of %u", "Interview question %u of %u", n),
                                self->index + 1, n);
  else
    position = scenario ?
    /* Translators: e.g. "Scenario 3 of 18"; the count is of all questions */
    g_strdup_printf (ngettext ("Scenario %u of %u", "Scenario %u of %u", n), self->index + 1, n) :
    /* Translators: e.g. "Question 3 of 18" */
    g_strdup_printf (ngettext ("Question %u of %u", "Question %u of %u", n), self->index + 1, n);
  gtk_label_set_text (self->position_label, position);
  gtk_label_set_text (self->prompt_label, mlp_question_get_prompt (self->question));

  gtk_widget_set_visible (GTK_WIDGET (self->choices_box), !scenario);
  gtk_widget_set_visible (self->scenario_box, scenario);
  if (scenario)
    build_scenario (self);
  else
    build_choices (self);

  if (self->session != NULL)
    {
      MlpStage *stage = mlp_library_get_question_stage (self->library, self->question);

      gtk_label_set_text (self->context_label, stage ? mlp_stage_get_title (stage) : "");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->context_label), self->session != NULL);

  if (self->seconds_per_question > 0)
    {
      self->question_started = g_get_monotonic_time ();
      self->seconds_used = 0;
      gtk_widget_remove_css_class (GTK_WIDGET (self->timer_label), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->timer_label), TRUE);
      update_timer (self);
      self->timer_id = g_timeout_add_seconds (1, on_timer_tick, self);
    }

  gtk_label_set_text_with_mnemonic (self->next_label, _("_Next Question"));
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), FALSE);
  gtk_widget_set_visible (self->skip_button, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->result_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->source_label), FALSE);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0);
  update_score (self);
}

/* Where a stage's quiz starts: where the user left it this session, else
 * at the first question never answered. */
static guint
start_index (MlpQuizPage *self)
{
  GListModel *questions = mlp_stage_get_questions (self->stage);
  gpointer remembered = g_hash_table_lookup (self->positions, mlp_stage_get_id (self->stage));
  guint n = g_list_model_get_n_items (questions);

  if (remembered != NULL)
    return MIN (GPOINTER_TO_UINT (remembered) - 1, n ? n - 1 : 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MlpQuestion) question = g_list_model_get_item (questions, i);

      if (!mlp_question_get_attempted (question))
        return i;
    }

  return 0;
}

static void
clear_stage (MlpQuizPage *self)
{
  if (self->stage == NULL)
    return;

  g_clear_signal_handler (&self->answered_id, self->stage);
  g_clear_signal_handler (&self->correct_id, self->stage);
  g_clear_object (&self->stage);
}

/* Keyboard: 1-5 or A-E pick an answer; Enter moves on (or reveals a
 * scenario's model answer). Handled at the window, after the focused
 * widget, so typing in the answer box is never taken. */
static gboolean
on_pick_shortcut (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  MlpQuizPage *self = MLP_QUIZ_PAGE (widget);
  guint index = g_variant_get_uint32 (args);

  if (!gtk_widget_get_mapped (widget) || self->answered)
    return FALSE;
  if (self->revealed && index < G_N_ELEMENTS (self->grade_buttons))
    {
      grade (self, index + 1);
      return TRUE;
    }
  if (index >= self->choice_buttons->len)
    return FALSE;

  on_choice_clicked (self, g_ptr_array_index (self->choice_buttons, index));
  return TRUE;
}

static gboolean
on_enter_shortcut (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  MlpQuizPage *self = MLP_QUIZ_PAGE (widget);

  if (!gtk_widget_get_mapped (widget) || self->question == NULL)
    return FALSE;

  if (gtk_widget_get_visible (GTK_WIDGET (self->next_button)))
    on_next_clicked (self, self->next_button);
  else if (self->revealed && !self->answered)
    grade (self, self->suggested);
  else if (gtk_widget_get_visible (self->scenario_box) && gtk_widget_get_visible (self->reveal_button))
    on_reveal_clicked (self, NULL);
  else
    return FALSE;

  return TRUE;
}

static void
add_shortcuts (MlpQuizPage *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_GLOBAL);
  for (guint i = 0; i < 5; i++)
    {
      guint keys[] = { GDK_KEY_1 + i, GDK_KEY_KP_1 + i, GDK_KEY_a + i };

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                              gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (keys[k], 0),
                                                                               gtk_callback_action_new (on_pick_shortcut, NULL, NULL),
                                                                               "u", i));
    }
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Return, 0),
                                                                                       gtk_keyval_trigger_new (GDK_KEY_KP_Enter, 0)),
                                                          gtk_callback_action_new (on_enter_shortcut, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
mlp_quiz_page_dispose (GObject *object)
{
  MlpQuizPage *self = (MlpQuizPage *)object;

  clear_stage (self);
  stop_timer (self);
  g_clear_pointer (&self->marker_binding, g_binding_unbind);
  g_clear_object (&self->question);
  g_clear_pointer (&self->session, g_ptr_array_unref);
  g_clear_pointer (&self->mock_answers, g_array_unref);
  g_clear_object (&self->library);
  g_clear_pointer (&self->stack, gtk_widget_unparent);

  G_OBJECT_CLASS (mlp_quiz_page_parent_class)->dispose (object);
}

static void
mlp_quiz_page_finalize (GObject *object)
{
  MlpQuizPage *self = (MlpQuizPage *)object;

  g_hash_table_unref (self->positions);
  g_ptr_array_unref (self->choice_buttons);
  g_ptr_array_unref (self->explanations);
  g_ptr_array_unref (self->point_checks);

  G_OBJECT_CLASS (mlp_quiz_page_parent_class)->finalize (object);
}

static void
mlp_quiz_page_class_init (MlpQuizPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlp_quiz_page_dispose;
  object_class->finalize = mlp_quiz_page_finalize;

  g_type_ensure (MLP_TYPE_NOTE_EDITOR);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mlp-quiz-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MlpQuizPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MlpQuizPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, MlpQuizPage, position_label);
  gtk_widget_class_bind_template_child (widget_class, MlpQuizPage, note_marker);
  gtk_widget_class_bind_template_child (widget_class, MlpQuizPage, score_label);
  gtk_widget_class_bind_template_child (widget_class, MlpQuizPage, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, MlpQuizPage, choices_box);
  gtk_widget_class_bind_template_child (widget_class, MlpQuizPage, scenario_box);
  gtk_widget_class_bind_template_child (widget_class, MlpQuizPage, answer_view);
  gtk_widget_class_bind_template_child (widget_class, MlpQuizPage, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, MlpQuizPage, model_box);
  gtk_widget_class_bind_template_child (widget_class, MlpQuizPage, model_answer_label);
  gtk_widget_class_bind_template_child (widget_class, MlpQuizPage, key_points_box);
  gtk_widget_class_bind_template_child (widget_class, MlpQuizPage, follow_up_label);
  gtk_widget_class_bind_template_child (widget_class, MlpQuizPage, result_label);
  gtk_widget_class_bind_template_child (widget_class, MlpQuizPage, source_label);
  gtk_widget_class_bind_template_child (widget_class, MlpQuizPage, note_editor);
  gtk_widget_class_bind_template_child (widget_class, MlpQuizPage, skip_button);
  gtk_widget_class_bind_template_child (widget_class, MlpQuizPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, MlpQuizPage, next_label);
  gtk_widget_class_bind_template_child (widget_class, MlpQuizPage, done_page);
  gtk_widget_class_bind_template_child (widget_class, MlpQuizPage, context_label);
  gtk_widget_class_bind_template_child (widget_class, MlpQuizPage, grade_heading);
  gtk_widget_class_bind_template_child (widget_class, MlpQuizPage, grade_box);
  gtk_widget_class_bind_template_child (widget_class, MlpQuizPage, timer_label);
  gtk_widget_class_bind_template_child (widget_class, MlpQuizPage, action_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_done_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_reveal_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_skip_clicked);

  /**
   * MlpQuizPage::session-finished:
   *
   * The last question of a review or mock interview was answered or
   * skipped, or the session was ended.
   */
  signals[SESSION_FINISHED] =
    g_signal_new ("session-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * MlpQuizPage::done:
   *
   * The user is done with the finished review and wants to go back.
   */
  signals[DONE] =
    g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
build_grade_buttons (MlpQuizPage *self)
{
  const char *names[] = {
    /* Translators: grade of a self-graded answer, as in Anki; keep short */
    N_("_Again"),
    /* Translators: grade of a self-graded answer, as in Anki; keep short */
    N_("_Hard"),
    /* Translators: grade of a self-graded answer, as in Anki; keep short */
    N_("_Good"),
    /* Translators: grade of a self-graded answer, as in Anki; keep short */
    N_("_Easy"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (self->grade_buttons); i++)
    {
      GtkWidget *button = gtk_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *name = gtk_label_new_with_mnemonic (_(names[i]));
      GtkWidget *interval = gtk_label_new (NULL);

      gtk_label_set_mnemonic_widget (GTK_LABEL (name), button);
      gtk_widget_add_css_class (interval, "caption");
      gtk_widget_add_css_class (interval, "numeric");
      gtk_box_append (GTK_BOX (box), name);
      gtk_box_append (GTK_BOX (box), interval);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "grade-button");
      /* Named by its mnemonic label; the interval is its description. */

      g_object_set_data (G_OBJECT (button), "grade", GINT_TO_POINTER (i + 1));
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_grade_clicked), self);
      gtk_box_append (self->grade_box, button);
      self->grade_buttons[i] = button;
      self->grade_intervals[i] = GTK_LABEL (interval);
    }
}

static void
mlp_quiz_page_init (MlpQuizPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  add_shortcuts (self);
  build_grade_buttons (self);
  self->source = MLP_ANSWER_QUIZ;
  self->positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->choice_buttons = g_ptr_array_new ();
  self->explanations = g_ptr_array_new ();
  self->point_checks = g_ptr_array_new ();
}

void
mlp_quiz_page_set_library (MlpQuizPage *self,
                           MlpLibrary  *library)
{
  g_return_if_fail (MLP_IS_QUIZ_PAGE (self));
  g_return_if_fail (MLP_IS_LIBRARY (library));

  g_set_object (&self->library, library);
  g_signal_connect_object (library, "action-undone", G_CALLBACK (on_action_undone), self,
                           G_CONNECT_SWAPPED);
}

/**
 * mlp_quiz_page_set_stage:
 *
 * Shows the quiz of @stage, starting where the user left it.
 */
void
mlp_quiz_page_set_stage (MlpQuizPage *self,
                         MlpStage    *stage)
{
  g_return_if_fail (MLP_IS_QUIZ_PAGE (self));
  g_return_if_fail (MLP_IS_STAGE (stage));

  if (self->stage == stage && self->session == NULL)
    return;

  clear_stage (self);
  g_clear_pointer (&self->session, g_ptr_array_unref);
  g_clear_pointer (&self->mock_answers, g_array_unref);
  self->source = MLP_ANSWER_QUIZ;
  self->seconds_per_question = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->timer_label), FALSE);
  self->stage = g_object_ref (stage);
  self->answered_id = g_signal_connect_swapped (stage, "notify::n-answered",
                                                G_CALLBACK (update_score), self);
  self->correct_id = g_signal_connect_swapped (stage, "notify::n-correct",
                                               G_CALLBACK (update_score), self);
  self->index = start_index (self);
  show_question (self);
}

/**
 * mlp_quiz_page_start_session:
 * @questions: (element-type MlpQuestion): the questions, in order
 * @source: %MLP_ANSWER_REVIEW or %MLP_ANSWER_MOCK
 * @seconds_per_question: a countdown per question, or 0 for none
 *
 * Works through @questions once instead of a stage's quiz. A mock
 * interview keeps its answers (mlp_quiz_page_get_mock_answers()).
 */
void
mlp_quiz_page_start_session (MlpQuizPage     *self,
                             GPtrArray       *questions,
                             MlpAnswerSource  source,
                             guint            seconds_per_question)
{
  g_return_if_fail (MLP_IS_QUIZ_PAGE (self));
  g_return_if_fail (questions != NULL);

  clear_stage (self);
  g_clear_pointer (&self->session, g_ptr_array_unref);
  g_clear_pointer (&self->mock_answers, g_array_unref);

  self->session = g_ptr_array_ref (questions);
  self->source = source;
  self->seconds_per_question = seconds_per_question;
  self->index = 0;
  self->n_session_answered = 0;
  if (source == MLP_ANSWER_MOCK)
    self->mock_answers = g_array_new (FALSE, FALSE, sizeof (MlpMockAnswer));
  gtk_widget_set_visible (GTK_WIDGET (self->timer_label), FALSE);

  show_question (self);
}

/**
 * mlp_quiz_page_end_session:
 *
 * Ends a session early (the rest of the questions are left unanswered).
 */
void
mlp_quiz_page_end_session (MlpQuizPage *self)
{
  g_return_if_fail (MLP_IS_QUIZ_PAGE (self));

  if (self->session != NULL && self->index < self->session->len)
    {
      self->index = self->session->len;
      finish_session (self);
    }
}

/**
 * mlp_quiz_page_get_mock_answers:
 *
 * Returns: (transfer none) (nullable) (element-type MlpMockAnswer): the
 *   answers of the current mock interview so far
 */
GArray *
mlp_quiz_page_get_mock_answers (MlpQuizPage *self)
{
  g_return_val_if_fail (MLP_IS_QUIZ_PAGE (self), NULL);
  return self->mock_answers;
}

guint
mlp_quiz_page_get_n_answered (MlpQuizPage *self)
{
  g_return_val_if_fail (MLP_IS_QUIZ_PAGE (self), 0);
  return self->n_session_answered;
}

/**
 * mlp_quiz_page_add_action:
 * @widget: a button for the page's action bar (e.g. End Interview)
 *
 * Puts @widget at the start of the action bar, beside the countdown.
 */
void
mlp_quiz_page_add_action (MlpQuizPage *self,
                          GtkWidget   *widget)
{
  g_return_if_fail (MLP_IS_QUIZ_PAGE (self));
  gtk_action_bar_pack_start (self->action_bar, widget);
}

/**
 * mlp_quiz_page_show_question:
 * @question: a question of the stage shown
 *
 * Asks @question now and moves the keyboard focus to it.
 */
void
mlp_quiz_page_show_question (MlpQuizPage *self,
                             MlpQuestion *question)
{
  GListModel *questions;

  g_return_if_fail (MLP_IS_QUIZ_PAGE (self));
  g_return_if_fail (MLP_IS_QUESTION (question));
  g_return_if_fail (self->stage != NULL);

  questions = mlp_stage_get_questions (self->stage);
  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(MlpQuestion) candidate = g_list_model_get_item (questions, i);

      if (candidate != question)
        continue;

      self->index = i;
      g_hash_table_insert (self->positions, g_strdup (mlp_stage_get_id (self->stage)),
                           GUINT_TO_POINTER (i + 1));
      show_question (self);
      gtk_widget_grab_focus (self->choice_buttons->len > 0 ? g_ptr_array_index (self->choice_buttons, 0)
                                                           : GTK_WIDGET (self->answer_view));
      return;
    }
}

/**
 * mlp_grade_get_label:
 * @grade: 1 Again … 4 Easy (clamped)
 *
 * Returns: the grade's name, translated, without a mnemonic (summaries)
 */
const char *
mlp_grade_get_label (int grade)
{
  switch (CLAMP (grade, MLP_GRADE_AGAIN, MLP_GRADE_EASY))
    {
    case MLP_GRADE_AGAIN:
      return C_("grade", "Again");
    case MLP_GRADE_HARD:
      return C_("grade", "Hard");
    case MLP_GRADE_GOOD:
      return C_("grade", "Good");
    default:
      return C_("grade", "Easy");
    }
}
