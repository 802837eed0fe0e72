/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-startup-probe"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "mlp-startup-probe.h"

/* For the performance benchmark (build-aux/benchmark.py) only: when
 * MLPREP_STARTUP_PROBE is set, report when the first frame was drawn and
 * the resident memory once idle, then quit. The bare-window baseline
 * links the same code, so both are measured the same way.
 * MLPREP_STARTUP_PROBE=trace also prints when each start-up phase ended
 * (build-aux/benchmark/trace-startup.py turns that into a table). */

static gboolean
tracing (void)
{
  static int trace = -1;

  if (trace < 0)
    trace = g_strcmp0 (g_getenv ("MLPREP_STARTUP_PROBE"), "trace") == 0;
  return trace;
}

/**
 * mlp_startup_probe_mark:
 * @phase: what has just finished, one word
 *
 * With MLPREP_STARTUP_PROBE=trace, prints "trace PHASE MONOTONIC-µs".
 */
void
mlp_startup_probe_mark (const char *phase)
{
  if (tracing ())
    g_print ("trace %s %" G_GINT64_FORMAT "\n", phase, g_get_monotonic_time ());
}

/**
 * mlp_startup_probe_value:
 *
 * With MLPREP_STARTUP_PROBE set, prints "probe NAME VALUE".
 */
void
mlp_startup_probe_value (const char *name,
                         gint64      value)
{
  if (g_getenv ("MLPREP_STARTUP_PROBE") != NULL)
    g_print ("probe %s %" G_GINT64_FORMAT "\n", name, value);
}

/* The frame clock's own phases, connected after GTK's handlers, so each
 * mark is when GTK finished that phase of the first frame. */
static void
on_clock_phase (GdkFrameClock *clock,
                const char    *phase)
{
  mlp_startup_probe_mark (phase);
}

static long
resident_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;
  long kib = -1;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (line = strstr (status, "VmRSS:")))
    sscanf (line, "VmRSS: %ld", &kib);

  return kib;
}

/* Scroll mode: scroll the longest list view to its end, one step per
 * frame, timing each frame from before-paint to after-paint, then report
 * the slowest frames and how many rows the list view created. */
typedef struct
{
  GtkWindow   *window;
  GtkListView *list;
  GArray      *durations;   /* gint64 µs */
  gint64       frame_start;
} Scroll;

static GtkListView *
longest_list_view (GtkWidget *widget,
                   guint     *best_n)
{
  GtkListView *best = NULL;

  if (GTK_IS_LIST_VIEW (widget) && gtk_widget_get_mapped (widget))
    {
      GtkSelectionModel *model = gtk_list_view_get_model (GTK_LIST_VIEW (widget));
      guint n = model ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;

      if (n > *best_n)
        {
          *best_n = n;
          best = GTK_LIST_VIEW (widget);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkListView *found = longest_list_view (child, best_n);

      if (found)
        best = found;
    }

  return best;
}

static int
compare_durations (gconstpointer a,
                   gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

static void
on_scroll_before_paint (GdkFrameClock *clock,
                        Scroll        *scroll)
{
  scroll->frame_start = g_get_monotonic_time ();
}

static void
on_scroll_after_paint (GdkFrameClock *clock,
                       Scroll        *scroll)
{
  if (scroll->frame_start > 0)
    {
      gint64 duration = g_get_monotonic_time () - scroll->frame_start;

      g_array_append_val (scroll->durations, duration);
    }
}

static gboolean
scroll_step (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  Scroll *scroll = data;
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (scroll->list));
  double value = gtk_adjustment_get_value (adjustment);
  double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  guint rows = 0;

  if (value < end)
    {
      gtk_adjustment_set_value (adjustment, MIN (value + 400, end));
      return G_SOURCE_CONTINUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (scroll->list)); child; child = gtk_widget_get_next_sibling (child))
    rows++;

  g_array_sort (scroll->durations, compare_durations);
  if (scroll->durations->len > 0)
    g_print ("probe scroll-frames %u\n"
             "probe scroll-p95-us %" G_GINT64_FORMAT "\n"
             "probe scroll-max-us %" G_GINT64_FORMAT "\n",
             scroll->durations->len,
             g_array_index (scroll->durations, gint64, scroll->durations->len * 95 / 100),
             g_array_index (scroll->durations, gint64, scroll->durations->len - 1));
  g_print ("probe list-items %u\nprobe list-rows %u\n",
           g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (scroll->list))), rows);

  g_signal_handlers_disconnect_by_data (clock, scroll);
  g_array_unref (scroll->durations);
  gtk_window_destroy (scroll->window);
  g_free (scroll);
  return G_SOURCE_REMOVE;
}

static void
start_scrolling (GtkWindow *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  Scroll *scroll = g_new0 (Scroll, 1);
  guint n = 0;

  scroll->window = window;
  scroll->list = longest_list_view (GTK_WIDGET (window), &n);
  scroll->durations = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_assert (scroll->list != NULL);

  g_signal_connect (clock, "before-paint", G_CALLBACK (on_scroll_before_paint), scroll);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_scroll_after_paint), scroll);
  gtk_widget_add_tick_callback (GTK_WIDGET (scroll->list), scroll_step, scroll, NULL);
}

static gboolean
report_idle_memory (gpointer data)
{
  GtkWindow *window = data;

  g_print ("probe rss-kib %ld\n", resident_kib ());
  if (g_strcmp0 (g_getenv ("MLPREP_STARTUP_PROBE"), "scroll") == 0)
    start_scrolling (window);
  else
    gtk_window_destroy (window);
  return G_SOURCE_REMOVE;
}

/* Trace mode: how many widgets of each type the window holds, and how
 * many of them are drawn (mapped), as "widgets TYPE ALL MAPPED". */
static void
count_widgets (GtkWidget  *widget,
               GHashTable *counts)
{
  const char *type = G_OBJECT_TYPE_NAME (widget);
  guint *n = g_hash_table_lookup (counts, type);

  if (n == NULL)
    g_hash_table_insert (counts, (gpointer)type, n = g_new0 (guint, 2));
  n[0]++;
  n[1] += gtk_widget_get_mapped (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    count_widgets (child, counts);
}

static void
print_widget_census (GtkWidget *window)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GHashTableIter iter;
  gpointer type, n;

  count_widgets (window, counts);
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &type, &n))
    g_print ("widgets %s %u %u\n", (const char *)type, ((guint *)n)[0], ((guint *)n)[1]);
}

static void
on_after_paint (GdkFrameClock *clock,
                GtkWindow     *window)
{
  g_print ("probe first-frame-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  mlp_startup_probe_mark ("first-frame");
  if (tracing ())
    print_widget_census (GTK_WIDGET (window));
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, window);
  /* Both phase handlers, whatever their data. */
  g_signal_handlers_disconnect_matched (clock, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_clock_phase, NULL);
  /* Idle: give start-up work queued for later a second to finish. */
  g_timeout_add_seconds (1, report_idle_memory, window);
}

static void
on_realize (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  mlp_startup_probe_mark ("realize");
  g_signal_connect (clock, "layout", G_CALLBACK (on_clock_phase), (gpointer)"layout");
  g_signal_connect (clock, "paint", G_CALLBACK (on_clock_phase), (gpointer)"paint");
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), widget);
}

void
mlp_startup_probe_attach (GtkWindow *window)
{
  if (g_getenv ("MLPREP_STARTUP_PROBE") == NULL)
    return;

  g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
}
