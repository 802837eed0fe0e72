/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Widget tests: the real widgets on a real (Xvfb) display, driven through
 * their GTK API, with an in-memory store. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "mlp-bar-chart.h"
#include "mlp-check-row.h"
#include "mlp-checklist-page.h"
#include "mlp-note-editor.h"
#include "mlp-overview-page.h"
#include "mlp-quiz-page.h"
#include "mlp-search-page.h"
#include "mlp-search-row.h"
#include "mlp-stage-row.h"
#include "mlp-wrap-label.h"

static MlpLibrary *
new_library (void)
{
  g_autoptr(MlpCatalog) catalog = mlp_catalog_new ();
  g_autoptr(MlpStore) store = mlp_store_new_in_memory ();
  g_autofree char *pack = g_test_build_filename (G_TEST_DIST, "packs", "good.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pack);
  g_autoptr(GError) error = NULL;

  g_assert_true (mlp_catalog_load_file (catalog, file, &error));
  return mlp_library_new (catalog, store);
}

static void
run_main_loop (void)
{
  for (int i = 0; i < 50; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

static GtkWidget *
show_in_window (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 700, 900);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  run_main_loop ();
  return window;
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static const char *
label_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  if (MLP_IS_WRAP_LABEL (widget))
    return mlp_wrap_label_get_text (MLP_WRAP_LABEL (widget));
  return NULL;
}

/* The mapped label (GtkLabel or MlpWrapLabel) reading @text. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  g_autoptr(GPtrArray) widgets = g_ptr_array_new ();

  collect (root, GTK_TYPE_WIDGET, widgets);
  for (guint i = 0; i < widgets->len; i++)
    if (g_strcmp0 (label_text (g_ptr_array_index (widgets, i)), text) == 0)
      return g_ptr_array_index (widgets, i);

  return NULL;
}

/* The mapped widget of @type that contains a label reading @text. */
static GtkWidget *
find_with_label (GtkWidget  *root,
                 GType       type,
                 const char *text)
{
  GtkWidget *label = find_label (root, text);

  if (label == NULL)
    return NULL;
  return gtk_widget_get_ancestor (label, type);
}

static void
test_checklist_ticks (void)
{
  g_autoptr(MlpLibrary) library = new_library ();
  MlpCatalog *catalog = mlp_library_get_catalog (library);
  MlpStage *stage = mlp_catalog_find_stage (catalog, "t-alpha");
  MlpCheckItem *item = mlp_catalog_find_item (catalog, "t-alpha.first");
  MlpChecklistPage *page = g_object_new (MLP_TYPE_CHECKLIST_PAGE, NULL);
  MlpStageRow *row = mlp_stage_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *window;
  GtkWidget *check;

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row));
  gtk_widget_set_vexpand (GTK_WIDGET (page), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (page));
  mlp_stage_row_set_stage (row, stage);
  mlp_checklist_page_set_stage (page, stage);
  window = show_in_window (box);

  g_assert_nonnull (find_label (GTK_WIDGET (row), "0 / 2"));

  /* Both rows are there, with their do/don't tags; markup stays literal. */
  check = find_with_label (GTK_WIDGET (page), GTK_TYPE_CHECK_BUTTON, "Do the first thing");
  g_assert_nonnull (check);
  g_assert_nonnull (find_with_label (GTK_WIDGET (page), GTK_TYPE_CHECK_BUTTON, "Don't do the second thing"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Don’t"));

  /* Pack text is plain text: markup in it shows literally. */
  {
    GtkWidget *row = gtk_widget_get_ancestor (find_label (GTK_WIDGET (page), "Don't do the second thing"),
                                              MLP_TYPE_CHECK_ROW);
    GtkWidget *details = find_with_label (row, GTK_TYPE_BUTTON, "Details");
    GtkWidget *detail;

    /* Closed, the details are not there; the button opens and closes them. */
    g_assert_nonnull (details);
    g_assert_null (find_label (row, "Why the second thing hurts. Text with <b>markup</b> & an ampersand stays literal."));
    g_signal_emit_by_name (details, "clicked");
    run_main_loop ();
    detail = find_label (row, "Why the second thing hurts. Text with <b>markup</b> & an ampersand stays literal.");
    g_assert_nonnull (detail);
    g_assert_false (gtk_label_get_use_markup (GTK_LABEL (detail)));
    g_assert_true (gtk_widget_has_css_class (details, "expanded"));
    g_signal_emit_by_name (details, "clicked");
    run_main_loop ();
    g_assert_null (find_label (row, "Why the second thing hurts. Text with <b>markup</b> & an ampersand stays literal."));
    g_assert_false (gtk_widget_has_css_class (details, "expanded"));
  }

  /* Toggling the button sets the item, which the sidebar row follows. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_true (mlp_check_item_get_checked (item));
  run_main_loop ();
  g_assert_nonnull (find_label (GTK_WIDGET (row), "1 / 2"));

  /* And the other way round: setting the item (undo, restore) ticks the box. */
  mlp_check_item_set_checked (item, FALSE);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_nonnull (find_label (GTK_WIDGET (row), "0 / 2"));

  /* Failing its linked question twice in a row tags the item, visibly;
   * a right answer takes the tag away. The tick is untouched. */
  {
    MlpQuestion *linked = mlp_catalog_find_question (catalog, "t-alpha.q.choice");

    g_assert_null (find_label (GTK_WIDGET (page), "Needs review"));
    mlp_library_answer_choice (library, linked, "a");
    run_main_loop ();
    g_assert_null (find_label (GTK_WIDGET (page), "Needs review"));
    mlp_library_answer_choice (library, linked, "a");
    run_main_loop ();
    g_assert_nonnull (find_label (GTK_WIDGET (page), "Needs review"));
    mlp_library_answer_choice (library, linked, "b");
    run_main_loop ();
    g_assert_null (find_label (GTK_WIDGET (page), "Needs review"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_quiz_choice (void)
{
  g_autoptr(MlpLibrary) library = new_library ();
  MlpCatalog *catalog = mlp_library_get_catalog (library);
  MlpStage *stage = mlp_catalog_find_stage (catalog, "t-alpha");
  MlpQuestion *question = mlp_catalog_find_question (catalog, "t-alpha.q.choice");
  MlpQuizPage *page = g_object_new (MLP_TYPE_QUIZ_PAGE, NULL);
  GtkWidget *window;
  GtkWidget *button;
  GtkWidget *explanation;

  mlp_quiz_page_set_library (page, library);
  mlp_quiz_page_set_stage (page, stage);
  window = show_in_window (GTK_WIDGET (page));

  g_assert_nonnull (find_label (GTK_WIDGET (page), "Which one is right?"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Question 1 of 2"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "0 of 2 answered · 0 right"));
  /* Explanations stay hidden until the question is answered. */
  g_assert_null (find_label (GTK_WIDGET (page), "Because it is right."));

  button = find_with_label (GTK_WIDGET (page), GTK_TYPE_BUTTON, "Wrong one");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  run_main_loop ();

  g_assert_true (mlp_question_get_attempted (question));
  g_assert_false (mlp_question_get_correct (question));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Not quite."));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "1 of 2 answered · 0 right"));
  explanation = find_label (GTK_WIDGET (page), "Because it is right.");
  g_assert_nonnull (explanation);
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Also wrong."));
  g_assert_true (gtk_widget_has_css_class (find_with_label (GTK_WIDGET (page), GTK_TYPE_BUTTON, "Right one"),
                                           "right-choice"));

  /* A second click on the question answered does nothing more. */
  g_signal_emit_by_name (find_with_label (GTK_WIDGET (page), GTK_TYPE_BUTTON, "Right one"), "clicked");
  g_assert_false (mlp_question_get_correct (question));

  /* Next moves to the scenario. */
  g_signal_emit_by_name (find_with_label (GTK_WIDGET (page), GTK_TYPE_BUTTON, "Next Question"), "clicked");
  run_main_loop ();
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Scenario 2 of 2"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Your model got worse overnight. What do you do?"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_quiz_scenario (void)
{
  g_autoptr(MlpLibrary) library = new_library ();
  MlpCatalog *catalog = mlp_library_get_catalog (library);
  MlpStage *stage = mlp_catalog_find_stage (catalog, "t-alpha");
  MlpQuestion *scenario = mlp_catalog_find_question (catalog, "t-alpha.q.scenario");
  MlpQuizPage *page = g_object_new (MLP_TYPE_QUIZ_PAGE, NULL);
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  GtkWidget *window;

  /* The first question was answered before: the quiz opens on the scenario. */
  mlp_library_answer_choice (library, mlp_catalog_find_question (catalog, "t-alpha.q.choice"), "b");
  mlp_quiz_page_set_library (page, library);
  mlp_quiz_page_set_stage (page, stage);
  window = show_in_window (GTK_WIDGET (page));

  g_assert_nonnull (find_label (GTK_WIDGET (page), "Your model got worse overnight. What do you do?"));
  /* The model answer is hidden until revealed. */
  g_assert_null (find_label (GTK_WIDGET (page), "Check the data pipeline first, then the model."));

  /* The answer box, then the note. */
  collect (GTK_WIDGET (page), GTK_TYPE_TEXT_VIEW, views);
  g_assert_cmpuint (views->len, ==, 2);
  g_assert_null (gtk_widget_get_ancestor (g_ptr_array_index (views, 0), MLP_TYPE_NOTE_EDITOR));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (g_ptr_array_index (views, 0)), "  I would roll back.  ", -1);

  g_signal_emit_by_name (find_with_label (GTK_WIDGET (page), GTK_TYPE_BUTTON, "Show Model Answer"), "clicked");
  run_main_loop ();
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Check the data pipeline first, then the model."));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "An interviewer might follow up: And if the pipeline is fine?"));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_with_label (GTK_WIDGET (page), GTK_TYPE_CHECK_BUTTON, "Roll back if needed")), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_with_label (GTK_WIDGET (page), GTK_TYPE_CHECK_BUTTON, "Check the pipeline")), TRUE);
  g_assert_false (mlp_question_get_attempted (scenario));

  /* Two of four points suggest Hard; every grade shows when it comes back. */
  g_assert_true (gtk_widget_has_css_class (find_with_label (GTK_WIDGET (page), GTK_TYPE_BUTTON, "Hard"),
                                           "suggested-action"));
  g_assert_false (gtk_widget_has_css_class (find_with_label (GTK_WIDGET (page), GTK_TYPE_BUTTON, "Good"),
                                            "suggested-action"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "1 day"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "3 days"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "16 days"));

  /* The user's own grade is what counts. */
  g_signal_emit_by_name (find_with_label (GTK_WIDGET (page), GTK_TYPE_BUTTON, "Good"), "clicked");
  run_main_loop ();

  /* Two of four points: recorded as answered well; the quiz wraps around. */
  g_assert_true (mlp_question_get_attempted (scenario));
  g_assert_true (mlp_question_get_correct (scenario));
  g_assert_cmpuint (mlp_question_get_schedule (scenario)->n_good, ==, 1);
  g_assert_cmpint (mlp_question_get_schedule (scenario)->due_at, >,
                   g_get_real_time () / G_USEC_PER_SEC + 2 * 86400);
  g_assert_nonnull (find_label (GTK_WIDGET (page), "2 of 2 answered · 2 right"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Question 1 of 2"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_quiz_empty_stage (void)
{
  g_autoptr(MlpLibrary) library = new_library ();
  MlpStage *stage = mlp_catalog_find_stage (mlp_library_get_catalog (library), "t-beta");
  MlpQuizPage *page = g_object_new (MLP_TYPE_QUIZ_PAGE, NULL);
  GtkWidget *window;

  mlp_quiz_page_set_library (page, library);
  mlp_quiz_page_set_stage (page, stage);
  window = show_in_window (GTK_WIDGET (page));

  g_assert_nonnull (find_label (GTK_WIDGET (page), "No Questions Yet"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Runs the main loop for at least @ms milliseconds. */
static void
run_main_loop_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

static GtkTextBuffer *
note_buffer (GtkWidget *editor)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();

  collect (editor, GTK_TYPE_TEXT_VIEW, views);
  g_assert_cmpuint (views->len, ==, 1);
  return gtk_text_view_get_buffer (g_ptr_array_index (views, 0));
}

static gboolean
has_note_marker (GtkWidget *root)
{
  g_autoptr(GPtrArray) images = g_ptr_array_new ();

  collect (root, GTK_TYPE_IMAGE, images);
  for (guint i = 0; i < images->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (images, i)), "Has a note") == 0)
      return TRUE;

  return FALSE;
}

#define LONG_TEXT "Log the model version with every prediction, so that a bad release can be traced and rolled back"

static int
height_for_width (GtkWidget *widget,
                  int        width)
{
  int height;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &height, NULL, NULL, NULL);
  return height;
}

static void
test_wrap_label (void)
{
  MlpWrapLabel *label = mlp_wrap_label_new (LONG_TEXT);
  GtkWidget *reference = gtk_label_new (LONG_TEXT);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *window;
  int min_width, big_min_width, nat_width, one_line;

  gtk_label_set_wrap (GTK_LABEL (reference), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (reference), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (label));
  gtk_box_append (GTK_BOX (box), reference);
  window = show_in_window (box);

  /* It wraps down to about 24 characters and would like its whole length. */
  gtk_widget_measure (GTK_WIDGET (label), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &nat_width, NULL, NULL);
  g_assert_cmpint (min_width, >, 24 * 4);
  g_assert_cmpint (min_width, <, 24 * 20);
  g_assert_cmpint (nat_width, >, 3 * min_width);

  /* At any width it takes the lines a wrapping GtkLabel takes. */
  one_line = height_for_width (reference, 10000);
  g_assert_cmpint (height_for_width (GTK_WIDGET (label), 10000), ==, one_line);
  for (int width = min_width; width < 900; width += 37)
    g_assert_cmpint (height_for_width (GTK_WIDGET (label), width), ==, height_for_width (reference, width));
  g_assert_cmpint (height_for_width (GTK_WIDGET (label), min_width), >, 3 * one_line);

  /* It keeps its last few answers: asked again, in another order and
   * with GTK's own cache of them cleared, the heights stay right. */
  for (int width = 900; width >= min_width; width -= 53)
    {
      gtk_widget_queue_resize (GTK_WIDGET (label));
      g_assert_cmpint (height_for_width (GTK_WIDGET (label), width), ==, height_for_width (reference, width));
      g_assert_cmpint (height_for_width (GTK_WIDGET (label), width + 37), ==, height_for_width (reference, width + 37));
    }

  /* A bigger font: none of the heights measured before is reused. */
  g_assert_cmpint (height_for_width (GTK_WIDGET (label), 10000), ==, one_line);
  g_assert_cmpint (height_for_width (GTK_WIDGET (label), 600), ==, height_for_width (reference, 600));
  gtk_widget_add_css_class (GTK_WIDGET (label), "title-1");
  gtk_widget_add_css_class (reference, "title-1");
  run_main_loop ();
  g_assert_cmpint (height_for_width (GTK_WIDGET (label), 10000), ==, height_for_width (reference, 10000));
  g_assert_cmpint (height_for_width (GTK_WIDGET (label), 10000), >, one_line);
  g_assert_cmpint (height_for_width (GTK_WIDGET (label), 600), ==, height_for_width (reference, 600));
  gtk_widget_measure (GTK_WIDGET (label), GTK_ORIENTATION_HORIZONTAL, -1, &big_min_width, NULL, NULL, NULL);
  g_assert_cmpint (big_min_width, >, min_width);
  for (int width = big_min_width; width < 900; width += 37)
    g_assert_cmpint (height_for_width (GTK_WIDGET (label), width), ==, height_for_width (reference, width));
  gtk_widget_remove_css_class (GTK_WIDGET (label), "title-1");
  run_main_loop ();

  /* New text, new size. */
  gtk_widget_queue_resize (GTK_WIDGET (label));
  g_assert_cmpint (height_for_width (GTK_WIDGET (label), min_width), >, 3 * one_line);
  mlp_wrap_label_set_text (label, "Short");
  g_assert_cmpstr (mlp_wrap_label_get_text (label), ==, "Short");
  g_assert_cmpint (height_for_width (GTK_WIDGET (label), min_width), ==, one_line);
  gtk_widget_measure (GTK_WIDGET (label), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat_width, NULL, NULL);
  g_assert_cmpint (nat_width, ==, min_width);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_note_markers (void)
{
  g_autoptr(MlpLibrary) library = new_library ();
  MlpCatalog *catalog = mlp_library_get_catalog (library);
  MlpStage *stage = mlp_catalog_find_stage (catalog, "t-alpha");
  MlpCheckItem *item = mlp_catalog_find_item (catalog, "t-alpha.second");
  MlpQuestion *scenario = mlp_catalog_find_question (catalog, "t-alpha.q.scenario");
  MlpChecklistPage *checklist = g_object_new (MLP_TYPE_CHECKLIST_PAGE, NULL);
  MlpQuizPage *quiz = g_object_new (MLP_TYPE_QUIZ_PAGE, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *window, *row;

  gtk_widget_set_vexpand (GTK_WIDGET (checklist), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (quiz), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (checklist));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (quiz));
  mlp_checklist_page_set_stage (checklist, stage);
  mlp_quiz_page_set_library (quiz, library);
  mlp_quiz_page_set_stage (quiz, stage);
  window = show_in_window (box);

  /* The marker shows on the row, details closed, while there is a note. */
  row = gtk_widget_get_ancestor (find_label (GTK_WIDGET (checklist), "Don't do the second thing"), MLP_TYPE_CHECK_ROW);
  g_assert_false (has_note_marker (row));
  mlp_check_item_set_note (item, "Seen in production");
  run_main_loop ();
  g_assert_true (has_note_marker (row));
  g_assert_null (find_label (row, "Your note"));
  mlp_check_item_set_note (item, NULL);
  run_main_loop ();
  g_assert_false (has_note_marker (row));

  /* Showing an item from search focuses it and opens its details. */
  mlp_checklist_page_show_item (checklist, item, TRUE);
  run_main_loop ();
  g_assert_nonnull (find_label (row, "Your note"));
  g_assert_true (gtk_widget_has_focus (find_with_label (row, GTK_TYPE_CHECK_BUTTON, "Don't do the second thing")));

  /* The quiz shows the asked question's note and marker. */
  g_assert_nonnull (find_label (GTK_WIDGET (quiz), "Which one is right?"));
  mlp_question_set_note (scenario, "Asked at my last interview");
  mlp_quiz_page_show_question (quiz, scenario);
  run_main_loop ();
  g_assert_nonnull (find_label (GTK_WIDGET (quiz), "Your model got worse overnight. What do you do?"));
  g_assert_true (has_note_marker (GTK_WIDGET (quiz)));
  g_assert_cmpint (gtk_text_buffer_get_char_count (note_buffer (gtk_widget_get_ancestor (find_label (GTK_WIDGET (quiz), "Your note"),
                                                                                         MLP_TYPE_NOTE_EDITOR))),
                   ==, strlen ("Asked at my last interview"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_note_editor (void)
{
  g_autoptr(MlpLibrary) library = new_library ();
  MlpCatalog *catalog = mlp_library_get_catalog (library);
  MlpCheckItem *first = mlp_catalog_find_item (catalog, "t-alpha.first");
  MlpCheckItem *second = mlp_catalog_find_item (catalog, "t-alpha.second");
  MlpNoteEditor *editor = mlp_note_editor_new ();
  GtkTextBuffer *buffer;
  GtkWidget *window;

  mlp_check_item_set_note (first, "Saved before");
  mlp_note_editor_set_target (editor, G_OBJECT (first));
  /* Nothing is built until it is shown (checklist rows with closed
   * details keep one each). */
  g_object_ref_sink (editor);
  g_assert_null (gtk_widget_get_first_child (GTK_WIDGET (editor)));
  window = show_in_window (GTK_WIDGET (editor));
  g_object_unref (editor);
  buffer = note_buffer (GTK_WIDGET (editor));

  /* The note is shown, and the hint only when there is none. */
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, strlen ("Saved before"));
  g_assert_null (find_label (GTK_WIDGET (editor), "E.g. an example from your own work"));

  /* Typing is saved once the typing pauses, not at each keystroke. */
  gtk_text_buffer_set_text (buffer, "At work we", -1);
  run_main_loop_for (MLP_NOTE_EDITOR_DELAY_MS / 2);
  gtk_text_buffer_insert_at_cursor (buffer, " used PSI", -1);
  run_main_loop_for (MLP_NOTE_EDITOR_DELAY_MS / 2 + 100);
  g_assert_cmpstr (mlp_check_item_get_note (first), ==, "Saved before");
  run_main_loop_for (MLP_NOTE_EDITOR_DELAY_MS / 2 + 100);
  g_assert_cmpstr (mlp_check_item_get_note (first), ==, "At work we used PSI");

  /* Another item (a recycled row) saves what was typed first, at once. */
  gtk_text_buffer_insert_at_cursor (buffer, " daily", -1);
  mlp_note_editor_set_target (editor, G_OBJECT (second));
  g_assert_cmpstr (mlp_check_item_get_note (first), ==, "At work we used PSI daily");
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 0);
  run_main_loop ();
  g_assert_nonnull (find_label (GTK_WIDGET (editor), "E.g. an example from your own work"));

  /* A change from elsewhere (undo, restore) is shown. */
  mlp_check_item_set_note (second, "From elsewhere");
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, strlen ("From elsewhere"));

  /* Only white space is no note. */
  gtk_text_buffer_set_text (buffer, "  \n ", -1);
  mlp_note_editor_flush (editor);
  g_assert_null (mlp_check_item_get_note (second));

  /* Going away (quitting) saves what is pending. */
  gtk_text_buffer_set_text (buffer, "Typed just before quitting", -1);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpstr (mlp_check_item_get_note (second), ==, "Typed just before quitting");
}

static void
test_search_fold (void)
{
  g_auto(GStrv) terms = mlp_search_split_query ("  DON’T  Résumé\tﬁle ");
  g_autofree char *excerpt = NULL;
  const char *drift[] = { "drift", NULL };

  g_assert_cmpuint (g_strv_length (terms), ==, 3);
  g_assert_cmpstr (terms[0], ==, "don't");
  g_assert_cmpstr (terms[1], ==, "resume");
  g_assert_cmpstr (terms[2], ==, "file");
  g_strfreev (g_steal_pointer (&terms));
  terms = mlp_search_split_query (" \t ");
  g_assert_cmpuint (g_strv_length (terms), ==, 0);

  /* An excerpt starts a few words before the match, on one line. */
  excerpt = mlp_search_excerpt ("One two three four five six\nseven Drift eight", drift);
  g_assert_cmpstr (excerpt, ==, "…five six seven Drift eight");
  g_clear_pointer (&excerpt, g_free);
  excerpt = mlp_search_excerpt ("Drift first", drift);
  g_assert_cmpstr (excerpt, ==, "Drift first");
}

static guint
search (MlpSearchPage *page,
        const char    *query)
{
  GListModel *results = mlp_search_page_get_results (page);

  mlp_search_page_set_query (page, query);
  while (gtk_filter_list_model_get_pending (GTK_FILTER_LIST_MODEL (results)) > 0)
    g_main_context_iteration (NULL, TRUE);
  run_main_loop ();

  return g_list_model_get_n_items (results);
}

static void
test_search_page (void)
{
  g_autoptr(MlpLibrary) library = new_library ();
  MlpCatalog *catalog = mlp_library_get_catalog (library);
  MlpCheckItem *first = mlp_catalog_find_item (catalog, "t-alpha.first");
  MlpSearchPage *page = g_object_new (MLP_TYPE_SEARCH_PAGE, NULL);
  GListModel *results = mlp_search_page_get_results (page);
  g_autoptr(MlpSearchTarget) target = NULL;
  GtkWidget *window;

  mlp_search_page_set_stages (page, mlp_catalog_get_stages (catalog));
  mlp_search_page_set_search_mode (page, TRUE);
  window = show_in_window (GTK_WIDGET (page));

  /* Nothing typed, nothing found. */
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Search All Stages"));
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);

  /* Any case, in every stage; all words must be there, in any field. */
  g_assert_cmpuint (search (page, "THING"), ==, 3);
  g_assert_cmpuint (search (page, "thing only"), ==, 1);
  g_assert_cmpuint (search (page, "first matters"), ==, 1);
  /* Typographic and plain apostrophes are the same. */
  g_assert_cmpuint (search (page, "don’t"), ==, 1);
  /* Choices, model answers and key points count. */
  g_assert_cmpuint (search (page, "another wrong"), ==, 1);
  g_assert_cmpuint (search (page, "stakeholders"), ==, 1);
  target = g_list_model_get_item (results, 0);
  g_assert_true (mlp_search_target_is_question (target));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Quiz · Alpha stage"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Your model got worse overnight. What do you do?"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Tell the stakeholders"));

  g_assert_cmpuint (search (page, "zebra"), ==, 0);
  g_assert_nonnull (find_label (GTK_WIDGET (page), "No Results Found"));

  /* Notes are searched, and follow the note as it changes. */
  mlp_check_item_set_note (first, "We used a Zebra crossing test");
  run_main_loop ();
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Checklist · Alpha stage"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "We used a Zebra crossing test"));
  g_assert_nonnull (find_with_label (GTK_WIDGET (page), MLP_TYPE_SEARCH_ROW, "We used a Zebra crossing test"));
  mlp_check_item_set_note (first, NULL);
  run_main_loop ();
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Row subtitles keep each part whole with no-break spaces; compare with plain ones. */
static char *
plain_spaces (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "\xc2\xa0", -1);

  return g_strjoinv (" ", parts);
}

static MlpBarChart *
find_chart (GtkWidget  *root,
            const char *title)
{
  g_autoptr(GPtrArray) charts = g_ptr_array_new ();

  collect (root, MLP_TYPE_BAR_CHART, charts);
  for (guint i = 0; i < charts->len; i++)
    if (g_strcmp0 (mlp_bar_chart_get_title (g_ptr_array_index (charts, i)), title) == 0)
      return g_ptr_array_index (charts, i);
  return NULL;
}

static void
on_open_stage (MlpOverviewPage  *page,
               MlpStage         *stage,
               MlpStage        **opened)
{
  *opened = stage;
}

static void
test_overview (void)
{
  g_autoptr(MlpLibrary) library = new_library ();
  MlpCatalog *catalog = mlp_library_get_catalog (library);
  GtkWidget *page = mlp_overview_page_new ();
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autoptr(GDateTime) in_ten_days = g_date_time_add_days (today, 10);
  g_autoptr(GDateTime) interview_day = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autofree char *plan = NULL;
  g_autofree char *date = NULL;
  g_autofree char *due = NULL;
  MlpStage *opened = NULL;
  MlpBarChart *readiness;
  GtkWidget *window;
  GtkWidget *row;
  guint per_day;

  /* One right answer in Alpha (half its questions recalled, nothing
   * ticked: 25 %); Beta has no questions and nothing ticked (0 %). */
  g_assert_true (mlp_library_answer_choice (library, mlp_catalog_find_question (catalog, "t-alpha.q.choice"), "b"));

  mlp_overview_page_set_library (MLP_OVERVIEW_PAGE (page), library);
  mlp_overview_page_set_interview_date (MLP_OVERVIEW_PAGE (page), in_ten_days);
  g_signal_connect (page, "open-stage", G_CALLBACK (on_open_stage), &opened);
  window = show_in_window (page);

  /* Weakest first: Beta before Alpha, though the catalog has Alpha first. */
  collect (page, ADW_TYPE_ACTION_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, "Beta stage");
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 1)), ==, "Alpha stage");
  {
    g_autofree char *subtitle = plain_spaces (adw_action_row_get_subtitle (g_ptr_array_index (rows, 1)));

    g_assert_cmpstr (subtitle, ==, "Checklist 0 / 2 · Accuracy 100 % · Recall 50 %");
  }
  readiness = find_chart (page, "Readiness by Stage");
  g_assert_nonnull (readiness);
  g_assert_cmpstr (mlp_bar_chart_get_description (readiness), ==, "Beta stage 0 %, Alpha stage 25 %");

  /* Due count, streak, reviews per day. */
  due = g_strdup_printf ("%u", mlp_library_get_n_due (library));
  g_assert_nonnull (find_label (page, due));
  g_assert_nonnull (find_label (page, mlp_library_get_n_due (library) > 0 ? "_Start Review" : "Nothing Due"));
  g_assert_nonnull (find_label (page, "1 day"));
  g_assert_nonnull (find_label (page, "You reviewed today. Come back tomorrow to keep it going."));
  g_assert_true (g_str_has_suffix (mlp_bar_chart_get_description (find_chart (page, "Reviews per Day, Last 30 Days")),
                                   ", Today: 1 review"));

  /* The plan for an interview ten days out. */
  interview_day = g_date_time_new_local (g_date_time_get_year (in_ten_days), g_date_time_get_month (in_ten_days),
                                         g_date_time_get_day_of_month (in_ten_days), 0, 0, 0);
  per_day = mlp_library_get_plan (library, tz, g_get_real_time () / G_USEC_PER_SEC,
                                  g_date_time_to_unix (interview_day), NULL);
  g_assert_cmpuint (per_day, >, 0);
  date = g_date_time_format (interview_day, "%-d %b");
  plan = g_strdup_printf ("Interview on %s (10 days): about %u %s a day keeps every stage ready.",
                          date, per_day, per_day == 1 ? "review" : "reviews");
  g_assert_nonnull (find_label (page, plan));

  /* No mock interview yet: the page says so. */
  g_assert_nonnull (find_label (page, "No mock interviews yet. A mock interview asks scenario questions "
                                      "against the clock, like the real thing; its results are kept here."));

  /* Ticking Beta's item makes it ready; the page follows by itself. */
  mlp_check_item_set_checked (mlp_catalog_find_item (catalog, "t-beta.only"), TRUE);
  run_main_loop ();
  g_assert_cmpstr (mlp_bar_chart_get_description (readiness), ==, "Alpha stage 25 %, Beta stage 100 %");

  /* No date, or one gone by: the page says where to set it. */
  mlp_overview_page_set_interview_date (MLP_OVERVIEW_PAGE (page), NULL);
  run_main_loop ();
  g_assert_nonnull (find_label (page, "Set your interview date in Preferences to get a daily plan."));

  /* A finished mock interview is listed. */
  {
    MlpMockAnswer answers[] = { { "t-alpha.q.scenario", MLP_GRADE_GOOD, 90, 3, 4 } };
    MlpMockSession session = { 0, g_get_real_time () / G_USEC_PER_SEC - 600,
                               g_get_real_time () / G_USEC_PER_SEC, 2, 300, answers, 1 };
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) mock_rows = g_ptr_array_new ();
    g_autofree char *subtitle = NULL;

    g_assert_true (mlp_library_save_mock_session (library, &session, &error));
    g_assert_no_error (error);
    mlp_overview_page_refresh (MLP_OVERVIEW_PAGE (page));
    run_main_loop ();
    collect (page, ADW_TYPE_ACTION_ROW, mock_rows);
    g_assert_cmpuint (mock_rows->len, ==, 3);
    subtitle = plain_spaces (adw_action_row_get_subtitle (g_ptr_array_index (mock_rows, 2)));
    g_assert_cmpstr (subtitle, ==, "1 of 2 answered · Average: Good · 1 min 30 s");
  }

  /* Activating a stage row asks to open that stage. */
  row = gtk_widget_get_ancestor (find_label (page, "Beta stage"), GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activate");
  g_assert_true (opened == mlp_catalog_find_stage (catalog, "t-beta"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_bar_chart (void)
{
  GtkWidget *chart = mlp_bar_chart_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *window;

  g_object_ref_sink (chart);
  mlp_bar_chart_set_title (MLP_BAR_CHART (chart), "Readiness");
  mlp_bar_chart_set_empty_text (MLP_BAR_CHART (chart), "Nothing yet.");
  g_assert_cmpstr (mlp_bar_chart_get_description (MLP_BAR_CHART (chart)), ==, "Nothing yet.");

  mlp_bar_chart_set_max (MLP_BAR_CHART (chart), 1);
  mlp_bar_chart_append (MLP_BAR_CHART (chart), 0.8, "Framing", "80 %", NULL);
  mlp_bar_chart_append (MLP_BAR_CHART (chart), 0.4, "Data collection", "40 %", NULL);
  mlp_bar_chart_append (MLP_BAR_CHART (chart), 0, "Today", "0", "Today: no reviews");
  g_assert_cmpuint (mlp_bar_chart_get_n_bars (MLP_BAR_CHART (chart)), ==, 3);
  g_assert_cmpstr (mlp_bar_chart_get_description (MLP_BAR_CHART (chart)), ==,
                   "Framing 80 %, Data collection 40 %, Today: no reviews");
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (chart)), ==, GTK_ACCESSIBLE_ROLE_IMG);

  /* It is drawn in both orientations at a narrow and a wide size. */
  window = show_in_window (chart);
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 400);
  run_main_loop ();
  g_assert_cmpint (gtk_widget_get_height (chart), >, 0);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (chart), GTK_ORIENTATION_VERTICAL);
  run_main_loop ();
  g_assert_cmpint (gtk_widget_get_height (chart), >, 0);

  mlp_bar_chart_clear (MLP_BAR_CHART (chart));
  g_assert_cmpstr (mlp_bar_chart_get_description (MLP_BAR_CHART (chart)), ==, "Nothing yet.");

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (chart);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/widgets/checklist-ticks", test_checklist_ticks);
  g_test_add_func ("/widgets/quiz-choice", test_quiz_choice);
  g_test_add_func ("/widgets/quiz-scenario", test_quiz_scenario);
  g_test_add_func ("/widgets/quiz-empty-stage", test_quiz_empty_stage);
  g_test_add_func ("/widgets/note-editor", test_note_editor);
  g_test_add_func ("/widgets/wrap-label", test_wrap_label);
  g_test_add_func ("/widgets/note-markers", test_note_markers);
  g_test_add_func ("/widgets/search-fold", test_search_fold);
  g_test_add_func ("/widgets/search-page", test_search_page);
  g_test_add_func ("/widgets/overview", test_overview);
  g_test_add_func ("/widgets/bar-chart", test_bar_chart);

  return g_test_run ();
}
