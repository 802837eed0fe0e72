/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How long after the last keystroke a note is saved. */
#define MLP_NOTE_EDITOR_DELAY_MS 500

#define MLP_TYPE_NOTE_EDITOR (mlp_note_editor_get_type ())
G_DECLARE_FINAL_TYPE (MlpNoteEditor, mlp_note_editor, MLP, NOTE_EDITOR, GtkWidget)

MlpNoteEditor *mlp_note_editor_new         (void);
GObject       *mlp_note_editor_get_target  (MlpNoteEditor *self);
void           mlp_note_editor_set_target  (MlpNoteEditor *self,
                                            GObject       *target);
void           mlp_note_editor_flush       (MlpNoteEditor *self);

GBinding      *mlp_note_marker_bind        (GtkWidget     *marker,
                                            GObject       *target);

G_END_DECLS
