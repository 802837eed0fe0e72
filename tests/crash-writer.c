/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the crash-safety test: ticks items and records answers in the
 * store at argv[1] as fast as it can (or with argv[3] milliseconds between
 * actions, like a person), and after each write that returned (committed:
 * it survives the process being killed; the store's syncer makes it
 * survive power loss shortly after) prints "tick ID" or "attempt ID" on
 * stdout. It runs until it is killed. */
#include "config.h"

#include <stdio.h>

#include "mlp-store.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MlpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *round;
  guint pause_ms;

  if (argc != 3 && argc != 4)
    {
      g_printerr ("usage: crash-writer DATABASE ROUND [PAUSE-MS]\n");
      return 2;
    }
  round = argv[2];
  pause_ms = argc == 4 ? (guint)g_ascii_strtoull (argv[3], NULL, 10) : 0;

  store = mlp_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (guint i = 0; ; i++)
    {
      g_autofree char *id = g_strdup_printf ("crash.r%s.item-%u", round, i);
      g_autofree char *question = g_strdup_printf ("crash.q.r%s-%u", round, i);
      MlpAttempt attempt = { .question_id = question, .choice_id = "b", .correct = i % 2,
                             .answered_at = i, .answer_text = "an answer" };

      if (!mlp_store_set_checked (store, id, TRUE, i, &error))
        break;
      printf ("tick %s\n", id);
      fflush (stdout);

      if (!mlp_store_add_attempt (store, &attempt, &error))
        break;
      printf ("attempt %s\n", question);
      fflush (stdout);

      if (pause_ms > 0)
        g_usleep (pause_ms * 1000);
    }

  g_printerr ("%s\n", error->message);
  return 1;
}
