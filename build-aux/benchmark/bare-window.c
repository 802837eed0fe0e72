/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The floor for the start-up benchmark: an AdwApplicationWindow with a
 * header bar and nothing else, built from the same tree and measured by the
 * same probe as MLPrep. */
#include "config.h"

#include <adwaita.h>

#include "mlp-startup-probe.h"

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window, *box;

  mlp_startup_probe_mark ("gtk-startup");
  window = adw_application_window_new (app);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  mlp_startup_probe_attach (GTK_WINDOW (window));
  mlp_startup_probe_mark ("window");
  gtk_window_present (GTK_WINDOW (window));
  mlp_startup_probe_mark ("present");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  mlp_startup_probe_mark ("main");
  app = adw_application_new ("com.example.MLPrep.BareWindow", G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
