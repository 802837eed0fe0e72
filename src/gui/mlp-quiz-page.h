/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mlp-library.h"

G_BEGIN_DECLS

#define MLP_TYPE_QUIZ_PAGE (mlp_quiz_page_get_type ())
G_DECLARE_FINAL_TYPE (MlpQuizPage, mlp_quiz_page, MLP, QUIZ_PAGE, GtkWidget)

void mlp_quiz_page_set_library (MlpQuizPage *self,
                                MlpLibrary  *library);
void mlp_quiz_page_set_stage   (MlpQuizPage *self,
                                MlpStage    *stage);
void mlp_quiz_page_show_question (MlpQuizPage *self,
                                  MlpQuestion *question);
void    mlp_quiz_page_start_session    (MlpQuizPage     *self,
                                        GPtrArray       *questions,
                                        MlpAnswerSource  source,
                                        guint            seconds_per_question);
void    mlp_quiz_page_end_session      (MlpQuizPage     *self);
GArray *mlp_quiz_page_get_mock_answers (MlpQuizPage     *self);
guint   mlp_quiz_page_get_n_answered   (MlpQuizPage     *self);
void    mlp_quiz_page_add_action       (MlpQuizPage     *self,
                                        GtkWidget       *widget);

const char *mlp_grade_get_label (int grade);

G_END_DECLS
