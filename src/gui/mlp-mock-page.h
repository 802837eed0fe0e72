/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mlp-library.h"

G_BEGIN_DECLS

#define MLP_TYPE_MOCK_PAGE (mlp_mock_page_get_type ())
G_DECLARE_FINAL_TYPE (MlpMockPage, mlp_mock_page, MLP, MOCK_PAGE, GtkWidget)

void     mlp_mock_page_set_library    (MlpMockPage *self,
                                       MlpLibrary  *library);
void     mlp_mock_page_set_length     (MlpMockPage *self,
                                       guint        n_questions,
                                       guint        minutes_per_question);
void     mlp_mock_page_start          (MlpMockPage *self);
gboolean mlp_mock_page_get_running    (MlpMockPage *self);
void     mlp_mock_page_abandon        (MlpMockPage *self);

G_END_DECLS
