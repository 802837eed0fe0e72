/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-bar-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "mlp-bar-chart.h"
#include "mlp-types.h"

/* A bar chart drawn with GtkSnapshot: horizontal bars (a label, the bar and
 * its value on one row; the label above the bar when narrow) or vertical
 * bars over a baseline with as many labels under them as fit, the last one
 * always. Colours come from the style: the text colour and libadwaita's
 * accent, so it reads in light and dark style alike. For assistive
 * technologies it is an image whose description lists every bar. */

/* Horizontal */
#define BAR_THICKNESS   10
#define ROW_SPACING     10
#define LABEL_SPACING   12
#define NARROW_WIDTH    480  /* below this the label goes above its bar */
#define NARROW_GAP      4
/* Vertical */
#define PLOT_HEIGHT     140
#define BELOW_GAP       6
#define MIN_SLOT        4
#define NATURAL_SLOT    24
/* Empty */
#define EMPTY_PADDING   18

typedef struct
{
  double  value;
  char   *label;
  char   *value_text;
  char   *description;
} Bar;

struct _MlpBarChart
{
  GtkWidget       parent_instance;

  GtkOrientation  orientation;
  char           *title;
  char           *empty_text;
  char           *description;
  double          max;
  GArray         *bars;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_EMPTY_TEXT,
  PROP_MAX,
  N_PROPS,
  PROP_ORIENTATION = N_PROPS,
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE_WITH_CODE (MlpBarChart, mlp_bar_chart, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_ORIENTABLE, NULL))

static void
bar_clear (gpointer data)
{
  Bar *bar = data;

  g_free (bar->label);
  g_free (bar->value_text);
  g_free (bar->description);
}

static Bar *
get_bar (MlpBarChart *self,
         guint        i)
{
  return &g_array_index (self->bars, Bar, i);
}

static double
effective_max (MlpBarChart *self)
{
  double max = self->max;

  if (max <= 0)
    for (guint i = 0; i < self->bars->len; i++)
      max = MAX (max, get_bar (self, i)->value);
  return max > 0 ? max : 1;
}

static PangoLayout *
new_layout (MlpBarChart *self,
            const char  *text,
            gboolean     numeric)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  if (numeric)
    {
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
      pango_layout_set_attributes (layout, attrs);
    }
  return layout;
}

static int
text_width (MlpBarChart *self,
            const char  *text,
            gboolean     numeric)
{
  g_autoptr(PangoLayout) layout = NULL;
  int width;

  if (text == NULL || *text == '\0')
    return 0;
  layout = new_layout (self, text, numeric);
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static int
line_height (MlpBarChart *self)
{
  g_autoptr(PangoLayout) layout = new_layout (self, "Ag", FALSE);
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static int
widest_label (MlpBarChart *self)
{
  int width = 0;

  for (guint i = 0; i < self->bars->len; i++)
    width = MAX (width, text_width (self, get_bar (self, i)->label, FALSE));
  return width;
}

static int
widest_value (MlpBarChart *self)
{
  int width = 0;

  for (guint i = 0; i < self->bars->len; i++)
    width = MAX (width, text_width (self, get_bar (self, i)->value_text, TRUE));
  return width;
}

static int
horizontal_row_height (MlpBarChart *self,
                       gboolean     narrow)
{
  int line = line_height (self);

  return narrow ? line + NARROW_GAP + BAR_THICKNESS : MAX (line, BAR_THICKNESS);
}

static int
empty_height (MlpBarChart *self,
              int          width)
{
  g_autoptr(PangoLayout) layout = new_layout (self, self->empty_text ? self->empty_text : "", FALSE);
  int height;

  if (width > 2 * EMPTY_PADDING)
    pango_layout_set_width (layout, (width - 2 * EMPTY_PADDING) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, NULL, &height);
  return height + 2 * EMPTY_PADDING;
}

static GtkSizeRequestMode
mlp_bar_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
mlp_bar_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  MlpBarChart *self = MLP_BAR_CHART (widget);
  guint n = self->bars->len;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      if (n == 0)
        {
          *minimum = 120;
          *natural = MAX (*minimum, text_width (self, self->empty_text, FALSE) + 2 * EMPTY_PADDING);
        }
      else if (self->orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          *minimum = 120;
          *natural = MAX (NARROW_WIDTH, widest_label (self) + widest_value (self) + 2 * LABEL_SPACING + 240);
        }
      else
        {
          *minimum = n * MIN_SLOT;
          *natural = n * NATURAL_SLOT;
        }
    }
  else
    {
      if (n == 0)
        *minimum = *natural = empty_height (self, for_size);
      else if (self->orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          /* Without a width, ask for the taller, narrow layout. */
          gboolean narrow = for_size < 0 || for_size < NARROW_WIDTH;
          int row = horizontal_row_height (self, narrow);

          *minimum = *natural = n * row + (n - 1) * ROW_SPACING;
        }
      else
        *minimum = *natural = line_height (self) + PLOT_HEIGHT + BELOW_GAP + line_height (self);
    }
}

/* Mirrors a box for right-to-left text. */
static graphene_rect_t
place (MlpBarChart *self,
       float        x,
       float        y,
       float        width,
       float        height)
{
  graphene_rect_t rect;

  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    x = gtk_widget_get_width (GTK_WIDGET (self)) - x - width;
  graphene_rect_init (&rect, x, y, width, height);
  return rect;
}

static void
draw_text (MlpBarChart    *self,
           GtkSnapshot    *snapshot,
           PangoLayout    *layout,
           float           x,
           float           y,
           const GdkRGBA  *color)
{
  int width;
  graphene_rect_t rect;

  pango_layout_get_pixel_size (layout, &width, NULL);
  rect = place (self, x, y, width, 0);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (rect.origin.x, rect.origin.y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
draw_bar (GtkSnapshot           *snapshot,
          const graphene_rect_t *rect,
          float                  radius,
          const GdkRGBA         *color)
{
  GskRoundedRect rounded;

  if (rect->size.width <= 0 || rect->size.height <= 0)
    return;

  radius = MIN (radius, MIN (rect->size.width, rect->size.height) / 2);
  gsk_rounded_rect_init_from_rect (&rounded, rect, radius);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, color, rect);
  gtk_snapshot_pop (snapshot);
}

static void
snapshot_empty (MlpBarChart   *self,
                GtkSnapshot   *snapshot,
                const GdkRGBA *fg)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  g_autoptr(PangoLayout) layout = NULL;
  GdkRGBA dim = *fg;
  int text_height;

  if (self->empty_text == NULL)
    return;

  layout = new_layout (self, self->empty_text, FALSE);
  pango_layout_set_width (layout, MAX (1, width - 2 * EMPTY_PADDING) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_pixel_size (layout, NULL, &text_height);
  dim.alpha *= 0.7;
  draw_text (self, snapshot, layout, EMPTY_PADDING, MAX (0, (height - text_height) / 2), &dim);
}

static void
snapshot_horizontal (MlpBarChart   *self,
                     GtkSnapshot   *snapshot,
                     const GdkRGBA *fg,
                     const GdkRGBA *accent,
                     const GdkRGBA *track)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  gboolean narrow = width < NARROW_WIDTH;
  int line = line_height (self);
  int row = horizontal_row_height (self, narrow);
  int value_width = widest_value (self);
  int label_width, bar_x, bar_width;
  double max = effective_max (self);
  GdkRGBA dim = *fg;

  dim.alpha *= 0.75;

  if (narrow)
    {
      label_width = MAX (1, width - value_width - LABEL_SPACING);
      bar_x = 0;
      bar_width = width;
    }
  else
    {
      label_width = MIN (widest_label (self), width * 2 / 5);
      bar_x = label_width + LABEL_SPACING;
      bar_width = MAX (1, width - bar_x - value_width - LABEL_SPACING);
    }

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = get_bar (self, i);
      int y = i * (row + ROW_SPACING);
      int bar_y = narrow ? y + line + NARROW_GAP : y + (row - BAR_THICKNESS) / 2;
      double share = CLAMP (bar->value / max, 0, 1);
      g_autoptr(PangoLayout) label = new_layout (self, bar->label ? bar->label : "", FALSE);
      g_autoptr(PangoLayout) value = new_layout (self, bar->value_text ? bar->value_text : "", TRUE);
      graphene_rect_t rect;
      int value_w;

      pango_layout_set_width (label, label_width * PANGO_SCALE);
      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      draw_text (self, snapshot, label, 0, y + (narrow ? 0 : (row - line) / 2), fg);

      pango_layout_get_pixel_size (value, &value_w, NULL);
      draw_text (self, snapshot, value, width - value_w, y + (narrow ? 0 : (row - line) / 2), &dim);

      rect = place (self, bar_x, bar_y, bar_width, BAR_THICKNESS);
      draw_bar (snapshot, &rect, BAR_THICKNESS / 2.0, track);
      /* A sliver for a value above nothing, so it does not read as zero. */
      rect = place (self, bar_x, bar_y, share > 0 ? MAX (BAR_THICKNESS, share * bar_width) : 0, BAR_THICKNESS);
      draw_bar (snapshot, &rect, BAR_THICKNESS / 2.0, accent);
    }
}

static void
snapshot_vertical (MlpBarChart   *self,
                   GtkSnapshot   *snapshot,
                   const GdkRGBA *fg,
                   const GdkRGBA *accent)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  guint n = self->bars->len;
  int line = line_height (self);
  int plot_top = line;
  int baseline = plot_top + PLOT_HEIGHT;
  double slot = (double)width / n;
  double bar_width = MAX (1.0, slot * 0.66);
  double max = effective_max (self);
  guint tallest = 0;
  int label_width = widest_label (self);
  guint step;
  double next_left = G_MAXDOUBLE;
  GdkRGBA dim = *fg, faint = *fg;
  graphene_rect_t rect;

  dim.alpha *= 0.75;
  faint.alpha *= 0.3;

  for (guint i = 0; i < n; i++)
    if (get_bar (self, i)->value >= get_bar (self, tallest)->value)
      tallest = i;

  for (guint i = 0; i < n; i++)
    {
      Bar *bar = get_bar (self, i);
      double share = CLAMP (bar->value / max, 0, 1);
      double height = share > 0 ? MAX (2.0, share * PLOT_HEIGHT) : 0;
      double x = i * slot + (slot - bar_width) / 2;

      rect = place (self, x, baseline - height, bar_width, height);
      draw_bar (snapshot, &rect, MIN (3.0, bar_width / 2), accent);

      /* Values over the bars where they fit; else only the tallest, which
       * gives the scale. */
      if (share > 0 && bar->value_text != NULL)
        {
          g_autoptr(PangoLayout) value = new_layout (self, bar->value_text, TRUE);
          int value_w;

          pango_layout_get_pixel_size (value, &value_w, NULL);
          if (value_w + 6 <= slot || i == tallest)
            draw_text (self, snapshot, value,
                       CLAMP (i * slot + (slot - value_w) / 2, 0, width - value_w),
                       baseline - height - line, &dim);
        }
    }

  rect = place (self, 0, baseline, width, 1);
  gtk_snapshot_append_color (snapshot, &faint, &rect);

  /* Every step-th label, counting back from the last, so the last (today)
   * always shows and none overlap. */
  step = MAX (1, (guint)((label_width + LABEL_SPACING) / slot));
  if (step * slot < label_width + LABEL_SPACING)
    step++;
  for (guint k = 0; k < n; k += step)
    {
      guint i = n - 1 - k;
      Bar *bar = get_bar (self, i);
      g_autoptr(PangoLayout) label = NULL;
      int label_w;
      double x;

      if (bar->label == NULL)
        continue;
      label = new_layout (self, bar->label, FALSE);
      pango_layout_get_pixel_size (label, &label_w, NULL);
      x = CLAMP (i * slot + (slot - label_w) / 2, 0, MAX (0, width - label_w));
      /* The labels at the ends are pushed inside, and may then crowd. */
      if (x + label_w + LABEL_SPACING > next_left)
        continue;
      draw_text (self, snapshot, label, x, baseline + BELOW_GAP, &dim);
      next_left = x;
    }
}

static void
mlp_bar_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  MlpBarChart *self = MLP_BAR_CHART (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA fg, accent, track;

  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", &accent))
    gdk_rgba_parse (&accent, "#3584e4");
  track = fg;
  track.alpha *= 0.1;

  if (self->bars->len == 0)
    snapshot_empty (self, snapshot, &fg);
  else if (self->orientation == GTK_ORIENTATION_HORIZONTAL)
    snapshot_horizontal (self, snapshot, &fg, &accent, &track);
  else
    snapshot_vertical (self, snapshot, &fg, &accent);
}

static void
update_description (MlpBarChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->bars->len == 0 && self->empty_text != NULL)
    g_string_append (text, self->empty_text);

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = get_bar (self, i);

      if (i > 0)
        /* Translators: separates the bars in a chart's spoken description */
        g_string_append (text, _(", "));
      if (bar->description != NULL)
        g_string_append (text, bar->description);
      else
        /* Translators: a bar in a chart's spoken description: label, value ("Framing 80 %") */
        g_string_append_printf (text, _("%s %s"), bar->label ? bar->label : "",
                                bar->value_text ? bar->value_text : "");
    }

  g_free (self->description);
  self->description = g_string_free (g_steal_pointer (&text), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
}

static void
changed (MlpBarChart *self)
{
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
mlp_bar_chart_finalize (GObject *object)
{
  MlpBarChart *self = (MlpBarChart *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->empty_text, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->bars, g_array_unref);

  G_OBJECT_CLASS (mlp_bar_chart_parent_class)->finalize (object);
}

static void
set_orientation (MlpBarChart    *self,
                 GtkOrientation  orientation)
{
  if (self->orientation == orientation)
    return;

  self->orientation = orientation;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify (G_OBJECT (self), "orientation");
}

static void
mlp_bar_chart_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MlpBarChart *self = MLP_BAR_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_EMPTY_TEXT:
      g_value_set_string (value, self->empty_text);
      break;
    case PROP_MAX:
      g_value_set_double (value, self->max);
      break;
    case PROP_ORIENTATION:
      g_value_set_enum (value, self->orientation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlp_bar_chart_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MlpBarChart *self = MLP_BAR_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      mlp_bar_chart_set_title (self, g_value_get_string (value));
      break;
    case PROP_EMPTY_TEXT:
      mlp_bar_chart_set_empty_text (self, g_value_get_string (value));
      break;
    case PROP_MAX:
      mlp_bar_chart_set_max (self, g_value_get_double (value));
      break;
    case PROP_ORIENTATION:
      set_orientation (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlp_bar_chart_class_init (MlpBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mlp_bar_chart_finalize;
  object_class->get_property = mlp_bar_chart_get_property;
  object_class->set_property = mlp_bar_chart_set_property;

  widget_class->get_request_mode = mlp_bar_chart_get_request_mode;
  widget_class->measure = mlp_bar_chart_measure;
  widget_class->snapshot = mlp_bar_chart_snapshot;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMPTY_TEXT] =
    g_param_spec_string ("empty-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX] =
    g_param_spec_double ("max", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_ORIENTATION, "orientation");

  gtk_widget_class_set_css_name (widget_class, "barchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mlp_bar_chart_init (MlpBarChart *self)
{
  self->orientation = GTK_ORIENTATION_HORIZONTAL;
  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, bar_clear);
  update_description (self);
}

/**
 * mlp_bar_chart_new:
 * @orientation: horizontal: bars grow to the right, one row each;
 *   vertical: bars grow up from a baseline
 */
GtkWidget *
mlp_bar_chart_new (GtkOrientation orientation)
{
  return g_object_new (MLP_TYPE_BAR_CHART, "orientation", orientation, NULL);
}

const char *
mlp_bar_chart_get_title (MlpBarChart *self)
{
  g_return_val_if_fail (MLP_IS_BAR_CHART (self), NULL);
  return self->title;
}

/**
 * mlp_bar_chart_set_title:
 * @title: (nullable): what the chart shows; its accessible name
 */
void
mlp_bar_chart_set_title (MlpBarChart *self,
                         const char  *title)
{
  g_return_if_fail (MLP_IS_BAR_CHART (self));

  if (!mlp_set_str (&self->title, title))
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title ? title : "",
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
mlp_bar_chart_get_empty_text (MlpBarChart *self)
{
  g_return_val_if_fail (MLP_IS_BAR_CHART (self), NULL);
  return self->empty_text;
}

/**
 * mlp_bar_chart_set_empty_text:
 * @empty_text: (nullable): what the chart says when it has no bars
 */
void
mlp_bar_chart_set_empty_text (MlpBarChart *self,
                              const char  *empty_text)
{
  g_return_if_fail (MLP_IS_BAR_CHART (self));

  if (!mlp_set_str (&self->empty_text, empty_text))
    return;

  changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY_TEXT]);
}

double
mlp_bar_chart_get_max (MlpBarChart *self)
{
  g_return_val_if_fail (MLP_IS_BAR_CHART (self), 0);
  return self->max;
}

/**
 * mlp_bar_chart_set_max:
 * @max: the value of a full bar, or 0 for the largest value shown
 */
void
mlp_bar_chart_set_max (MlpBarChart *self,
                       double       max)
{
  g_return_if_fail (MLP_IS_BAR_CHART (self));

  max = MAX (max, 0);
  if (self->max == max)
    return;

  self->max = max;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX]);
}

void
mlp_bar_chart_clear (MlpBarChart *self)
{
  g_return_if_fail (MLP_IS_BAR_CHART (self));

  if (self->bars->len == 0)
    return;

  g_array_set_size (self->bars, 0);
  changed (self);
}

/**
 * mlp_bar_chart_append:
 * @value: the bar's value, 0 or more
 * @label: (nullable): drawn beside (horizontal) or under (vertical) the bar
 * @value_text: (nullable): the value as the user reads it, e.g. "80 %"
 * @description: (nullable): the bar in words for assistive technologies;
 *   %NULL for @label and @value_text
 *
 * Adds a bar after the others.
 */
void
mlp_bar_chart_append (MlpBarChart *self,
                      double       value,
                      const char  *label,
                      const char  *value_text,
                      const char  *description)
{
  Bar bar;

  g_return_if_fail (MLP_IS_BAR_CHART (self));

  bar = (Bar) {
    .value = MAX (value, 0),
    .label = g_strdup (label),
    .value_text = g_strdup (value_text),
    .description = g_strdup (description),
  };
  g_array_append_val (self->bars, bar);
  changed (self);
}

guint
mlp_bar_chart_get_n_bars (MlpBarChart *self)
{
  g_return_val_if_fail (MLP_IS_BAR_CHART (self), 0);
  return self->bars->len;
}

/**
 * mlp_bar_chart_get_description:
 *
 * Returns: the chart in words, as given to assistive technologies
 */
const char *
mlp_bar_chart_get_description (MlpBarChart *self)
{
  g_return_val_if_fail (MLP_IS_BAR_CHART (self), NULL);
  return self->description;
}
