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

/* Sets @error to "FILE: message", the form in which packs and progress
 * exports report a problem. Messages quote the file's own text, which is
 * not always valid UTF-8; the window must be able to show them. */
static inline gboolean
mlp_set_file_error_valist (GError     **error,
                           GQuark       domain,
                           int          code,
                           const char  *file,
                           const char  *format,
                           va_list      args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);
  g_autofree char *valid = g_utf8_make_valid (message, -1);

  g_set_error (error, domain, code, "%s: %s", file, valid);
  return FALSE;
}

G_END_DECLS
