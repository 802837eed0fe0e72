/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Times 1,000 ticks on a real file: how long the property change (what
 * the check button's binding does) blocks the main loop, the library
 * writing from the notify handler ("block"), and how long until the store's
 * syncer has made the commit durable ("tick", toggle to durable); next to
 * the floor of the same disk: a small write plus fdatasync. */
#include "config.h"

#include <fcntl.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "mlp-library.h"

#define N_TICKS 1000

static int
compare (gconstpointer a,
         gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

static void
report (const char *name,
        GArray     *times)
{
  g_array_sort (times, compare);
  g_print ("%s-p50-us %" G_GINT64_FORMAT "\n%s-p99-us %" G_GINT64_FORMAT "\n%s-max-us %" G_GINT64_FORMAT "\n",
           name, g_array_index (times, gint64, times->len / 2),
           name, g_array_index (times, gint64, times->len * 99 / 100),
           name, g_array_index (times, gint64, times->len - 1));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("mlprep-bench-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "progress.db", NULL);
  g_autofree char *floor_path = g_build_filename (dir, "floor", NULL);
  g_autoptr(MlpCatalog) catalog = mlp_catalog_new ();
  g_autoptr(MlpStore) store = NULL;
  g_autoptr(MlpLibrary) library = NULL;
  g_autoptr(GArray) ticks = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) blocks = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) floor = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GListModel *stages;
  int fd;

  mlp_catalog_load_resources (catalog, RESOURCE_BASE "/content/");
  store = mlp_store_open (db, &error);
  g_assert_no_error (error);
  library = mlp_library_new (catalog, store);

  stages = mlp_catalog_get_stages (catalog);
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(MlpStage) stage = g_list_model_get_item (stages, i);
      GListModel *list = mlp_stage_get_items (stage);

      for (guint j = 0; j < g_list_model_get_n_items (list); j++)
        g_ptr_array_add (items, g_list_model_get_item (list, j));
    }

  for (guint i = 0; i < N_TICKS; i++)
    {
      MlpCheckItem *item = g_ptr_array_index (items, i % items->len);
      gint64 start = g_get_monotonic_time ();
      gint64 blocked, durable;

      /* The library writes synchronously from the notify handler. */
      mlp_check_item_set_checked (item, !mlp_check_item_get_checked (item));
      blocked = g_get_monotonic_time () - start;
      g_assert_true (mlp_store_wait_durable (store, mlp_store_get_commit_serial (store),
                                             10 * G_TIME_SPAN_SECOND));
      durable = g_get_monotonic_time () - start;
      g_array_append_val (blocks, blocked);
      g_array_append_val (ticks, durable);
    }

  fd = open (floor_path, O_WRONLY | O_CREAT | O_APPEND, 0600);
  for (guint i = 0; i < N_TICKS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_assert_cmpint (write (fd, "tick tick tick tick tick tick\n", 30), ==, 30);
      fdatasync (fd);
      gint64 elapsed = g_get_monotonic_time () - start;
      g_array_append_val (floor, elapsed);
    }
  close (fd);

  report ("tick", ticks);
  report ("block", blocks);
  report ("fsync", floor);

  for (guint i = 0; i < items->len; i++)
    g_object_unref (g_ptr_array_index (items, i));
  g_clear_object (&library);
  g_clear_object (&store);
  for (const char * const *s = (const char * const[]){ "progress.db", "progress.db-wal", "progress.db-shm", "floor", NULL }; *s; s++)
    {
      g_autofree char *path = g_build_filename (dir, *s, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
  return 0;
}
