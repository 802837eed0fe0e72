/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-portable-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "mlp-a11y.h"
#include "mlp-portable.h"
#include "mlp-portable-actions.h"
#include "mlp-window.h"

/* The window's import and export actions: content packs in, progress out
 * and back, a stage's checklist out as Markdown. Each asks for a file
 * with a GtkFileChooserNative, reports success in a toast and failure in
 * a dialog that says what is wrong and what to do. */

typedef void (*ChosenFunc) (MlpWindow *window,
                            GFile     *file,
                            gpointer   data);

typedef struct
{
  MlpWindow     *window;
  ChosenFunc     func;
  gpointer       data;
  GDestroyNotify destroy;
} Choice;

static void
choice_free (gpointer user_data)
{
  Choice *choice = user_data;

  if (choice->destroy != NULL)
    choice->destroy (choice->data);
  g_object_unref (choice->window);
  g_free (choice);
}

static MlpLibrary *
get_library (MlpWindow *window)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));

  return mlp_application_get_library (MLP_APPLICATION (app));
}

static void
show_message (MlpWindow  *window,
              const char *heading,
              const char *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window), heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  mlp_a11y_fix_button_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Shown at once, ahead of an Undo toast that may be waiting: it answers
 * what the user just asked for. */
static void
show_toast (MlpWindow  *window,
            const char *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  mlp_window_add_toast (window, toast);
}

static void
on_chooser_response (GtkNativeDialog *native,
                     int              response,
                     Choice          *choice)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native))))
    choice->func (choice->window, file, choice->data);

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

/* Asks for a file to open or to save as @suggested_name; @func runs with
 * it once the user accepts. */
static void
choose_file (MlpWindow            *window,
             GtkFileChooserAction  action,
             const char           *title,
             const char           *accept_label,
             const char           *filter_name,
             const char           *pattern,
             const char           *suggested_name,
             ChosenFunc            func,
             gpointer              data,
             GDestroyNotify        destroy)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *native;
  Choice *choice;

  native = gtk_file_chooser_native_new (title, GTK_WINDOW (window), action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), filter);

  if (suggested_name != NULL)
    {
      g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), home, NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);
    }

  choice = g_new0 (Choice, 1);
  choice->window = g_object_ref (window);
  choice->func = func;
  choice->data = data;
  choice->destroy = destroy;
  g_object_set_data_full (G_OBJECT (native), "mlp-choice", choice, choice_free);
  g_signal_connect (native, "response", G_CALLBACK (on_chooser_response), choice);

  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* A sentence for a file that could not be written, with what to do. */
static char *
write_failure (GFile        *file,
               const GError *error)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *folder = parent ? g_file_get_parse_name (parent) : g_strdup ("/");

  /* Translators: the first placeholder is a folder, the second the reason */
  return g_strdup_printf (_("MLPrep could not save the file in the folder %s (%s). "
                            "Choose another folder, one you can write to, and try again."),
                          folder, error->message);
}

/* Tells how writing @file went: a toast naming it, or a dialog headed
 * @failed_heading that says why and what to do. */
static void
tell_written (MlpWindow    *window,
              GFile        *file,
              gboolean      written,
              const GError *error,
              const char   *failed_heading,
              const char   *done_format)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = NULL;

  if (!written)
    {
      text = write_failure (file, error);
      show_message (window, failed_heading, text);
      return;
    }

  text = g_strdup_printf (done_format, name);
  show_toast (window, text);
}

/* ---- Import a content pack --------------------------------------------- */

static void
import_pack (MlpWindow *window,
             GFile     *file,
             gpointer   data)
{
  MlpCatalog *catalog = mlp_library_get_catalog (get_library (window));
  GListModel *stages = mlp_catalog_get_stages (catalog);
  g_autoptr(GHashTable) before = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  g_autofree char *packs = g_build_filename (g_get_user_data_dir (), "mlprep", "packs", NULL);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  guint n_stages = 0;

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    g_hash_table_add (before, g_list_model_get_item (stages, i));

  if (!mlp_portable_import_pack (catalog, file, packs, NULL, &n_stages, &error))
    {
      g_autofree char *body = NULL;

      if (error->domain == MLP_CATALOG_ERROR)
        /* Translators: the placeholder is the file, the place in it and the problem */
        body = g_strdup_printf (_("%s.\n\nNothing was copied. Fix the pack, or choose another file."),
                                error->message);
      else
        /* Translators: the placeholder says which folder could not be written and why */
        body = g_strdup_printf (_("%s.\n\nCheck that the folder can be written and the disk "
                                  "is not full, then try again."), error->message);
      show_message (window, _("Content Pack Not Imported"), body);
      return;
    }

  /* Its stages are in the sidebar already; show the first one. */
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(MlpStage) stage = g_list_model_get_item (stages, i);

      if (!g_hash_table_contains (before, stage))
        {
          mlp_window_select_stage (window, mlp_stage_get_id (stage));
          break;
        }
    }

  /* Translators: the placeholders are a number and a file name */
  title = g_strdup_printf (ngettext ("Added %u stage from %s", "Added %u stages from %s", n_stages),
                           n_stages, name);
  show_toast (window, title);
}

static void
import_pack_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  choose_file (MLP_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN,
               _("Import Content Pack"), _("_Import"), _("Content Packs (JSON)"), "*.json",
               NULL, import_pack, NULL, NULL);
}

/* ---- Export and restore progress --------------------------------------- */

static void
export_progress (MlpWindow *window,
                 GFile     *file,
                 gpointer   data)
{
  MlpStore *store = mlp_library_get_store (get_library (window));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  gboolean written = mlp_portable_export (store, file, now, &error);

  /* Translators: the placeholder is a file name */
  tell_written (window, file, written, error, _("Progress Not Exported"), _("Progress exported to %s"));
}

static void
export_progress_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = g_strdup_printf ("mlprep-progress-%s.json", date);

  choose_file (MLP_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE,
               _("Export Progress"), _("_Export"), _("Progress Exports (JSON)"), "*.json",
               name, export_progress, NULL, NULL);
}

/* What a restore changed, one line per kind of change. */
static char *
describe_report (const MlpRestoreReport *report)
{
  GString *text = g_string_new (NULL);
  /* Translators: each is one line of the report after a restore of
   * progress; the placeholder is a number */
  const struct { guint n; const char *format; } lines[] = {
    { report->checks_added,
      ngettext ("%u tick added", "%u ticks added", report->checks_added) },
    { report->checks_changed,
      ngettext ("%u tick updated because the file’s was newer",
                "%u ticks updated because the file’s were newer", report->checks_changed) },
    { report->notes_added,
      ngettext ("%u note added", "%u notes added", report->notes_added) },
    { report->notes_changed,
      ngettext ("%u note updated because the file’s was newer",
                "%u notes updated because the file’s were newer", report->notes_changed) },
    { report->attempts_added,
      ngettext ("%u answer added", "%u answers added", report->attempts_added) },
    { report->reviews_added,
      ngettext ("%u review added to the history", "%u reviews added to the history",
                report->reviews_added) },
    { report->queued_added,
      ngettext ("%u question added to the review queue", "%u questions added to the review queue",
                report->queued_added) },
    { report->queued_changed,
      ngettext ("%u question moved earlier in the review queue",
                "%u questions moved earlier in the review queue", report->queued_changed) },
    { report->mock_sessions_added,
      ngettext ("%u mock interview added", "%u mock interviews added", report->mock_sessions_added) },
    { report->checks_kept,
      ngettext ("%u tick kept because yours was newer", "%u ticks kept because yours were newer",
                report->checks_kept) },
    { report->notes_kept,
      ngettext ("%u note kept because yours was newer", "%u notes kept because yours were newer",
                report->notes_kept) },
    { report->duplicates_skipped,
      ngettext ("%u entry was already here", "%u entries were already here", report->duplicates_skipped) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      if (lines[i].n == 0)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, lines[i].format, lines[i].n);
    }

  return g_string_free (text, FALSE);
}

static void
restore_progress (MlpWindow *window,
                  GFile     *file,
                  gpointer   data)
{
  MlpLibrary *library = get_library (window);
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  MlpRestoreReport report;

  if (!mlp_portable_restore (mlp_library_get_store (library), file, &report, &error))
    {
      const char *advice;

      if (g_error_matches (error, MLP_PORTABLE_ERROR, MLP_PORTABLE_ERROR_VERSION))
        advice = _("Nothing was changed.");
      else if (g_error_matches (error, MLP_PORTABLE_ERROR, MLP_PORTABLE_ERROR_IO))
        advice = _("Nothing was changed. Check that the file is still there and that you may read it.");
      else if (g_error_matches (error, MLP_PORTABLE_ERROR, MLP_PORTABLE_ERROR_DATABASE))
        advice = _("Nothing was changed. Check that the disk is not full, then try again.");
      else
        advice = _("Nothing was changed. Choose a file made with “Export Progress…” in MLPrep.");

      body = g_strdup_printf ("%s.\n\n%s", error->message, advice);
      show_message (window, _("Progress Not Restored"), body);
      return;
    }

  if (!mlp_restore_report_changed (&report))
    {
      /* Everything there is here too, or what is here is newer. */
      body = report.checks_kept || report.notes_kept ? describe_report (&report) : NULL;
      show_message (window, _("Nothing Changed"),
                    body ? body : _("Everything in that file is already here."));
      return;
    }

  mlp_library_reload (library);
  body = describe_report (&report);
  show_message (window, _("Progress Restored"), body);
}

static void
restore_progress_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  choose_file (MLP_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN,
               _("Restore Progress"), _("_Restore"), _("Progress Exports (JSON)"), "*.json",
               NULL, restore_progress, NULL, NULL);
}

/* ---- A stage's checklist as Markdown ----------------------------------- */

static void
export_checklist (MlpWindow *window,
                  GFile     *file,
                  gpointer   data)
{
  g_autofree char *markdown = mlp_portable_stage_markdown (MLP_STAGE (data));
  g_autoptr(GError) error = NULL;
  gboolean written = mlp_portable_write_text (file, markdown, &error);

  /* Translators: the placeholder is a file name */
  tell_written (window, file, written, error, _("Checklist Not Exported"), _("Checklist saved as %s"));
}

static void
export_checklist_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  MlpStage *stage = mlp_window_get_stage (MLP_WINDOW (widget));
  g_autofree char *name = NULL;

  if (stage == NULL)
    return;

  name = g_strconcat (mlp_stage_get_id (stage), ".md", NULL);
  choose_file (MLP_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE,
               _("Export Checklist as Markdown"), _("_Export"), _("Markdown Files"), "*.md",
               name, export_checklist, g_object_ref (stage), g_object_unref);
}

/**
 * mlp_portable_actions_class_init:
 *
 * Installs win.import-pack, win.export-progress, win.restore-progress and
 * win.export-checklist on #MlpWindow.
 */
void
mlp_portable_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import-pack", NULL, import_pack_activated);
  gtk_widget_class_install_action (widget_class, "win.export-progress", NULL, export_progress_activated);
  gtk_widget_class_install_action (widget_class, "win.restore-progress", NULL, restore_progress_activated);
  gtk_widget_class_install_action (widget_class, "win.export-checklist", NULL, export_checklist_activated);
}
