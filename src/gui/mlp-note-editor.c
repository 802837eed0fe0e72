/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-note-editor"

#include "config.h"

#include "mlp-note-editor.h"

/* The user's own note on a checklist item or a question: any object with
 * a string "note" property. What is typed goes to the object
 * MLP_NOTE_EDITOR_DELAY_MS after the last keystroke (MlpLibrary then
 * writes it to SQLite), and at once when the editor loses focus, is given
 * another object (a recycled row) or goes away (quitting), so nothing
 * typed is lost. Its widgets are built when it is first shown: a
 * checklist row with closed details has an editor but no text view. */
struct _MlpNoteEditor
{
  GtkWidget    parent_instance;

  GObject     *target;
  gulong       notify_id;
  guint        save_id;
  gboolean     loading;
  gboolean     saving;

  /* Built when first mapped */
  GtkWidget   *box;
  GtkTextView *text_view;
  GtkWidget   *placeholder;
};

G_DEFINE_FINAL_TYPE (MlpNoteEditor, mlp_note_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TARGET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
get_text (MlpNoteEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
save (MlpNoteEditor *self)
{
  g_autofree char *text = get_text (self);
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (self->target == NULL)
    return;

  /* Only white space is no note. */
  self->saving = TRUE;
  g_object_set (self->target, "note", *stripped != '\0' ? text : NULL, NULL);
  self->saving = FALSE;
}

static gboolean
on_save_timeout (gpointer user_data)
{
  MlpNoteEditor *self = user_data;

  self->save_id = 0;
  save (self);

  return G_SOURCE_REMOVE;
}

static void
load (MlpNoteEditor *self)
{
  GtkTextBuffer *buffer;
  g_autofree char *note = NULL;

  if (self->text_view == NULL)
    return;

  buffer = gtk_text_view_get_buffer (self->text_view);
  if (self->target != NULL)
    g_object_get (self->target, "note", &note, NULL);

  /* Not something Ctrl+Z in the editor should take back. */
  self->loading = TRUE;
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, note != NULL ? note : "", -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  self->loading = FALSE;
}

static void
on_buffer_changed (MlpNoteEditor *self,
                   GtkTextBuffer *buffer)
{
  gtk_widget_set_visible (self->placeholder, gtk_text_buffer_get_char_count (buffer) == 0);

  if (self->loading || self->target == NULL)
    return;

  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (MLP_NOTE_EDITOR_DELAY_MS, on_save_timeout, self);
}

static void
on_target_note_changed (MlpNoteEditor *self)
{
  /* Our own save, or the user is typing: what is in the editor wins. */
  if (self->saving || self->save_id != 0)
    return;

  load (self);
}

static void
ensure_widgets (MlpNoteEditor *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkEventController *focus;

  if (self->box != NULL)
    return;

  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/mlp-note-editor.ui");
  self->box = GTK_WIDGET (gtk_builder_get_object (builder, "box"));
  self->text_view = GTK_TEXT_VIEW (gtk_builder_get_object (builder, "text_view"));
  self->placeholder = GTK_WIDGET (gtk_builder_get_object (builder, "placeholder"));
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (on_buffer_changed), self, G_CONNECT_SWAPPED);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (mlp_note_editor_flush), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), focus);
  load (self);
}

static void
mlp_note_editor_map (GtkWidget *widget)
{
  /* Before the children are mapped, so the new ones are too. */
  ensure_widgets (MLP_NOTE_EDITOR (widget));
  GTK_WIDGET_CLASS (mlp_note_editor_parent_class)->map (widget);
}

static void
mlp_note_editor_dispose (GObject *object)
{
  MlpNoteEditor *self = (MlpNoteEditor *)object;

  mlp_note_editor_set_target (self, NULL);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (mlp_note_editor_parent_class)->dispose (object);
}

static void
mlp_note_editor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MlpNoteEditor *self = MLP_NOTE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_TARGET:
      g_value_set_object (value, self->target);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlp_note_editor_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MlpNoteEditor *self = MLP_NOTE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_TARGET:
      mlp_note_editor_set_target (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlp_note_editor_class_init (MlpNoteEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlp_note_editor_dispose;
  object_class->get_property = mlp_note_editor_get_property;
  object_class->set_property = mlp_note_editor_set_property;

  /* Any object with a string "note" property. */
  properties[PROP_TARGET] =
    g_param_spec_object ("target", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->map = mlp_note_editor_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mlp_note_editor_init (MlpNoteEditor *self)
{
}

MlpNoteEditor *
mlp_note_editor_new (void)
{
  return g_object_new (MLP_TYPE_NOTE_EDITOR, NULL);
}

/**
 * mlp_note_editor_get_target:
 *
 * Returns: (transfer none) (nullable): the object whose note is edited
 */
GObject *
mlp_note_editor_get_target (MlpNoteEditor *self)
{
  g_return_val_if_fail (MLP_IS_NOTE_EDITOR (self), NULL);
  return self->target;
}

/**
 * mlp_note_editor_set_target:
 * @target: (nullable): an object with a string "note" property
 *
 * Edits @target's note; what was typed for the previous one is saved
 * first.
 */
void
mlp_note_editor_set_target (MlpNoteEditor *self,
                            GObject       *target)
{
  g_return_if_fail (MLP_IS_NOTE_EDITOR (self));
  g_return_if_fail (target == NULL || g_object_class_find_property (G_OBJECT_GET_CLASS (target), "note"));

  if (self->target == target)
    return;

  mlp_note_editor_flush (self);
  if (self->target != NULL)
    g_clear_signal_handler (&self->notify_id, self->target);
  g_set_object (&self->target, target);
  if (target != NULL)
    self->notify_id = g_signal_connect_swapped (target, "notify::note",
                                                G_CALLBACK (on_target_note_changed), self);
  load (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET]);
}

/**
 * mlp_note_editor_flush:
 *
 * Saves what was typed now, rather than after the delay.
 */
void
mlp_note_editor_flush (MlpNoteEditor *self)
{
  g_return_if_fail (MLP_IS_NOTE_EDITOR (self));

  if (self->save_id == 0)
    return;

  g_clear_handle_id (&self->save_id, g_source_remove);
  save (self);
}

static gboolean
note_to_visible (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_string (from) != NULL);
  return TRUE;
}

/**
 * mlp_note_marker_bind:
 * @marker: the widget that says there is a note
 * @target: an object with a string "note" property
 *
 * Shows @marker while @target has a note.
 *
 * Returns: (transfer none): the binding; unbind it to stop
 */
GBinding *
mlp_note_marker_bind (GtkWidget *marker,
                      GObject   *target)
{
  g_return_val_if_fail (GTK_IS_WIDGET (marker), NULL);
  g_return_val_if_fail (G_IS_OBJECT (target), NULL);

  return g_object_bind_property_full (target, "note", marker, "visible", G_BINDING_SYNC_CREATE,
                                      note_to_visible, NULL, NULL, NULL);
}
