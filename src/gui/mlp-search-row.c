/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-search-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mlp-search-row.h"

/* One search result: where it is (pane and stage), the item's text or
 * the question's prompt, and the text the words were found in when that
 * is another one, marked when it is the user's note. */
struct _MlpSearchRow
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkWidget *box;
  GtkLabel  *context_label;
  GtkLabel  *title_label;
  GtkWidget *excerpt_box;
  GtkWidget *note_marker;
  GtkLabel  *excerpt_label;
};

G_DEFINE_FINAL_TYPE (MlpSearchRow, mlp_search_row, GTK_TYPE_WIDGET)

static void
mlp_search_row_dispose (GObject *object)
{
  MlpSearchRow *self = (MlpSearchRow *)object;

  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (mlp_search_row_parent_class)->dispose (object);
}

static void
mlp_search_row_class_init (MlpSearchRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlp_search_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mlp-search-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MlpSearchRow, box);
  gtk_widget_class_bind_template_child (widget_class, MlpSearchRow, context_label);
  gtk_widget_class_bind_template_child (widget_class, MlpSearchRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, MlpSearchRow, excerpt_box);
  gtk_widget_class_bind_template_child (widget_class, MlpSearchRow, note_marker);
  gtk_widget_class_bind_template_child (widget_class, MlpSearchRow, excerpt_label);
}

static void
mlp_search_row_init (MlpSearchRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

MlpSearchRow *
mlp_search_row_new (void)
{
  return g_object_new (MLP_TYPE_SEARCH_ROW, NULL);
}

/**
 * mlp_search_row_set_target:
 * @target: the result to show
 * @terms: the folded search terms it was found by
 */
void
mlp_search_row_set_target (MlpSearchRow       *self,
                           MlpSearchTarget    *target,
                           const char * const *terms)
{
  const char *stage = mlp_stage_get_title (mlp_search_target_get_stage (target));
  const char *match;
  gboolean in_note = FALSE;
  g_autofree char *context = NULL;
  g_autofree char *excerpt = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (MLP_IS_SEARCH_ROW (self));
  g_return_if_fail (MLP_IS_SEARCH_TARGET (target));

  context = mlp_search_target_is_question (target) ?
    /* Translators: where a search result is: the quiz of a stage, e.g. "Quiz · Monitoring & drift" */
    g_strdup_printf (_("Quiz · %s"), stage) :
    /* Translators: where a search result is: the checklist of a stage */
    g_strdup_printf (_("Checklist · %s"), stage);
  gtk_label_set_text (self->context_label, context);
  gtk_label_set_text (self->title_label, mlp_search_target_get_title (target));

  match = mlp_search_target_get_match_text (target, terms, &in_note);
  if (match != NULL)
    excerpt = mlp_search_excerpt (match, terms);
  gtk_label_set_text (self->excerpt_label, excerpt != NULL ? excerpt : "");
  gtk_widget_set_visible (self->excerpt_box, excerpt != NULL);
  gtk_widget_set_visible (self->note_marker, in_note);

  if (in_note)
    /* Translators: read out for a search result; the placeholders are where it is and a part of the user's note */
    description = g_strdup_printf (_("%s. Found in your note: %s"), context, excerpt);
  else if (excerpt != NULL)
    description = g_strdup_printf ("%s. %s", context, excerpt);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, mlp_search_target_get_title (target),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description != NULL ? description : context,
                                  -1);
}
