/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-overview-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mlp-bar-chart.h"
#include "mlp-overview-page.h"
#include "mlp-quiz-page.h"

/* Where the user stands: what is due, the streak, the plan for the
 * interview date, readiness per stage (weakest first) and reviews per day
 * as charts, every stage's numbers, and the last mock interviews.
 *
 * Everything is recomputed from the library in one go, in an idle after a
 * change (so a burst of answers costs one refresh) and only while the page
 * is on screen; mapping the page refreshes it. */

#define REVIEW_DAYS   30
#define MOCKS_SHOWN   5

typedef struct
{
  MlpStage      *stage;
  guint          position;
  MlpStageStats  stats;
} StageEntry;

typedef struct
{
  gint64 started_at;
  gint64 ended_at;
  guint  planned;
  guint  n_answers;
  int    grade_sum;
  int    seconds;
} MockSummary;

struct _MlpOverviewPage
{
  GtkWidget     parent_instance;

  MlpLibrary   *library;
  GDateTime    *interview_date;
  GTimeZone    *tz;
  guint         refresh_id;
  gboolean      refreshing;
  GPtrArray    *stage_rows;

  /* Template widgets */
  GtkWidget    *scroller;
  GtkLabel     *due_value_label;
  GtkLabel     *due_caption_label;
  GtkWidget    *review_button;
  GtkLabel     *review_label;
  GtkLabel     *streak_value_label;
  GtkLabel     *streak_caption_label;
  GtkLabel     *goal_label;
  GtkLevelBar  *goal_bar;
  guint         daily_goal;
  GtkLabel     *plan_label;
  MlpBarChart  *readiness_chart;
  MlpBarChart  *reviews_chart;
  GtkListBox   *stage_list;
  GtkLabel     *mock_empty_label;
  GtkListBox   *mock_list;
};

enum {
  OPEN_STAGE,
  START_REVIEW,
  START_MOCK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MlpOverviewPage, mlp_overview_page, GTK_TYPE_WIDGET)

static char *
format_percent (double share)
{
  /* Translators: a percentage; write it as your language does, e.g. "80 %" or "80%" */
  return g_strdup_printf (_("%d %%"), (int)(CLAMP (share, 0, 1) * 100 + 0.5));
}

static char *
format_duration (int seconds)
{
  seconds = MAX (seconds, 0);
  if (seconds < 60)
    /* Translators: a short duration in seconds */
    return g_strdup_printf (_("%d s"), seconds);
  if (seconds % 60 == 0)
    /* Translators: a short duration in minutes */
    return g_strdup_printf (_("%d min"), seconds / 60);
  /* Translators: a short duration in minutes and seconds */
  return g_strdup_printf (_("%d min %d s"), seconds / 60, seconds % 60);
}

/* Appends @part to @text after the separator. Its own spaces do not
 * break, so a narrow row wraps only between parts ("3 due" stays whole). */
static void
append_part (char       **text,
             const char  *part)
{
  g_auto(GStrv) words = g_strsplit (part, " ", -1);
  g_autofree char *whole = g_strjoinv ("\xc2\xa0", words);  /* U+00A0 */
  char *joined;

  if (*text == NULL)
    {
      *text = g_steal_pointer (&whole);
      return;
    }
  /* Translators: joins two parts of a summary line */
  joined = g_strdup_printf (_("%s · %s"), *text, whole);
  g_free (*text);
  *text = joined;
}

static void
update_due (MlpOverviewPage *self,
            guint            n_due)
{
  g_autofree char *value = g_strdup_printf ("%u", n_due);

  gtk_label_set_text (self->due_value_label, value);
  if (n_due > 0)
    {
      gtk_label_set_text (self->due_caption_label,
                          ngettext ("question is ready for review", "questions are ready for review", n_due));
      gtk_label_set_text_with_mnemonic (self->review_label, _("_Start Review"));
    }
  else
    {
      gtk_label_set_text (self->due_caption_label, _("Nothing to review right now."));
      gtk_label_set_text_with_mnemonic (self->review_label, _("Nothing Due"));
    }
  gtk_widget_set_sensitive (self->review_button, n_due > 0);
}

static void
update_streak (MlpOverviewPage *self,
               guint            streak,
               gboolean         reviewed_today)
{
  if (streak > 0)
    {
      /* Translators: a number of days: the streak, or the time left until the interview */
      g_autofree char *value = g_strdup_printf (ngettext ("%u day", "%u days", streak), streak);

      gtk_label_set_text (self->streak_value_label, value);
      gtk_label_set_text (self->streak_caption_label,
                          reviewed_today ? _("You reviewed today. Come back tomorrow to keep it going.")
                                         : _("Review today to keep it going."));
    }
  else
    gtk_label_set_text (self->streak_caption_label, _("No streak yet — review today to start one"));
  gtk_widget_set_visible (GTK_WIDGET (self->streak_value_label), streak > 0);
}

/* Today's reviews against the daily goal from Preferences. */
static void
update_goal (MlpOverviewPage *self,
             guint            today)
{
  guint goal = MAX (self->daily_goal, 1);
  g_autofree char *text = NULL;

  text = today >= goal ?
    /* Translators: under the streak; both numbers are reviews */
    g_strdup_printf (ngettext ("Daily goal met: %u of %u review today.",
                               "Daily goal met: %u of %u reviews today.", goal), today, goal) :
    /* Translators: under the streak; both numbers are reviews */
    g_strdup_printf (ngettext ("Today: %u of %u review (your daily goal).",
                               "Today: %u of %u reviews (your daily goal).", goal), today, goal);
  gtk_label_set_text (self->goal_label, text);
  gtk_level_bar_set_value (self->goal_bar, MIN (1.0, (double)today / goal));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->goal_bar),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
update_plan (MlpOverviewPage *self,
             gint64           now)
{
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) interview = NULL;
  g_autofree char *text = NULL;
  g_autofree char *date = NULL;
  g_autofree char *days_text = NULL;
  GDate today_date, interview_date;
  int y, m, d, days;
  guint per_day;

  if (self->interview_date == NULL)
    {
      gtk_label_set_text (self->plan_label, _("Set your interview date in Preferences to get a daily plan."));
      return;
    }

  /* The interview day starts at local midnight, whatever zone the date came in. */
  g_date_time_get_ymd (self->interview_date, &y, &m, &d);
  interview = g_date_time_new (self->tz, y, m, d, 0, 0, 0);
  g_date_clear (&today_date, 1);
  g_date_clear (&interview_date, 1);
  g_date_set_dmy (&today_date, g_date_time_get_day_of_month (today),
                  g_date_time_get_month (today), g_date_time_get_year (today));
  g_date_set_dmy (&interview_date, d, m, y);
  days = g_date_days_between (&today_date, &interview_date);

  if (interview == NULL || days < 0)
    {
      gtk_label_set_text (self->plan_label, _("Set your interview date in Preferences to get a daily plan."));
      return;
    }
  if (days == 0)
    {
      gtk_label_set_text (self->plan_label, _("Your interview is today. Good luck!"));
      return;
    }

  per_day = mlp_library_get_plan (self->library, self->tz, now, g_date_time_to_unix (interview), NULL);
  /* Translators: the interview date in the plan, e.g. "12 Dec"; see g_date_time_format() */
  date = g_date_time_format (interview, _("%-d %b"));
  /* Translators: a number of days: the streak, or the time left until the interview */
  days_text = g_strdup_printf (ngettext ("%u day", "%u days", days), days);
  if (per_day == 0)
    /* Translators: the first %s is a date ("12 Dec"), the second how far away it is ("16 days") */
    text = g_strdup_printf (_("Interview on %s (%s): every stage is ready; keep answering what is due."),
                            date, days_text);
  else
    /* Translators: the first %s is a date ("12 Dec"), the second how far away it is ("16 days") */
    text = g_strdup_printf (ngettext ("Interview on %s (%s): about %u review a day keeps every stage ready.",
                                      "Interview on %s (%s): about %u reviews a day keeps every stage ready.",
                                      per_day),
                            date, days_text, per_day);
  gtk_label_set_text (self->plan_label, text);
}

static void
update_reviews_chart (MlpOverviewPage *self,
                      gint64           now,
                      const guint     *counts)
{
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (now);
  guint sum = 0;

  mlp_bar_chart_clear (self->reviews_chart);
  for (guint i = 0; i < REVIEW_DAYS; i++)
    sum += counts[i];
  if (sum == 0)
    return;

  for (guint i = 0; i < REVIEW_DAYS; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (today, (int)i - (REVIEW_DAYS - 1));
      g_autofree char *label = NULL;
      g_autofree char *value = g_strdup_printf ("%u", counts[i]);
      g_autofree char *description = NULL;

      if (i == REVIEW_DAYS - 1)
        label = g_strdup (_("Today"));
      else
        /* Translators: a day under the reviews chart, e.g. "3 Dec"; see g_date_time_format() */
        label = g_date_time_format (day, _("%-d %b"));
      /* Translators: one day of the reviews chart read aloud: the day, then the count */
      description = g_strdup_printf (ngettext ("%s: %u review", "%s: %u reviews", counts[i]), label, counts[i]);
      mlp_bar_chart_append (self->reviews_chart, counts[i], label, value, description);
    }
}

static char *
stage_subtitle (const MlpStageStats *stats)
{
  char *text = NULL;
  g_autofree char *checklist = NULL;

  /* Translators: checklist progress of a stage, e.g. "Checklist 7 / 15" */
  checklist = g_strdup_printf (_("Checklist %u / %u"), stats->n_checked, stats->n_items);
  append_part (&text, checklist);

  if (stats->n_questions > 0 && stats->accuracy < 0)
    append_part (&text, _("No answers yet"));
  else if (stats->n_questions > 0)
    {
      g_autofree char *accuracy_value = format_percent (stats->accuracy);
      g_autofree char *recall_value = format_percent (stats->retention);
      g_autofree char *accuracy = NULL;
      g_autofree char *recall = NULL;

      /* Translators: share of a stage's answers that were right, e.g. "Accuracy 80 %" */
      accuracy = g_strdup_printf (_("Accuracy %s"), accuracy_value);
      /* Translators: how well the stage's answers would be recalled now, e.g. "Recall 65 %" */
      recall = g_strdup_printf (_("Recall %s"), recall_value);
      append_part (&text, accuracy);
      append_part (&text, recall);
    }

  if (stats->n_due > 0)
    {
      /* Translators: questions of a stage due for review, e.g. "3 due" */
      g_autofree char *due = g_strdup_printf (ngettext ("%u due", "%u due", stats->n_due), stats->n_due);

      append_part (&text, due);
    }

  return text;
}

static GtkWidget *
new_stage_row (void)
{
  GtkWidget *row = adw_action_row_new ();

  /* Stage titles are pack text: plain text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

static void
update_stages (MlpOverviewPage *self,
               GArray          *entries)
{
  /* Rows are kept and refilled, so a refresh does not take the focus away. */
  while (self->stage_rows->len < entries->len)
    {
      GtkWidget *row = new_stage_row ();

      gtk_list_box_append (self->stage_list, row);
      g_ptr_array_add (self->stage_rows, row);
    }
  while (self->stage_rows->len > entries->len)
    {
      GtkWidget *row = g_ptr_array_steal_index (self->stage_rows, self->stage_rows->len - 1);

      gtk_list_box_remove (self->stage_list, row);
    }

  mlp_bar_chart_clear (self->readiness_chart);
  for (guint i = 0; i < entries->len; i++)
    {
      StageEntry *entry = &g_array_index (entries, StageEntry, i);
      GtkWidget *row = g_ptr_array_index (self->stage_rows, i);
      g_autofree char *subtitle = stage_subtitle (&entry->stats);
      g_autofree char *readiness = format_percent (entry->stats.readiness);

      g_object_set_data_full (G_OBJECT (row), "stage", g_object_ref (entry->stage), g_object_unref);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mlp_stage_get_title (entry->stage));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      mlp_bar_chart_append (self->readiness_chart, entry->stats.readiness,
                            mlp_stage_get_title (entry->stage), readiness, NULL);
    }
}

static void
collect_mock (const MlpMockSession *session,
              gpointer              user_data)
{
  GArray *mocks = user_data;
  MockSummary summary = {
    .started_at = session->started_at,
    .ended_at = session->ended_at,
    .planned = session->planned,
    .n_answers = session->n_answers,
  };

  for (guint i = 0; i < session->n_answers; i++)
    {
      summary.grade_sum += session->answers[i].grade;
      summary.seconds += session->answers[i].seconds_used;
    }
  g_array_append_val (mocks, summary);
}

static GtkWidget *
new_mock_row (const MockSummary *mock)
{
  g_autoptr(GDateTime) started = g_date_time_new_from_unix_local (mock->started_at);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *answered = NULL;
  g_autofree char *time = format_duration (mock->seconds);
  GtkWidget *row = adw_action_row_new ();

  /* Translators: when a mock interview started; see g_date_time_format() */
  title = g_date_time_format (started, _("%-d %b %Y, %H:%M"));
  /* Translators: e.g. "4 of 5 answered" in a mock interview */
  answered = g_strdup_printf (ngettext ("%u of %u answered", "%u of %u answered", mock->planned),
                              mock->n_answers, mock->planned);
  append_part (&subtitle, answered);
  if (mock->n_answers > 0)
    {
      int average = (mock->grade_sum * 2 + (int)mock->n_answers) / (2 * (int)mock->n_answers);
      /* Translators: the average self-grade of a mock interview, e.g. "Average: Good" */
      g_autofree char *grade = g_strdup_printf (_("Average: %s"), mlp_grade_get_label (average));

      append_part (&subtitle, grade);
    }
  append_part (&subtitle, time);
  if (mock->ended_at == 0)
    append_part (&subtitle, _("Not finished"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
update_mocks (MlpOverviewPage *self)
{
  g_autoptr(GArray) mocks = g_array_new (FALSE, TRUE, sizeof (MockSummary));
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  if (!mlp_store_foreach_mock_session (mlp_library_get_store (self->library), collect_mock, mocks, &error))
    g_warning ("Could not read the mock interviews: %s", error->message);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->mock_list))) != NULL)
    gtk_list_box_remove (self->mock_list, child);

  /* Oldest first in the store; newest first here. */
  for (guint i = 0; i < MIN (mocks->len, MOCKS_SHOWN); i++)
    gtk_list_box_append (self->mock_list,
                         new_mock_row (&g_array_index (mocks, MockSummary, mocks->len - 1 - i)));

  gtk_widget_set_visible (GTK_WIDGET (self->mock_list), mocks->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->mock_empty_label), mocks->len == 0);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const StageEntry *ea = a;
  const StageEntry *eb = b;

  if (ea->stats.readiness != eb->stats.readiness)
    return ea->stats.readiness < eb->stats.readiness ? -1 : 1;
  return (ea->position > eb->position) - (ea->position < eb->position);
}

/**
 * mlp_overview_page_refresh:
 *
 * Recomputes everything the page shows from the library, now.
 */
void
mlp_overview_page_refresh (MlpOverviewPage *self)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (StageEntry));
  guint counts[REVIEW_DAYS] = { 0 };
  GListModel *stages;
  gint64 now;

  g_return_if_fail (MLP_IS_OVERVIEW_PAGE (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->library == NULL)
    return;

  self->refreshing = TRUE;
  now = g_get_real_time () / G_USEC_PER_SEC;
  mlp_library_refresh_due (self->library, now);

  stages = mlp_catalog_get_stages (mlp_library_get_catalog (self->library));
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(MlpStage) stage = g_list_model_get_item (stages, i);
      StageEntry entry = { .stage = stage, .position = i };

      mlp_library_get_stage_stats (self->library, stage, now, &entry.stats);
      g_array_append_val (entries, entry);
    }
  /* The catalog holds the stages; the entries only borrow them. */
  g_array_sort (entries, compare_entries);

  mlp_library_get_reviews_per_day (self->library, self->tz, now, REVIEW_DAYS, counts);

  update_due (self, mlp_library_get_n_due (self->library));
  update_streak (self, mlp_library_get_streak (self->library, self->tz, now), counts[REVIEW_DAYS - 1] > 0);
  update_goal (self, counts[REVIEW_DAYS - 1]);
  update_plan (self, now);
  update_reviews_chart (self, now, counts);
  update_stages (self, entries);
  update_mocks (self);
  self->refreshing = FALSE;
}

static gboolean
refresh_idle (gpointer user_data)
{
  MlpOverviewPage *self = user_data;

  self->refresh_id = 0;
  mlp_overview_page_refresh (self);
  return G_SOURCE_REMOVE;
}

/* Before the next frame is laid out, once however many changes came. */
static void
queue_refresh (MlpOverviewPage *self)
{
  if (self->refreshing)
    return;
  /* A page off screen catches up when it is mapped. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_idle, self, NULL);
}

/* Follows every stage's checklist, including stages loaded later. */
static void
watch_stages (MlpOverviewPage *self,
              gboolean         watch)
{
  GListModel *stages = mlp_catalog_get_stages (mlp_library_get_catalog (self->library));

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(MlpStage) stage = g_list_model_get_item (stages, i);

      if (!watch)
        g_signal_handlers_disconnect_by_data (stage, self);
      else if (g_signal_handler_find (stage, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self) == 0)
        g_signal_connect_swapped (stage, "notify::n-checked", G_CALLBACK (queue_refresh), self);
    }
}

static void
on_stages_changed (MlpOverviewPage *self)
{
  watch_stages (self, TRUE);
  queue_refresh (self);
}

static void
on_review_clicked (MlpOverviewPage *self)
{
  g_signal_emit (self, signals[START_REVIEW], 0);
}

static void
on_mock_clicked (MlpOverviewPage *self)
{
  g_signal_emit (self, signals[START_MOCK], 0);
}

static void
on_stage_activated (MlpOverviewPage *self,
                    GtkListBoxRow   *row)
{
  MlpStage *stage = g_object_get_data (G_OBJECT (row), "stage");

  if (stage != NULL)
    g_signal_emit (self, signals[OPEN_STAGE], 0, stage);
}

static void
mlp_overview_page_map (GtkWidget *widget)
{
  MlpOverviewPage *self = MLP_OVERVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (mlp_overview_page_parent_class)->map (widget);

  /* It missed changes while hidden, and time has passed in any case. */
  queue_refresh (self);
}

static void
mlp_overview_page_dispose (GObject *object)
{
  MlpOverviewPage *self = (MlpOverviewPage *)object;

  mlp_overview_page_set_library (self, NULL);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);

  G_OBJECT_CLASS (mlp_overview_page_parent_class)->dispose (object);
}

static void
mlp_overview_page_finalize (GObject *object)
{
  MlpOverviewPage *self = (MlpOverviewPage *)object;

  g_clear_pointer (&self->interview_date, g_date_time_unref);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->stage_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (mlp_overview_page_parent_class)->finalize (object);
}

static void
mlp_overview_page_class_init (MlpOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlp_overview_page_dispose;
  object_class->finalize = mlp_overview_page_finalize;
  widget_class->map = mlp_overview_page_map;

  /**
   * MlpOverviewPage::open-stage:
   * @stage: the stage the user picked
   */
  signals[OPEN_STAGE] =
    g_signal_new ("open-stage",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MLP_TYPE_STAGE);

  /**
   * MlpOverviewPage::start-review:
   *
   * The user asked to review what is due.
   */
  signals[START_REVIEW] =
    g_signal_new ("start-review",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * MlpOverviewPage::start-mock:
   *
   * The user asked for a mock interview.
   */
  signals[START_MOCK] =
    g_signal_new ("start-mock",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (MLP_TYPE_BAR_CHART);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mlp-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MlpOverviewPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, MlpOverviewPage, due_value_label);
  gtk_widget_class_bind_template_child (widget_class, MlpOverviewPage, due_caption_label);
  gtk_widget_class_bind_template_child (widget_class, MlpOverviewPage, review_button);
  gtk_widget_class_bind_template_child (widget_class, MlpOverviewPage, review_label);
  gtk_widget_class_bind_template_child (widget_class, MlpOverviewPage, streak_value_label);
  gtk_widget_class_bind_template_child (widget_class, MlpOverviewPage, streak_caption_label);
  gtk_widget_class_bind_template_child (widget_class, MlpOverviewPage, goal_label);
  gtk_widget_class_bind_template_child (widget_class, MlpOverviewPage, goal_bar);
  gtk_widget_class_bind_template_child (widget_class, MlpOverviewPage, plan_label);
  gtk_widget_class_bind_template_child (widget_class, MlpOverviewPage, readiness_chart);
  gtk_widget_class_bind_template_child (widget_class, MlpOverviewPage, reviews_chart);
  gtk_widget_class_bind_template_child (widget_class, MlpOverviewPage, stage_list);
  gtk_widget_class_bind_template_child (widget_class, MlpOverviewPage, mock_empty_label);
  gtk_widget_class_bind_template_child (widget_class, MlpOverviewPage, mock_list);
  gtk_widget_class_bind_template_callback (widget_class, on_review_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_mock_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_stage_activated);
}

static void
mlp_overview_page_init (MlpOverviewPage *self)
{
  self->daily_goal = 20;
  gtk_widget_init_template (GTK_WIDGET (self));

  self->tz = g_time_zone_new_local ();
  self->stage_rows = g_ptr_array_new ();
}

GtkWidget *
mlp_overview_page_new (void)
{
  return g_object_new (MLP_TYPE_OVERVIEW_PAGE, NULL);
}

/**
 * mlp_overview_page_set_library:
 * @library: (nullable): what to show
 */
void
mlp_overview_page_set_library (MlpOverviewPage *self,
                               MlpLibrary      *library)
{
  g_return_if_fail (MLP_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (library == NULL || MLP_IS_LIBRARY (library));

  if (self->library == library)
    return;

  if (self->library != NULL)
    {
      watch_stages (self, FALSE);
      g_signal_handlers_disconnect_by_data (mlp_catalog_get_stages (mlp_library_get_catalog (self->library)), self);
      g_signal_handlers_disconnect_by_data (self->library, self);
      g_clear_object (&self->library);
    }

  if (library != NULL)
    {
      self->library = g_object_ref (library);
      g_signal_connect_swapped (library, "action-done", G_CALLBACK (queue_refresh), self);
      g_signal_connect_swapped (library, "action-undone", G_CALLBACK (queue_refresh), self);
      g_signal_connect_swapped (library, "notify::n-due", G_CALLBACK (queue_refresh), self);
      g_signal_connect_swapped (mlp_catalog_get_stages (mlp_library_get_catalog (library)), "items-changed",
                                G_CALLBACK (on_stages_changed), self);
      watch_stages (self, TRUE);
    }

  queue_refresh (self);
}

/**
 * mlp_overview_page_set_interview_date:
 * @date: (nullable): the day of the interview (its time is ignored), or
 *   %NULL for none
 */
void
mlp_overview_page_set_interview_date (MlpOverviewPage *self,
                                      GDateTime       *date)
{
  g_return_if_fail (MLP_IS_OVERVIEW_PAGE (self));

  if (self->interview_date == date ||
      (self->interview_date != NULL && date != NULL && g_date_time_equal (self->interview_date, date)))
    return;

  g_clear_pointer (&self->interview_date, g_date_time_unref);
  if (date != NULL)
    self->interview_date = g_date_time_ref (date);
  queue_refresh (self);
}

/**
 * mlp_overview_page_set_daily_goal:
 * @goal: reviews a day the user aims for
 */
void
mlp_overview_page_set_daily_goal (MlpOverviewPage *self,
                                  guint            goal)
{
  g_return_if_fail (MLP_IS_OVERVIEW_PAGE (self));

  self->daily_goal = goal;
  mlp_overview_page_refresh (self);
}
