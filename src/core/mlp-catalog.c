/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-catalog"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "mlp-catalog.h"

struct _MlpCatalog
{
  GObject     parent_instance;

  GListStore *stages;
  GHashTable *stage_by_id;      /* id → MlpStage (borrowed from stages) */
  GHashTable *item_by_id;       /* id → MlpCheckItem, once its stage is loaded */
  GHashTable *question_by_id;   /* id → MlpQuestion, once its stage is loaded */
  GHashTable *owner_by_id;      /* item or question id → its MlpStage */
  GHashTable *origin_by_id;     /* id → name of the pack that defined it */
  GPtrArray  *errors;           /* GError, one per refused pack */
  guint       n_parsed;         /* packs read from JSON to be loaded */

  /* The pack index (mlp_catalog_use_index()) */
  char       *index_path;
  char       *index_magic;      /* this version and build of the program */
  GHashTable *index_old;        /* key → entry, from the file */
  GHashTable *index_new;        /* key → entry, of the packs loaded */
  gboolean    index_changed;
};

/* Where a pack came from, to read it again when one of its stages is
 * first opened: the bytes themselves, the resource (built-in packs are
 * compressed in the GResource: each lookup inflates a copy, so they are
 * looked up only when read) or the file. */
typedef struct
{
  gatomicrefcount  ref;
  char            *name;
  GBytes          *bytes;
  char            *resource;
  GFile           *file;
  /* Where it is in the pack index, and which version of it; NULL for a
   * pack the index does not cover. */
  char            *index_key;
  char            *stamp;
} Source;

static Source *
source_new (const char *name)
{
  Source *source = g_new0 (Source, 1);

  g_atomic_ref_count_init (&source->ref);
  source->name = g_strdup (name);
  return source;
}

static Source *
source_ref (Source *source)
{
  g_atomic_ref_count_inc (&source->ref);
  return source;
}

static void
source_unref (gpointer data)
{
  Source *source = data;

  if (!g_atomic_ref_count_dec (&source->ref))
    return;
  g_free (source->name);
  g_free (source->resource);
  g_clear_pointer (&source->bytes, g_bytes_unref);
  g_clear_object (&source->file);
  g_free (source->index_key);
  g_free (source->stamp);
  g_free (source);
}

/* What a lazy stage needs to build its objects. */
typedef struct
{
  GWeakRef  catalog;
  Source   *source;
} StageLoader;

G_DEFINE_FINAL_TYPE (MlpCatalog, mlp_catalog, G_TYPE_OBJECT)

G_DEFINE_QUARK (mlp-catalog-error-quark, mlp_catalog_error)

enum {
  PROP_0,
  PROP_STAGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* State of one pack while it is validated. Nothing reaches the catalog
 * until the whole pack has passed, so a bad pack changes nothing. */
typedef struct
{
  MlpCatalog *catalog;
  const char *name;
  GHashTable *ids;          /* ids defined by this pack, for duplicates */
  GHashTable *question_ids; /* question ids of the stage being read */
  GPtrArray  *stages;       /* StageData */
  /* When a lazy stage is opened, its pack is read again and only that
   * stage's objects are built; its ids are then the catalog's already. */
  const char *rebuild_id;
} Pack;

/* One stage as read from a pack: always its ids; its objects only when
 * it is being built. */
typedef struct
{
  char      *id;
  int        position;
  char      *title;         /* as written in the pack, not translated */
  char      *summary;       /* as written in the pack, not translated */
  GStrv      item_ids;
  GStrv      question_ids;
  GPtrArray *items;         /* MlpCheckItem, or NULL */
  GPtrArray *questions;     /* MlpQuestion, or NULL */
} StageData;

static void
stage_data_free (gpointer data)
{
  StageData *stage = data;

  g_free (stage->id);
  g_free (stage->title);
  g_free (stage->summary);
  g_strfreev (stage->item_ids);
  g_strfreev (stage->question_ids);
  g_clear_pointer (&stage->items, g_ptr_array_unref);
  g_clear_pointer (&stage->questions, g_ptr_array_unref);
  g_free (stage);
}

static const char * const stage_fields[] = { "id", "position", "title", "summary", "items", "questions", NULL };
static const char * const item_fields[] = { "id", "kind", "text", "detail", "source", "questions", NULL };
static const char * const choice_question_fields[] = { "id", "kind", "prompt", "choices", "source", NULL };
static const char * const scenario_question_fields[] = { "id", "kind", "prompt", "model_answer", "key_points", "follow_up", "source", NULL };
static const char * const choice_fields[] = { "id", "text", "correct", "explanation", NULL };
static const char * const pack_fields[] = { "format_version", "stages", NULL };

G_GNUC_PRINTF (4, 5)
static gboolean
pack_error (Pack        *pack,
            GError     **error,
            int          code,
            const char  *format,
            ...)
{
  va_list args;

  va_start (args, format);
  mlp_set_file_error_valist (error, MLP_CATALOG_ERROR, code, pack->name, format, args);
  va_end (args);
  return FALSE;
}

static const char *
node_type_name (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "an object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "an array";

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return "a boolean";
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return "a number";
    default:
      return "a string";
    }
}

static gboolean
check_fields (Pack               *pack,
              JsonObject         *object,
              const char         *path,
              const char * const *allowed,
              GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        {
          g_autofree char *names = g_strjoinv (", ", (char **)allowed);

          return pack_error (pack, error, MLP_CATALOG_ERROR_UNKNOWN_FIELD,
                             "%s.%s: unknown field (known fields: %s)",
                             path, (const char *)l->data, names);
        }
    }

  return TRUE;
}

static JsonNode *
get_member (Pack        *pack,
            JsonObject  *object,
            const char  *path,
            const char  *name,
            gboolean     required,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL && required)
    pack_error (pack, error, MLP_CATALOG_ERROR_MISSING,
                "%s.%s: required field is missing", path, name);
  return node;
}

/* Reads a required integer or boolean member. */
static JsonNode *
get_scalar (Pack        *pack,
            JsonObject  *object,
            const char  *path,
            const char  *name,
            GType        type,
            GError     **error)
{
  JsonNode *node;

  g_assert (type == G_TYPE_INT64 || type == G_TYPE_BOOLEAN);

  if (!(node = get_member (pack, object, path, name, TRUE, error)))
    return NULL;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    {
      pack_error (pack, error, MLP_CATALOG_ERROR_TYPE, "%s.%s: expected %s, found %s",
                  path, name, type == G_TYPE_INT64 ? "an integer" : "a boolean",
                  node_type_name (node));
      return NULL;
    }

  return node;
}

static gboolean
check_text (Pack        *pack,
            const char  *path,
            const char  *text,
            GError     **error)
{
  const char *p;

  if (strlen (text) > MLP_CATALOG_MAX_STRING_SIZE)
    return pack_error (pack, error, MLP_CATALOG_ERROR_TOO_LARGE,
                       "%s: text is longer than %d bytes",
                       path, MLP_CATALOG_MAX_STRING_SIZE);

  /* Any kind of space only (U+00A0, U+2003…) counts as empty too. */
  for (p = text; *p && g_unichar_isspace (g_utf8_get_char (p)); p = g_utf8_next_char (p))
    ;
  if (*p == '\0')
    return pack_error (pack, error, MLP_CATALOG_ERROR_INVALID,
                       "%s: must not be empty", path);

  return TRUE;
}

/* Reads a string member. Pack text is an English msgid: it goes through
 * gettext here, once, so every consumer sees the user's language. Ids,
 * kinds and sources (citations stay as published) are not translated. */
static gboolean
get_string (Pack        *pack,
            JsonObject  *object,
            const char  *path,
            const char  *name,
            gboolean     required,
            gboolean     translate,
            const char **out,
            GError     **error)
{
  g_autofree char *member_path = g_strdup_printf ("%s.%s", path, name);
  JsonNode *node;
  const char *text;

  *out = NULL;

  if (!(node = get_member (pack, object, path, name, required, error)))
    return !required;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return pack_error (pack, error, MLP_CATALOG_ERROR_TYPE,
                       "%s: expected a string, found %s", member_path, node_type_name (node));

  text = json_node_get_string (node);
  if (!check_text (pack, member_path, text, error))
    return FALSE;

  *out = translate ? g_dgettext (GETTEXT_PACKAGE, text) : text;
  return TRUE;
}

static gboolean
is_valid_id (const char *id)
{
  for (const char *p = id; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-' && *p != '.' && *p != '_')
      return FALSE;

  return TRUE;
}

static gboolean
get_id (Pack        *pack,
        JsonObject  *object,
        const char  *path,
        const char **out,
        GError     **error)
{
  g_autofree char *member_path = g_strdup_printf ("%s.id", path);
  const char *id;
  const char *origin;

  if (!get_string (pack, object, path, "id", TRUE, FALSE, &id, error))
    return FALSE;

  if (!is_valid_id (id))
    return pack_error (pack, error, MLP_CATALOG_ERROR_INVALID,
                       "%s: “%s” is not a valid id (use a-z, 0-9, “-”, “_” and “.”)",
                       member_path, id);

  if (g_hash_table_contains (pack->ids, id))
    return pack_error (pack, error, MLP_CATALOG_ERROR_DUPLICATE,
                       "%s: duplicate id “%s”", member_path, id);
  if ((origin = g_hash_table_lookup (pack->catalog->origin_by_id, id)) &&
      !(pack->rebuild_id != NULL && g_str_equal (origin, pack->name)))
    return pack_error (pack, error, MLP_CATALOG_ERROR_DUPLICATE,
                       "%s: id “%s” is already defined by %s", member_path, id, origin);

  g_hash_table_add (pack->ids, (gpointer)id);
  *out = id;
  return TRUE;
}

static JsonArray *
get_array (Pack        *pack,
           JsonObject  *object,
           const char  *path,
           const char  *name,
           gboolean     required,
           guint        min_length,
           GError     **error)
{
  JsonNode *node;
  JsonArray *array;

  if (!(node = get_member (pack, object, path, name, required, error)))
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      pack_error (pack, error, MLP_CATALOG_ERROR_TYPE,
                  "%s.%s: expected an array, found %s", path, name, node_type_name (node));
      return NULL;
    }

  array = json_node_get_array (node);
  if (json_array_get_length (array) < min_length)
    {
      pack_error (pack, error, MLP_CATALOG_ERROR_INVALID,
                  "%s.%s: needs at least %u entr%s",
                  path, name, min_length, min_length == 1 ? "y" : "ies");
      return NULL;
    }

  return array;
}

static JsonObject *
get_element_object (Pack        *pack,
                    JsonArray   *array,
                    guint        index,
                    const char  *path,
                    GError     **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      pack_error (pack, error, MLP_CATALOG_ERROR_TYPE,
                  "%s: expected an object, found %s", path, node_type_name (node));
      return NULL;
    }

  return json_node_get_object (node);
}

/* Returns a NULL-terminated array of the (translated) strings in @array. */
static GStrv
get_string_list (Pack        *pack,
                 JsonArray   *array,
                 const char  *path,
                 gboolean     translate,
                 GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *element_path = g_strdup_printf ("%s[%u]", path, i);
      JsonNode *node = json_array_get_element (array, i);
      const char *text;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          pack_error (pack, error, MLP_CATALOG_ERROR_TYPE,
                      "%s: expected a string, found %s", element_path, node_type_name (node));
          return NULL;
        }

      text = json_node_get_string (node);
      if (!check_text (pack, element_path, text, error))
        return NULL;

      g_strv_builder_add (builder, translate ? g_dgettext (GETTEXT_PACKAGE, text) : text);
    }

  return g_strv_builder_end (builder);
}

static gboolean
read_item (Pack          *pack,
           JsonObject    *object,
           const char    *path,
           GStrvBuilder  *ids,
           GPtrArray     *items,
           GError       **error)
{
  const char *id, *kind, *text, *detail, *source;
  g_auto(GStrv) question_ids = NULL;
  JsonArray *links;
  MlpItemKind item_kind;

  if (!check_fields (pack, object, path, item_fields, error) ||
      !get_id (pack, object, path, &id, error) ||
      !get_string (pack, object, path, "kind", TRUE, FALSE, &kind, error) ||
      !get_string (pack, object, path, "text", TRUE, TRUE, &text, error) ||
      !get_string (pack, object, path, "detail", TRUE, TRUE, &detail, error) ||
      !get_string (pack, object, path, "source", TRUE, FALSE, &source, error))
    return FALSE;

  if (g_str_equal (kind, "do"))
    item_kind = MLP_ITEM_KIND_DO;
  else if (g_str_equal (kind, "dont"))
    item_kind = MLP_ITEM_KIND_DONT;
  else
    {
      pack_error (pack, error, MLP_CATALOG_ERROR_INVALID,
                  "%s.kind: “%s” is not one of “do”, “dont”", path, kind);
      return FALSE;
    }

  if (json_object_has_member (object, "questions"))
    {
      g_autofree char *links_path = g_strdup_printf ("%s.questions", path);

      if (!(links = get_array (pack, object, path, "questions", TRUE, 0, error)) ||
          !(question_ids = get_string_list (pack, links, links_path, FALSE, error)))
        return FALSE;

      for (guint i = 0; question_ids[i]; i++)
        {
          if (!g_hash_table_contains (pack->question_ids, question_ids[i]))
            {
              pack_error (pack, error, MLP_CATALOG_ERROR_REFERENCE,
                          "%s[%u]: no question with id “%s” in this stage",
                          links_path, i, question_ids[i]);
              return FALSE;
            }
        }
    }

  g_strv_builder_add (ids, id);
  if (items != NULL)
    g_ptr_array_add (items, mlp_check_item_new (id, item_kind, text, detail, source,
                                                (const char * const *)question_ids));
  return TRUE;
}

static gboolean
read_choices (Pack         *pack,
              MlpQuestion  *question,
              JsonObject   *object,
              const char   *path,
              GError      **error)
{
  g_autoptr(GHashTable) choice_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *choices_path = g_strdup_printf ("%s.choices", path);
  JsonArray *choices;
  guint n_correct = 0;

  if (!(choices = get_array (pack, object, path, "choices", TRUE, 2, error)))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (choices); i++)
    {
      g_autofree char *choice_path = g_strdup_printf ("%s[%u]", choices_path, i);
      const char *id, *text, *explanation;
      JsonObject *choice;
      JsonNode *correct;

      if (!(choice = get_element_object (pack, choices, i, choice_path, error)) ||
          !check_fields (pack, choice, choice_path, choice_fields, error) ||
          !get_string (pack, choice, choice_path, "id", TRUE, FALSE, &id, error) ||
          !get_string (pack, choice, choice_path, "text", TRUE, TRUE, &text, error) ||
          !get_string (pack, choice, choice_path, "explanation", TRUE, TRUE, &explanation, error) ||
          !(correct = get_scalar (pack, choice, choice_path, "correct", G_TYPE_BOOLEAN, error)))
        return FALSE;

      if (!is_valid_id (id))
        return pack_error (pack, error, MLP_CATALOG_ERROR_INVALID,
                           "%s.id: “%s” is not a valid id (use a-z, 0-9, “-”, “_” and “.”)",
                           choice_path, id);

      if (!g_hash_table_add (choice_ids, (gpointer)id))
        return pack_error (pack, error, MLP_CATALOG_ERROR_DUPLICATE,
                           "%s.id: duplicate choice id “%s”", choice_path, id);

      if (json_node_get_boolean (correct))
        n_correct++;

      if (question != NULL)
        mlp_question_add_choice (question, id, text, explanation, json_node_get_boolean (correct));
    }

  if (n_correct != 1)
    return pack_error (pack, error, MLP_CATALOG_ERROR_INVALID,
                       "%s: exactly one choice must be correct, found %u",
                       choices_path, n_correct);

  return TRUE;
}

static gboolean
read_question (Pack          *pack,
               JsonObject    *object,
               const char    *path,
               GStrvBuilder  *ids,
               GPtrArray     *questions,
               GError       **error)
{
  g_autoptr(MlpQuestion) question = NULL;
  const char *id, *kind, *prompt, *source;

  if (!get_id (pack, object, path, &id, error) ||
      !get_string (pack, object, path, "kind", TRUE, FALSE, &kind, error) ||
      !get_string (pack, object, path, "prompt", TRUE, TRUE, &prompt, error) ||
      !get_string (pack, object, path, "source", TRUE, FALSE, &source, error))
    return FALSE;

  if (g_str_equal (kind, "choice"))
    {
      if (questions != NULL)
        question = mlp_question_new (id, MLP_QUESTION_KIND_CHOICE, prompt, source);
      if (!check_fields (pack, object, path, choice_question_fields, error) ||
          !read_choices (pack, question, object, path, error))
        return FALSE;
    }
  else if (g_str_equal (kind, "scenario"))
    {
      g_autofree char *points_path = g_strdup_printf ("%s.key_points", path);
      g_auto(GStrv) key_points = NULL;
      const char *model_answer, *follow_up;
      JsonArray *points;

      if (questions != NULL)
        question = mlp_question_new (id, MLP_QUESTION_KIND_SCENARIO, prompt, source);
      if (!check_fields (pack, object, path, scenario_question_fields, error) ||
          !get_string (pack, object, path, "model_answer", TRUE, TRUE, &model_answer, error) ||
          !get_string (pack, object, path, "follow_up", FALSE, TRUE, &follow_up, error) ||
          !(points = get_array (pack, object, path, "key_points", TRUE, 1, error)) ||
          !(key_points = get_string_list (pack, points, points_path, TRUE, error)))
        return FALSE;

      if (question != NULL)
        mlp_question_set_scenario (question, model_answer,
                                   (const char * const *)key_points, follow_up);
    }
  else
    {
      pack_error (pack, error, MLP_CATALOG_ERROR_INVALID,
                  "%s.kind: “%s” is not one of “choice”, “scenario”", path, kind);
      return FALSE;
    }

  g_hash_table_add (pack->question_ids, (gpointer)id);
  g_strv_builder_add (ids, id);
  if (questions != NULL)
    g_ptr_array_add (questions, g_steal_pointer (&question));
  return TRUE;
}

static StageData *
read_stage (Pack        *pack,
            JsonObject  *object,
            const char  *path,
            GError     **error)
{
  g_autoptr(GStrvBuilder) item_ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) question_ids = g_strv_builder_new ();
  g_autoptr(GPtrArray) item_objects = NULL;
  g_autoptr(GPtrArray) question_objects = NULL;
  const char *id, *title, *summary;
  JsonArray *items, *questions;
  JsonNode *position;
  StageData *stage;

  if (!check_fields (pack, object, path, stage_fields, error) ||
      !get_id (pack, object, path, &id, error) ||
      /* As written: commit_pack() translates them (the index keeps them
       * in no particular language). */
      !get_string (pack, object, path, "title", TRUE, FALSE, &title, error) ||
      !get_string (pack, object, path, "summary", TRUE, FALSE, &summary, error) ||
      !(position = get_scalar (pack, object, path, "position", G_TYPE_INT64, error)) ||
      !(items = get_array (pack, object, path, "items", TRUE, 1, error)) ||
      !(questions = get_array (pack, object, path, "questions", TRUE, 0, error)))
    return NULL;

  if (json_node_get_int (position) < 0 || json_node_get_int (position) > 100000)
    {
      pack_error (pack, error, MLP_CATALOG_ERROR_INVALID,
                  "%s.position: must be between 0 and 100000", path);
      return NULL;
    }

  /* Objects only for the stage being opened; the others are checked. */
  if (pack->rebuild_id != NULL && g_str_equal (pack->rebuild_id, id))
    {
      item_objects = g_ptr_array_new_with_free_func (g_object_unref);
      question_objects = g_ptr_array_new_with_free_func (g_object_unref);
    }

  g_hash_table_remove_all (pack->question_ids);

  /* Questions first: items refer to them. */
  for (guint i = 0; i < json_array_get_length (questions); i++)
    {
      g_autofree char *question_path = g_strdup_printf ("%s.questions[%u]", path, i);
      JsonObject *question_object;

      if (!(question_object = get_element_object (pack, questions, i, question_path, error)) ||
          !read_question (pack, question_object, question_path, question_ids, question_objects, error))
        return NULL;
    }

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s.items[%u]", path, i);
      JsonObject *item_object;

      if (!(item_object = get_element_object (pack, items, i, item_path, error)) ||
          !read_item (pack, item_object, item_path, item_ids, item_objects, error))
        return NULL;
    }

  stage = g_new0 (StageData, 1);
  stage->id = g_strdup (id);
  stage->position = json_node_get_int (position);
  stage->title = g_strdup (title);
  stage->summary = g_strdup (summary);
  stage->item_ids = g_strv_builder_end (item_ids);
  stage->question_ids = g_strv_builder_end (question_ids);
  stage->items = g_steal_pointer (&item_objects);
  stage->questions = g_steal_pointer (&question_objects);
  return stage;
}

/* Checks, before json-glib sees the text, what json-glib would let
 * through or crash on: its parser recurses once per nesting level, and it
 * accepts comments and single-quoted strings (which would hide brackets
 * from a depth count), decodes a lone UTF-16 surrogate escape into invalid
 * UTF-8, cuts strings at \u0000 and wraps integers that overflow 64 bits.
 * So this is a strict RFC 8259 scan of everything outside strings. */
static gboolean
prescan (Pack        *pack,
         const char  *data,
         gsize        length,
         GError     **error)
{
  int depth = 0;
  guint line = 1, column = 1;
  gsize digits = 0;
  gboolean top_done = FALSE;

#define FAIL(code, ...) \
  G_STMT_START { \
    g_autofree char *where_ = g_strdup_printf ("line %u, column %u", line, column); \
    g_autofree char *what_ = g_strdup_printf (__VA_ARGS__); \
    return pack_error (pack, error, code, "%s: %s", where_, what_); \
  } G_STMT_END

  /* A byte order mark is allowed at the very start. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  for (gsize i = 0; i < length; i++, column++)
    {
      char c = data[i];

      /* One value per file: json-glib ignores (and leaks) a second one. */
      if (top_done && !g_ascii_isspace (c))
        FAIL (MLP_CATALOG_ERROR_PARSE, "not valid JSON: more text after the end of the pack");

      /* A pack is one object; say so now rather than parse anything else. */
      if (depth == 0 && c != '{' && !g_ascii_isspace (c))
        {
          const char *found = c == '[' ? "an array" : c == '"' ? "a string" :
                              c == 't' || c == 'f' ? "a boolean" : c == 'n' ? "null" :
                              g_ascii_isdigit (c) || c == '-' ? "a number" : NULL;

          if (found != NULL)
            return pack_error (pack, error, MLP_CATALOG_ERROR_TYPE,
                               "$: expected an object, found %s", found);
        }

      if (g_ascii_isdigit (c))
        {
          if (++digits > 15)
            FAIL (MLP_CATALOG_ERROR_TOO_LARGE, "a number has more than 15 digits");
          continue;
        }
      digits = 0;

      switch (c)
        {
        case '\n':
          line++;
          column = 0;
          break;
        case ' ': case '\t': case '\r':
        case ',': case ':':
        case '-': case '+': case '.': case 'e': case 'E':
          break;
        case '{': case '[':
          if (++depth > MLP_CATALOG_MAX_DEPTH)
            return pack_error (pack, error, MLP_CATALOG_ERROR_TOO_LARGE,
                               "JSON is nested deeper than %d levels", MLP_CATALOG_MAX_DEPTH);
          break;
        case '}': case ']':
          if (--depth == 0)
            top_done = TRUE;
          break;
        case 't': case 'f': case 'n':
          {
            const char *word = c == 't' ? "true" : c == 'f' ? "false" : "null";
            gsize n = strlen (word);

            if (length - i < n || memcmp (data + i, word, n) != 0)
              FAIL (MLP_CATALOG_ERROR_PARSE, "not valid JSON: unexpected “%c”", c);
            i += n - 1;
            column += n - 1;
          }
          break;
        case '"':
          for (i++, column++; i < length && data[i] != '"'; i++, column++)
            {
              if ((guchar)data[i] < 0x20)
                FAIL (MLP_CATALOG_ERROR_PARSE, "not valid JSON: a control character inside a string");
              if (data[i] != '\\')
                continue;

              if (i + 1 >= length)
                break;
              i++, column++;
              if (data[i] == 'u')
                {
                  guint unit;

                  if (length - i < 5 || !g_ascii_isxdigit (data[i + 1]) || !g_ascii_isxdigit (data[i + 2]) ||
                      !g_ascii_isxdigit (data[i + 3]) || !g_ascii_isxdigit (data[i + 4]))
                    FAIL (MLP_CATALOG_ERROR_PARSE, "not valid JSON: a \\u escape needs four hex digits");
                  unit = (g_ascii_xdigit_value (data[i + 1]) << 12) | (g_ascii_xdigit_value (data[i + 2]) << 8) |
                         (g_ascii_xdigit_value (data[i + 3]) << 4) | g_ascii_xdigit_value (data[i + 4]);
                  i += 4, column += 4;

                  if (unit == 0)
                    FAIL (MLP_CATALOG_ERROR_INVALID, "a string contains a NUL character (\\u0000)");
                  if (unit >= 0xDC00 && unit <= 0xDFFF)
                    FAIL (MLP_CATALOG_ERROR_INVALID, "a string contains a lone UTF-16 surrogate");
                  if (unit >= 0xD800 && unit <= 0xDBFF)
                    {
                      /* A high surrogate must be followed by a low one. */
                      if (length - i < 7 || data[i + 1] != '\\' || data[i + 2] != 'u' ||
                          (data[i + 3] != 'd' && data[i + 3] != 'D') ||
                          !strchr ("cdefCDEF", data[i + 4]))
                        FAIL (MLP_CATALOG_ERROR_INVALID, "a string contains a lone UTF-16 surrogate");
                      /* A valid pair: its low half is not lone. */
                      i += 6, column += 6;
                    }
                }
            }
          if (i >= length)
            FAIL (MLP_CATALOG_ERROR_PARSE, "not valid JSON: a string is not closed");
          break;
        default:
          FAIL (MLP_CATALOG_ERROR_PARSE,
                "not strict JSON: unexpected “%c” (comments, single quotes and other "
                "extensions are not allowed)", g_ascii_isprint (c) ? c : '?');
        }
    }

#undef FAIL

  return TRUE;
}

static int
compare_stages (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  int pa = mlp_stage_get_position ((MlpStage *)a);
  int pb = mlp_stage_get_position ((MlpStage *)b);

  if (pa != pb)
    return pa < pb ? -1 : 1;
  return g_strcmp0 (mlp_stage_get_id ((MlpStage *)a), mlp_stage_get_id ((MlpStage *)b));
}

static void load_stage (MlpStage *stage,
                        gpointer  user_data);

static void
stage_loader_free (gpointer data)
{
  StageLoader *loader = data;

  g_weak_ref_clear (&loader->catalog);
  source_unref (loader->source);
  g_free (loader);
}

/* Adds the pack's stages, lazily: each keeps its ids, and reads the pack
 * again for its objects when it is first opened. */
static void
commit_pack (MlpCatalog *self,
             Source     *source,
             GPtrArray  *stages)
{
  const char *origin = g_intern_string (source->name);

  for (guint i = 0; i < stages->len; i++)
    {
      StageData *data = g_ptr_array_index (stages, i);
      StageLoader *loader = g_new0 (StageLoader, 1);
      GStrv item_ids = g_steal_pointer (&data->item_ids);
      GStrv question_ids = g_steal_pointer (&data->question_ids);
      MlpStage *stage;

      g_weak_ref_init (&loader->catalog, self);
      loader->source = source_ref (source);
      stage = mlp_stage_new_lazy (data->id, data->position,
                                  g_dgettext (GETTEXT_PACKAGE, data->title),
                                  g_dgettext (GETTEXT_PACKAGE, data->summary),
                                  item_ids, question_ids,
                                  load_stage, loader, stage_loader_free);

      /* Keys are the stage's own strings: stages live as long as the catalog. */
      g_hash_table_insert (self->stage_by_id, (gpointer)mlp_stage_get_id (stage), stage);
      g_hash_table_insert (self->origin_by_id, (gpointer)mlp_stage_get_id (stage), (gpointer)origin);
      for (guint j = 0; item_ids[j]; j++)
        {
          g_hash_table_insert (self->owner_by_id, item_ids[j], stage);
          g_hash_table_insert (self->origin_by_id, item_ids[j], (gpointer)origin);
        }
      for (guint j = 0; question_ids[j]; j++)
        {
          g_hash_table_insert (self->owner_by_id, question_ids[j], stage);
          g_hash_table_insert (self->origin_by_id, question_ids[j], (gpointer)origin);
        }

      g_list_store_insert_sorted (self->stages, stage, compare_stages, NULL);
      g_object_unref (stage);
    }
}

static void
mlp_catalog_finalize (GObject *object)
{
  MlpCatalog *self = (MlpCatalog *)object;

  g_clear_pointer (&self->stage_by_id, g_hash_table_unref);
  g_clear_pointer (&self->item_by_id, g_hash_table_unref);
  g_clear_pointer (&self->question_by_id, g_hash_table_unref);
  g_clear_pointer (&self->owner_by_id, g_hash_table_unref);
  g_clear_pointer (&self->origin_by_id, g_hash_table_unref);
  g_clear_pointer (&self->errors, g_ptr_array_unref);
  g_clear_object (&self->stages);
  g_free (self->index_path);
  g_free (self->index_magic);
  g_clear_pointer (&self->index_old, g_hash_table_unref);
  g_clear_pointer (&self->index_new, g_hash_table_unref);

  G_OBJECT_CLASS (mlp_catalog_parent_class)->finalize (object);
}

static void
mlp_catalog_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MlpCatalog *self = MLP_CATALOG (object);

  switch (prop_id)
    {
    case PROP_STAGES:
      g_value_set_object (value, self->stages);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlp_catalog_class_init (MlpCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mlp_catalog_finalize;
  object_class->get_property = mlp_catalog_get_property;

  properties[PROP_STAGES] =
    g_param_spec_object ("stages", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mlp_catalog_init (MlpCatalog *self)
{
  self->stages = g_list_store_new (MLP_TYPE_STAGE);
  /* All keys are borrowed from the stages and objects, which the catalog
   * keeps as long as it lives. */
  self->stage_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->item_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->question_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->owner_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->origin_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->errors = g_ptr_array_new_with_free_func ((GDestroyNotify)g_error_free);
  self->index_old = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_variant_unref);
  self->index_new = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_variant_unref);
}

/**
 * mlp_catalog_new:
 *
 * Returns: (transfer full): an empty catalog
 */
MlpCatalog *
mlp_catalog_new (void)
{
  return g_object_new (MLP_TYPE_CATALOG, NULL);
}

/* Validates a whole pack. Objects are built only for the stage
 * @rebuild_id, when it is given. */
static gboolean
read_pack (MlpCatalog  *self,
           const char  *name,
           GBytes      *bytes,
           const char  *rebuild_id,
           GPtrArray  **stages_out,
           GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GHashTable) question_ids = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GError) local_error = NULL;
  Pack pack = { self, name, NULL, NULL, NULL, rebuild_id };
  JsonObject *root;
  JsonNode *root_node, *version;
  JsonArray *stage_array;
  const char *data;
  gsize length;

  data = g_bytes_get_data (bytes, &length);

  if (length > MLP_CATALOG_MAX_PACK_SIZE)
    return pack_error (&pack, error, MLP_CATALOG_ERROR_TOO_LARGE,
                       "the file is larger than %d MiB", MLP_CATALOG_MAX_PACK_SIZE / (1024 * 1024));
  if (length == 0)
    return pack_error (&pack, error, MLP_CATALOG_ERROR_PARSE,
                       "not valid JSON: the file is empty");
  if (!g_utf8_validate_len (data, length, NULL))
    return pack_error (&pack, error, MLP_CATALOG_ERROR_PARSE,
                       "the file is not valid UTF-8 text");
  if (!prescan (&pack, data, length, error))
    return FALSE;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    return pack_error (&pack, error, MLP_CATALOG_ERROR_PARSE,
                       "not valid JSON: %s", local_error->message);

  root_node = json_parser_get_root (parser);
  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    return pack_error (&pack, error, MLP_CATALOG_ERROR_TYPE,
                       "$: expected an object, found %s",
                       root_node ? node_type_name (root_node) : "nothing");
  root = json_node_get_object (root_node);

  if (!(version = get_scalar (&pack, root, "$", "format_version", G_TYPE_INT64, error)))
    return FALSE;
  if (json_node_get_int (version) != MLP_CATALOG_FORMAT_VERSION)
    return pack_error (&pack, error, MLP_CATALOG_ERROR_VERSION,
                       "$.format_version: version %" G_GINT64_FORMAT " is not supported "
                       "(this version of MLPrep reads version %d)",
                       json_node_get_int (version), MLP_CATALOG_FORMAT_VERSION);
  if (!check_fields (&pack, root, "$", pack_fields, error))
    return FALSE;

  ids = g_hash_table_new (g_str_hash, g_str_equal);
  question_ids = g_hash_table_new (g_str_hash, g_str_equal);
  stages = g_ptr_array_new_with_free_func (stage_data_free);
  pack.ids = ids;
  pack.question_ids = question_ids;
  pack.stages = stages;

  if (!(stage_array = get_array (&pack, root, "$", "stages", TRUE, 1, error)))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (stage_array); i++)
    {
      g_autofree char *stage_path = g_strdup_printf ("$.stages[%u]", i);
      JsonObject *stage_object;
      StageData *stage;

      if (!(stage_object = get_element_object (&pack, stage_array, i, stage_path, error)) ||
          !(stage = read_stage (&pack, stage_object, stage_path, error)))
        return FALSE;

      g_ptr_array_add (stages, stage);
    }

  *stages_out = g_steal_pointer (&stages);
  return TRUE;
}

/* The pack index: what adding a pack's stages needs (commit_pack()),
 * kept in a file between runs, so that a start parses no pack it has
 * seen before: a lazy stage reads and validates its pack in full when it
 * is first opened anyway. An entry is used only for the same version of
 * its pack (its stamp) and when none of its ids has been taken by a pack
 * loaded before it; otherwise the pack is read as usual. */
#define INDEX_MAGIC       "MLPrep pack index 1, pack format 1, MLPrep " PACKAGE_VERSION
#define INDEX_ENTRY_TYPE  "(sa(sissasas))"   /* stamp, [(id, position, title, summary, items, questions)] */
#define INDEX_DICT_TYPE   "a{s" INDEX_ENTRY_TYPE "}"
#define INDEX_FILE_TYPE   "(ss" INDEX_DICT_TYPE ")"   /* magic, MD5 of the dictionary, dictionary */

static GVariant *
index_entry_new (const char *stamp,
                 GPtrArray  *stages)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sissasas)"));
  for (guint i = 0; i < stages->len; i++)
    {
      StageData *data = g_ptr_array_index (stages, i);

      g_variant_builder_add (&builder, "(siss^as^as)", data->id, data->position, data->title, data->summary,
                             data->item_ids, data->question_ids);
    }

  return g_variant_ref_sink (g_variant_new ("(s@a(sissasas))", stamp, g_variant_builder_end (&builder)));
}

static gboolean
id_is_free (MlpCatalog *self,
            const char *id)
{
  return *id != '\0' && !g_hash_table_contains (self->origin_by_id, id);
}

/* Adds the stages of an index entry, if its ids are all free. */
static gboolean
commit_index_entry (MlpCatalog *self,
                    Source     *source,
                    GVariant   *entry)
{
  g_autoptr(GPtrArray) stages = g_ptr_array_new_with_free_func (stage_data_free);
  g_autoptr(GVariantIter) iter = NULL;
  const char *id, *title, *summary;
  GVariant *item_ids, *question_ids;
  int position;

  g_variant_get (entry, "(&sa(sissasas))", NULL, &iter);
  while (g_variant_iter_next (iter, "(&si&s&s@as@as)", &id, &position, &title, &summary,
                              &item_ids, &question_ids))
    {
      StageData *data = g_new0 (StageData, 1);

      data->id = g_strdup (id);
      data->position = position;
      data->title = g_strdup (title);
      data->summary = g_strdup (summary);
      data->item_ids = g_variant_dup_strv (item_ids, NULL);
      data->question_ids = g_variant_dup_strv (question_ids, NULL);
      g_ptr_array_add (stages, data);
      g_variant_unref (item_ids);
      g_variant_unref (question_ids);

      if (!id_is_free (self, data->id))
        return FALSE;
      for (guint i = 0; data->item_ids[i]; i++)
        if (!id_is_free (self, data->item_ids[i]))
          return FALSE;
      for (guint i = 0; data->question_ids[i]; i++)
        if (!id_is_free (self, data->question_ids[i]))
          return FALSE;
    }

  if (stages->len == 0)
    return FALSE;

  commit_pack (self, source, stages);
  return TRUE;
}

/* Loads @source from the pack index, if it has this version of it. */
static gboolean
load_from_index (MlpCatalog *self,
                 Source     *source)
{
  GVariant *entry;
  const char *stamp;

  if (source->index_key == NULL ||
      !(entry = g_hash_table_lookup (self->index_old, source->index_key)))
    return FALSE;

  g_variant_get_child (entry, 0, "&s", &stamp);
  if (!g_str_equal (stamp, source->stamp) || !commit_index_entry (self, source, entry))
    return FALSE;

  g_hash_table_insert (self->index_new, g_strdup (source->index_key), g_variant_ref (entry));
  return TRUE;
}

static gboolean
load_source (MlpCatalog  *self,
             Source      *source,
             GBytes      *bytes,
             GError     **error)
{
  g_autoptr(GPtrArray) stages = NULL;

  self->n_parsed++;
  if (!read_pack (self, source->name, bytes, NULL, &stages, error))
    return FALSE;

  if (source->index_key != NULL)
    {
      g_hash_table_insert (self->index_new, g_strdup (source->index_key),
                           index_entry_new (source->stamp, stages));
      self->index_changed = TRUE;
    }
  commit_pack (self, source, stages);
  return TRUE;
}

/**
 * mlp_catalog_load_bytes:
 * @name: how the pack is named in error messages (its file name)
 * @bytes: the JSON text
 *
 * Validates the pack completely, then adds its stages. A pack with any
 * error adds nothing; the error names @name, the JSON path and the problem.
 * A stage's objects are built when it is first opened (from @bytes, which
 * the catalog keeps).
 */
gboolean
mlp_catalog_load_bytes (MlpCatalog  *self,
                        const char  *name,
                        GBytes      *bytes,
                        GError     **error)
{
  Source *source;
  gboolean loaded;

  g_return_val_if_fail (MLP_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  source = source_new (name);
  source->bytes = g_bytes_ref (bytes);
  loaded = load_source (self, source, bytes, error);
  source_unref (source);
  return loaded;
}

/* What tells one version of a file from another, without reading it. */
static char *
file_stamp (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return NULL;

  return g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT ".%09ld %" G_GINT64_FORMAT ".%09ld %" G_GUINT64_FORMAT,
                          (gint64)st.st_size, (gint64)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec,
                          (gint64)st.st_ctim.tv_sec, (long)st.st_ctim.tv_nsec, (guint64)st.st_ino);
}

/* Reads a pack file, refusing one over the size limit before reading. */
static GBytes *
read_file (GFile       *file,
           const char  *name,
           GError     **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes;

  /* Check the size before reading so a huge file is never loaded whole. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      g_set_error (error, MLP_CATALOG_ERROR, MLP_CATALOG_ERROR_IO,
                   "%s: cannot be read: %s", name, local_error->message);
      return NULL;
    }
  if (g_file_info_get_size (info) > MLP_CATALOG_MAX_PACK_SIZE)
    {
      g_set_error (error, MLP_CATALOG_ERROR, MLP_CATALOG_ERROR_TOO_LARGE,
                   "%s: the file is larger than %d MiB",
                   name, MLP_CATALOG_MAX_PACK_SIZE / (1024 * 1024));
      return NULL;
    }

  if (!(bytes = g_file_load_bytes (file, NULL, NULL, &local_error)))
    {
      g_set_error (error, MLP_CATALOG_ERROR, MLP_CATALOG_ERROR_IO,
                   "%s: cannot be read: %s", name, local_error->message);
      return NULL;
    }

  return bytes;
}

/**
 * mlp_catalog_load_file:
 *
 * Like mlp_catalog_load_bytes(), reading @file; errors name the file's
 * path as the user would see it. The file is read again when one of its
 * stages is first opened.
 */
gboolean
mlp_catalog_load_file (MlpCatalog  *self,
                       GFile       *file,
                       GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  Source *source;
  gboolean loaded;

  g_return_val_if_fail (MLP_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_parse_name (file);
  source = source_new (name);
  source->file = g_object_ref (file);
  if (self->index_path != NULL && g_file_is_native (file))
    {
      g_autofree char *path = g_file_get_path (file);

      if ((source->stamp = file_stamp (path)) != NULL)
        source->index_key = g_strconcat ("file:", path, NULL);
    }

  loaded = load_from_index (self, source) ||
           ((bytes = read_file (file, source->name, error)) != NULL &&
            load_source (self, source, bytes, error));
  source_unref (source);
  return loaded;
}

static gboolean
same_ids (const char * const *a,
          const char * const *b)
{
  guint i;

  for (i = 0; a[i] && b[i]; i++)
    if (!g_str_equal (a[i], b[i]))
      return FALSE;

  return a[i] == NULL && b[i] == NULL;
}

/* MlpStageLoadFunc: reads the stage's pack again, validates it the same
 * way and builds this stage's objects. A pack changed on disk since it was
 * loaded is used only if it still passes and the stage has the same ids. */
static void
load_stage (MlpStage *stage,
            gpointer  user_data)
{
  StageLoader *loader = user_data;
  g_autoptr(MlpCatalog) self = g_weak_ref_get (&loader->catalog);
  g_autoptr(GStrvBuilder) item_builder = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) question_builder = g_strv_builder_new ();
  g_auto(GStrv) item_ids = NULL;
  g_auto(GStrv) question_ids = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GError) error = NULL;
  StageData *data = NULL;

  if (self == NULL)
    return;

  if (loader->source->bytes != NULL)
    bytes = g_bytes_ref (loader->source->bytes);
  else if (loader->source->resource != NULL)
    bytes = g_resources_lookup_data (loader->source->resource, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  else
    bytes = read_file (loader->source->file, loader->source->name, &error);
  if (bytes == NULL ||
      !read_pack (self, loader->source->name, bytes, mlp_stage_get_id (stage), &stages, &error))
    {
      g_warning ("%s", error->message);
      return;
    }

  for (guint i = 0; i < stages->len && data == NULL; i++)
    if (g_str_equal (((StageData *)g_ptr_array_index (stages, i))->id, mlp_stage_get_id (stage)))
      data = g_ptr_array_index (stages, i);

  mlp_stage_collect_ids (stage, item_builder, question_builder);
  item_ids = g_strv_builder_end (item_builder);
  question_ids = g_strv_builder_end (question_builder);
  if (data == NULL || data->items == NULL ||
      !same_ids ((const char * const *)item_ids, (const char * const *)data->item_ids) ||
      !same_ids ((const char * const *)question_ids, (const char * const *)data->question_ids))
    {
      g_warning ("%s: changed since MLPrep started; stage “%s” is shown when MLPrep starts again",
                 loader->source->name, mlp_stage_get_id (stage));
      return;
    }

  for (guint i = 0; i < data->questions->len; i++)
    {
      MlpQuestion *question = g_ptr_array_index (data->questions, i);

      mlp_stage_add_question (stage, question);
      g_hash_table_insert (self->question_by_id, (gpointer)mlp_question_get_id (question), question);
    }
  for (guint i = 0; i < data->items->len; i++)
    {
      MlpCheckItem *item = g_ptr_array_index (data->items, i);

      mlp_stage_add_item (stage, item);
      g_hash_table_insert (self->item_by_id, (gpointer)mlp_check_item_get_id (item), item);
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/**
 * mlp_catalog_load_resources:
 * @resource_dir: a GResource folder such as "/com/example/MLPrep/content/"
 *
 * Loads every *.json pack in @resource_dir, in name order. Refused packs
 * are kept in mlp_catalog_get_errors().
 *
 * Returns: the number of packs loaded
 */
guint
mlp_catalog_load_resources (MlpCatalog *self,
                            const char *resource_dir)
{
  g_auto(GStrv) names = NULL;
  guint loaded = 0;

  g_return_val_if_fail (MLP_IS_CATALOG (self), 0);
  g_return_val_if_fail (g_str_has_suffix (resource_dir, "/"), 0);

  names = g_resources_enumerate_children (resource_dir, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (names == NULL)
    return 0;

  qsort (names, g_strv_length (names), sizeof (char *), compare_names);

  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *path = g_strconcat (resource_dir, names[i], NULL);
      g_autofree char *name = g_strconcat ("resource://", path, NULL);
      g_autoptr(GBytes) bytes = NULL;
      GError *error = NULL;
      Source *source;
      gsize size;

      if (!g_str_has_suffix (names[i], ".json"))
        continue;

      if (!g_resources_get_info (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &size, NULL, &error))
        {
          g_ptr_array_add (self->errors, error);
          continue;
        }

      source = source_new (name);
      source->resource = g_strdup (path);
      /* Built-in packs are compiled into the program, and an index serves
       * one build of it only (see mlp_catalog_use_index()). */
      if (self->index_path != NULL)
        {
          source->index_key = g_strconcat ("resource:", path, NULL);
          source->stamp = g_strdup_printf ("%" G_GSIZE_FORMAT, size);
        }
      if (load_from_index (self, source) ||
          ((bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error)) != NULL &&
           load_source (self, source, bytes, &error)))
        loaded++;
      else
        g_ptr_array_add (self->errors, error);
      source_unref (source);
    }

  return loaded;
}

/**
 * mlp_catalog_load_directory:
 * @path: a folder of user packs; it need not exist
 *
 * Loads every *.json file in @path, in name order. Refused packs are kept
 * in mlp_catalog_get_errors().
 *
 * Returns: the number of packs loaded
 */
guint
mlp_catalog_load_directory (MlpCatalog *self,
                            const char *path)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;
  guint loaded = 0;

  g_return_val_if_fail (MLP_IS_CATALOG (self), 0);
  g_return_val_if_fail (path != NULL, 0);

  if (!(dir = g_dir_open (path, 0, &local_error)))
    {
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_ptr_array_add (self->errors,
                         g_error_new (MLP_CATALOG_ERROR, MLP_CATALOG_ERROR_IO,
                                      "%s: the packs folder cannot be read: %s",
                                      path, local_error->message));
      return 0;
    }

  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)))
    {
      if (g_str_has_suffix (name, ".json"))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *file_path = g_build_filename (path, g_ptr_array_index (names, i), NULL);
      g_autoptr(GFile) file = g_file_new_for_path (file_path);
      GError *error = NULL;

      if (mlp_catalog_load_file (self, file, &error))
        loaded++;
      else
        g_ptr_array_add (self->errors, error);
    }

  return loaded;
}

/**
 * mlp_catalog_get_errors:
 *
 * Returns: (transfer none) (element-type GError): why packs were refused
 */
GPtrArray *
mlp_catalog_get_errors (MlpCatalog *self)
{
  g_return_val_if_fail (MLP_IS_CATALOG (self), NULL);
  return self->errors;
}

/**
 * mlp_catalog_get_stages:
 *
 * Returns: (transfer none): a #GListModel of #MlpStage, in sidebar order
 */
GListModel *
mlp_catalog_get_stages (MlpCatalog *self)
{
  g_return_val_if_fail (MLP_IS_CATALOG (self), NULL);
  return G_LIST_MODEL (self->stages);
}

/* Looks @id up in @table, first building the objects of its stage. */
static gpointer
find_object (MlpCatalog *self,
             GHashTable *table,
             const char *id)
{
  gpointer object = g_hash_table_lookup (table, id);
  MlpStage *stage;

  if (object == NULL && (stage = g_hash_table_lookup (self->owner_by_id, id)) &&
      !mlp_stage_get_loaded (stage))
    {
      mlp_stage_get_items (stage);
      object = g_hash_table_lookup (table, id);
    }

  return object;
}

/**
 * mlp_catalog_find_stage:
 *
 * Returns: (transfer none) (nullable): the stage with @id
 */
MlpStage *
mlp_catalog_find_stage (MlpCatalog *self,
                        const char *id)
{
  g_return_val_if_fail (MLP_IS_CATALOG (self), NULL);
  return id ? g_hash_table_lookup (self->stage_by_id, id) : NULL;
}

/**
 * mlp_catalog_find_item:
 *
 * Returns: (transfer none) (nullable): the checklist item with @id
 */
MlpCheckItem *
mlp_catalog_find_item (MlpCatalog *self,
                       const char *id)
{
  g_return_val_if_fail (MLP_IS_CATALOG (self), NULL);
  return id ? find_object (self, self->item_by_id, id) : NULL;
}

/**
 * mlp_catalog_find_question:
 *
 * Returns: (transfer none) (nullable): the question with @id
 */
MlpQuestion *
mlp_catalog_find_question (MlpCatalog *self,
                           const char *id)
{
  g_return_val_if_fail (MLP_IS_CATALOG (self), NULL);
  return id ? find_object (self, self->question_by_id, id) : NULL;
}

/**
 * mlp_catalog_find_owner:
 *
 * Finds the stage an item or question belongs to without building the
 * stage's objects.
 *
 * Returns: (transfer none) (nullable): the stage of the item or question @id
 */
MlpStage *
mlp_catalog_find_owner (MlpCatalog *self,
                        const char *id)
{
  g_return_val_if_fail (MLP_IS_CATALOG (self), NULL);
  return id ? g_hash_table_lookup (self->owner_by_id, id) : NULL;
}

/**
 * mlp_catalog_set_checked_by_id:
 *
 * Ticks or unticks the item @item_id without building its stage's objects.
 *
 * Returns: whether there is such an item
 */
gboolean
mlp_catalog_set_checked_by_id (MlpCatalog *self,
                               const char *item_id,
                               gboolean    checked)
{
  MlpStage *stage;

  g_return_val_if_fail (MLP_IS_CATALOG (self), FALSE);

  stage = g_hash_table_lookup (self->owner_by_id, item_id);
  return stage != NULL && mlp_stage_set_checked_by_id (stage, item_id, checked);
}

/**
 * mlp_catalog_set_result_by_id:
 *
 * Sets the result of the question @question_id without building its
 * stage's objects.
 *
 * Returns: whether there is such a question
 */
gboolean
mlp_catalog_set_result_by_id (MlpCatalog *self,
                              const char *question_id,
                              gboolean    attempted,
                              gboolean    correct)
{
  MlpStage *stage;

  g_return_val_if_fail (MLP_IS_CATALOG (self), FALSE);

  stage = g_hash_table_lookup (self->owner_by_id, question_id);
  return stage != NULL && mlp_stage_set_result_by_id (stage, question_id, attempted, correct);
}

/**
 * mlp_catalog_get_n_parsed:
 *
 * Returns: how many packs were read from their JSON to be loaded, rather
 *   than from the pack index (a stage opened later reads its pack again;
 *   that is not counted)
 */
guint
mlp_catalog_get_n_parsed (MlpCatalog *self)
{
  g_return_val_if_fail (MLP_IS_CATALOG (self), 0);
  return self->n_parsed;
}

/**
 * mlp_catalog_use_index:
 * @path: the pack index file; it need not exist
 *
 * Makes the packs loaded from now on come from the pack index at @path
 * where it has them as they are now. An index that cannot be read, is
 * damaged or was written by another version or build of the program is
 * ignored: every pack is then read, and mlp_catalog_save_index() writes a
 * new one.
 */
void
mlp_catalog_use_index (MlpCatalog *self,
                       const char *path)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GVariant) file = NULL;
  g_autoptr(GVariant) dict = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *program = NULL;
  const char *magic, *stored_checksum;
  GVariantIter iter;
  const char *key;
  GVariant *entry;

  g_return_if_fail (MLP_IS_CATALOG (self));
  g_return_if_fail (path != NULL);

  /* An index serves one build of the program: another may have other
   * built-in packs, or validate packs differently. Without a way to tell
   * builds apart there is no index. */
  if (!(program = file_stamp ("/proc/self/exe")))
    return;
  g_free (self->index_path);
  self->index_path = g_strdup (path);
  g_free (self->index_magic);
  self->index_magic = g_strdup_printf ("%s, program %s", INDEX_MAGIC, program);

  if (!(mapped = g_mapped_file_new (path, FALSE, &error)))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_debug ("Pack index %s not used: %s", path, error->message);
      return;
    }

  bytes = g_mapped_file_get_bytes (mapped);
  file = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (INDEX_FILE_TYPE), bytes, FALSE));
  g_variant_get (file, "(&s&s@" INDEX_DICT_TYPE ")", &magic, &stored_checksum, &dict);
  checksum = g_compute_checksum_for_data (G_CHECKSUM_MD5, g_variant_get_data (dict), g_variant_get_size (dict));
  if (!g_str_equal (magic, self->index_magic) || !g_str_equal (checksum, stored_checksum))
    {
      g_debug ("Pack index %s not used: written by another version, or damaged", path);
      self->index_changed = TRUE;
      return;
    }

  g_variant_iter_init (&iter, dict);
  while (g_variant_iter_next (&iter, "{&s@" INDEX_ENTRY_TYPE "}", &key, &entry))
    g_hash_table_insert (self->index_old, g_strdup (key), entry);
}

/**
 * mlp_catalog_save_index:
 *
 * Writes the pack index given to mlp_catalog_use_index(), with the packs
 * loaded so far, if that changes it.
 *
 * Returns: %FALSE if it could not be written
 */
gboolean
mlp_catalog_save_index (MlpCatalog  *self,
                        GError     **error)
{
  g_autoptr(GList) keys = NULL;
  g_autoptr(GVariant) dict = NULL;
  g_autoptr(GVariant) file = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *checksum = NULL;
  GVariantBuilder builder;
  GHashTableIter iter;
  gpointer key, entry;

  g_return_val_if_fail (MLP_IS_CATALOG (self), FALSE);

  if (self->index_path == NULL)
    return TRUE;

  /* A pack gone since the index was written changes it too. */
  g_hash_table_iter_init (&iter, self->index_old);
  while (!self->index_changed && g_hash_table_iter_next (&iter, &key, NULL))
    self->index_changed = !g_hash_table_contains (self->index_new, key);
  if (!self->index_changed)
    return TRUE;

  keys = g_list_sort (g_hash_table_get_keys (self->index_new), (GCompareFunc)g_strcmp0);
  g_variant_builder_init (&builder, G_VARIANT_TYPE (INDEX_DICT_TYPE));
  for (GList *l = keys; l != NULL; l = l->next)
    g_variant_builder_add (&builder, "{s@" INDEX_ENTRY_TYPE "}", l->data,
                           g_hash_table_lookup (self->index_new, l->data));
  dict = g_variant_ref_sink (g_variant_builder_end (&builder));
  checksum = g_compute_checksum_for_data (G_CHECKSUM_MD5, g_variant_get_data (dict), g_variant_get_size (dict));
  file = g_variant_ref_sink (g_variant_new ("(ss@" INDEX_DICT_TYPE ")", self->index_magic, checksum, dict));

  folder = g_path_get_dirname (self->index_path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", folder, g_strerror (saved_errno));
      return FALSE;
    }
  if (!g_file_set_contents_full (self->index_path, g_variant_get_data (file), g_variant_get_size (file),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;

  /* What is written is the new starting point. */
  g_hash_table_remove_all (self->index_old);
  g_hash_table_iter_init (&iter, self->index_new);
  while (g_hash_table_iter_next (&iter, &key, &entry))
    g_hash_table_insert (self->index_old, g_strdup (key), g_variant_ref (entry));
  self->index_changed = FALSE;
  return TRUE;
}
