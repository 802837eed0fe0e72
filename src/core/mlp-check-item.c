/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-check-item"

#include "config.h"

#include "mlp-check-item.h"
#include "mlp-enums.h"

struct _MlpCheckItem
{
  GObject      parent_instance;

  char        *id;
  char        *text;
  char        *detail;
  char        *source;
  GStrv        question_ids;
  char        *note;
  MlpItemKind  kind;
  gboolean     checked;
  gboolean     needs_review;
};

G_DEFINE_FINAL_TYPE (MlpCheckItem, mlp_check_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_TEXT,
  PROP_DETAIL,
  PROP_SOURCE,
  PROP_CHECKED,
  PROP_NOTE,
  PROP_NEEDS_REVIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mlp_check_item_finalize (GObject *object)
{
  MlpCheckItem *self = (MlpCheckItem *)object;

  g_free (self->id);
  g_free (self->text);
  g_free (self->detail);
  g_free (self->source);
  g_free (self->note);
  g_strfreev (self->question_ids);

  G_OBJECT_CLASS (mlp_check_item_parent_class)->finalize (object);
}

static void
mlp_check_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MlpCheckItem *self = MLP_CHECK_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_CHECKED:
      g_value_set_boolean (value, self->checked);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_NEEDS_REVIEW:
      g_value_set_boolean (value, self->needs_review);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlp_check_item_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MlpCheckItem *self = MLP_CHECK_ITEM (object);

  switch (prop_id)
    {
    case PROP_CHECKED:
      mlp_check_item_set_checked (self, g_value_get_boolean (value));
      break;
    case PROP_NOTE:
      mlp_check_item_set_note (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlp_check_item_class_init (MlpCheckItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mlp_check_item_finalize;
  object_class->get_property = mlp_check_item_get_property;
  object_class->set_property = mlp_check_item_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       MLP_TYPE_ITEM_KIND, MLP_ITEM_KIND_DO,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHECKED] =
    g_param_spec_boolean ("checked", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The user's own note; NULL when there is none. */
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A linked question keeps being failed: the item is worth another look. */
  properties[PROP_NEEDS_REVIEW] =
    g_param_spec_boolean ("needs-review", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mlp_check_item_init (MlpCheckItem *self)
{
}

/**
 * mlp_check_item_new:
 *
 * Returns: (transfer full): a new unchecked item
 */
MlpCheckItem *
mlp_check_item_new (const char         *id,
                    MlpItemKind         kind,
                    const char         *text,
                    const char         *detail,
                    const char         *source,
                    const char * const *question_ids)
{
  MlpCheckItem *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  self = g_object_new (MLP_TYPE_CHECK_ITEM, NULL);
  self->id = g_strdup (id);
  self->kind = kind;
  self->text = g_strdup (text);
  self->detail = g_strdup (detail);
  self->source = g_strdup (source);
  self->question_ids = question_ids ? g_strdupv ((char **)question_ids) : g_new0 (char *, 1);

  return self;
}

const char *
mlp_check_item_get_id (MlpCheckItem *self)
{
  g_return_val_if_fail (MLP_IS_CHECK_ITEM (self), NULL);
  return self->id;
}

MlpItemKind
mlp_check_item_get_kind (MlpCheckItem *self)
{
  g_return_val_if_fail (MLP_IS_CHECK_ITEM (self), MLP_ITEM_KIND_DO);
  return self->kind;
}

const char *
mlp_check_item_get_text (MlpCheckItem *self)
{
  g_return_val_if_fail (MLP_IS_CHECK_ITEM (self), NULL);
  return self->text;
}

const char *
mlp_check_item_get_detail (MlpCheckItem *self)
{
  g_return_val_if_fail (MLP_IS_CHECK_ITEM (self), NULL);
  return self->detail;
}

const char *
mlp_check_item_get_source (MlpCheckItem *self)
{
  g_return_val_if_fail (MLP_IS_CHECK_ITEM (self), NULL);
  return self->source;
}

/**
 * mlp_check_item_get_question_ids:
 *
 * Returns: (transfer none): ids of the questions that test this item
 */
const char * const *
mlp_check_item_get_question_ids (MlpCheckItem *self)
{
  g_return_val_if_fail (MLP_IS_CHECK_ITEM (self), NULL);
  return (const char * const *)self->question_ids;
}

gboolean
mlp_check_item_get_checked (MlpCheckItem *self)
{
  g_return_val_if_fail (MLP_IS_CHECK_ITEM (self), FALSE);
  return self->checked;
}

void
mlp_check_item_set_checked (MlpCheckItem *self,
                            gboolean      checked)
{
  g_return_if_fail (MLP_IS_CHECK_ITEM (self));

  checked = !!checked;
  if (self->checked == checked)
    return;

  self->checked = checked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED]);
}

/**
 * mlp_check_item_get_note:
 *
 * Returns: (nullable): the user's note on this item
 */
const char *
mlp_check_item_get_note (MlpCheckItem *self)
{
  g_return_val_if_fail (MLP_IS_CHECK_ITEM (self), NULL);
  return self->note;
}

/**
 * mlp_check_item_set_note:
 * @note: (nullable): the note; empty means none
 */
void
mlp_check_item_set_note (MlpCheckItem *self,
                         const char   *note)
{
  g_return_if_fail (MLP_IS_CHECK_ITEM (self));

  if (note != NULL && *note == '\0')
    note = NULL;
  if (mlp_set_str (&self->note, note))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

gboolean
mlp_check_item_get_needs_review (MlpCheckItem *self)
{
  g_return_val_if_fail (MLP_IS_CHECK_ITEM (self), FALSE);
  return self->needs_review;
}

void
mlp_check_item_set_needs_review (MlpCheckItem *self,
                                 gboolean      needs_review)
{
  g_return_if_fail (MLP_IS_CHECK_ITEM (self));

  needs_review = !!needs_review;
  if (self->needs_review == needs_review)
    return;

  self->needs_review = needs_review;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_REVIEW]);
}
