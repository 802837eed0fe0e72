/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-search-page"

#include "config.h"

#include "mlp-search-page.h"
#include "mlp-search-row.h"

/* Search across every stage: a search bar, and the stages' items and
 * questions (an index of MlpSearchTarget, built on first use) filtered
 * incrementally as the user types. Activating a result emits
 * ::open-result; the window takes it from there. */
struct _MlpSearchPage
{
  GtkWidget           parent_instance;

  GListModel         *stages;
  GListModel         *index;
  GtkFilterListModel *results;
  GtkCustomFilter    *filter;
  char               *query;   /* the folded terms, joined by spaces */
  GStrv               terms;
  GPtrArray          *bound;   /* GtkListItem, showing a result now */

  /* Template widgets */
  GtkWidget          *box;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *entry;
  GtkStack           *stack;
  GtkListView        *list_view;
};

G_DEFINE_FINAL_TYPE (MlpSearchPage, mlp_search_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SEARCH_MODE_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_RESULT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
match_target (gpointer item,
              gpointer user_data)
{
  MlpSearchPage *self = user_data;

  return mlp_search_target_matches (item, (const char * const *)self->terms);
}

static void
update_view (MlpSearchPage *self)
{
  const char *page = "results";

  if (self->terms[0] == NULL)
    page = "start";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) == 0 &&
           gtk_filter_list_model_get_pending (self->results) == 0)
    page = "none";

  gtk_stack_set_visible_child_name (self->stack, page);
}

static void
ensure_index (MlpSearchPage *self)
{
  if (self->index != NULL || self->stages == NULL)
    return;

  self->index = mlp_search_index_new (self->stages);
  gtk_filter_list_model_set_model (self->results, self->index);
}

static void
on_stages_changed (MlpSearchPage *self)
{
  /* Content was added: index it again when next needed. */
  g_clear_object (&self->index);
  gtk_filter_list_model_set_model (self->results, NULL);
  if (gtk_search_bar_get_search_mode (self->search_bar))
    ensure_index (self);
}

static void
on_search_changed (MlpSearchPage  *self,
                   GtkSearchEntry *entry)
{
  g_auto(GStrv) terms = mlp_search_split_query (gtk_editable_get_text (GTK_EDITABLE (entry)));
  g_autofree char *query = g_strjoinv (" ", terms);
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  if (g_str_equal (query, self->query))
    return;

  /* No terms match nothing, so only a longer query among real ones is
   * stricter (every term is a substring) or a shorter one looser. */
  if (terms[0] != NULL && self->terms[0] != NULL)
    {
      if (g_str_has_prefix (query, self->query))
        change = GTK_FILTER_CHANGE_MORE_STRICT;
      else if (g_str_has_prefix (self->query, query))
        change = GTK_FILTER_CHANGE_LESS_STRICT;
    }

  g_strfreev (self->terms);
  self->terms = g_steal_pointer (&terms);
  g_free (self->query);
  self->query = g_steal_pointer (&query);

  ensure_index (self);
  gtk_filter_changed (GTK_FILTER (self->filter), change);

  /* Results that stay keep their rows: show them with the new terms. */
  for (guint i = 0; i < self->bound->len; i++)
    {
      GtkListItem *list_item = g_ptr_array_index (self->bound, i);

      mlp_search_row_set_target (MLP_SEARCH_ROW (gtk_list_item_get_child (list_item)),
                                 gtk_list_item_get_item (list_item),
                                 (const char * const *)self->terms);
    }

  update_view (self);
}

static void
open_result (MlpSearchPage *self,
             guint          position)
{
  g_autoptr(MlpSearchTarget) target = g_list_model_get_item (G_LIST_MODEL (self->results), position);
  const char *match;

  if (target == NULL)
    return;

  /* When the words are in the detail or the note, show those too. */
  match = mlp_search_target_get_match_text (target, (const char * const *)self->terms, NULL);
  g_signal_emit (self, signals[OPEN_RESULT], 0, target, match != NULL);
}

static void
on_list_activate (MlpSearchPage *self,
                  guint          position,
                  GtkListView   *list_view)
{
  open_result (self, position);
}

static void
on_entry_activate (MlpSearchPage  *self,
                   GtkSearchEntry *entry)
{
  open_result (self, 0);
}

static gboolean
on_entry_key_pressed (MlpSearchPage         *self,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkEventControllerKey *controller)
{
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      g_list_model_get_n_items (G_LIST_MODEL (self->results)) == 0)
    return GDK_EVENT_PROPAGATE;

  /* Down from the entry goes to the results. */
  return gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
}

static gboolean
on_escape (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  mlp_search_page_set_search_mode (MLP_SEARCH_PAGE (widget), FALSE);
  return TRUE;
}

static void
on_search_mode_changed (MlpSearchPage *self)
{
  if (gtk_search_bar_get_search_mode (self->search_bar))
    ensure_index (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE_ENABLED]);
}

static void
on_setup (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, GTK_WIDGET (mlp_search_row_new ()));
}

static void
on_bind (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         MlpSearchPage            *self)
{
  mlp_search_row_set_target (MLP_SEARCH_ROW (gtk_list_item_get_child (list_item)),
                             gtk_list_item_get_item (list_item),
                             (const char * const *)self->terms);
  g_ptr_array_add (self->bound, list_item);
}

static void
on_unbind (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           MlpSearchPage            *self)
{
  g_ptr_array_remove_fast (self->bound, list_item);
}

static gboolean
mlp_search_page_grab_focus (GtkWidget *widget)
{
  MlpSearchPage *self = MLP_SEARCH_PAGE (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
mlp_search_page_dispose (GObject *object)
{
  MlpSearchPage *self = (MlpSearchPage *)object;

  if (self->stages != NULL)
    g_signal_handlers_disconnect_by_func (self->stages, on_stages_changed, self);
  g_clear_object (&self->stages);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->results);
  g_clear_object (&self->filter);
  g_clear_object (&self->index);

  G_OBJECT_CLASS (mlp_search_page_parent_class)->dispose (object);
}

static void
mlp_search_page_finalize (GObject *object)
{
  MlpSearchPage *self = (MlpSearchPage *)object;

  g_strfreev (self->terms);
  g_free (self->query);
  g_ptr_array_unref (self->bound);

  G_OBJECT_CLASS (mlp_search_page_parent_class)->finalize (object);
}

static void
mlp_search_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MlpSearchPage *self = MLP_SEARCH_PAGE (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE_ENABLED:
      g_value_set_boolean (value, mlp_search_page_get_search_mode (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlp_search_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MlpSearchPage *self = MLP_SEARCH_PAGE (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE_ENABLED:
      mlp_search_page_set_search_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlp_search_page_class_init (MlpSearchPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlp_search_page_dispose;
  object_class->finalize = mlp_search_page_finalize;
  object_class->get_property = mlp_search_page_get_property;
  object_class->set_property = mlp_search_page_set_property;
  widget_class->grab_focus = mlp_search_page_grab_focus;

  properties[PROP_SEARCH_MODE_ENABLED] =
    g_param_spec_boolean ("search-mode-enabled", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MlpSearchPage::open-result:
   * @target: the result chosen
   * @details: whether the words were found beyond the title (a detail,
   *   an answer, the note), which are then worth showing
   */
  signals[OPEN_RESULT] =
    g_signal_new ("open-result", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, MLP_TYPE_SEARCH_TARGET, G_TYPE_BOOLEAN);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mlp-search-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MlpSearchPage, box);
  gtk_widget_class_bind_template_child (widget_class, MlpSearchPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, MlpSearchPage, entry);
  gtk_widget_class_bind_template_child (widget_class, MlpSearchPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MlpSearchPage, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_mode_changed);

  /* Escape closes search from the results too, not only from the entry. */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, on_escape, NULL);
}

static void
mlp_search_page_init (MlpSearchPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->query = g_strdup ("");
  self->terms = g_new0 (char *, 1);
  self->bound = g_ptr_array_new ();

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->entry));

  self->filter = gtk_custom_filter_new (match_target, self, NULL);
  self->results = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  gtk_filter_list_model_set_incremental (self->results, TRUE);
  g_signal_connect_object (self->results, "notify::n-items", G_CALLBACK (update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->results, "notify::pending", G_CALLBACK (update_view), self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind), self);
  gtk_list_view_set_factory (self->list_view, factory);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->results)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_entry_key_pressed), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);

  update_view (self);
}

/**
 * mlp_search_page_set_stages:
 * @stages: a #GListModel of #MlpStage to search
 */
void
mlp_search_page_set_stages (MlpSearchPage *self,
                            GListModel    *stages)
{
  g_return_if_fail (MLP_IS_SEARCH_PAGE (self));
  g_return_if_fail (G_IS_LIST_MODEL (stages));

  if (self->stages != NULL)
    g_signal_handlers_disconnect_by_func (self->stages, on_stages_changed, self);
  g_set_object (&self->stages, stages);
  g_signal_connect_swapped (stages, "items-changed", G_CALLBACK (on_stages_changed), self);
  on_stages_changed (self);
}

gboolean
mlp_search_page_get_search_mode (MlpSearchPage *self)
{
  g_return_val_if_fail (MLP_IS_SEARCH_PAGE (self), FALSE);
  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
mlp_search_page_set_search_mode (MlpSearchPage *self,
                                 gboolean       search_mode)
{
  g_return_if_fail (MLP_IS_SEARCH_PAGE (self));

  /* The bar's notification is passed on as ours. */
  gtk_search_bar_set_search_mode (self->search_bar, search_mode);
}

/**
 * mlp_search_page_get_results:
 *
 * Returns: (transfer none): the #MlpSearchTarget found, as shown
 */
GListModel *
mlp_search_page_get_results (MlpSearchPage *self)
{
  g_return_val_if_fail (MLP_IS_SEARCH_PAGE (self), NULL);
  return G_LIST_MODEL (self->results);
}

/**
 * mlp_search_page_set_query:
 *
 * Searches for @query as if the user had typed it.
 */
void
mlp_search_page_set_query (MlpSearchPage *self,
                           const char    *query)
{
  g_return_if_fail (MLP_IS_SEARCH_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), query);
  /* At once, not after the entry's typing delay. */
  on_search_changed (self, self->entry);
}
