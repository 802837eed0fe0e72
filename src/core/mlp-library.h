/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mlp-catalog.h"
#include "mlp-fsrs.h"
#include "mlp-schedule.h"
#include "mlp-store.h"

G_BEGIN_DECLS

/* How many actions Ctrl+Z can take back. */
#define MLP_LIBRARY_HISTORY_SIZE 100

typedef enum
{
  MLP_LIBRARY_ACTION_TICK,
  MLP_LIBRARY_ACTION_ANSWER,
} MlpLibraryAction;

/* Where an answer was given; stored with its review. */
typedef enum
{
  MLP_ANSWER_QUIZ,
  MLP_ANSWER_REVIEW,
  MLP_ANSWER_MOCK,
} MlpAnswerSource;

/* Failing a linked question this many times in a row marks its checklist
 * item "needs review". */
#define MLP_LIBRARY_NEEDS_REVIEW_FAILS 2

/**
 * MlpStageStats:
 * @n_items: checklist items
 * @n_checked: items ticked
 * @n_questions: questions
 * @n_reviewed: questions answered at least once
 * @n_due: questions due now
 * @n_reviews: reviews in the log
 * @accuracy: share of reviews graded Good or Easy, or -1 without reviews
 * @retention: mean predicted recall now (never-reviewed questions count 0)
 * @readiness: what the overview charts: half checklist, half retention
 */
typedef struct
{
  guint  n_items;
  guint  n_checked;
  guint  n_questions;
  guint  n_reviewed;
  guint  n_due;
  guint  n_reviews;
  double accuracy;
  double retention;
  double readiness;
} MlpStageStats;

#define MLP_TYPE_LIBRARY (mlp_library_get_type ())
G_DECLARE_FINAL_TYPE (MlpLibrary, mlp_library, MLP, LIBRARY, GObject)

MlpLibrary *mlp_library_new             (MlpCatalog   *catalog,
                                         MlpStore     *store);
MlpCatalog *mlp_library_get_catalog     (MlpLibrary   *self);
MlpStore   *mlp_library_get_store       (MlpLibrary   *self);
gboolean    mlp_library_answer_choice   (MlpLibrary   *self,
                                         MlpQuestion  *question,
                                         const char   *choice_id);
gboolean    mlp_library_answer_scenario (MlpLibrary   *self,
                                         MlpQuestion  *question,
                                         const char   *answer_text,
                                         guint64       points_mask);
gboolean    mlp_library_restore_backup  (MlpLibrary   *self,
                                         const char   *path,
                                         const char   *safety_path,
                                         GError      **error);
void        mlp_library_reload          (MlpLibrary   *self);
gboolean    mlp_library_reset           (MlpLibrary   *self,
                                         MlpStage     *stage,
                                         GError      **error);
gboolean    mlp_library_get_can_undo    (MlpLibrary   *self);
gboolean    mlp_library_get_can_redo    (MlpLibrary   *self);
gboolean    mlp_library_undo            (MlpLibrary   *self);
gboolean    mlp_library_redo            (MlpLibrary   *self);
gboolean    mlp_library_scenario_passes (guint64       points_mask,
                                         guint         points_total);

/* The learning engine */
gboolean    mlp_library_answer_choice_from   (MlpLibrary      *self,
                                              MlpQuestion     *question,
                                              const char      *choice_id,
                                              MlpAnswerSource  source);
gboolean    mlp_library_grade_scenario       (MlpLibrary      *self,
                                              MlpQuestion     *question,
                                              const char      *answer_text,
                                              guint64          points_mask,
                                              MlpGrade         grade,
                                              MlpAnswerSource  source);
MlpGrade    mlp_library_suggest_grade        (MlpQuestion     *question,
                                              guint64          points_mask);
double      mlp_library_preview_interval     (MlpLibrary      *self,
                                              MlpQuestion     *question,
                                              MlpGrade         grade,
                                              gint64           now);
void        mlp_library_set_desired_retention (MlpLibrary     *self,
                                              double           retention);
double      mlp_library_get_desired_retention (MlpLibrary     *self);
const MlpFsrsParams *mlp_library_get_params  (MlpLibrary      *self);
guint       mlp_library_get_n_due            (MlpLibrary      *self);
void        mlp_library_refresh_due          (MlpLibrary      *self,
                                              gint64           now);
GPtrArray  *mlp_library_get_due_questions    (MlpLibrary      *self,
                                              gint64           now);
MlpStage   *mlp_library_get_question_stage   (MlpLibrary      *self,
                                              MlpQuestion     *question);
void        mlp_library_get_stage_stats      (MlpLibrary      *self,
                                              MlpStage        *stage,
                                              gint64           now,
                                              MlpStageStats   *stats);
guint       mlp_library_get_streak           (MlpLibrary      *self,
                                              GTimeZone       *tz,
                                              gint64           now);
void        mlp_library_get_reviews_per_day  (MlpLibrary      *self,
                                              GTimeZone       *tz,
                                              gint64           now,
                                              guint            n_days,
                                              guint           *counts);
guint       mlp_library_get_plan             (MlpLibrary      *self,
                                              GTimeZone       *tz,
                                              gint64           now,
                                              gint64           interview_at,
                                              guint           *total_out);
GPtrArray  *mlp_library_pick_mock_questions  (MlpLibrary      *self,
                                              guint            n,
                                              GRand           *rand,
                                              gint64           now);
gboolean    mlp_library_save_mock_session    (MlpLibrary      *self,
                                              const MlpMockSession *session,
                                              GError         **error);

G_END_DECLS
