/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * MlpItemKind:
 * @MLP_ITEM_KIND_DO: something to do
 * @MLP_ITEM_KIND_DONT: something to avoid
 */
typedef enum
{
  MLP_ITEM_KIND_DO,
  MLP_ITEM_KIND_DONT,
} MlpItemKind;

/**
 * MlpQuestionKind:
 * @MLP_QUESTION_KIND_CHOICE: multiple choice, exactly one correct choice
 * @MLP_QUESTION_KIND_SCENARIO: open prompt, model answer and key points
 */
typedef enum
{
  MLP_QUESTION_KIND_CHOICE,
  MLP_QUESTION_KIND_SCENARIO,
} MlpQuestionKind;

G_END_DECLS
