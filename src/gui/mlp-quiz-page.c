/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-quiz-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mlp-note-editor.h"
#include "mlp-quiz-page.h"

/* One question at a time. Multiple choice: picking a choice answers it and
 * reveals every choice's explanation. Scenario: the user may write an
 * answer, reveals the model answer, ticks the key points covered, and that
 * self-grade is recorded on "Save and Next". */
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
};

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
  correct = mlp_library_answer_choice (self->library, self->question, choice->id);
  self->answered = TRUE;

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

static void
on_reveal_clicked (MlpQuizPage *self,
                   GtkButton   *button)
{
  gtk_widget_set_visible (self->model_box, TRUE);
  gtk_widget_set_visible (self->reveal_button, FALSE);
  gtk_widget_set_visible (self->skip_button, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), TRUE);
  gtk_text_view_set_editable (self->answer_view, FALSE);
  show_source (self);
  if (self->point_checks->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->point_checks, 0));
}

static void
advance (MlpQuizPage *self)
{
  guint n = g_list_model_get_n_items (mlp_stage_get_questions (self->stage));

  self->index = n > 0 ? (self->index + 1) % n : 0;
  g_hash_table_insert (self->positions, g_strdup (mlp_stage_get_id (self->stage)),
                       GUINT_TO_POINTER (self->index + 1));
  show_question (self);
}

static void
on_next_clicked (MlpQuizPage *self,
                 GtkButton   *button)
{
  if (mlp_question_get_kind (self->question) == MLP_QUESTION_KIND_SCENARIO && !self->answered)
    {
      g_autofree char *text = NULL;
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->answer_view);
      GtkTextIter start, end;
      guint64 mask = 0;

      for (guint i = 0; i < self->point_checks->len && i < 64; i++)
        if (gtk_check_button_get_active (g_ptr_array_index (self->point_checks, i)))
          mask |= G_GUINT64_CONSTANT (1) << i;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      mlp_library_answer_scenario (self->library, self->question, g_strstrip (text), mask);
      self->answered = TRUE;
    }

  advance (self);
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
  GListModel *questions = mlp_stage_get_questions (self->stage);
  guint n = g_list_model_get_n_items (questions);
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

  if (n == 0)
    {
      mlp_note_editor_set_target (self->note_editor, NULL);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
      return;
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "question");

  self->question = g_list_model_get_item (questions, self->index);
  scenario = mlp_question_get_kind (self->question) == MLP_QUESTION_KIND_SCENARIO;
  mlp_note_editor_set_target (self->note_editor, G_OBJECT (self->question));
  self->marker_binding = mlp_note_marker_bind (self->note_marker, G_OBJECT (self->question));

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

  gtk_label_set_text_with_mnemonic (self->next_label, scenario ? _("_Save and Next") : _("_Next Question"));
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

  if (!gtk_widget_get_mapped (widget) || self->answered || index >= self->choice_buttons->len)
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
  g_clear_pointer (&self->marker_binding, g_binding_unbind);
  g_clear_object (&self->question);
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
  gtk_widget_class_bind_template_callback (widget_class, on_reveal_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_skip_clicked);
}

static void
mlp_quiz_page_init (MlpQuizPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  add_shortcuts (self);
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

  if (self->stage == stage)
    return;

  clear_stage (self);
  self->stage = g_object_ref (stage);
  self->answered_id = g_signal_connect_swapped (stage, "notify::n-answered",
                                                G_CALLBACK (update_score), self);
  self->correct_id = g_signal_connect_swapped (stage, "notify::n-correct",
                                               G_CALLBACK (update_score), self);
  self->index = start_index (self);
  show_question (self);
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
