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

/* g_set_str() arrived in GLib 2.76; this is the same for 2.74. */
static inline gboolean
mlp_set_str (char       **str_pointer,
             const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;
  return TRUE;
}

G_END_DECLS
