/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "mlp-application.h"
#include "mlp-startup-probe.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MlpApplication) app = NULL;
  const char *localedir = g_getenv ("MLPREP_LOCALEDIR");

  mlp_startup_probe_mark ("main");
  /* Bind the catalog now; strings are only translated once the
   * application runs and GTK has set the locale. MLPREP_LOCALEDIR lets the
   * uninstalled build and its tests use the catalogs in the build tree. */
  /* So that --help is in the user's language too. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = mlp_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
