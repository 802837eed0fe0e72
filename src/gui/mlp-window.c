/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-window"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "mlp-a11y.h"
#include "mlp-checklist-page.h"
#include "mlp-mock-page.h"
#include "mlp-overview-page.h"
#include "mlp-portable-actions.h"
#include "mlp-quiz-page.h"
#include "mlp-search-page.h"
#include "mlp-stage-row.h"
#include "mlp-startup-probe.h"
#include "mlp-window.h"
#include "mlp-wrap-label.h"

struct _MlpWindow
{
  AdwApplicationWindow  parent_instance;

  MlpLibrary           *library;
  GSettings            *settings;
  AdwToast             *undo_toast;
  GtkSingleSelection   *selection;
  GString              *problems;
  GtkWidget            *focus_before_search;  /* weak */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkListView          *stage_list;
  AdwSqueezer          *title_squeezer;
  GtkWidget            *header_switcher;
  AdwWindowTitle       *window_title;
  GtkInfoBar           *info_bar;        /* both NULL until the first problem */
  GtkLabel             *info_label;
  GtkStack             *main_stack;
  MlpWrapLabel         *summary_label;
  MlpWrapLabel         *narrow_summary_label;
  AdwViewStack         *view_stack;
  MlpChecklistPage     *checklist_page;
  AdwBin               *quiz_slot;
  MlpQuizPage          *quiz_page;    /* NULL until the Quiz pane is first shown */
  MlpStage             *stage;        /* the stage shown, owned by the catalog */
  GtkListBox           *mode_list;
  GtkWidget            *stage_menu_button;
  GtkMenuButton        *primary_menu_button;
  GMenuModel           *primary_menu;
  GMenuModel           *stage_menu;
  char                 *page_before_search;
  GtkListBoxRow        *review_row;
  GtkLabel             *due_label;
  MlpQuizPage          *review_page;
  MlpMockPage          *mock_page;
  MlpOverviewPage      *overview_page;

  guint                 due_timer_id;
  GtkBox               *stage_box;
  GtkWidget            *switcher_bar;      /* NULL until first too narrow */
  guint                 switcher_bar_idle;
  MlpSearchPage        *search_page;     /* NULL until first searched */
  GtkToggleButton      *search_button;
};

/* Below this width (px) a window opens with the view switcher at the
 * bottom; at 1,100 px (the default) it has it in the header bar. */
#define NARROW_WIDTH 800

G_DEFINE_FINAL_TYPE (MlpWindow, mlp_window, ADW_TYPE_APPLICATION_WINDOW)

static void
on_info_bar_response (MlpWindow  *self,
                      int         response,
                      GtkInfoBar *info_bar)
{
  gtk_info_bar_set_revealed (info_bar, FALSE);
  g_string_truncate (self->problems, 0);
}

/* The bar over the pages that says what went wrong, built the first
 * time something does: most starts have nothing to say. */
static void
ensure_info_bar (MlpWindow *self)
{
  GtkWidget *content = gtk_widget_get_parent (GTK_WIDGET (self->main_stack));
  GtkWidget *dismiss, *label;

  if (self->info_bar != NULL)
    return;

  self->info_bar = GTK_INFO_BAR (gtk_info_bar_new ());
  gtk_info_bar_set_message_type (self->info_bar, GTK_MESSAGE_WARNING);
  gtk_info_bar_set_revealed (self->info_bar, FALSE);
  /* A label child of its own: GTK 4.8 names a button made with
   * gtk_info_bar_add_button() "_Dismiss Dismiss" for screen readers. */
  dismiss = gtk_button_new ();
  label = gtk_label_new_with_mnemonic (_("_Dismiss"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), dismiss);
  gtk_button_set_child (GTK_BUTTON (dismiss), label);
  gtk_widget_set_valign (dismiss, GTK_ALIGN_CENTER);
  gtk_info_bar_add_action_widget (self->info_bar, dismiss, GTK_RESPONSE_CLOSE);
  g_signal_connect_object (self->info_bar, "response", G_CALLBACK (on_info_bar_response), self, G_CONNECT_SWAPPED);

  self->info_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->info_label, TRUE);
  gtk_label_set_wrap_mode (self->info_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->info_label, 0);
  gtk_label_set_selectable (self->info_label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->info_label), TRUE);
  gtk_info_bar_add_child (self->info_bar, GTK_WIDGET (self->info_label));

  /* Between the header bar and the pages. */
  gtk_box_insert_child_after (GTK_BOX (content), GTK_WIDGET (self->info_bar),
                              gtk_widget_get_prev_sibling (GTK_WIDGET (self->main_stack)));
}

static void
show_problem (MlpWindow  *self,
              const char *message)
{
  if (self->problems->len > 0)
    g_string_append_c (self->problems, '\n');
  g_string_append (self->problems, message);

  ensure_info_bar (self);
  gtk_label_set_text (self->info_label, self->problems->str);
  gtk_info_bar_set_revealed (self->info_bar, TRUE);
}

/* Leaving a running mock interview keeps what was answered. */
static void
leave_page (MlpWindow  *self,
            const char *next)
{
  const char *current = gtk_stack_get_visible_child_name (self->main_stack);

  if (g_strcmp0 (current, "mock") == 0 && g_strcmp0 (next, "mock") != 0 && self->mock_page)
    mlp_mock_page_abandon (self->mock_page);
}

/* Picking a stage or a pane leaves search, if it was ever opened. */
static void
leave_search (MlpWindow *self)
{
  if (self->search_page != NULL)
    mlp_search_page_set_search_mode (self->search_page, FALSE);
}

/* The header bar's title, as AdwViewSwitcherTitle has it: the view
 * switcher where it fits and is enabled, else the title. */
static gboolean
title_visible (MlpWindow *self)
{
  return adw_squeezer_get_visible_child (self->title_squeezer) == GTK_WIDGET (self->window_title);
}

static void
set_switcher_enabled (MlpWindow *self,
                      gboolean   enabled)
{
  adw_squeezer_page_set_enabled (adw_squeezer_get_page (self->title_squeezer, self->header_switcher), enabled);
}

static void
show_stage (MlpWindow *self,
            MlpStage  *stage)
{
  g_autofree char *selected = NULL;

  leave_page (self, "stage");
  gtk_list_box_unselect_all (self->mode_list);
  gtk_stack_set_visible_child_name (self->main_stack, "stage");
  gtk_widget_set_visible (self->stage_menu_button, TRUE);
  set_switcher_enabled (self, TRUE);
  adw_window_title_set_title (self->window_title, mlp_stage_get_title (stage));
  mlp_wrap_label_set_text (self->summary_label, mlp_stage_get_summary (stage));
  mlp_wrap_label_set_text (self->narrow_summary_label, mlp_stage_get_summary (stage));
  self->stage = stage;
  mlp_checklist_page_set_stage (self->checklist_page, stage);
  if (self->quiz_page != NULL)
    mlp_quiz_page_set_stage (self->quiz_page, stage);
  /* Not written when unchanged, as at start-up: each write is a D-Bus
   * call to dconf and a disk write. */
  selected = g_settings_get_string (self->settings, "selected-stage");
  if (!g_str_equal (selected, mlp_stage_get_id (stage)))
    g_settings_set_string (self->settings, "selected-stage", mlp_stage_get_id (stage));
}

static void
on_selection_changed (MlpWindow          *self,
                      guint               position,
                      guint               n_items,
                      GtkSingleSelection *selection)
{
  MlpStage *stage = gtk_single_selection_get_selected_item (selection);

  /* Picking another stage leaves search. */
  leave_search (self);
  if (stage != NULL)
    show_stage (self, stage);
}

static void on_review_done           (MlpWindow *self);
static void on_overview_open_stage   (MlpWindow *self,
                                      MlpStage  *stage);
static void on_overview_start_review (MlpWindow *self);
static void on_overview_start_mock   (MlpWindow *self);
static void update_interview_date    (MlpWindow *self);
static void update_daily_goal        (MlpWindow *self);
static void update_mock_length       (MlpWindow *self);
static void on_search_mode_changed   (MlpWindow       *self,
                                      GParamSpec      *pspec,
                                      MlpSearchPage   *page);
static void on_open_result           (MlpWindow       *self,
                                      MlpSearchTarget *target,
                                      gboolean         details,
                                      MlpSearchPage   *page);

/* Search, Review, Overview, Mock Interview and the page saying there is
 * no content are built the first time they are shown: start-up only
 * builds what the first frame shows. */
static void
ensure_page (MlpWindow  *self,
             const char *name)
{
  GtkWidget *page = NULL;

  if (gtk_stack_get_child_by_name (self->main_stack, name) != NULL)
    return;

  if (g_str_equal (name, "review"))
    {
      self->review_page = g_object_new (MLP_TYPE_QUIZ_PAGE, NULL);
      mlp_quiz_page_set_library (self->review_page, self->library);
      g_signal_connect_object (self->review_page, "done", G_CALLBACK (on_review_done), self,
                               G_CONNECT_SWAPPED);
      page = GTK_WIDGET (self->review_page);
    }
  else if (g_str_equal (name, "mock"))
    {
      self->mock_page = g_object_new (MLP_TYPE_MOCK_PAGE, NULL);
      mlp_mock_page_set_library (self->mock_page, self->library);
      update_mock_length (self);
      g_signal_connect_object (self->mock_page, "show-overview", G_CALLBACK (on_review_done), self,
                               G_CONNECT_SWAPPED);
      page = GTK_WIDGET (self->mock_page);
    }
  else if (g_str_equal (name, "search"))
    {
      self->search_page = g_object_new (MLP_TYPE_SEARCH_PAGE, NULL);
      mlp_search_page_set_stages (self->search_page, mlp_catalog_get_stages (mlp_library_get_catalog (self->library)));
      g_signal_connect_object (self->search_page, "notify::search-mode-enabled",
                               G_CALLBACK (on_search_mode_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->search_page, "open-result",
                               G_CALLBACK (on_open_result), self, G_CONNECT_SWAPPED);
      page = GTK_WIDGET (self->search_page);
    }
  else if (g_str_equal (name, "empty"))
    {
      page = adw_status_page_new ();
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "dialog-information-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (page), _("No Study Content"));
      adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                       _("No content pack could be loaded. Reinstall MLPrep, or fix the packs named above."));
    }
  else if (g_str_equal (name, "overview"))
    {
      self->overview_page = MLP_OVERVIEW_PAGE (mlp_overview_page_new ());
      mlp_overview_page_set_library (self->overview_page, self->library);
      update_interview_date (self);
      update_daily_goal (self);
      g_signal_connect_object (self->overview_page, "open-stage", G_CALLBACK (on_overview_open_stage),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->overview_page, "start-review", G_CALLBACK (on_overview_start_review),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->overview_page, "start-mock", G_CALLBACK (on_overview_start_mock),
                               self, G_CONNECT_SWAPPED);
      page = GTK_WIDGET (self->overview_page);
    }
  g_return_if_fail (page != NULL);

  gtk_stack_add_named (self->main_stack, page, name);
}

/* Review, Overview and Mock Interview: pages of their own, not a stage's. */
static void
show_mode (MlpWindow  *self,
           const char *name)
{
  GtkWidget *row;

  ensure_page (self, name);
  leave_page (self, name);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  for (row = gtk_widget_get_first_child (GTK_WIDGET (self->mode_list)); row;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), name) == 0)
      gtk_list_box_select_row (self->mode_list, GTK_LIST_BOX_ROW (row));

  gtk_stack_set_visible_child_name (self->main_stack, name);
  /* The stage menu acts on a stage; these pages show none. */
  gtk_widget_set_visible (self->stage_menu_button, FALSE);
  set_switcher_enabled (self, FALSE);
  adw_window_title_set_title (self->window_title,
                              g_str_equal (name, "review") ? _("Review") :
                              g_str_equal (name, "mock") ? _("Mock Interview") :
                              _("Overview"));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
start_review (MlpWindow *self)
{
  g_autoptr(GPtrArray) due = mlp_library_get_due_questions (self->library,
                                                           g_get_real_time () / G_USEC_PER_SEC);

  ensure_page (self, "review");
  mlp_quiz_page_start_session (self->review_page, due, MLP_ANSWER_REVIEW, 0);
  show_mode (self, "review");
}

static void
start_review_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  start_review (MLP_WINDOW (widget));
}

static void
start_mock_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MlpWindow *self = MLP_WINDOW (widget);

  show_mode (self, "mock");
  mlp_mock_page_start (self->mock_page);  /* show_mode built it */
}

static void
show_overview_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  show_mode (MLP_WINDOW (widget), "overview");
}

/* The keyboard shortcuts window, built when first asked for: GtkApplication
 * would build gtk/help-overlay.ui for every window as it opens. */
static void
show_help_overlay_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *shortcuts = gtk_application_window_get_help_overlay (window);

  if (shortcuts == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/mlp-shortcuts-window.ui");

      shortcuts = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
      /* Also what shows the application's accelerators in it. */
      gtk_application_window_set_help_overlay (window, shortcuts);
    }

  gtk_window_present (GTK_WINDOW (shortcuts));
}

static void
on_mode_row_activated (MlpWindow     *self,
                       GtkListBoxRow *row,
                       GtkListBox    *list)
{
  const char *name = gtk_widget_get_name (GTK_WIDGET (row));

  if (g_str_equal (name, "review"))
    start_review (self);
  else
    show_mode (self, name);
}

static void
on_review_done (MlpWindow *self)
{
  show_mode (self, "overview");
}

static void
on_overview_open_stage (MlpWindow *self,
                        MlpStage  *stage)
{
  mlp_window_select_stage (self, mlp_stage_get_id (stage));
}

static void
on_overview_start_review (MlpWindow *self)
{
  start_review (self);
}

static void
on_overview_start_mock (MlpWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.start-mock", NULL);
}

/* "YYYY-MM-DD" in the settings; anything else means no date. */
static void
update_interview_date (MlpWindow *self)
{
  g_autofree char *text = g_settings_get_string (self->settings, "interview-date");
  g_autoptr(GDateTime) date = NULL;
  int year, month, day;

  if (sscanf (text, "%d-%d-%d", &year, &month, &day) == 3)
    date = g_date_time_new_local (year, month, day, 0, 0, 0);
  if (self->overview_page)
    mlp_overview_page_set_interview_date (self->overview_page, date);
}

static void
update_daily_goal (MlpWindow *self)
{
  if (self->overview_page)
    mlp_overview_page_set_daily_goal (self->overview_page,
                                    g_settings_get_uint (self->settings, "daily-goal"));
}

static void
update_due (MlpWindow *self)
{
  guint n = mlp_library_get_n_due (self->library);
  g_autofree char *count = g_strdup_printf ("%u", n);
  g_autofree char *name = NULL;

  gtk_label_set_text (self->due_label, count);
  gtk_widget_set_visible (GTK_WIDGET (self->due_label), n > 0);
  name = n > 0 ?
    /* Translators: accessible name of the sidebar's Review entry */
    g_strdup_printf (ngettext ("Review, %u question due", "Review, %u questions due", n), n) :
    /* Translators: accessible name of the sidebar's Review entry */
    g_strdup (_("Review, nothing due"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->review_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* Questions fall due as time passes, not only when something is done. */
static gboolean
on_due_timer (gpointer user_data)
{
  MlpWindow *self = user_data;

  mlp_library_refresh_due (self->library, g_get_real_time () / G_USEC_PER_SEC);
  return G_SOURCE_CONTINUE;
}

static void
update_mock_length (MlpWindow *self)
{
  if (self->mock_page)
    mlp_mock_page_set_length (self->mock_page,
                            g_settings_get_uint (self->settings, "mock-questions"),
                            g_settings_get_uint (self->settings, "mock-minutes"));
}

static void
on_search_mode_changed (MlpWindow     *self,
                        GParamSpec    *pspec,
                        MlpSearchPage *page)
{
  gboolean searching = mlp_search_page_get_search_mode (page);

  gtk_toggle_button_set_active (self->search_button, searching);

  if (searching)
    {
      g_set_weak_pointer (&self->focus_before_search, gtk_root_get_focus (GTK_ROOT (self)));
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "search") != 0)
        mlp_set_str (&self->page_before_search, gtk_stack_get_visible_child_name (self->main_stack));
      gtk_stack_set_visible_child_name (self->main_stack, "search");
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
      gtk_widget_grab_focus (GTK_WIDGET (page));
    }
  else if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "search") == 0)
    {
      /* Back to the page search was opened from (a stage, the review…). */
      const char *back = self->page_before_search ? self->page_before_search :
                         self->selection != NULL &&
                         g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0 ?
                         "stage" : "empty";

      ensure_page (self, back);
      gtk_stack_set_visible_child_name (self->main_stack, back);
      /* The keyboard user goes on where they were. */
      if (self->focus_before_search != NULL && gtk_widget_is_drawable (self->focus_before_search))
        gtk_widget_grab_focus (self->focus_before_search);
      g_clear_weak_pointer (&self->focus_before_search);
    }
}

/* The stage's quiz is built the first time its pane is shown: its
 * template (and GTK's text view class) is a good part of start-up. */
static MlpQuizPage *
ensure_quiz_page (MlpWindow *self)
{
  if (self->quiz_page == NULL)
    {
      self->quiz_page = g_object_new (MLP_TYPE_QUIZ_PAGE, NULL);
      mlp_quiz_page_set_library (self->quiz_page, self->library);
      if (self->stage != NULL)
        mlp_quiz_page_set_stage (self->quiz_page, self->stage);
      adw_bin_set_child (self->quiz_slot, GTK_WIDGET (self->quiz_page));
    }

  return self->quiz_page;
}

/* Switching between Checklist and Quiz leaves search too. */
static void
on_pane_changed (MlpWindow *self)
{
  leave_search (self);
  /* Also called while the template is built, before there is a library. */
  if (self->library != NULL &&
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "quiz") == 0)
    ensure_quiz_page (self);
}

static void
on_open_result (MlpWindow       *self,
                MlpSearchTarget *target,
                gboolean         details,
                MlpSearchPage   *page)
{
  GObject *subject = mlp_search_target_get_subject (target);

  mlp_search_page_set_search_mode (page, FALSE);
  mlp_window_select_stage (self, mlp_stage_get_id (mlp_search_target_get_stage (target)));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);

  if (MLP_IS_QUESTION (subject))
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "quiz");
      mlp_quiz_page_show_question (ensure_quiz_page (self), MLP_QUESTION (subject));
    }
  else
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "checklist");
      mlp_checklist_page_show_item (self->checklist_page, MLP_CHECK_ITEM (subject), details);
    }
}

/* The view switcher at the bottom is for a window too narrow to have it
 * in the header bar, so it is built the first time that happens. The
 * switcher title says so while GTK lays the window out, so the bar is
 * added in the idle after that frame and shows from the next one; a
 * window that opens narrow has it from the start (mlp_window_init()). */
static void
ensure_switcher_bar (MlpWindow *self)
{
  if (self->switcher_bar != NULL)
    return;

  self->switcher_bar = adw_view_switcher_bar_new ();
  adw_view_switcher_bar_set_stack (ADW_VIEW_SWITCHER_BAR (self->switcher_bar), self->view_stack);
  adw_view_switcher_bar_set_reveal (ADW_VIEW_SWITCHER_BAR (self->switcher_bar), title_visible (self));
  gtk_box_append (self->stage_box, self->switcher_bar);
}

static gboolean
build_switcher_bar (gpointer data)
{
  MlpWindow *self = data;

  self->switcher_bar_idle = 0;
  ensure_switcher_bar (self);
  return G_SOURCE_REMOVE;
}

/* The header bar shows the title instead of the view switcher: the
 * window is too narrow for it, or the page has no views. */
static void
on_title_visible (MlpWindow *self)
{
  if (self->switcher_bar != NULL)
    adw_view_switcher_bar_set_reveal (ADW_VIEW_SWITCHER_BAR (self->switcher_bar), title_visible (self));
  else if (self->switcher_bar_idle == 0 && title_visible (self))
    self->switcher_bar_idle = g_idle_add (build_switcher_bar, self);
}

/* The header bar's search button follows the search page's mode, and
 * sets it; the first time, it builds the page. */
static void
on_search_button_toggled (MlpWindow *self)
{
  gboolean active = gtk_toggle_button_get_active (self->search_button);

  if (active)
    {
      ensure_page (self, "search");
      mlp_search_page_set_search_mode (self->search_page, TRUE);
    }
  else
    leave_search (self);
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MlpWindow *self = MLP_WINDOW (widget);

  /* Also when already searching: back to the entry. */
  ensure_page (self, "search");
  mlp_search_page_set_search_mode (self->search_page, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_page));
}

static void
on_stage_list_activate (MlpWindow   *self,
                        guint        position,
                        GtkListView *list)
{
  /* Selection already followed the click; on a narrow window, also go to
   * the stage's page. */
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* A click on a stage (also the one already selected) shows it on a
 * narrow window; hovering does nothing, unlike single-click-activate. */
static void
on_stage_list_released (MlpWindow *self,
                        int        n_press,
                        double     x,
                        double     y)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_back_clicked (MlpWindow *self,
                 GtkButton *button)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_leaflet_folded_changed (MlpWindow  *self,
                           GParamSpec *pspec,
                           AdwLeaflet *leaflet)
{
  /* When folding, show the content rather than the list: the stage the
   * user had open stays in view. */
  if (adw_leaflet_get_folded (leaflet))
    adw_leaflet_set_visible_child_name (leaflet, "content");
}

static gboolean
invert_boolean (gpointer  object,
                gboolean  value)
{
  return !value;
}

static void
on_save_failed (MlpWindow    *self,
                const GError *error,
                MlpLibrary   *library)
{
  g_autofree char *message = NULL;

  /* Translators: the placeholder is the reason from the database */
  message = g_strdup_printf (_("Your last change could not be saved: %s. "
                               "It is kept until you quit; free some disk space or "
                               "check the folder's permissions."), error->message);
  show_problem (self, message);
}

static void
update_history_actions (MlpWindow *self)
{
  gboolean can_undo = mlp_library_get_can_undo (self->library);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", can_undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", mlp_library_get_can_redo (self->library));

  /* After a reset or a restore there is nothing left to undo. */
  if (!can_undo && self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
}

static void
on_undo_toast_dismissed (MlpWindow *self,
                         AdwToast  *toast)
{
  if (self->undo_toast == toast)
    self->undo_toast = NULL;
}

/* Every tick and answer can be taken back: offer it in a toast, which the
 * next action replaces rather than stacks. */
static void
on_action_done (MlpWindow        *self,
                MlpLibraryAction  kind,
                GObject          *subject,
                gboolean          positive,
                MlpLibrary       *library)
{
  const char *title;
  AdwToast *toast;

  if (kind == MLP_LIBRARY_ACTION_TICK)
    title = positive ? _("Item ticked") : _("Item unticked");
  else
    title = _("Answer recorded");

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed), self, G_CONNECT_SWAPPED);
  self->undo_toast = toast;
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  /* libadwaita's toast buttons need their names fixed (GTK 4.8). */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->toast_overlay));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (G_OBJECT_TYPE_NAME (child), "AdwToastWidget"))
      mlp_a11y_fix_button_names (child);
}

static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MlpWindow *self = MLP_WINDOW (widget);

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  mlp_library_undo (self->library);
}

static void
select_stage_at (MlpWindow *self,
                 int        position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  if (position < 0 || (guint)position >= n)
    return;

  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
select_stage_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  select_stage_at (MLP_WINDOW (widget), g_variant_get_int32 (parameter));
}

static void
step_stage_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MlpWindow *self = MLP_WINDOW (widget);
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (selected == GTK_INVALID_LIST_POSITION)
    return;
  select_stage_at (self, (int)selected + g_variant_get_int32 (parameter));
}

static void
redo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  mlp_library_redo (MLP_WINDOW (widget)->library);
}

static void
on_row_setup (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, GTK_WIDGET (mlp_stage_row_new ()));
}

static void
on_row_bind (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  MlpStageRow *row = MLP_STAGE_ROW (gtk_list_item_get_child (list_item));

  mlp_stage_row_set_stage (row, gtk_list_item_get_item (list_item));
}

static void
on_row_unbind (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  MlpStageRow *row = MLP_STAGE_ROW (gtk_list_item_get_child (list_item));

  mlp_stage_row_set_stage (row, NULL);
}

static gboolean
mlp_window_close_request (GtkWindow *window)
{
  MlpWindow *self = MLP_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (mlp_window_parent_class)->close_request (window);
}

static void
mlp_window_dispose (GObject *object)
{
  MlpWindow *self = (MlpWindow *)object;

  g_clear_handle_id (&self->due_timer_id, g_source_remove);
  g_clear_handle_id (&self->switcher_bar_idle, g_source_remove);
  g_clear_weak_pointer (&self->focus_before_search);
  g_clear_object (&self->selection);
  g_clear_object (&self->library);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mlp_window_parent_class)->dispose (object);
}

static void
mlp_window_finalize (GObject *object)
{
  MlpWindow *self = (MlpWindow *)object;

  g_string_free (self->problems, TRUE);
  g_free (self->page_before_search);

  G_OBJECT_CLASS (mlp_window_parent_class)->finalize (object);
}

static void
mlp_window_class_init (MlpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mlp_window_dispose;
  object_class->finalize = mlp_window_finalize;
  window_class->close_request = mlp_window_close_request;

  g_type_ensure (MLP_TYPE_CHECKLIST_PAGE);
  g_type_ensure (MLP_TYPE_QUIZ_PAGE);
  g_type_ensure (MLP_TYPE_MOCK_PAGE);
  g_type_ensure (MLP_TYPE_OVERVIEW_PAGE);
  g_type_ensure (MLP_TYPE_SEARCH_PAGE);
  g_type_ensure (MLP_TYPE_WRAP_LABEL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mlp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MlpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MlpWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MlpWindow, stage_list);
  gtk_widget_class_bind_template_child (widget_class, MlpWindow, title_squeezer);
  gtk_widget_class_bind_template_child (widget_class, MlpWindow, header_switcher);
  gtk_widget_class_bind_template_child (widget_class, MlpWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MlpWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, MlpWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, MlpWindow, stage_box);
  gtk_widget_class_bind_template_child (widget_class, MlpWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, MlpWindow, narrow_summary_label);
  gtk_widget_class_bind_template_child (widget_class, MlpWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, MlpWindow, checklist_page);
  gtk_widget_class_bind_template_child (widget_class, MlpWindow, quiz_slot);
  gtk_widget_class_bind_template_child (widget_class, MlpWindow, mode_list);
  gtk_widget_class_bind_template_child (widget_class, MlpWindow, stage_menu_button);
  gtk_widget_class_bind_template_child (widget_class, MlpWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, MlpWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, MlpWindow, stage_menu);
  gtk_widget_class_bind_template_child (widget_class, MlpWindow, review_row);
  gtk_widget_class_bind_template_child (widget_class, MlpWindow, due_label);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_stage_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_changed);
  gtk_widget_class_bind_template_callback (widget_class, invert_boolean);
  gtk_widget_class_bind_template_callback (widget_class, on_pane_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_button_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_title_visible);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_activated);
  gtk_widget_class_install_action (widget_class, "win.select-stage", "i", select_stage_activated);
  gtk_widget_class_install_action (widget_class, "win.step-stage", "i", step_stage_activated);
  gtk_widget_class_install_action (widget_class, "win.start-review", NULL, start_review_activated);
  gtk_widget_class_install_action (widget_class, "win.start-mock", NULL, start_mock_activated);
  gtk_widget_class_install_action (widget_class, "win.show-overview", NULL, show_overview_activated);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.start-review", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "win.start-mock", NULL);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  mlp_portable_actions_class_init (widget_class);

  for (int i = 0; i < 9; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK,
                                         "win.select-stage", "i", i);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "win.step-stage", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "win.step-stage", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
}

/* GtkMenuButtonCreatePopupFunc: a menu button with a model builds its
 * popover at once; these are built when first opened. */
static void
build_menu (GtkMenuButton *button,
            gpointer       model)
{
  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, model);
}

static void
mlp_window_init (MlpWindow *self)
{
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_menu_button_set_create_popup_func (self->primary_menu_button, build_menu,
                                         g_object_ref (self->primary_menu), g_object_unref);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->stage_menu_button), build_menu,
                                         g_object_ref (self->stage_menu), g_object_unref);

  click = gtk_gesture_click_new ();
  g_signal_connect_object (click, "released", G_CALLBACK (on_stage_list_released), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->stage_list), GTK_EVENT_CONTROLLER (click));

  self->problems = g_string_new (NULL);
  self->settings = g_settings_new (APP_ID);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  /* Too narrow for the view switcher in the header bar, surely. */
  else if (g_settings_get_int (self->settings, "window-width") < NARROW_WIDTH)
    ensure_switcher_bar (self);

  mlp_startup_probe_attach (GTK_WINDOW (self));

  g_settings_bind (self->settings, "selected-pane",
                   self->view_stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
set_library (MlpWindow  *self,
             MlpLibrary *library)
{
  GListModel *stages = mlp_catalog_get_stages (mlp_library_get_catalog (library));
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autofree char *selected = NULL;

  self->library = g_object_ref (library);
  update_interview_date (self);
  update_daily_goal (self);
  g_signal_connect_object (self->settings, "changed::daily-goal",
                           G_CALLBACK (update_daily_goal), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::interview-date",
                           G_CALLBACK (update_interview_date), self, G_CONNECT_SWAPPED);
  update_mock_length (self);
  g_signal_connect_object (self->settings, "changed::mock-questions",
                           G_CALLBACK (update_mock_length), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::mock-minutes",
                           G_CALLBACK (update_mock_length), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (library, "notify::n-due",
                           G_CALLBACK (update_due), self, G_CONNECT_SWAPPED);
  update_due (self);
  self->due_timer_id = g_timeout_add_seconds (60, on_due_timer, self);
  g_signal_connect_object (library, "save-failed",
                           G_CALLBACK (on_save_failed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (library, "action-done",
                           G_CALLBACK (on_action_done), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (library, "notify::can-undo",
                           G_CALLBACK (update_history_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (library, "notify::can-redo",
                           G_CALLBACK (update_history_actions), self,
                           G_CONNECT_SWAPPED);
  update_history_actions (self);

  g_signal_connect (factory, "setup", G_CALLBACK (on_row_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_row_bind), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_row_unbind), NULL);
  gtk_list_view_set_factory (self->stage_list, factory);

  self->selection = gtk_single_selection_new (g_object_ref (stages));
  /* Review, Overview and Mock Interview leave no stage selected. */
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->stage_list, GTK_SELECTION_MODEL (self->selection));

  if (g_list_model_get_n_items (stages) == 0)
    {
      ensure_page (self, "empty");
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      return;
    }

  gtk_stack_set_visible_child_name (self->main_stack, "stage");

  /* The selection starts on the first stage; move it to the saved one
   * before listening, so the first stage shown is built only once. */
  selected = g_settings_get_string (self->settings, "selected-stage");
  mlp_window_select_stage (self, selected);
  if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, 0);
  show_stage (self, gtk_single_selection_get_selected_item (self->selection));
  on_pane_changed (self);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed), self,
                           G_CONNECT_SWAPPED);
}

/**
 * mlp_window_new:
 *
 * Returns: (transfer full): a window showing the application's library
 */
MlpWindow *
mlp_window_new (MlpApplication *application)
{
  MlpWindow *self;
  GPtrArray *problems;

  g_return_val_if_fail (MLP_IS_APPLICATION (application), NULL);

  self = g_object_new (MLP_TYPE_WINDOW, "application", application, NULL);
  set_library (self, mlp_application_get_library (application));

  problems = mlp_application_get_problems (application);
  for (guint i = 0; i < problems->len; i++)
    show_problem (self, g_ptr_array_index (problems, i));

  return self;
}

/**
 * mlp_window_select_stage:
 *
 * Selects the stage with @stage_id in the sidebar, if there is one.
 */
void
mlp_window_select_stage (MlpWindow  *self,
                         const char *stage_id)
{
  GListModel *model;

  g_return_if_fail (MLP_IS_WINDOW (self));

  model = G_LIST_MODEL (self->selection);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MlpStage) stage = g_list_model_get_item (model, i);

      if (g_strcmp0 (mlp_stage_get_id (stage), stage_id) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

/**
 * mlp_window_get_stage:
 *
 * Returns: (transfer none) (nullable): the stage shown
 */
MlpStage *
mlp_window_get_stage (MlpWindow *self)
{
  g_return_val_if_fail (MLP_IS_WINDOW (self), NULL);
  return self->selection ? gtk_single_selection_get_selected_item (self->selection) : NULL;
}

/**
 * mlp_window_add_toast:
 * @toast: (transfer full): the toast
 *
 * Shows @toast over the window's content.
 */
void
mlp_window_add_toast (MlpWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (MLP_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
