/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mlp-library.h"

G_BEGIN_DECLS

#define MLP_TYPE_QUIZ_PAGE (mlp_quiz_page_get_type ())
G_DECLARE_FINAL_TYPE (MlpQuizPage, mlp_quiz_page, MLP, QUIZ_PAGE, GtkWidget)

void mlp_quiz_page_set_library   (MlpQuizPage *self,
                                  MlpLibrary  *library);
void mlp_quiz_page_set_stage     (MlpQuizPage *self,
                                  MlpStage    *stage);
void mlp_quiz_page_show_question (MlpQuizPage *self,
                                  MlpQuestion *question);

G_END_DECLS
