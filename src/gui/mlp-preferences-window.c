/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-preferences-window"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mlp-a11y.h"
#include "mlp-preferences-window.h"

/* Preferences. For now one page: the daily backups, each of which can be
 * restored after a confirmation that says what is replaced. */
struct _MlpPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  MlpLibrary           *library;
  char                 *backup_folder;
  GPtrArray            *rows;

  GSettings            *settings;

  /* Template widgets */
  AdwPreferencesGroup  *backups_group;
  AdwComboRow          *style_row;
  AdwComboRow          *reset_stage_row;
  AdwActionRow         *interview_row;
  GtkMenuButton        *interview_button;
  GtkCalendar          *interview_calendar;
  GtkSpinButton        *goal_spin;
  GtkSpinButton        *retention_spin;
  GtkSpinButton        *mock_questions_spin;
  GtkSpinButton        *mock_minutes_spin;
};

G_DEFINE_FINAL_TYPE (MlpPreferencesWindow, mlp_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void fill_backups (MlpPreferencesWindow *self);

/* Asks before something that cannot be taken back; @on_confirmed runs
 * with the dialog (holding @data as "subject") on the destructive answer. */
static void
confirm (MlpPreferencesWindow *self,
         const char           *heading,
         const char           *body,
         const char           *confirm_label,
         GCallback             on_response,
         gpointer              data,
         GDestroyNotify        destroy)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "confirm", confirm_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, "confirm", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  if (data != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "subject", data, destroy);
  g_signal_connect_object (dialog, "response::confirm", on_response, self, 0);
  mlp_a11y_fix_button_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "progress-2026-11-24.db" → a date in the user's format */
static char *
backup_title (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);

  if (g_str_equal (name, MLP_STORE_BEFORE_RESTORE_NAME))
    return g_strdup (_("Before the last restore"));
  int year, month, dayn;
  g_autoptr(GDateTime) date = NULL;

  if (sscanf (name, "progress-%d-%d-%d.db", &year, &month, &dayn) != 3 ||
      !(date = g_date_time_new_local (year, month, dayn, 0, 0, 0)))
    return g_steal_pointer (&name);

  /* Translators: a backup's date; see strftime for the format, %x is the
   * locale's date */
  return g_date_time_format (date, _("%A, %x"));
}

static void
on_restore_response (AdwMessageDialog     *dialog,
                     const char           *response,
                     MlpPreferencesWindow *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "subject");
  g_autoptr(GError) error = NULL;
  g_autofree char *safety = NULL;
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;

  /* Keep what is being replaced, so a restore can itself be undone. */
  safety = g_build_filename (self->backup_folder, MLP_STORE_BEFORE_RESTORE_NAME, NULL);
  g_mkdir_with_parents (self->backup_folder, 0700);

  title = backup_title (path);
  if (mlp_library_restore_backup (self->library, path, safety, &error))
    /* Translators: the placeholder is a date */
    message = g_strdup_printf (_("Progress restored from %s"), title);
  else
    /* Translators: the placeholder is the reason */
    message = g_strdup_printf (_("Could not restore the backup: %s. Your progress is unchanged."),
                               error->message);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
  fill_backups (self);
}

static void
on_restore_clicked (GtkButton            *button,
                    MlpPreferencesWindow *self)
{
  const char *path = g_object_get_data (G_OBJECT (button), "backup");
  g_autofree char *title = backup_title (path);
  g_autofree char *heading = NULL;

  /* Translators: the placeholder is a date */
  heading = g_strdup_printf (_("Restore Progress from %s?"), title);
  confirm (self, heading,
           _("Your current ticks and answers are replaced by this copy. They are kept as "
             "“Before the last restore”, so you can go back to them."),
           _("_Restore"), G_CALLBACK (on_restore_response), g_strdup (path), g_free);
}

static void
fill_backups (MlpPreferencesWindow *self)
{
  g_autoptr(GPtrArray) backups = mlp_store_list_backups (self->backup_folder);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->backups_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < backups->len; i++)
    {
      const char *path = g_ptr_array_index (backups, i);
      g_autofree char *title = backup_title (path);
      g_autofree char *subtitle = NULL;
      g_autoptr(GError) error = NULL;
      guint n_checked = 0, n_attempts = 0;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button, *label;

      if (mlp_store_describe_backup (path, &n_checked, &n_attempts, &error))
        {
          g_autofree char *ticks = g_strdup_printf (ngettext ("%u item ticked", "%u items ticked", n_checked), n_checked);
          g_autofree char *answers = g_strdup_printf (ngettext ("%u answer", "%u answers", n_attempts), n_attempts);

          /* Translators: "12 items ticked · 30 answers" */
          subtitle = g_strdup_printf (_("%s · %s"), ticks, answers);
        }
      else
        subtitle = g_strdup (_("This copy cannot be read"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      /* A mnemonic child label, not gtk_button_new_with_mnemonic(): GTK 4.8
       * would announce that one's name twice. */
      label = gtk_label_new_with_mnemonic (_("_Restore…"));
      button = gtk_button_new ();
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), button);
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (button, error == NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, title,
                                      -1);
      g_object_set_data_full (G_OBJECT (button), "backup", g_strdup (path), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_restore_clicked), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      adw_preferences_group_add (self->backups_group, row);
      g_ptr_array_add (self->rows, row);
    }

  if (backups->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No backups yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("The first copy is made the next time you start MLPrep."));
      adw_preferences_group_add (self->backups_group, row);
      g_ptr_array_add (self->rows, row);
    }
}

static const char * const styles[] = { "system", "light", "dark" };

static gboolean
style_to_row (GValue   *value,
              GVariant *variant,
              gpointer  user_data)
{
  const char *style = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    if (g_str_equal (style, styles[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
row_to_style (const GValue       *value,
              const GVariantType *type,
              gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return g_variant_new_string (styles[MIN (i, G_N_ELEMENTS (styles) - 1)]);
}

static MlpStage *
selected_stage (MlpPreferencesWindow *self)
{
  GListModel *stages = mlp_catalog_get_stages (mlp_library_get_catalog (self->library));
  guint position = adw_combo_row_get_selected (self->reset_stage_row);

  if (position >= g_list_model_get_n_items (stages))
    return NULL;

  return g_list_model_get_item (stages, position);
}

static void
on_reset_response (AdwMessageDialog     *dialog,
                   const char           *response,
                   MlpPreferencesWindow *self)
{
  MlpStage *stage = g_object_get_data (G_OBJECT (dialog), "subject");
  g_autoptr(GError) error = NULL;
  const char *message;

  if (mlp_library_reset (self->library, stage, &error))
    message = stage ? _("Stage reset") : _("All progress reset");
  else
    message = error->message;

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static void
ask_reset (MlpPreferencesWindow *self,
           MlpStage             *stage)
{
  GListModel *stages = mlp_catalog_get_stages (mlp_library_get_catalog (self->library));
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *ticks = NULL;
  g_autofree char *answers = NULL;
  guint checked = 0, answered = 0;

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(MlpStage) each = g_list_model_get_item (stages, i);

      if (stage == NULL || each == stage)
        {
          checked += mlp_stage_get_n_checked (each);
          answered += mlp_stage_get_n_answered (each);
        }
    }

  ticks = g_strdup_printf (ngettext ("%u ticked item", "%u ticked items", checked), checked);
  answers = g_strdup_printf (ngettext ("your answers to %u question", "your answers to %u questions", answered),
                             answered);
  if (stage != NULL)
    {
      /* Translators: the placeholder is a stage's title */
      heading = g_strdup_printf (_("Reset “%s”?"), mlp_stage_get_title (stage));
      /* Translators: "This unticks 7 ticked items and forgets your answers to 12 questions in this stage. …" */
      body = g_strdup_printf (_("This unticks %s and forgets %s in this stage. It cannot be undone; "
                                "the daily backups in Preferences still hold earlier progress."),
                              ticks, answers);
    }
  else
    {
      heading = g_strdup (_("Reset All Progress?"));
      /* Translators: "This unticks 40 ticked items and forgets your answers to 90 questions in every stage. …" */
      body = g_strdup_printf (_("This unticks %s and forgets %s in every stage. It cannot be undone; "
                                "the daily backups in Preferences still hold earlier progress."),
                              ticks, answers);
    }

  confirm (self, heading, body, _("_Reset"), G_CALLBACK (on_reset_response),
           stage ? g_object_ref (stage) : NULL, g_object_unref);
}

static void
on_reset_stage_clicked (MlpPreferencesWindow *self,
                        GtkButton            *button)
{
  g_autoptr(MlpStage) stage = selected_stage (self);

  if (stage != NULL)
    ask_reset (self, stage);
}

static void
on_reset_all_clicked (MlpPreferencesWindow *self,
                      GtkButton            *button)
{
  ask_reset (self, NULL);
}

/* The interview date is kept as "YYYY-MM-DD" (or "" for none). */
static GDateTime *
parse_interview_date (const char *text)
{
  int year, month, day;

  if (text == NULL || sscanf (text, "%d-%d-%d", &year, &month, &day) != 3)
    return NULL;
  return g_date_time_new_local (year, month, day, 0, 0, 0);
}

static void
update_interview_row (MlpPreferencesWindow *self)
{
  g_autofree char *text = g_settings_get_string (self->settings, "interview-date");
  g_autoptr(GDateTime) date = parse_interview_date (text);
  g_autofree char *shown = NULL;

  if (date == NULL)
    {
      adw_action_row_set_subtitle (self->interview_row,
                                   _("Not set — with a date, the overview plans your daily reviews"));
      return;
    }
  /* Translators: the interview date in Preferences; see strftime, %x is the locale's date */
  shown = g_date_time_format (date, _("%A, %x"));
  adw_action_row_set_subtitle (self->interview_row, shown);
  gtk_calendar_select_day (self->interview_calendar, date);
}

static void
on_interview_day_selected (MlpPreferencesWindow *self,
                           GtkCalendar          *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  g_settings_set_string (self->settings, "interview-date", text);
  gtk_menu_button_popdown (self->interview_button);
}

static void
on_clear_interview_clicked (MlpPreferencesWindow *self,
                            GtkButton            *button)
{
  g_settings_set_string (self->settings, "interview-date", "");
  gtk_menu_button_popdown (self->interview_button);
}

static gboolean
retention_to_percent (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_double (variant) * 100.0);
  return TRUE;
}

static GVariant *
percent_to_retention (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  return g_variant_new_double (CLAMP (g_value_get_double (value), 70, 99) / 100.0);
}

static void
bind_spin (MlpPreferencesWindow *self,
           const char           *key,
           GtkSpinButton        *spin)
{
  g_settings_bind (self->settings, key, gtk_spin_button_get_adjustment (spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
mlp_preferences_window_dispose (GObject *object)
{
  MlpPreferencesWindow *self = (MlpPreferencesWindow *)object;

  g_clear_object (&self->library);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mlp_preferences_window_parent_class)->dispose (object);
}

static void
mlp_preferences_window_finalize (GObject *object)
{
  MlpPreferencesWindow *self = (MlpPreferencesWindow *)object;

  g_free (self->backup_folder);
  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (mlp_preferences_window_parent_class)->finalize (object);
}

static void
mlp_preferences_window_class_init (MlpPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlp_preferences_window_dispose;
  object_class->finalize = mlp_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mlp-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MlpPreferencesWindow, backups_group);
  gtk_widget_class_bind_template_child (widget_class, MlpPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, MlpPreferencesWindow, reset_stage_row);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_stage_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_all_clicked);
  gtk_widget_class_bind_template_child (widget_class, MlpPreferencesWindow, interview_row);
  gtk_widget_class_bind_template_child (widget_class, MlpPreferencesWindow, interview_button);
  gtk_widget_class_bind_template_child (widget_class, MlpPreferencesWindow, interview_calendar);
  gtk_widget_class_bind_template_child (widget_class, MlpPreferencesWindow, goal_spin);
  gtk_widget_class_bind_template_child (widget_class, MlpPreferencesWindow, retention_spin);
  gtk_widget_class_bind_template_child (widget_class, MlpPreferencesWindow, mock_questions_spin);
  gtk_widget_class_bind_template_child (widget_class, MlpPreferencesWindow, mock_minutes_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_interview_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_interview_clicked);
}

static void
mlp_preferences_window_init (MlpPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->settings = g_settings_new (APP_ID);
  g_settings_bind_with_mapping (self->settings, "style", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, style_to_row, row_to_style, NULL, NULL);

  bind_spin (self, "daily-goal", self->goal_spin);
  bind_spin (self, "mock-questions", self->mock_questions_spin);
  bind_spin (self, "mock-minutes", self->mock_minutes_spin);
  g_settings_bind_with_mapping (self->settings, "desired-retention",
                                gtk_spin_button_get_adjustment (self->retention_spin), "value",
                                G_SETTINGS_BIND_DEFAULT, retention_to_percent, percent_to_retention,
                                NULL, NULL);
  update_interview_row (self);
  g_signal_connect_object (self->settings, "changed::interview-date",
                           G_CALLBACK (update_interview_row), self, G_CONNECT_SWAPPED);
}

/**
 * mlp_preferences_window_new:
 *
 * Returns: (transfer full): a preferences window for @library
 */
MlpPreferencesWindow *
mlp_preferences_window_new (GtkWindow  *parent,
                            MlpLibrary *library,
                            const char *backup_folder)
{
  MlpPreferencesWindow *self;

  g_return_val_if_fail (MLP_IS_LIBRARY (library), NULL);

  self = g_object_new (MLP_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->library = g_object_ref (library);
  self->backup_folder = g_strdup (backup_folder);
  fill_backups (self);

  {
    GListModel *stages = mlp_catalog_get_stages (mlp_library_get_catalog (library));
    g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);

    for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
      {
        g_autoptr(MlpStage) stage = g_list_model_get_item (stages, i);

        gtk_string_list_append (titles, mlp_stage_get_title (stage));
      }
    adw_combo_row_set_model (self->reset_stage_row, G_LIST_MODEL (titles));
  }
  mlp_a11y_fix_button_names (GTK_WIDGET (self));

  return self;
}
