/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mlp-types.h"

G_BEGIN_DECLS

/* due_at of a question that is not scheduled (never reviewed, not queued) */
#define MLP_SCHEDULE_NEVER G_MAXINT64

/**
 * MlpSchedule:
 * @stability: FSRS stability in days (0: never reviewed)
 * @difficulty: FSRS difficulty, 1…10
 * @last_review: Unix seconds of the latest review, 0 if none
 * @due_at: when it is next due, or %MLP_SCHEDULE_NEVER
 * @queued_at: when ticking a linked item queued it, 0 if not queued
 * @n_reviews: reviews in the log
 * @n_good: reviews graded Good or Easy
 * @fail_streak: Again grades in a row up to the latest review
 */
typedef struct
{
  double  stability;
  double  difficulty;
  gint64  last_review;
  gint64  due_at;
  gint64  queued_at;
  guint   n_reviews;
  guint   n_good;
  guint   fail_streak;
} MlpSchedule;

/**
 * MlpChoice:
 * One answer of a multiple-choice question. Owned by its #MlpQuestion.
 */
typedef struct
{
  char     *id;
  char     *text;
  char     *explanation;
  gboolean  correct;
} MlpChoice;

#define MLP_TYPE_QUESTION (mlp_question_get_type ())
G_DECLARE_FINAL_TYPE (MlpQuestion, mlp_question, MLP, QUESTION, GObject)

MlpQuestion        *mlp_question_new                (const char      *id,
                                                     MlpQuestionKind  kind,
                                                     const char      *prompt,
                                                     const char      *source);
void                mlp_question_add_choice         (MlpQuestion     *self,
                                                     const char      *id,
                                                     const char      *text,
                                                     const char      *explanation,
                                                     gboolean         correct);
void                mlp_question_set_scenario       (MlpQuestion        *self,
                                                     const char         *model_answer,
                                                     const char * const *key_points,
                                                     const char         *follow_up);

const char         *mlp_question_get_note           (MlpQuestion     *self);
void                mlp_question_set_note           (MlpQuestion     *self,
                                                     const char      *note);
const MlpSchedule  *mlp_question_get_schedule       (MlpQuestion     *self);
void                mlp_question_set_schedule       (MlpQuestion       *self,
                                                     const MlpSchedule *schedule);
const char         *mlp_question_get_id             (MlpQuestion     *self);
MlpQuestionKind     mlp_question_get_kind           (MlpQuestion     *self);
const char         *mlp_question_get_prompt         (MlpQuestion     *self);
const char         *mlp_question_get_source         (MlpQuestion     *self);
guint               mlp_question_get_n_choices      (MlpQuestion     *self);
const MlpChoice    *mlp_question_get_choice         (MlpQuestion     *self,
                                                     guint            index);
const MlpChoice    *mlp_question_find_choice        (MlpQuestion     *self,
                                                     const char      *choice_id);
const char         *mlp_question_get_model_answer   (MlpQuestion     *self);
const char * const *mlp_question_get_key_points     (MlpQuestion     *self);
guint               mlp_question_get_n_key_points   (MlpQuestion     *self);
const char         *mlp_question_get_follow_up      (MlpQuestion     *self);

gboolean            mlp_question_get_attempted      (MlpQuestion     *self);
gboolean            mlp_question_get_correct        (MlpQuestion     *self);
void                mlp_question_set_result         (MlpQuestion     *self,
                                                     gboolean         attempted,
                                                     gboolean         correct);

G_END_DECLS
