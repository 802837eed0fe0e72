/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-schedule"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mlp-schedule.h"

#define SECONDS_PER_DAY 86400

/* Review times further out than this are clamped before the local-time
 * arithmetic, so that adding a UTC offset can never overflow. */
#define TIME_LIMIT (G_MAXINT64 / 4)

static gboolean
is_due (const MlpCard *card,
        gint64         now)
{
  /* G_MAXINT64 is "not queued", whatever now is. */
  return card->due_at != G_MAXINT64 && card->due_at <= now;
}

static gboolean
is_new (const MlpCard *card)
{
  return !(card->stability > 0);
}

static double
elapsed_days (gint64 from,
              gint64 to)
{
  return ((double) to - (double) from) / SECONDS_PER_DAY;
}

/* The day number, counted from 1970-01-01, of @t in @tz's local calendar.
 * The offset is the one in force at @t, so DST days (23 or 25 hours) and
 * changes of a zone's rules are handled like any other day. */
static gint64
local_day (GTimeZone *tz,
           gint64     t)
{
  int interval;
  gint64 local;

  t = CLAMP (t, -TIME_LIMIT, TIME_LIMIT);
  interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, t);
  local = t + (interval >= 0 ? g_time_zone_get_offset (tz, interval) : 0);

  /* Floor division: the day before the epoch is -1, not 0. */
  return local >= 0 ? local / SECONDS_PER_DAY
                    : -((-local + SECONDS_PER_DAY - 1) / SECONDS_PER_DAY);
}

typedef struct
{
  double key;      /* new cards: 0; reviewed cards: −t/S (see below) */
  gint64 due_at;
  guint  index;
  guint  reviewed; /* 0 sorts first */
} QueueEntry;

static int
compare_entries (const void *a,
                 const void *b)
{
  const QueueEntry *x = a, *y = b;

  if (x->reviewed != y->reviewed)
    return x->reviewed < y->reviewed ? -1 : 1;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  if (x->due_at != y->due_at)
    return x->due_at < y->due_at ? -1 : 1;
  if (x->index != y->index)
    return x->index < y->index ? -1 : 1;
  return 0;
}

/**
 * mlp_schedule_due_queue:
 * @cards: (array length=n_cards): the questions
 * @n_cards: how many
 * @now: the time to build the queue for
 * @out: (out caller-allocates) (array): room for at least as many indices
 *   as there are due cards (@n_cards always suffices)
 *
 * Writes into @out the indices (#MlpCard.index) of the cards due at @now
 * (due_at ≤ now), most at risk first: never-reviewed but queued cards
 * (stability 0) first, by due date; then reviewed cards by ascending
 * retrievability at @now. Ties go to the earlier due date, then to the
 * lower index.
 *
 * Returns: how many indices were written
 */
guint
mlp_schedule_due_queue (const MlpCard *cards,
                        guint          n_cards,
                        gint64         now,
                        guint         *out)
{
  g_autofree QueueEntry *entries = NULL;
  guint n = 0;

  g_return_val_if_fail (cards != NULL || n_cards == 0, 0);
  g_return_val_if_fail (out != NULL || n_cards == 0, 0);

  if (n_cards == 0)
    return 0;

  entries = g_new (QueueEntry, n_cards);

  for (guint i = 0; i < n_cards; i++)
    {
      const MlpCard *card = &cards[i];
      QueueEntry *entry;

      if (!is_due (card, now))
        continue;

      entry = &entries[n++];
      entry->due_at = card->due_at;
      entry->index = card->index;
      entry->reviewed = !is_new (card);
      /* R(t, S) = (1 + FACTOR·t/S)^−0.5 strictly decreases as t/S grows,
       * so ordering by −t/S is ordering by R, exactly, without a pow()
       * per card. */
      entry->key = entry->reviewed
                   ? -(MAX (elapsed_days (card->last_review, now), 0) / card->stability)
                   : 0;
    }

  qsort (entries, n, sizeof *entries, compare_entries);

  for (guint i = 0; i < n; i++)
    out[i] = entries[i].index;

  return n;
}

/**
 * mlp_schedule_count_due:
 * @cards: (array length=n_cards): the questions
 * @n_cards: how many
 * @now: the time to count for
 *
 * Returns: how many cards mlp_schedule_due_queue() would return
 */
guint
mlp_schedule_count_due (const MlpCard *cards,
                        guint          n_cards,
                        gint64         now)
{
  guint n = 0;

  g_return_val_if_fail (cards != NULL || n_cards == 0, 0);

  for (guint i = 0; i < n_cards; i++)
    n += is_due (&cards[i], now);

  return n;
}

/**
 * mlp_schedule_mean_retrievability:
 * @cards: (array length=n_cards): the questions
 * @n_cards: how many
 * @now: the time to predict for
 *
 * The predicted retrievability of every card at @now, averaged; a card
 * never reviewed counts as 0.
 *
 * Returns: the mean, 0 … 1; 0 for no cards
 */
double
mlp_schedule_mean_retrievability (const MlpCard *cards,
                                  guint          n_cards,
                                  gint64         now)
{
  double sum = 0;

  g_return_val_if_fail (cards != NULL || n_cards == 0, 0);

  if (n_cards == 0)
    return 0;

  for (guint i = 0; i < n_cards; i++)
    if (!is_new (&cards[i]))
      sum += mlp_fsrs_retrievability (elapsed_days (cards[i].last_review, now),
                                      cards[i].stability);

  return sum / n_cards;
}

static int
compare_days_descending (const void *a,
                         const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x > y ? -1 : x < y;
}

/**
 * mlp_schedule_streak:
 * @review_times: (array length=n): when reviews happened, in any order
 * @n: how many
 * @tz: the time zone whose calendar days count
 * @now: the current time
 *
 * Counts the days in a row, in @tz's local calendar, with at least one
 * review, ending today — or ending yesterday when there is none yet
 * today, since the streak is still alive until midnight. Reviews after
 * today are ignored.
 *
 * Returns: the streak in days
 */
guint
mlp_schedule_streak (const gint64 *review_times,
                     guint         n,
                     GTimeZone    *tz,
                     gint64        now)
{
  g_autofree gint64 *days = NULL;
  gint64 today, expected;
  guint n_days = 0, streak = 0;

  g_return_val_if_fail (review_times != NULL || n == 0, 0);
  g_return_val_if_fail (tz != NULL, 0);

  if (n == 0)
    return 0;

  today = local_day (tz, now);
  days = g_new (gint64, n);
  for (guint i = 0; i < n; i++)
    {
      gint64 day = local_day (tz, review_times[i]);

      if (day <= today)
        days[n_days++] = day;
    }

  if (n_days == 0)
    return 0;

  qsort (days, n_days, sizeof *days, compare_days_descending);

  expected = days[0] == today ? today : today - 1;
  for (guint i = 0; i < n_days; i++)
    {
      if (days[i] > expected)   /* another review on a day already counted */
        continue;
      if (days[i] < expected)   /* a gap */
        break;
      streak++;
      expected--;
    }

  return streak;
}

/**
 * mlp_schedule_reviews_per_day:
 * @review_times: (array length=n): when reviews happened, in any order
 * @n: how many
 * @tz: the time zone whose calendar days count
 * @now: the current time
 * @n_days: how many days to count
 * @counts: (out caller-allocates) (array length=n_days): the counts
 *
 * Buckets reviews by local calendar day in @tz: @counts[@n_days − 1] is
 * today, @counts[0] is @n_days − 1 days ago. Older and later reviews are
 * ignored.
 */
void
mlp_schedule_reviews_per_day (const gint64 *review_times,
                              guint         n,
                              GTimeZone    *tz,
                              gint64        now,
                              guint         n_days,
                              guint        *counts)
{
  gint64 today;

  g_return_if_fail (review_times != NULL || n == 0);
  g_return_if_fail (tz != NULL);
  g_return_if_fail (counts != NULL || n_days == 0);

  if (n_days == 0)
    return;

  memset (counts, 0, n_days * sizeof *counts);
  today = local_day (tz, now);

  for (guint i = 0; i < n; i++)
    {
      gint64 ago = today - local_day (tz, review_times[i]);

      if (ago >= 0 && ago < n_days)
        counts[n_days - 1 - ago]++;
    }
}

/* How many reviews, answering Good, one card needs from @now so that its
 * next due date is not before @interview_at. */
static guint
reviews_before (const MlpFsrsParams *params,
                const MlpCard       *card,
                gint64               now,
                gint64               interview_at)
{
  MlpFsrsMemory memory;
  gint64 last;
  guint n = 0;

  if (is_new (card))
    {
      memory = mlp_fsrs_next (params, NULL, 0, MLP_GRADE_GOOD);
      last = now;
      n++;
    }
  else
    {
      double interval = mlp_fsrs_interval (params, card->stability);

      memory.stability = card->stability;
      memory.difficulty = card->difficulty;
      last = CLAMP (card->last_review, -TIME_LIMIT, now);

      /* Overdue by its stored due date, or by this retention. */
      if (card->due_at <= now || last + (gint64) interval * SECONDS_PER_DAY <= now)
        {
          memory = mlp_fsrs_next (params, &memory, elapsed_days (last, now), MLP_GRADE_GOOD);
          last = now;
          n++;
        }
    }

  /* Intervals are at least a day, so this ends; Good answers make them
   * grow, so it ends quickly. */
  for (;;)
    {
      double interval = mlp_fsrs_interval (params, memory.stability);
      gint64 due = last + (gint64) interval * SECONDS_PER_DAY;

      if (due >= interview_at)
        break;

      memory = mlp_fsrs_next (params, &memory, interval, MLP_GRADE_GOOD);
      last = due;
      n++;
    }

  return n;
}

/**
 * mlp_schedule_plan:
 * @params: the scheduler parameters; their desired retention is the goal
 * @cards: (array length=n_cards): the questions
 * @n_cards: how many
 * @now: the current time
 * @interview_at: when the interview is
 * @tz: the time zone whose calendar days count
 * @total_out: (out) (optional): the total number of reviews
 *
 * How many reviews a day it takes, answering Good, to reach the interview
 * with every card at the desired retention. Each card is simulated: a card
 * never reviewed (queued or not) is reviewed now; a card overdue is
 * reviewed now; then every card is reviewed at each due date (last review
 * + mlp_fsrs_interval()) that falls before @interview_at. The sum is
 * spread over the calendar days from today to the interview day (at least
 * one) and rounded up. When @interview_at is not after @now, every new or
 * due card is needed today.
 *
 * The intervals are whole days, as the app schedules them, so a card whose
 * unrounded interval was rounded up can reach the interview a little
 * below the retention; the plan describes what the app will ask, not a
 * finer schedule.
 *
 * Returns: reviews a day
 */
guint
mlp_schedule_plan (const MlpFsrsParams *params,
                   const MlpCard       *cards,
                   guint                n_cards,
                   gint64               now,
                   gint64               interview_at,
                   GTimeZone           *tz,
                   guint               *total_out)
{
  guint64 total = 0, per_day;

  if (total_out != NULL)
    *total_out = 0;

  g_return_val_if_fail (params != NULL, 0);
  g_return_val_if_fail (cards != NULL || n_cards == 0, 0);
  g_return_val_if_fail (tz != NULL, 0);

  if (interview_at <= now)
    {
      for (guint i = 0; i < n_cards; i++)
        total += is_new (&cards[i]) || is_due (&cards[i], now);
      per_day = total;
    }
  else
    {
      gint64 days;

      for (guint i = 0; i < n_cards; i++)
        total += reviews_before (params, &cards[i], now, interview_at);

      days = MAX (local_day (tz, interview_at) - local_day (tz, now), 1);
      per_day = (total + days - 1) / days;
    }

  if (total_out != NULL)
    *total_out = MIN (total, G_MAXUINT);

  return MIN (per_day, G_MAXUINT);
}
