/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-wrap-label"

#include "config.h"

#include <string.h>

#include "mlp-wrap-label.h"

/* Plain text that wraps at word boundaries (at characters in a word
 * longer than a line), for rows of a long list. A wrapping GtkLabel
 * measures its minimum and natural widths by laying its text out again at
 * several widths, each a full Pango shaping pass; a list view that binds
 * new rows on every scrolled frame pays that for each row. This label
 * shapes its text once per width it is given: its widths come from the
 * font's average character width, its height from one layout at the
 * width asked for, which is also the one it is drawn with. Containers
 * ask for the height at the same few widths again and again in one
 * layout pass and the next, so the last few answers are kept. */
#define N_HEIGHTS 6

struct _MlpWrapLabel
{
  GtkWidget             parent_instance;

  char                 *text;
  int                   min_chars;
  PangoLayout          *layout;       /* NULL until measured or drawn */
  PangoFontDescription *font;         /* the one the layout was made with */
  int                   char_width;   /* Pango units; 0 until known */
  /* Heights measured at these widths (-1: unwrapped), newest first;
   * a width of G_MININT is an empty slot. */
  struct { int width, height; } heights[N_HEIGHTS];
};

G_DEFINE_FINAL_TYPE (MlpWrapLabel, mlp_wrap_label, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_MIN_CHARS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
forget_heights (MlpWrapLabel *self)
{
  for (guint i = 0; i < N_HEIGHTS; i++)
    self->heights[i].width = G_MININT;
}

static void
clear_layout (MlpWrapLabel *self)
{
  forget_heights (self);
  g_clear_object (&self->layout);
  g_clear_pointer (&self->font, pango_font_description_free);
  self->char_width = 0;
}

static PangoLayout *
ensure_layout (MlpWrapLabel *self)
{
  if (self->layout == NULL)
    {
      PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));

      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);
      pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
      self->font = pango_font_description_copy (pango_context_get_font_description (context));
    }

  return self->layout;
}

static int
get_char_width (MlpWrapLabel *self)
{
  if (self->char_width == 0)
    {
      PangoContext *context = pango_layout_get_context (ensure_layout (self));
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);

      self->char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                              pango_font_metrics_get_approximate_digit_width (metrics));
      pango_font_metrics_unref (metrics);
    }

  return self->char_width;
}

static void
set_layout_width (MlpWrapLabel *self,
                  int           width)
{
  PangoLayout *layout = ensure_layout (self);
  int pango_width = width >= 0 ? width * PANGO_SCALE : -1;

  /* Pango keeps the lines while the width stays the same. */
  if (pango_layout_get_width (layout) != pango_width)
    pango_layout_set_width (layout, pango_width);
}

static GtkSizeRequestMode
mlp_wrap_label_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
mlp_wrap_label_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  MlpWrapLabel *self = MLP_WRAP_LABEL (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* The text can wrap down to min-chars; it would like its length. */
      int char_width = get_char_width (self);
      int length = self->text != NULL ? (int)g_utf8_strlen (self->text, -1) : 0;

      *minimum = PANGO_PIXELS_CEIL (char_width * self->min_chars);
      *natural = MAX (*minimum, PANGO_PIXELS_CEIL ((gint64)char_width * length));
    }
  else
    {
      guint i;
      int height;

      for (i = 0; i < N_HEIGHTS - 1 && self->heights[i].width != for_size; i++)
        ;
      if (self->heights[i].width == for_size)
        height = self->heights[i].height;
      else
        {
          set_layout_width (self, for_size);
          pango_layout_get_pixel_size (self->layout, NULL, &height);
        }
      /* Move it, or put it, in front. */
      memmove (&self->heights[1], &self->heights[0], i * sizeof self->heights[0]);
      self->heights[0].width = for_size;
      self->heights[0].height = height;
      *minimum = *natural = height;
    }
}

static void
mlp_wrap_label_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  set_layout_width (MLP_WRAP_LABEL (widget), width);
}

static void
mlp_wrap_label_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  MlpWrapLabel *self = MLP_WRAP_LABEL (widget);

  if (self->text == NULL || *self->text == '\0')
    return;

  set_layout_width (self, gtk_widget_get_width (widget));
  gtk_snapshot_render_layout (snapshot, gtk_widget_get_style_context (widget), 0, 0, self->layout);
}

/* Called for every state change of the row (hover, checked); only a new
 * font makes the text take another size. */
static void
mlp_wrap_label_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  MlpWrapLabel *self = MLP_WRAP_LABEL (widget);
  PangoContext *context;

  GTK_WIDGET_CLASS (mlp_wrap_label_parent_class)->css_changed (widget, change);

  context = gtk_widget_get_pango_context (widget);
  if (self->font != NULL && !pango_font_description_equal (self->font, pango_context_get_font_description (context)))
    {
      clear_layout (self);
      gtk_widget_queue_resize (widget);
    }
}

/* Font settings, text scale and direction reach the layout through its
 * Pango context; a new one is made with them. */
static void
mlp_wrap_label_system_setting_changed (GtkWidget       *widget,
                                       GtkSystemSetting setting)
{
  GTK_WIDGET_CLASS (mlp_wrap_label_parent_class)->system_setting_changed (widget, setting);
  clear_layout (MLP_WRAP_LABEL (widget));
  gtk_widget_queue_resize (widget);
}

static void
mlp_wrap_label_direction_changed (GtkWidget        *widget,
                                  GtkTextDirection  previous)
{
  clear_layout (MLP_WRAP_LABEL (widget));
  gtk_widget_queue_resize (widget);
}

static void
mlp_wrap_label_finalize (GObject *object)
{
  MlpWrapLabel *self = (MlpWrapLabel *)object;

  clear_layout (self);
  g_free (self->text);

  G_OBJECT_CLASS (mlp_wrap_label_parent_class)->finalize (object);
}

static void
mlp_wrap_label_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MlpWrapLabel *self = MLP_WRAP_LABEL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_MIN_CHARS:
      g_value_set_int (value, self->min_chars);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlp_wrap_label_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MlpWrapLabel *self = MLP_WRAP_LABEL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      mlp_wrap_label_set_text (self, g_value_get_string (value));
      break;
    case PROP_MIN_CHARS:
      if (self->min_chars != g_value_get_int (value))
        {
          self->min_chars = g_value_get_int (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlp_wrap_label_class_init (MlpWrapLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mlp_wrap_label_finalize;
  object_class->get_property = mlp_wrap_label_get_property;
  object_class->set_property = mlp_wrap_label_set_property;

  widget_class->get_request_mode = mlp_wrap_label_get_request_mode;
  widget_class->measure = mlp_wrap_label_measure;
  widget_class->size_allocate = mlp_wrap_label_size_allocate;
  widget_class->snapshot = mlp_wrap_label_snapshot;
  widget_class->css_changed = mlp_wrap_label_css_changed;
  widget_class->system_setting_changed = mlp_wrap_label_system_setting_changed;
  widget_class->direction_changed = mlp_wrap_label_direction_changed;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The narrowest it wraps to, in average characters. */
  properties[PROP_MIN_CHARS] =
    g_param_spec_int ("min-chars", NULL, NULL, 1, 1000, 24,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
mlp_wrap_label_init (MlpWrapLabel *self)
{
  self->min_chars = 24;
  forget_heights (self);
}

MlpWrapLabel *
mlp_wrap_label_new (const char *text)
{
  return g_object_new (MLP_TYPE_WRAP_LABEL, "text", text, NULL);
}

const char *
mlp_wrap_label_get_text (MlpWrapLabel *self)
{
  g_return_val_if_fail (MLP_IS_WRAP_LABEL (self), NULL);
  return self->text;
}

/**
 * mlp_wrap_label_set_text:
 * @text: (nullable): plain text, never markup
 */
void
mlp_wrap_label_set_text (MlpWrapLabel *self,
                         const char   *text)
{
  g_return_if_fail (MLP_IS_WRAP_LABEL (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, text != NULL ? text : "", -1);
  forget_heights (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}
