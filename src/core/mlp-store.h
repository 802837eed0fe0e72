/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MLP_STORE_ERROR (mlp_store_error_quark ())

/**
 * MlpStoreError:
 * @MLP_STORE_ERROR_IO: the file or its folder cannot be created or opened
 * @MLP_STORE_ERROR_TOO_NEW: the file was written by a newer MLPrep
 * @MLP_STORE_ERROR_FAILED: SQLite refused a statement (disk full, read-only…)
 */
typedef enum
{
  MLP_STORE_ERROR_IO,
  MLP_STORE_ERROR_TOO_NEW,
  MLP_STORE_ERROR_FAILED,
} MlpStoreError;

/**
 * MlpStoreRecovery:
 * @MLP_STORE_RECOVERY_NONE: the file opened as it was
 * @MLP_STORE_RECOVERY_DAMAGED: not a database, or it failed quick_check
 * @MLP_STORE_RECOVERY_EMPTY: a zero-length file
 * @MLP_STORE_RECOVERY_FOREIGN: a healthy SQLite database of another program
 *
 * Why the file at the store's path was moved aside, if it was.
 */
typedef enum
{
  MLP_STORE_RECOVERY_NONE,
  MLP_STORE_RECOVERY_DAMAGED,
  MLP_STORE_RECOVERY_EMPTY,
  MLP_STORE_RECOVERY_FOREIGN,
} MlpStoreRecovery;

/* The schema this version writes; see the migrations in mlp-store.c. */
#define MLP_STORE_SCHEMA_VERSION 3

/**
 * MlpAttempt:
 * @question_id: the question answered
 * @choice_id: (nullable): the choice picked (multiple choice only)
 * @correct: whether the answer was right (scenario: self-graded)
 * @answered_at: Unix time in seconds
 * @answer_text: (nullable): the user's own answer to a scenario
 * @points_mask: bit i set when key point i was covered (scenario only)
 * @points_total: number of key points the scenario had
 */
typedef struct
{
  const char *question_id;
  const char *choice_id;
  gboolean    correct;
  gint64      answered_at;
  const char *answer_text;
  guint64     points_mask;
  guint       points_total;
} MlpAttempt;

/**
 * MlpReview:
 * @id: row id (set by the store when added)
 * @question_id: the question reviewed
 * @reviewed_at: Unix time in seconds
 * @grade: 1 Again, 2 Hard, 3 Good, 4 Easy
 * @elapsed_days: days since the question's previous review (0 for the first)
 * @stability_before: FSRS stability before (0 for a new question)
 * @difficulty_before: FSRS difficulty before (0 for a new question)
 * @stability_after: FSRS stability after
 * @difficulty_after: FSRS difficulty after
 * @due_at: when the question is next due, Unix seconds
 * @source: "quiz", "review", "mock" or "migrated"
 * @attempt_id: the attempt this review grades, or 0
 * @has_state: FALSE for a review carried over from schema 2 whose states
 *   have not been computed yet (the state fields are then 0)
 *
 * One entry of the review log, kept so parameters can be refitted and
 * statistics computed.
 */
typedef struct
{
  gint64      id;
  const char *question_id;
  gint64      reviewed_at;
  int         grade;
  double      elapsed_days;
  double      stability_before;
  double      difficulty_before;
  double      stability_after;
  double      difficulty_after;
  gint64      due_at;
  const char *source;
  gint64      attempt_id;
  gboolean    has_state;
} MlpReview;

/**
 * MlpMockAnswer:
 * @question_id: the scenario asked
 * @grade: the self-grade, 1…4
 * @seconds_used: time taken on it
 * @points_mask: key points covered
 * @points_total: key points the scenario had
 */
typedef struct
{
  const char *question_id;
  int         grade;
  int         seconds_used;
  guint64     points_mask;
  guint       points_total;
} MlpMockAnswer;

/**
 * MlpMockSession:
 * @id: row id
 * @started_at: Unix seconds
 * @ended_at: Unix seconds, 0 if it was never finished
 * @planned: number of questions planned
 * @seconds_per_question: the time allowed per question
 * @answers: (element-type MlpMockAnswer): the answers given, in order
 */
typedef struct
{
  gint64         id;
  gint64         started_at;
  gint64         ended_at;
  guint          planned;
  guint          seconds_per_question;
  const MlpMockAnswer *answers;
  guint          n_answers;
} MlpMockSession;

typedef void (*MlpStoreCheckedFunc) (const char *item_id,
                                     gint64      changed_at,
                                     gpointer    user_data);
typedef void (*MlpStoreAttemptFunc) (const MlpAttempt *attempt,
                                     gpointer          user_data);
typedef void (*MlpStoreReviewFunc)  (const MlpReview  *review,
                                     gpointer          user_data);
typedef void (*MlpStoreNoteFunc)    (const char       *target_id,
                                     const char       *body,
                                     gint64            changed_at,
                                     gpointer          user_data);
typedef void (*MlpStoreQueuedFunc)  (const char       *question_id,
                                     const char       *item_id,
                                     gint64            queued_at,
                                     gpointer          user_data);
typedef void (*MlpStoreMockFunc)    (const MlpMockSession *session,
                                     gpointer              user_data);

#define MLP_TYPE_STORE (mlp_store_get_type ())
G_DECLARE_FINAL_TYPE (MlpStore, mlp_store, MLP, STORE, GObject)

GQuark      mlp_store_error_quark          (void);

MlpStore   *mlp_store_open                 (const char          *path,
                                            GError             **error);
MlpStore   *mlp_store_new_in_memory        (void);
MlpStore   *mlp_store_new_in_memory_copy   (const char          *path,
                                            GError             **error);
const char *mlp_store_get_path             (MlpStore            *self);
const char *mlp_store_get_moved_aside_path (MlpStore            *self);
MlpStoreRecovery mlp_store_get_recovery    (MlpStore            *self);

/* Sync behind: commits return before the disk syncs them; a thread of
 * the store syncs them moments later. */
guint64     mlp_store_get_commit_serial    (MlpStore            *self);
gboolean    mlp_store_wait_durable         (MlpStore            *self,
                                            guint64              serial,
                                            gint64               timeout_us);

gboolean    mlp_store_set_checked          (MlpStore            *self,
                                            const char          *item_id,
                                            gboolean             checked,
                                            gint64               changed_at,
                                            GError             **error);
gboolean    mlp_store_add_attempt          (MlpStore            *self,
                                            const MlpAttempt    *attempt,
                                            GError             **error);
gint64      mlp_store_get_last_attempt_id  (MlpStore            *self);
gboolean    mlp_store_forget               (MlpStore            *self,
                                            const char * const  *item_ids,
                                            const char * const  *question_ids,
                                            GError             **error);
gboolean    mlp_store_delete_attempt       (MlpStore            *self,
                                            gint64               attempt_id,
                                            GError             **error);
gboolean    mlp_store_foreach_checked      (MlpStore            *self,
                                            MlpStoreCheckedFunc  func,
                                            gpointer             user_data,
                                            GError             **error);
gboolean    mlp_store_foreach_last_attempt (MlpStore            *self,
                                            MlpStoreAttemptFunc  func,
                                            gpointer             user_data,
                                            GError             **error);

/* The learning engine (schema 3). */
gboolean    mlp_store_record_answer        (MlpStore            *self,
                                            const MlpAttempt    *attempt,
                                            MlpReview           *review,
                                            GError             **error);
gboolean    mlp_store_add_review           (MlpStore            *self,
                                            MlpReview           *review,
                                            GError             **error);
gboolean    mlp_store_delete_answer        (MlpStore            *self,
                                            gint64               attempt_id,
                                            gint64               review_id,
                                            GError             **error);
gboolean    mlp_store_update_review_states (MlpStore            *self,
                                            const MlpReview     *reviews,
                                            guint                n_reviews,
                                            GError             **error);
gboolean    mlp_store_foreach_review       (MlpStore            *self,
                                            MlpStoreReviewFunc   func,
                                            gpointer             user_data,
                                            GError             **error);
gboolean    mlp_store_set_note             (MlpStore            *self,
                                            const char          *target_id,
                                            const char          *body,
                                            gint64               changed_at,
                                            GError             **error);
gboolean    mlp_store_foreach_note         (MlpStore            *self,
                                            MlpStoreNoteFunc     func,
                                            gpointer             user_data,
                                            GError             **error);
gboolean    mlp_store_set_queued           (MlpStore            *self,
                                            const char          *question_id,
                                            const char          *item_id,
                                            gint64               queued_at,
                                            GError             **error);
gboolean    mlp_store_foreach_queued       (MlpStore            *self,
                                            MlpStoreQueuedFunc   func,
                                            gpointer             user_data,
                                            GError             **error);
gboolean    mlp_store_add_mock_session     (MlpStore            *self,
                                            const MlpMockSession *session,
                                            gint64              *id_out,
                                            GError             **error);
gboolean    mlp_store_foreach_mock_session (MlpStore            *self,
                                            MlpStoreMockFunc     func,
                                            gpointer             user_data,
                                            GError             **error);

char       *mlp_store_default_path         (void);

/* Daily backups, kept as complete database files beside the progress. */
#define MLP_STORE_BACKUPS_KEPT 7
/* The copy of the progress taken just before a restore, beside them. */
#define MLP_STORE_BEFORE_RESTORE_NAME "progress-before-restore.db"

char       *mlp_store_default_backup_folder (void);
gboolean    mlp_store_backup_to            (MlpStore            *self,
                                            const char          *path,
                                            GError             **error);
char       *mlp_store_backup_daily         (MlpStore            *self,
                                            const char          *folder,
                                            GDateTime           *now,
                                            GError             **error);
GPtrArray  *mlp_store_list_backups         (const char          *folder);
gboolean    mlp_store_describe_backup      (const char          *path,
                                            guint               *n_checked,
                                            guint               *n_attempts,
                                            GError             **error);
gboolean    mlp_store_restore_backup       (MlpStore            *self,
                                            const char          *path,
                                            GError             **error);

G_END_DECLS
