/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-fsrs"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mlp-fsrs.h"

/*
 * FSRS-5, transcribed from the reference implementations of the
 * open-spaced-repetition project and checked line by line against them:
 *
 *  - fsrs-rs, src/model.rs and src/inference.rs (the crate Anki uses), at
 *    commit 0053f9945de08f6c3119532c77969afb3198e022, which holds the 19
 *    FSRS-5 default parameters below, DECAY, FACTOR and S_MIN;
 *  - fsrs-rs pull request #257 (v1.4.4, December 2024, shipped in Anki
 *    through ankitects/anki#3628), "consider short term params when
 *    clipping post-lapse stability", mirrored by py-fsrs #72, ts-fsrs #142
 *    and go-fsrs #30;
 *  - py-fsrs, src/fsrs/fsrs.py at commit
 *    00f9cacf23421c4d24a572f403b80ec69f66d8ae (Scheduler, FSRS-5 with the
 *    same defaults, the #72 clip, and the interval rounding used here).
 *
 * Names follow the "The Algorithm" wiki page: G is the grade (1 … 4),
 * S stability, D difficulty, R retrievability, t elapsed days.
 */

/* fsrs-rs inference.rs: DECAY = -0.5; FACTOR = 0.9^(1/DECAY) - 1 = 19/81,
 * so that R(S, S) = 0.9. */
#define DECAY (-0.5)
#define FACTOR (19.0 / 81.0)

/* fsrs-rs inference.rs S_MIN = 0.01; model.rs step() clamps every new
 * stability to [S_MIN, 36500]. Difficulty is clamped to [1, 10] there too. */
#define S_MIN 0.01
#define S_MAX 36500.0
#define D_MIN 1.0
#define D_MAX 10.0

/* fsrs-rs inference.rs DEFAULT_PARAMETERS (FSRS-5); identical in py-fsrs
 * v4's Scheduler defaults. */
static const double default_weights[MLP_FSRS_N_WEIGHTS] = {
  0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046,
  1.54575, 0.1192, 1.01925, 1.9395, 0.11, 0.29605, 2.2698, 0.2315,
  2.9898, 0.51655, 0.6621,
};

/**
 * mlp_fsrs_params_init:
 * @params: the parameters to fill in
 * @desired_retention: the probability of recall to schedule for; clamped
 *   to 0.70 … 0.99 (a NaN gives %MLP_FSRS_DEFAULT_RETENTION)
 *
 * Fills @params with the published FSRS-5 default weights.
 */
void
mlp_fsrs_params_init (MlpFsrsParams *params,
                      double         desired_retention)
{
  g_return_if_fail (params != NULL);

  memcpy (params->w, default_weights, sizeof params->w);
  if (isnan (desired_retention))
    desired_retention = MLP_FSRS_DEFAULT_RETENTION;
  params->desired_retention = CLAMP (desired_retention, 0.70, 0.99);
  params->maximum_interval = MLP_FSRS_MAX_INTERVAL_DAYS;
}

/**
 * mlp_fsrs_retrievability:
 * @elapsed_days: days since the last review (negative counts as 0)
 * @stability: the memory's stability in days
 *
 * The FSRS-5 power forgetting curve, R(t, S) = (1 + FACTOR·t/S)^DECAY
 * (fsrs-rs model.rs power_forgetting_curve). A memory with no stability
 * (never reviewed) has retrievability 0, as in py-fsrs
 * Card.get_retrievability.
 *
 * Returns: the predicted probability of recall, 0 … 1
 */
double
mlp_fsrs_retrievability (double elapsed_days,
                         double stability)
{
  if (!(stability > 0))
    return 0;

  return pow (1 + FACTOR * MAX (elapsed_days, 0) / stability, DECAY);
}

/**
 * mlp_fsrs_interval:
 * @params: the scheduler parameters
 * @stability: the memory's stability in days
 *
 * The days until retrievability falls to the desired retention,
 * I(r, S) = S/FACTOR·(r^(1/DECAY) − 1) (fsrs-rs inference.rs
 * next_interval), rounded to whole days, at least 1 and at most the
 * maximum interval (py-fsrs Scheduler._next_interval).
 *
 * Returns: a whole number of days
 */
double
mlp_fsrs_interval (const MlpFsrsParams *params,
                   double               stability)
{
  double interval;

  g_return_val_if_fail (params != NULL, 1);

  interval = MAX (stability, 0) / FACTOR
             * (pow (params->desired_retention, 1 / DECAY) - 1);
  interval = round (interval);

  return CLAMP (interval, 1, MAX (params->maximum_interval, 1));
}

/* S0(G) = w[G-1] (model.rs init_stability). */
static double
initial_stability (const double *w,
                   MlpGrade      grade)
{
  return w[grade - 1];
}

/* D0(G) = w4 − e^(w5·(G−1)) + 1 (model.rs init_difficulty). Not clamped
 * here: the mean reversion target D0(4) is used unclamped. */
static double
initial_difficulty (const double *w,
                    MlpGrade      grade)
{
  return w[4] - exp (w[5] * ((double) grade - 1)) + 1;
}

/* model.rs next_difficulty + mean_reversion:
 *   ΔD = −w6·(G − 3)
 *   D' = D + ΔD·(10 − D)/9          (linear damping)
 *   D'' = w7·D0(4) + (1 − w7)·D'   (mean reversion), clamped to [1, 10] */
static double
next_difficulty (const double *w,
                 double        d,
                 MlpGrade      grade)
{
  double delta = -w[6] * ((double) grade - 3);
  double damped = d + delta * (10 - d) / 9;
  double reverted = w[7] * initial_difficulty (w, MLP_GRADE_EASY) + (1 - w[7]) * damped;

  return CLAMP (reverted, D_MIN, D_MAX);
}

/* model.rs stability_after_success:
 *   S'r = S·(e^w8·(11 − D)·S^(−w9)·(e^(w10·(1 − R)) − 1)·w15[G=2]·w16[G=4] + 1) */
static double
recall_stability (const double *w,
                  double        s,
                  double        d,
                  double        r,
                  MlpGrade      grade)
{
  double hard_penalty = grade == MLP_GRADE_HARD ? w[15] : 1;
  double easy_bonus = grade == MLP_GRADE_EASY ? w[16] : 1;

  return s * (exp (w[8]) * (11 - d) * pow (s, -w[9])
              * (exp (w[10] * (1 - r)) - 1) * hard_penalty * easy_bonus + 1);
}

/* model.rs stability_after_failure:
 *   S'f = w11·D^(−w12)·((S + 1)^w13 − 1)·e^(w14·(1 − R)),
 * capped at S / e^(w17·w18) since fsrs-rs #257 (before it, at S itself).
 * With w17, w18 ≥ 0 the cap never exceeds S; the outer MIN keeps "a lapse
 * never raises stability" true for any weights. */
static double
forget_stability (const double *w,
                  double        s,
                  double        d,
                  double        r)
{
  double forget = w[11] * pow (d, -w[12]) * (pow (s + 1, w[13]) - 1)
                  * exp (w[14] * (1 - r));
  double cap = MIN (s / exp (w[17] * w[18]), s);

  return MIN (forget, cap);
}

/* model.rs stability_short_term, used when the review is on the same day
 * (fsrs-rs: delta_t == 0 in whole days; py-fsrs: less than one day):
 *   S' = S·e^(w17·(G − 3 + w18)) */
static double
short_term_stability (const double *w,
                      double        s,
                      MlpGrade      grade)
{
  return s * exp (w[17] * ((double) grade - 3 + w[18]));
}

/**
 * mlp_fsrs_next:
 * @params: the scheduler parameters
 * @before: (nullable): the memory before the review; %NULL or a stability
 *   of 0 for a question never reviewed
 * @elapsed_days: days since the previous review; under 1 is a same-day
 *   review; ignored for a new question
 * @grade: how well it went
 *
 * One FSRS-5 review step (fsrs-rs model.rs step): a new question starts
 * at S0(G), D0(G); a same-day review uses the short-term stability for
 * every grade; otherwise Again gives the post-lapse stability and the
 * other grades the recall stability, with R taken at @elapsed_days.
 * Stability ends in [0.01, 36500], difficulty in [1, 10].
 *
 * Returns: the memory after the review
 */
MlpFsrsMemory
mlp_fsrs_next (const MlpFsrsParams *params,
               const MlpFsrsMemory *before,
               double               elapsed_days,
               MlpGrade             grade)
{
  MlpFsrsMemory after = { 0, 0 };
  const double *w;
  double s, d;

  g_return_val_if_fail (params != NULL, after);
  g_return_val_if_fail (grade >= MLP_GRADE_AGAIN && grade <= MLP_GRADE_EASY,
                        before != NULL ? *before : after);

  w = params->w;

  if (before == NULL || !(before->stability > 0))
    {
      after.stability = CLAMP (initial_stability (w, grade), S_MIN, S_MAX);
      after.difficulty = CLAMP (initial_difficulty (w, grade), D_MIN, D_MAX);
      return after;
    }

  /* As fsrs-rs does from v2 on, bring a stored state back into range
   * before using it; a no-op for anything this file produced. */
  s = CLAMP (before->stability, S_MIN, S_MAX);
  d = CLAMP (before->difficulty, D_MIN, D_MAX);
  elapsed_days = MAX (elapsed_days, 0);

  if (elapsed_days < 1)
    after.stability = short_term_stability (w, s, grade);
  else
    {
      double r = mlp_fsrs_retrievability (elapsed_days, s);

      if (grade == MLP_GRADE_AGAIN)
        after.stability = forget_stability (w, s, d, r);
      else
        after.stability = recall_stability (w, s, d, r, grade);
    }

  after.stability = CLAMP (after.stability, S_MIN, S_MAX);
  after.difficulty = next_difficulty (w, d, grade);

  return after;
}

/**
 * mlp_fsrs_grade_for_points:
 * @covered: how many of a scenario's key points the answer covered
 * @total: how many key points the scenario has
 *
 * Suggests a grade for a scenario answer from the fraction of key points
 * covered: under half is Again, under three quarters Hard, anything short
 * of all of them Good, all of them Easy. A scenario without key points
 * gives Good. @covered is capped at @total.
 *
 * Returns: the suggested grade
 */
MlpGrade
mlp_fsrs_grade_for_points (guint covered,
                           guint total)
{
  if (total == 0)
    return MLP_GRADE_GOOD;

  covered = MIN (covered, total);

  /* Integer comparisons: exact at the 1/2 and 3/4 boundaries. */
  if ((guint64) covered * 2 < total)
    return MLP_GRADE_AGAIN;
  if ((guint64) covered * 4 < (guint64) total * 3)
    return MLP_GRADE_HARD;
  if (covered < total)
    return MLP_GRADE_GOOD;

  return MLP_GRADE_EASY;
}
