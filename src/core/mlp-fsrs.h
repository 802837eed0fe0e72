/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * FSRS-5, the Free Spaced Repetition Scheduler (the scheduler Anki adopted),
 * as pure functions: no clock, no storage. Times are in days.
 */

#define MLP_FSRS_N_WEIGHTS 19
#define MLP_FSRS_DEFAULT_RETENTION 0.9
#define MLP_FSRS_MAX_INTERVAL_DAYS 36500.0

typedef enum
{
  MLP_GRADE_AGAIN = 1,
  MLP_GRADE_HARD  = 2,
  MLP_GRADE_GOOD  = 3,
  MLP_GRADE_EASY  = 4,
} MlpGrade;

typedef struct
{
  double w[MLP_FSRS_N_WEIGHTS];
  double desired_retention;     /* 0.70 … 0.99 */
  double maximum_interval;      /* days */
} MlpFsrsParams;

/* A question's memory state; stability 0 means never reviewed. */
typedef struct
{
  double stability;   /* days until retrievability falls to 90 % */
  double difficulty;  /* 1 … 10 */
} MlpFsrsMemory;

void          mlp_fsrs_params_init      (MlpFsrsParams       *params,
                                         double               desired_retention);
double        mlp_fsrs_retrievability   (double               elapsed_days,
                                         double               stability);
double        mlp_fsrs_interval         (const MlpFsrsParams *params,
                                         double               stability);
MlpFsrsMemory mlp_fsrs_next             (const MlpFsrsParams *params,
                                         const MlpFsrsMemory *before,
                                         double               elapsed_days,
                                         MlpGrade             grade);
MlpGrade      mlp_fsrs_grade_for_points (guint                covered,
                                         guint                total);

G_END_DECLS
