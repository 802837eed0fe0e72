/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "mlp-fsrs.h"

G_BEGIN_DECLS

/*
 * The review schedule over many questions, as pure functions over plain
 * arrays: no GObject, no storage. Times are Unix seconds.
 */

typedef struct
{
  guint  index;        /* caller's own index */
  gint64 due_at;       /* Unix seconds; G_MAXINT64 when never reviewed and not queued */
  gint64 last_review;  /* Unix seconds; 0 when never reviewed */
  double stability;    /* 0 when never reviewed */
  double difficulty;
} MlpCard;

guint  mlp_schedule_due_queue            (const MlpCard       *cards,
                                          guint                n_cards,
                                          gint64               now,
                                          guint               *out);
guint  mlp_schedule_count_due            (const MlpCard       *cards,
                                          guint                n_cards,
                                          gint64               now);
double mlp_schedule_mean_retrievability  (const MlpCard       *cards,
                                          guint                n_cards,
                                          gint64               now);
guint  mlp_schedule_streak               (const gint64        *review_times,
                                          guint                n,
                                          GTimeZone           *tz,
                                          gint64               now);
void   mlp_schedule_reviews_per_day      (const gint64        *review_times,
                                          guint                n,
                                          GTimeZone           *tz,
                                          gint64               now,
                                          guint                n_days,
                                          guint               *counts);
guint  mlp_schedule_plan                 (const MlpFsrsParams *params,
                                          const MlpCard       *cards,
                                          guint                n_cards,
                                          gint64               now,
                                          gint64               interview_at,
                                          GTimeZone           *tz,
                                          guint               *total_out);

G_END_DECLS
