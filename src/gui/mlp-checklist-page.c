/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-checklist-page"

#include "config.h"

#include "mlp-check-row.h"
#include "mlp-checklist-page.h"

/* The stage's do's and don'ts in a recycling list view: only the rows on
 * screen exist, however long the checklist. */
struct _MlpChecklistPage
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkWidget         *scroller;
  GtkListView       *list_view;

  MlpCheckItem      *reveal_item;   /* to focus once its row exists */
  gboolean           reveal_details;
  guint              reveal_tick_id;
  guint              reveal_frames;
};

G_DEFINE_FINAL_TYPE (MlpChecklistPage, mlp_checklist_page, GTK_TYPE_WIDGET)

static void
on_setup (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  /* The check button inside takes focus and clicks; the row itself not.
   * A selectable row would take the focus from the note editor on click. */
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_selectable (list_item, FALSE);
  gtk_list_item_set_child (list_item, GTK_WIDGET (mlp_check_row_new ()));
}

static void
on_bind (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         gpointer                  user_data)
{
  mlp_check_row_set_item (MLP_CHECK_ROW (gtk_list_item_get_child (list_item)),
                          gtk_list_item_get_item (list_item));
}

static void
on_unbind (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  mlp_check_row_set_item (MLP_CHECK_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static MlpCheckRow *
find_row (GtkWidget    *widget,
          MlpCheckItem *item)
{
  if (MLP_IS_CHECK_ROW (widget))
    return mlp_check_row_get_item (MLP_CHECK_ROW (widget)) == item ? MLP_CHECK_ROW (widget) : NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      MlpCheckRow *row = find_row (child, item);

      if (row != NULL)
        return row;
    }

  return NULL;
}

static void
stop_reveal (MlpChecklistPage *self)
{
  if (self->reveal_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->reveal_tick_id);
  self->reveal_tick_id = 0;
  g_clear_object (&self->reveal_item);
}

/* The list view makes the row only when it lays out the scrolled-to
 * position, so look for it on the frames that follow. */
static gboolean
reveal_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  MlpChecklistPage *self = user_data;
  MlpCheckRow *row = find_row (widget, self->reveal_item);

  if (row == NULL && ++self->reveal_frames < 30)
    return G_SOURCE_CONTINUE;

  if (row != NULL)
    mlp_check_row_reveal (row, self->reveal_details);
  self->reveal_tick_id = 0;
  g_clear_object (&self->reveal_item);

  return G_SOURCE_REMOVE;
}

static void
mlp_checklist_page_dispose (GObject *object)
{
  MlpChecklistPage *self = (MlpChecklistPage *)object;

  stop_reveal (self);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);

  G_OBJECT_CLASS (mlp_checklist_page_parent_class)->dispose (object);
}

static void
mlp_checklist_page_class_init (MlpChecklistPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlp_checklist_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mlp-checklist-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MlpChecklistPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, MlpChecklistPage, list_view);
}

static void
mlp_checklist_page_init (MlpChecklistPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
}

/**
 * mlp_checklist_page_set_stage:
 *
 * Shows the checklist of @stage.
 */
void
mlp_checklist_page_set_stage (MlpChecklistPage *self,
                              MlpStage         *stage)
{
  g_autoptr(GtkNoSelection) model = NULL;
  GtkAdjustment *adjustment;

  g_return_if_fail (MLP_IS_CHECKLIST_PAGE (self));
  g_return_if_fail (MLP_IS_STAGE (stage));

  /* Ticking happens through the check buttons, not list selection. */
  model = gtk_no_selection_new (g_object_ref (mlp_stage_get_items (stage)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (model));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  gtk_adjustment_set_value (adjustment, 0);
}

/**
 * mlp_checklist_page_show_item:
 * @item: an item of the stage shown
 * @details: whether to open its details too
 *
 * Scrolls to @item and gives its check button the keyboard focus.
 */
void
mlp_checklist_page_show_item (MlpChecklistPage *self,
                              MlpCheckItem     *item,
                              gboolean          details)
{
  GListModel *model;

  g_return_if_fail (MLP_IS_CHECKLIST_PAGE (self));
  g_return_if_fail (MLP_IS_CHECK_ITEM (item));

  stop_reveal (self);
  model = G_LIST_MODEL (gtk_list_view_get_model (self->list_view));
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MlpCheckItem) candidate = g_list_model_get_item (model, i);

      if (candidate != item)
        continue;

      /* GTK 4.8 has no gtk_list_view_scroll_to(); its action does the same. */
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
      self->reveal_item = g_object_ref (item);
      self->reveal_details = details;
      self->reveal_frames = 0;
      self->reveal_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), reveal_tick, self, NULL);
      return;
    }
}
