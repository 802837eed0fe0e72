/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-check-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mlp-check-row.h"
#include "mlp-note-editor.h"
#include "mlp-wrap-label.h"

/* One checklist entry: a check button bound to the item's "checked"
 * property, a do/don't tag, a marker when the user wrote a note, and the
 * detail with its source and the note editor, which are built the first
 * time the row's details are opened (most rows never are). */
struct _MlpCheckRow
{
  GtkWidget       parent_instance;

  MlpCheckItem   *item;
  GBinding       *binding;
  gulong          note_id;
  gulong          review_id;

  /* Template widgets */
  GtkCheckButton *check;
  MlpWrapLabel   *text_label;
  GtkLabel       *kind_label;
  GtkWidget      *details_button;

  /* Built when an item first needs them; most rows never do */
  GtkWidget      *note_marker;
  GtkWidget      *review_tag;

  /* Built when the details are first opened */
  GtkWidget      *details_box;
  GtkLabel       *detail_label;
  GtkLabel       *source_label;
  MlpNoteEditor  *note_editor;
};

G_DEFINE_FINAL_TYPE (MlpCheckRow, mlp_check_row, GTK_TYPE_WIDGET)

static void
mlp_check_row_dispose (GObject *object)
{
  MlpCheckRow *self = (MlpCheckRow *)object;

  mlp_check_row_set_item (self, NULL);
  g_clear_pointer (&self->details_box, gtk_widget_unparent);
  g_clear_pointer (&self->note_marker, gtk_widget_unparent);
  g_clear_pointer (&self->review_tag, gtk_widget_unparent);
  self->detail_label = self->source_label = NULL;
  self->note_editor = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), MLP_TYPE_CHECK_ROW);

  G_OBJECT_CLASS (mlp_check_row_parent_class)->dispose (object);
}

static void on_details_clicked (MlpCheckRow *self);

static void
mlp_check_row_class_init (MlpCheckRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlp_check_row_dispose;

  g_type_ensure (MLP_TYPE_NOTE_EDITOR);
  g_type_ensure (MLP_TYPE_WRAP_LABEL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_GRID_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mlp-check-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MlpCheckRow, check);
  gtk_widget_class_bind_template_child (widget_class, MlpCheckRow, text_label);
  gtk_widget_class_bind_template_child (widget_class, MlpCheckRow, kind_label);
  gtk_widget_class_bind_template_child (widget_class, MlpCheckRow, details_button);
  gtk_widget_class_bind_template_callback (widget_class, on_details_clicked);
}

static GtkLabel *
new_detail_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  return GTK_LABEL (label);
}

/* Shows the item's detail, source and note in the details. */
static void
fill_details (MlpCheckRow *self)
{
  g_autofree char *source = NULL;

  if (self->detail_label == NULL)
    return;

  /* Saves what was typed for the item this row showed until now. */
  mlp_note_editor_set_target (self->note_editor, G_OBJECT (self->item));
  if (self->item == NULL)
    return;

  /* Pack text is plain text, never markup. */
  gtk_label_set_text (self->detail_label, mlp_check_item_get_detail (self->item));
  /* Translators: the placeholder is a paper, guide or book */
  source = g_strdup_printf (_("Source: %s"), mlp_check_item_get_source (self->item));
  gtk_label_set_text (self->source_label, source);
}

static gboolean
get_expanded (MlpCheckRow *self)
{
  return self->details_box != NULL && gtk_widget_get_visible (self->details_box);
}

static void
set_expanded (MlpCheckRow *self,
              gboolean     expanded)
{
  GtkGridLayoutChild *cell;
  GtkWidget *box;

  if (expanded == get_expanded (self))
    return;

  if (expanded && self->details_box == NULL)
    {
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_widget_set_margin_top (box, 4);
      gtk_widget_set_margin_start (box, 46);
      self->detail_label = new_detail_label ();
      self->source_label = new_detail_label ();
      gtk_widget_add_css_class (GTK_WIDGET (self->source_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->source_label), "caption");
      self->note_editor = mlp_note_editor_new ();
      gtk_widget_set_margin_top (GTK_WIDGET (self->note_editor), 6);
      gtk_widget_set_margin_end (GTK_WIDGET (self->note_editor), 6);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->detail_label));
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->source_label));
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->note_editor));
      /* Below the button, across the row. */
      gtk_widget_set_parent (box, GTK_WIDGET (self));
      cell = GTK_GRID_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (gtk_widget_get_layout_manager (GTK_WIDGET (self)),
                                                                         box));
      gtk_grid_layout_child_set_row (cell, 2);
      gtk_grid_layout_child_set_column_span (cell, 4);
      self->details_box = box;
      fill_details (self);
    }

  if (self->details_box != NULL)
    gtk_widget_set_visible (self->details_box, expanded);
  if (expanded)
    gtk_widget_add_css_class (self->details_button, "expanded");
  else
    gtk_widget_remove_css_class (self->details_button, "expanded");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->details_button),
                               GTK_ACCESSIBLE_STATE_EXPANDED, expanded,
                               -1);
}

static void
on_details_clicked (MlpCheckRow *self)
{
  set_expanded (self, !get_expanded (self));
}

static void
mlp_check_row_init (MlpCheckRow *self)
{
  GtkGridLayout *layout = GTK_GRID_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));

  gtk_grid_layout_set_row_spacing (layout, 2);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->details_button),
                               GTK_ACCESSIBLE_STATE_EXPANDED, FALSE,
                               -1);
}

/* Puts @widget in column @column of the row's first line, 8 px after the
 * text (a margin, so a hidden tag leaves no gap). */
static GtkWidget *
add_tag (MlpCheckRow *self,
         GtkWidget   *widget,
         int          column)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_widget_set_valign (widget, GTK_ALIGN_START);
  gtk_widget_set_margin_start (widget, 8);
  gtk_widget_insert_before (widget, GTK_WIDGET (self), GTK_WIDGET (self->kind_label));
  gtk_grid_layout_child_set_column (GTK_GRID_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (layout, widget)),
                                    column);
  return widget;
}

/* The marker shows while the item has a note. */
static void
update_note_marker (MlpCheckRow *self)
{
  gboolean has_note = self->item != NULL && mlp_check_item_get_note (self->item) != NULL;

  if (has_note && self->note_marker == NULL)
    {
      self->note_marker = add_tag (self, gtk_image_new_from_icon_name ("document-edit-symbolic"), 1);
      gtk_widget_set_margin_top (self->note_marker, 4);
      gtk_widget_add_css_class (self->note_marker, "note-marker");
      gtk_widget_set_tooltip_text (self->note_marker, _("Has a note"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_marker),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Has a note"),
                                      -1);
    }
  if (self->note_marker != NULL)
    gtk_widget_set_visible (self->note_marker, has_note);
}

/* The tag shows while the item's linked questions keep being answered
 * wrong. */
static void
update_review_tag (MlpCheckRow *self)
{
  gboolean needs_review = self->item != NULL && mlp_check_item_get_needs_review (self->item);

  if (needs_review && self->review_tag == NULL)
    {
      /* Translators: A tag on a checklist item whose linked quiz questions keep being answered wrong */
      self->review_tag = add_tag (self, gtk_label_new (_("Needs review")), 2);
      gtk_widget_set_margin_top (self->review_tag, 3);
      gtk_widget_add_css_class (self->review_tag, "kind-tag");
      gtk_widget_add_css_class (self->review_tag, "needs-review");
      gtk_widget_add_css_class (self->review_tag, "caption-heading");
      gtk_widget_set_tooltip_text (self->review_tag,
                                   _("You answered its questions wrong twice in a row. Read the details again."));
    }
  if (self->review_tag != NULL)
    gtk_widget_set_visible (self->review_tag, needs_review);
}

MlpCheckRow *
mlp_check_row_new (void)
{
  return g_object_new (MLP_TYPE_CHECK_ROW, NULL);
}

/**
 * mlp_check_row_set_item:
 * @item: (nullable): the item to show; %NULL when the row is recycled
 */
void
mlp_check_row_set_item (MlpCheckRow  *self,
                        MlpCheckItem *item)
{
  gboolean is_do;

  g_return_if_fail (MLP_IS_CHECK_ROW (self));

  if (self->item == item)
    return;

  if (self->binding != NULL)
    {
      g_binding_unbind (self->binding);
      self->binding = NULL;
      g_clear_signal_handler (&self->note_id, self->item);
      g_clear_signal_handler (&self->review_id, self->item);
    }
  g_set_object (&self->item, item);
  fill_details (self);
  update_note_marker (self);
  update_review_tag (self);
  if (item == NULL)
    return;

  is_do = mlp_check_item_get_kind (item) == MLP_ITEM_KIND_DO;

  /* Pack text is plain text, never markup. */
  mlp_wrap_label_set_text (self->text_label, mlp_check_item_get_text (item));
  set_expanded (self, FALSE);

  /* Translators: a tag on a checklist item that recommends doing something */
  gtk_label_set_text (self->kind_label, is_do ? _("Do") :
                      /* Translators: a tag on a checklist item that warns against something */
                      _("Don’t"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->kind_label), is_do ? "dont" : "do");
  gtk_widget_add_css_class (GTK_WIDGET (self->kind_label), is_do ? "do" : "dont");

  self->binding = g_object_bind_property (item, "checked", self->check, "active",
                                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  self->note_id = g_signal_connect_swapped (item, "notify::note", G_CALLBACK (update_note_marker), self);
  self->review_id = g_signal_connect_swapped (item, "notify::needs-review", G_CALLBACK (update_review_tag), self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, mlp_check_item_get_text (item),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  is_do ? _("Recommended practice") : _("Practice to avoid"),
                                  -1);
}

/**
 * mlp_check_row_get_item:
 *
 * Returns: (transfer none) (nullable): the item shown
 */
MlpCheckItem *
mlp_check_row_get_item (MlpCheckRow *self)
{
  g_return_val_if_fail (MLP_IS_CHECK_ROW (self), NULL);
  return self->item;
}

/**
 * mlp_check_row_reveal:
 * @details: whether to open the details (where the note is) too
 *
 * Moves the keyboard focus to the row's check button.
 */
void
mlp_check_row_reveal (MlpCheckRow *self,
                      gboolean     details)
{
  g_return_if_fail (MLP_IS_CHECK_ROW (self));

  if (details)
    set_expanded (self, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->check));
}
