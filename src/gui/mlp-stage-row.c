/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-stage-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mlp-stage-row.h"
#include "mlp-wrap-label.h"

/* One sidebar entry: the stage's title and its checklist progress,
 * updated live as items are ticked. */
struct _MlpStageRow
{
  GtkWidget  parent_instance;

  MlpStage  *stage;
  gulong     notify_id;

  /* Template widgets */
  MlpWrapLabel *title_label;
  GtkLabel     *progress_label;
};

G_DEFINE_FINAL_TYPE (MlpStageRow, mlp_stage_row, GTK_TYPE_WIDGET)

static void
update_progress (MlpStageRow *self)
{
  guint checked = mlp_stage_get_n_checked (self->stage);
  guint total = mlp_stage_get_n_items (self->stage);
  g_autofree char *progress = NULL;
  g_autofree char *description = NULL;

  /* Translators: checklist progress in the sidebar, e.g. "7 / 12" */
  progress = g_strdup_printf (_("%u / %u"), checked, total);
  gtk_label_set_text (self->progress_label, progress);

  description = g_strdup_printf (ngettext ("%u of %u item done",
                                           "%u of %u items done", total),
                                 checked, total);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, mlp_stage_get_title (self->stage),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
mlp_stage_row_dispose (GObject *object)
{
  MlpStageRow *self = (MlpStageRow *)object;

  mlp_stage_row_set_stage (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MLP_TYPE_STAGE_ROW);

  G_OBJECT_CLASS (mlp_stage_row_parent_class)->dispose (object);
}

static void
mlp_stage_row_class_init (MlpStageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlp_stage_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  g_type_ensure (MLP_TYPE_WRAP_LABEL);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mlp-stage-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MlpStageRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, MlpStageRow, progress_label);
}

static void
mlp_stage_row_init (MlpStageRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 12);
}

MlpStageRow *
mlp_stage_row_new (void)
{
  return g_object_new (MLP_TYPE_STAGE_ROW, NULL);
}

/**
 * mlp_stage_row_set_stage:
 * @stage: (nullable): the stage to show; %NULL when the row is recycled
 */
void
mlp_stage_row_set_stage (MlpStageRow *self,
                         MlpStage    *stage)
{
  g_return_if_fail (MLP_IS_STAGE_ROW (self));

  if (self->stage == stage)
    return;

  if (self->stage != NULL)
    {
      g_clear_signal_handler (&self->notify_id, self->stage);
      g_clear_object (&self->stage);
    }

  if (stage == NULL)
    return;

  self->stage = g_object_ref (stage);
  mlp_wrap_label_set_text (self->title_label, mlp_stage_get_title (stage));
  self->notify_id = g_signal_connect_swapped (stage, "notify::n-checked",
                                              G_CALLBACK (update_progress), self);
  update_progress (self);
}
