/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-application"

#include "config.h"

#include <glib/gi18n.h>

#include "mlp-application.h"
#include "mlp-preferences-window.h"
#include "mlp-startup-probe.h"
#include "mlp-window.h"

struct _MlpApplication
{
  AdwApplication  parent_instance;

  MlpLibrary     *library;
  GSettings      *settings;
  GPtrArray      *problems;   /* char *, sentences for the window to show */
};

G_DEFINE_FINAL_TYPE (MlpApplication, mlp_application, ADW_TYPE_APPLICATION)

static MlpStore *
open_store (MlpApplication *self)
{
  g_autofree char *path = mlp_store_default_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MlpStore) store = NULL;

  store = mlp_store_open (path, &error);

  if (store == NULL)
    {
      g_warning ("%s", error->message);
      if (g_error_matches (error, MLP_STORE_ERROR, MLP_STORE_ERROR_TOO_NEW))
        g_ptr_array_add (self->problems,
                         g_strdup_printf (_("Your progress was saved by a newer version of MLPrep, "
                                            "which this version cannot read. The file %s is untouched. "
                                            "Update MLPrep to continue with it; what you do now is kept "
                                            "only until you quit."), path));
      else
        {
          g_autoptr(MlpStore) copy = NULL;

          g_ptr_array_add (self->problems,
                           g_strdup_printf (_("Your progress cannot be saved: %s. "
                                              "Check that the folder is writable and the disk is not full. "
                                              "What you do now is kept only until you quit."),
                                            error->message));
          /* Still show what was saved before, if the file can be read. */
          if ((copy = mlp_store_new_in_memory_copy (path, NULL)))
            return g_steal_pointer (&copy);
        }
      return mlp_store_new_in_memory ();
    }

  switch (mlp_store_get_recovery (store))
    {
    case MLP_STORE_RECOVERY_DAMAGED:
      g_ptr_array_add (self->problems,
                       g_strdup_printf (_("The progress database was damaged, so MLPrep moved it to %s "
                                          "and started a new one. Keep the old file if you want to try "
                                          "to recover it."),
                                        mlp_store_get_moved_aside_path (store)));
      break;
    case MLP_STORE_RECOVERY_EMPTY:
      g_ptr_array_add (self->problems,
                       g_strdup_printf (_("The progress database was an empty file, so MLPrep moved it "
                                          "to %s and started a new one. Nothing in it could be kept."),
                                        mlp_store_get_moved_aside_path (store)));
      break;
    case MLP_STORE_RECOVERY_FOREIGN:
      g_ptr_array_add (self->problems,
                       g_strdup_printf (_("Where MLPrep keeps your progress there was a database of "
                                          "another program. MLPrep moved it, unchanged, to %s and "
                                          "started a new one."),
                                        mlp_store_get_moved_aside_path (store)));
      break;
    case MLP_STORE_RECOVERY_NONE:
    default:
      break;
    }

  return g_steal_pointer (&store);
}

static MlpCatalog *
load_catalog (MlpApplication *self)
{
  g_autoptr(MlpCatalog) catalog = mlp_catalog_new ();
  g_autofree char *packs = g_build_filename (g_get_user_data_dir (), "mlprep", "packs", NULL);
  g_autofree char *index = g_build_filename (g_get_user_cache_dir (), "mlprep", "pack-index", NULL);
  g_autoptr(GError) index_error = NULL;
  GPtrArray *errors;

  /* Packs seen before come from the index; see mlp_catalog_use_index(). */
  mlp_catalog_use_index (catalog, index);
  mlp_catalog_load_resources (catalog, RESOURCE_BASE "/content/");
  mlp_catalog_load_directory (catalog, packs);
  mlp_startup_probe_value ("packs-parsed", mlp_catalog_get_n_parsed (catalog));
  /* Only a cache: without it the next start reads every pack again. */
  if (!mlp_catalog_save_index (catalog, &index_error))
    g_message ("The pack index was not saved: %s", index_error->message);

  errors = mlp_catalog_get_errors (catalog);
  for (guint i = 0; i < errors->len; i++)
    {
      const GError *error = g_ptr_array_index (errors, i);

      g_warning ("%s", error->message);
      /* Translators: the placeholder is the file, the JSON path and the problem */
      g_ptr_array_add (self->problems,
                       g_strdup_printf (_("A content pack was not loaded: %s. "
                                          "Fix the file or remove it; the other stages work as usual."),
                                        error->message));
    }

  return g_steal_pointer (&catalog);
}

/* The first start of each day copies the progress aside; in idle time,
 * so the window comes first. */
static gboolean
backup_daily (gpointer user_data)
{
  MlpApplication *self = user_data;
  MlpStore *store = mlp_library_get_store (self->library);
  g_autofree char *folder = mlp_store_default_backup_folder ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (mlp_store_get_path (store) != NULL &&
      !(path = mlp_store_backup_daily (store, folder, now, &error)) && error != NULL)
    g_message ("No daily backup today: %s", error->message);

  return G_SOURCE_REMOVE;
}

static void
on_retention_changed (MlpApplication *self)
{
  if (self->library != NULL)
    mlp_library_set_desired_retention (self->library,
                                       g_settings_get_double (self->settings, "desired-retention"));
}

static void
on_style_changed (MlpApplication *self)
{
  g_autofree char *style = g_settings_get_string (self->settings, "style");
  AdwColorScheme scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (style, "light"))
    scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (style, "dark"))
    scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
}

static void
mlp_application_startup (GApplication *app)
{
  MlpApplication *self = MLP_APPLICATION (app);
  g_autoptr(MlpCatalog) catalog = NULL;
  g_autoptr(MlpStore) store = NULL;

  G_APPLICATION_CLASS (mlp_application_parent_class)->startup (app);
  mlp_startup_probe_mark ("gtk-startup");

  g_set_application_name (_("MLPrep"));
  gtk_window_set_default_icon_name (APP_ID);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_swapped (self->settings, "changed::style", G_CALLBACK (on_style_changed), self);
  on_style_changed (self);

  catalog = load_catalog (self);
  mlp_startup_probe_mark ("catalog");
  store = open_store (self);
  mlp_startup_probe_mark ("store");
  self->library = mlp_library_new (catalog, store);
  mlp_startup_probe_mark ("library");
  g_signal_connect_swapped (self->settings, "changed::desired-retention",
                            G_CALLBACK (on_retention_changed), self);
  on_retention_changed (self);
  g_idle_add_full (G_PRIORITY_LOW, backup_daily, g_object_ref (self), g_object_unref);
}

static void
mlp_application_activate (GApplication *app)
{
  MlpApplication *self = MLP_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (mlp_window_new (self));
  mlp_startup_probe_mark ("window");
  gtk_window_present (window);
  mlp_startup_probe_mark ("present");
}

static MlpWindow *
get_main_window (MlpApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (MLP_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

/* Runs in the first instance, also for a second launch: mlprep --stage
 * ID switches the open window to that stage. */
static int
mlp_application_command_line (GApplication            *app,
                              GApplicationCommandLine *command_line)
{
  MlpApplication *self = MLP_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  MlpCatalog *catalog = mlp_library_get_catalog (self->library);
  const char *stage_id = NULL;
  MlpWindow *window;

  if (g_variant_dict_lookup (options, "stage", "&s", &stage_id) &&
      mlp_catalog_find_stage (catalog, stage_id) == NULL)
    {
      GListModel *stages = mlp_catalog_get_stages (catalog);
      g_autoptr(GString) message = g_string_new (NULL);

      /* Translators: the placeholder is what the user typed after --stage; the stages' ids and titles follow */
      g_string_append_printf (message, _("There is no stage “%s”. The stages are:"), stage_id);
      g_string_append_c (message, '\n');
      for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
        {
          g_autoptr(MlpStage) stage = g_list_model_get_item (stages, i);

          g_string_append_printf (message, "  %-20s %s\n", mlp_stage_get_id (stage), mlp_stage_get_title (stage));
        }
      g_application_command_line_printerr (command_line, "%s", message->str);
      return EXIT_FAILURE;
    }

  g_application_activate (app);
  window = get_main_window (self);
  if (stage_id != NULL)
    mlp_window_select_stage (window, stage_id);
  /* The review session's window action, where there is one. */
  if (g_variant_dict_contains (options, "review"))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.start-review", NULL);

  return EXIT_SUCCESS;
}

static void
mlp_application_finalize (GObject *object)
{
  MlpApplication *self = (MlpApplication *)object;

  g_clear_object (&self->library);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (mlp_application_parent_class)->finalize (object);
}

static void
on_quit (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  MlpApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing the windows lets them save their state first. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (G_APPLICATION (self));
}

static void
on_about (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  MlpApplication *self = user_data;
  static const char *developers[] = { "The MLPrep developers", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  static const char *content_sources[] = {
    "Breck et al., The ML Test Score (IEEE Big Data 2017)",
    "Zinkevich, Rules of Machine Learning (Google)",
    "Sculley et al., Hidden Technical Debt in ML Systems (NeurIPS 2015)",
    "Huyen, Designing Machine Learning Systems (O’Reilly 2022)",
    "Kohavi, Tang & Xu, Trustworthy Online Controlled Experiments (2020)",
    "Mitchell et al., Model Cards for Model Reporting (FAT* 2019)",
    "Gebru et al., Datasheets for Datasets (CACM 2021)",
    "Google Cloud, MLOps: Continuous delivery and automation pipelines in ML",
    "Beyer et al., Site Reliability Engineering and The Site Reliability Workbook (O’Reilly)",
    "Hardt, Price & Srebro (NeurIPS 2016); Kleinberg, Mullainathan & Raghavan (ITCS 2017); Chouldechova (Big Data 2017)",
    NULL
  };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about), window);
  /* Translators: a heading in the About window's credits */
  adw_about_window_add_credit_section (about, _("Study Content Sources"), content_sources);
  g_object_set (about,
                         "application-name", _("MLPrep"),
                         "application-icon", APP_ID,
                         "developer-name", _("The MLPrep developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Prepare for interview questions on putting machine-learning models into production"),
                         "developers", developers,
                         /* Translators: replace with your name and email, one per line */
                         "translator-credits", _("translator-credits"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 The MLPrep developers",
                         NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
on_preferences (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  MlpApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *folder = mlp_store_default_backup_folder ();

  GtkWindow *preferences = GTK_WINDOW (mlp_preferences_window_new (window, self->library, folder));

  /* Part of the application, so its shortcuts (Ctrl+Q) work there too. */
  gtk_window_set_application (preferences, GTK_APPLICATION (self));
  gtk_window_present (preferences);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = on_quit },
  { .name = "preferences", .activate = on_preferences },
  { .name = "about", .activate = on_about },
};

static void
mlp_application_class_init (MlpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = mlp_application_finalize;
  app_class->startup = mlp_application_startup;
  app_class->activate = mlp_application_activate;
  app_class->command_line = mlp_application_command_line;
}

static void
mlp_application_init (MlpApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *undo_accels[] = { "<Control>z", NULL };
  static const char *redo_accels[] = { "<Control><Shift>z", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  static const GOptionEntry options[] = {
    { "stage", 0, 0, G_OPTION_ARG_STRING, NULL,
      /* Translators: in mlprep --help; “monitoring” is a stage id, leave it untranslated */
      N_("Open the stage with this id, e.g. “monitoring”"), N_("ID") },
    { "review", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Start a review session"), NULL },
    { NULL }
  };

  self->problems = g_ptr_array_new_with_free_func (g_free);
  g_application_add_main_option_entries (G_APPLICATION (self), options);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.undo", undo_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.redo", redo_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", shortcuts_accels);
}

MlpApplication *
mlp_application_new (void)
{
  return g_object_new (MLP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * mlp_application_get_library:
 *
 * Returns: (transfer none): the content with its progress
 */
MlpLibrary *
mlp_application_get_library (MlpApplication *self)
{
  g_return_val_if_fail (MLP_IS_APPLICATION (self), NULL);
  return self->library;
}

/**
 * mlp_application_get_problems:
 *
 * Returns: (transfer none) (element-type utf8): what went wrong at
 *   start-up, in sentences the window shows the user
 */
GPtrArray *
mlp_application_get_problems (MlpApplication *self)
{
  g_return_val_if_fail (MLP_IS_APPLICATION (self), NULL);
  return self->problems;
}
