/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-portable"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "mlp-portable.h"
#include "mlp-store-private.h"

/* Moving progress between computers (an export restored elsewhere), a
 * stage's checklist on paper, and content packs the user adds. The export
 * is one JSON file; every table of the progress database is an array of
 * objects with the fields below, in this order. A restore validates the
 * whole file before it touches the database and then merges it in one
 * transaction, so a bad file changes nothing. */

G_DEFINE_QUARK (mlp-portable-error-quark, mlp_portable_error)

/* Our format is at most five levels deep (root, mock_sessions, a session,
 * answers, an answer); a little room, never json-glib's recursion limit. */
#define MAX_DEPTH  8
/* More digits than this could overflow 64 bits, which json-glib wraps. */
#define MAX_DIGITS 18

typedef enum
{
  KIND_ID,              /* non-empty string, at most MLP_PORTABLE_MAX_ID_SIZE bytes */
  KIND_ID_OR_NULL,
  KIND_TEXT,            /* non-empty string, at most MLP_PORTABLE_MAX_TEXT_SIZE bytes */
  KIND_TEXT_OR_NULL,
  KIND_BOOL,
  KIND_TIME,            /* Unix seconds, integer ≥ 0 */
  KIND_TIME_OR_NULL,
  KIND_GRADE,           /* 1 Again … 4 Easy */
  KIND_COUNT,           /* integer 0 … G_MAXINT32 */
  KIND_MASK,            /* integer ≥ 0 */
  KIND_ROW,             /* a reference within the file, integer ≥ 1 */
  KIND_ROW_OR_NULL,
  KIND_ANSWERS,         /* the answers of a mock interview */
} Kind;

typedef struct
{
  const char *name;
  Kind        kind;
} Field;

/* One field's value, read from the file or the database. */
typedef struct
{
  const char *s;        /* strings (borrowed from the parser) */
  gint64      i;        /* integers and booleans; KIND_ANSWERS: first answer */
  guint       n;        /* KIND_ANSWERS: number of answers */
  gboolean    null;
} Value;

enum { CHECK_ITEM, CHECK_CHECKED, CHECK_CHANGED_AT };
static const Field check_fields[] = {
  { "item_id", KIND_ID },
  { "checked", KIND_BOOL },
  { "changed_at", KIND_TIME },
};

enum { ATTEMPT_ID, ATTEMPT_QUESTION, ATTEMPT_CHOICE, ATTEMPT_CORRECT, ATTEMPT_ANSWERED_AT,
       ATTEMPT_TEXT, ATTEMPT_MASK, ATTEMPT_TOTAL };
static const Field attempt_fields[] = {
  { "id", KIND_ROW },
  { "question_id", KIND_ID },
  { "choice_id", KIND_ID_OR_NULL },
  { "correct", KIND_BOOL },
  { "answered_at", KIND_TIME },
  { "answer_text", KIND_TEXT_OR_NULL },
  { "points_mask", KIND_MASK },
  { "points_total", KIND_COUNT },
};

enum { REVIEW_QUESTION, REVIEW_AT, REVIEW_GRADE, REVIEW_SOURCE, REVIEW_ATTEMPT };
static const Field review_fields[] = {
  { "question_id", KIND_ID },
  { "reviewed_at", KIND_TIME },
  { "grade", KIND_GRADE },
  { "source", KIND_ID },
  { "attempt_id", KIND_ROW_OR_NULL },
};

enum { NOTE_TARGET, NOTE_BODY, NOTE_CHANGED_AT };
static const Field note_fields[] = {
  { "target_id", KIND_ID },
  { "body", KIND_TEXT },
  { "changed_at", KIND_TIME },
};

enum { QUEUED_QUESTION, QUEUED_ITEM, QUEUED_AT };
static const Field queued_fields[] = {
  { "question_id", KIND_ID },
  { "item_id", KIND_ID },
  { "queued_at", KIND_TIME },
};

enum { MOCK_STARTED_AT, MOCK_ENDED_AT, MOCK_PLANNED, MOCK_SECONDS, MOCK_ANSWERS };
static const Field mock_fields[] = {
  { "started_at", KIND_TIME },
  { "ended_at", KIND_TIME_OR_NULL },
  { "planned", KIND_COUNT },
  { "seconds_per_question", KIND_COUNT },
  { "answers", KIND_ANSWERS },
};

enum { ANSWER_QUESTION, ANSWER_GRADE, ANSWER_SECONDS, ANSWER_MASK, ANSWER_TOTAL };
static const Field answer_fields[] = {
  { "question_id", KIND_ID },
  { "grade", KIND_GRADE },
  { "seconds_used", KIND_COUNT },
  { "points_mask", KIND_MASK },
  { "points_total", KIND_COUNT },
};

#define MAX_FIELDS 8

typedef struct
{
  const char  *name;      /* member of the root object */
  const Field *fields;
  guint        n_fields;
  int          unique;    /* field that may not repeat within the file, or -1 */
  const char  *export_sql; /* one column per field, in order */
} Table;

enum { TABLE_CHECKS, TABLE_ATTEMPTS, TABLE_REVIEWS, TABLE_NOTES, TABLE_QUEUED, TABLE_MOCK, N_TABLES };

/* Attempts are numbered 1… in the file (the reviews refer to them by that
 * number), so an export does not depend on row ids, which differ between
 * computers. For a mock interview, the last column is its row id, read by
 * answers_sql. */
static const Table tables[N_TABLES] = {
  { "checks", check_fields, G_N_ELEMENTS (check_fields), CHECK_ITEM,
    "SELECT item_id, checked, changed_at FROM checks ORDER BY item_id" },
  { "attempts", attempt_fields, G_N_ELEMENTS (attempt_fields), ATTEMPT_ID,
    "SELECT row_number () OVER (ORDER BY id), question_id, choice_id, correct, answered_at,"
    " answer_text, points_mask, points_total FROM attempts ORDER BY id" },
  { "reviews", review_fields, G_N_ELEMENTS (review_fields), -1,
    "SELECT r.question_id, r.reviewed_at, r.grade, r.source, a.number FROM reviews r"
    " LEFT JOIN (SELECT id, row_number () OVER (ORDER BY id) AS number FROM attempts) a"
    " ON a.id = r.attempt_id ORDER BY r.id" },
  { "notes", note_fields, G_N_ELEMENTS (note_fields), NOTE_TARGET,
    "SELECT target_id, body, changed_at FROM notes ORDER BY target_id" },
  { "queued", queued_fields, G_N_ELEMENTS (queued_fields), QUEUED_QUESTION,
    "SELECT question_id, item_id, queued_at FROM queued ORDER BY question_id" },
  { "mock_sessions", mock_fields, G_N_ELEMENTS (mock_fields), -1,
    "SELECT started_at, ended_at, planned, seconds_per_question, id FROM mock_sessions"
    " ORDER BY started_at, id" },
};

static const char answers_sql[] =
  "SELECT question_id, grade, seconds_used, points_mask, points_total FROM mock_answers"
  " WHERE session_id = ?1 ORDER BY position";

static const char * const root_fields[] = {
  "format", "version", "exported_at",
  "checks", "attempts", "reviews", "notes", "queued", "mock_sessions",
  NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (attempt_fields) <= MAX_FIELDS);

static gboolean
database_error (sqlite3     *db,
                const char  *what,
                GError     **error)
{
  g_set_error (error, MLP_PORTABLE_ERROR, MLP_PORTABLE_ERROR_DATABASE,
               "%s: %s", what, sqlite3_errmsg (db));
  return FALSE;
}

/* ---- Export ------------------------------------------------------------ */

static void
add_string (JsonBuilder *builder,
            const char  *text)
{
  g_autofree char *valid = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  json_builder_add_string_value (builder, text);
}

static gboolean
export_rows (sqlite3      *db,
             JsonBuilder  *builder,
             const Field  *fields,
             guint         n_fields,
             sqlite3_stmt *stmt,
             sqlite3_stmt *answers,
             GError      **error)
{
  int rc;

  json_builder_begin_array (builder);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);

      for (guint i = 0; i < n_fields; i++)
        {
          json_builder_set_member_name (builder, fields[i].name);

          if (fields[i].kind == KIND_ANSWERS)
            {
              gboolean ok;

              sqlite3_bind_int64 (answers, 1, sqlite3_column_int64 (stmt, i));
              ok = export_rows (db, builder, answer_fields, G_N_ELEMENTS (answer_fields),
                                answers, NULL, error);
              sqlite3_reset (answers);
              if (!ok)
                return FALSE;
            }
          else if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
            json_builder_add_null_value (builder);
          else if (fields[i].kind == KIND_BOOL)
            json_builder_add_boolean_value (builder, sqlite3_column_int (stmt, i) != 0);
          else if (fields[i].kind <= KIND_TEXT_OR_NULL)
            add_string (builder, (const char *)sqlite3_column_text (stmt, i));
          else
            json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, i));
        }

      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);

  if (rc != SQLITE_DONE)
    return database_error (db, "Could not read your progress", error);
  return TRUE;
}

/**
 * mlp_portable_export_to_bytes:
 * @now: the time written as "exported_at"
 *
 * All progress in @store as an MLPrep progress export (JSON, UTF-8).
 *
 * Returns: (transfer full) (nullable): the file's contents
 */
GBytes *
mlp_portable_export_to_bytes (MlpStore   *store,
                              GDateTime  *now,
                              GError    **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *stamp = NULL;
  sqlite3_stmt *answers = NULL;
  sqlite3 *db;
  gboolean ok = TRUE;
  char *data;
  gsize length;

  g_return_val_if_fail (MLP_IS_STORE (store), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  db = mlp_store_get_db (store);
  stamp = g_date_time_format_iso8601 (now);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, MLP_PORTABLE_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, MLP_PORTABLE_VERSION);
  json_builder_set_member_name (builder, "exported_at");
  json_builder_add_string_value (builder, stamp);

  /* One read transaction: the tables agree with each other even if the
   * app writes meanwhile. */
  if (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, answers_sql, -1, &answers, NULL) != SQLITE_OK)
    ok = database_error (db, "Could not read your progress", error);

  for (guint t = 0; ok && t < N_TABLES; t++)
    {
      sqlite3_stmt *stmt = NULL;

      json_builder_set_member_name (builder, tables[t].name);
      if (sqlite3_prepare_v2 (db, tables[t].export_sql, -1, &stmt, NULL) != SQLITE_OK)
        ok = database_error (db, "Could not read your progress", error);
      else
        ok = export_rows (db, builder, tables[t].fields, tables[t].n_fields, stmt, answers, error);
      sqlite3_finalize (stmt);
    }

  sqlite3_finalize (answers);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (!ok)
    return NULL;

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  data = json_generator_to_data (generator, &length);

  /* A final newline, as text files have. */
  data = g_realloc (data, length + 2);
  data[length++] = '\n';
  data[length] = '\0';

  return g_bytes_new_take (data, length);
}

/* Replaces @file in one step (a temporary file renamed over it), readable
 * only by the user: exports hold personal notes. */
static gboolean
write_private (GFile       *file,
               const char  *data,
               gsize        length,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = g_file_get_parse_name (file);

  if (!g_file_replace_contents (file, data, length, NULL, FALSE,
                                G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, NULL, &local_error))
    {
      g_set_error (error, MLP_PORTABLE_ERROR, MLP_PORTABLE_ERROR_IO,
                   "%s: cannot be written: %s", name, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * mlp_portable_export:
 * @file: where to write; replaced in one step if it exists
 *
 * Writes all progress in @store to @file (mode 0600), see
 * mlp_portable_export_to_bytes().
 */
gboolean
mlp_portable_export (MlpStore   *store,
                     GFile      *file,
                     GDateTime  *now,
                     GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (MLP_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (!(bytes = mlp_portable_export_to_bytes (store, now, error)))
    return FALSE;

  data = g_bytes_get_data (bytes, &length);
  return write_private (file, data, length, error);
}

/**
 * mlp_portable_write_text:
 *
 * Writes @text to @file in one step (temporary file and rename), readable
 * only by the user.
 */
gboolean
mlp_portable_write_text (GFile       *file,
                         const char  *text,
                         GError     **error)
{
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  return write_private (file, text, strlen (text), error);
}

/* ---- Validation -------------------------------------------------------- */

typedef struct
{
  const char *name;       /* the file, as errors name it */
  GArray     *rows[N_TABLES]; /* Value[MAX_FIELDS] per row */
  GArray     *answers;    /* Value[MAX_FIELDS] per mock answer */
} Backup;

typedef Value Row[MAX_FIELDS];

G_GNUC_PRINTF (4, 5)
static gboolean
fail (Backup      *backup,
      GError     **error,
      int          code,
      const char  *format,
      ...)
{
  va_list args;

  va_start (args, format);
  mlp_set_file_error_valist (error, MLP_PORTABLE_ERROR, code, backup->name, format, args);
  va_end (args);
  return FALSE;
}

static const char *
describe (JsonNode *node)
{
  static const struct { GType type; const char *name; } values[] = {
    { G_TYPE_BOOLEAN, "a boolean" },
    { G_TYPE_INT64, "an integer" },
    { G_TYPE_DOUBLE, "a number" },
    { G_TYPE_STRING, "a string" },
  };

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return "an object";
    case JSON_NODE_ARRAY:
      return "an array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        if (json_node_get_value_type (node) == values[i].type)
          return values[i].name;
      return "a value";
    }
}

/* json-glib recurses once per nesting level and accepts comments and
 * single quotes; so before parsing, outside strings, allow only strict
 * JSON and count the depth. */
static gboolean
check_json_shape (Backup      *backup,
                  const char  *data,
                  gsize        length,
                  GError     **error)
{
  int depth = 0;
  guint digits = 0;
  gboolean closed = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (g_ascii_isspace (c))
        continue;
      if (closed)
        return fail (backup, error, MLP_PORTABLE_ERROR_PARSE,
                     "not valid JSON: more text after the end of the export");

      if (g_ascii_isdigit (c))
        {
          if (++digits > MAX_DIGITS)
            return fail (backup, error, MLP_PORTABLE_ERROR_TOO_LARGE,
                         "a number has more than %d digits", MAX_DIGITS);
          continue;
        }
      digits = 0;

      if (c == '"')
        {
          for (i++; i < length && data[i] != '"'; i++)
            if (data[i] == '\\')
              i++;
        }
      else if (c == '{' || c == '[')
        {
          if (++depth > MAX_DEPTH)
            return fail (backup, error, MLP_PORTABLE_ERROR_TOO_LARGE,
                         "JSON is nested deeper than %d levels", MAX_DEPTH);
        }
      else if (c == '}' || c == ']')
        closed = --depth <= 0;
      else if (c == '\0' || !strchr (",:-+.eEtrufalsn", c))
        return fail (backup, error, MLP_PORTABLE_ERROR_PARSE,
                     "not strict JSON: unexpected “%c”", g_ascii_isprint (c) ? c : '?');
    }

  return TRUE;
}

static gboolean
read_value (Backup      *backup,
            JsonNode    *node,
            const char  *path,
            Kind         kind,
            Value       *value,
            GError     **error);

static gboolean
read_row (Backup       *backup,
          JsonNode     *node,
          const char   *path,
          const Field  *fields,
          guint         n_fields,
          Value        *row,
          GError      **error)
{
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (backup, error, MLP_PORTABLE_ERROR_INVALID,
                 "%s: expected an object, found %s", path, describe (node));
  object = json_node_get_object (node);

  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      guint i;

      for (i = 0; i < n_fields && !g_str_equal (fields[i].name, l->data); i++)
        ;
      if (i == n_fields)
        {
          g_autoptr(GString) known = g_string_new (NULL);

          for (i = 0; i < n_fields; i++)
            g_string_append_printf (known, "%s%s", i ? ", " : "", fields[i].name);
          return fail (backup, error, MLP_PORTABLE_ERROR_INVALID,
                       "%s.%s: unknown field (known fields: %s)",
                       path, (const char *)l->data, known->str);
        }
    }

  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *field_path = g_strdup_printf ("%s.%s", path, fields[i].name);
      JsonNode *member = json_object_get_member (object, fields[i].name);

      if (member == NULL)
        return fail (backup, error, MLP_PORTABLE_ERROR_INVALID,
                     "%s: required field is missing", field_path);
      if (!read_value (backup, member, field_path, fields[i].kind, &row[i], error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_answers (Backup      *backup,
              JsonNode    *node,
              const char  *path,
              Value       *value,
              GError     **error)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (backup, error, MLP_PORTABLE_ERROR_INVALID,
                 "%s: expected an array, found %s", path, describe (node));
  array = json_node_get_array (node);

  value->i = backup->answers->len;
  value->n = json_array_get_length (array);

  for (guint i = 0; i < value->n; i++)
    {
      g_autofree char *element_path = g_strdup_printf ("%s[%u]", path, i);
      Row answer = { { 0 } };

      if (!read_row (backup, json_array_get_element (array, i), element_path,
                     answer_fields, G_N_ELEMENTS (answer_fields), answer, error))
        return FALSE;
      g_array_append_val (backup->answers, answer);
    }

  return TRUE;
}

static gboolean
read_value (Backup      *backup,
            JsonNode    *node,
            const char  *path,
            Kind         kind,
            Value       *value,
            GError     **error)
{
  gboolean nullable = kind == KIND_ID_OR_NULL || kind == KIND_TEXT_OR_NULL ||
                      kind == KIND_TIME_OR_NULL || kind == KIND_ROW_OR_NULL;
  GType type = kind <= KIND_TEXT_OR_NULL ? G_TYPE_STRING :
               kind == KIND_BOOL ? G_TYPE_BOOLEAN : G_TYPE_INT64;
  gint64 min = 0, max = G_MAXINT64;

  if (kind == KIND_ANSWERS)
    return read_answers (backup, node, path, value, error);

  if (nullable && JSON_NODE_HOLDS_NULL (node))
    {
      value->null = TRUE;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    return fail (backup, error, MLP_PORTABLE_ERROR_INVALID, "%s: expected %s%s, found %s", path,
                 type == G_TYPE_STRING ? "a string" : type == G_TYPE_BOOLEAN ? "a boolean" : "an integer",
                 nullable ? " or null" : "", describe (node));

  if (type == G_TYPE_STRING)
    {
      gsize limit = kind <= KIND_ID_OR_NULL ? MLP_PORTABLE_MAX_ID_SIZE : MLP_PORTABLE_MAX_TEXT_SIZE;

      value->s = json_node_get_string (node);
      if (!g_utf8_validate (value->s, -1, NULL))
        return fail (backup, error, MLP_PORTABLE_ERROR_INVALID,
                     "%s: is not valid text (a lone UTF-16 surrogate?)", path);
      if (*value->s == '\0' && kind != KIND_TEXT_OR_NULL)
        return fail (backup, error, MLP_PORTABLE_ERROR_INVALID, "%s: must not be empty", path);
      if (strlen (value->s) > limit)
        return fail (backup, error, MLP_PORTABLE_ERROR_TOO_LARGE,
                     "%s: is longer than %" G_GSIZE_FORMAT " bytes", path, limit);
      return TRUE;
    }

  value->i = type == G_TYPE_BOOLEAN ? json_node_get_boolean (node) : json_node_get_int (node);

  if (kind == KIND_GRADE)
    min = 1, max = 4;
  else if (kind == KIND_COUNT)
    max = G_MAXINT32;
  else if (kind == KIND_ROW || kind == KIND_ROW_OR_NULL)
    min = 1;

  if (type == G_TYPE_INT64 && (value->i < min || value->i > max))
    {
      if (max == G_MAXINT64)
        return fail (backup, error, MLP_PORTABLE_ERROR_INVALID,
                     "%s: %" G_GINT64_FORMAT " is out of range (at least %" G_GINT64_FORMAT ")",
                     path, value->i, min);
      return fail (backup, error, MLP_PORTABLE_ERROR_INVALID,
                   "%s: %" G_GINT64_FORMAT " is out of range (%" G_GINT64_FORMAT " to %" G_GINT64_FORMAT ")",
                   path, value->i, min, max);
    }

  return TRUE;
}

static gboolean
read_table (Backup      *backup,
            JsonObject  *root,
            guint        t,
            GError     **error)
{
  const Table *table = &tables[t];
  g_autoptr(GHashTable) seen = NULL;
  JsonNode *node = json_object_get_member (root, table->name);
  JsonArray *array;

  if (node == NULL)
    return fail (backup, error, MLP_PORTABLE_ERROR_INVALID,
                 "$.%s: required field is missing", table->name);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (backup, error, MLP_PORTABLE_ERROR_INVALID,
                 "$.%s: expected an array, found %s", table->name, describe (node));
  array = json_node_get_array (node);

  /* id → index of the row that has it */
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("$.%s[%u]", table->name, i);
      g_autofree char *key = NULL;
      gpointer first;
      Row row = { { 0 } };

      if (!read_row (backup, json_array_get_element (array, i), path,
                     table->fields, table->n_fields, row, error))
        return FALSE;

      if (table->unique >= 0)
        {
          const Value *value = &row[table->unique];

          key = value->s ? g_strdup (value->s) : g_strdup_printf ("%" G_GINT64_FORMAT, value->i);
          if (g_hash_table_lookup_extended (seen, key, NULL, &first))
            return fail (backup, error, MLP_PORTABLE_ERROR_INVALID,
                         "%s.%s: “%s” is listed twice (also at $.%s[%u])",
                         path, table->fields[table->unique].name, key,
                         table->name, GPOINTER_TO_UINT (first));
          g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (i));
        }

      g_array_append_val (backup->rows[t], row);
    }

  return TRUE;
}

/* Every review's attempt_id must name an attempt of the file. */
static gboolean
check_attempt_links (Backup  *backup,
                     GError **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  GArray *attempts = backup->rows[TABLE_ATTEMPTS];
  GArray *reviews = backup->rows[TABLE_REVIEWS];

  for (guint i = 0; i < attempts->len; i++)
    g_hash_table_add (ids, &g_array_index (attempts, Row, i)[ATTEMPT_ID].i);

  for (guint i = 0; i < reviews->len; i++)
    {
      Value *link = &g_array_index (reviews, Row, i)[REVIEW_ATTEMPT];

      if (!link->null && !g_hash_table_contains (ids, &link->i))
        return fail (backup, error, MLP_PORTABLE_ERROR_INVALID,
                     "$.reviews[%u].attempt_id: no attempt in the file has id %" G_GINT64_FORMAT,
                     i, link->i);
    }

  return TRUE;
}

static gboolean
read_backup (Backup      *backup,
             JsonParser  *parser,
             GBytes      *bytes,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) stamp = NULL;
  g_autoptr(GList) members = NULL;
  JsonNode *root_node, *node;
  JsonObject *root;
  const char *data;
  gsize length;

  data = g_bytes_get_data (bytes, &length);

  if (length > MLP_PORTABLE_MAX_FILE_SIZE)
    return fail (backup, error, MLP_PORTABLE_ERROR_TOO_LARGE, "the file is larger than %d MiB",
                 MLP_PORTABLE_MAX_FILE_SIZE / (1024 * 1024));
  if (length == 0)
    return fail (backup, error, MLP_PORTABLE_ERROR_PARSE, "the file is empty");
  if (!g_utf8_validate_len (data, length, NULL))
    return fail (backup, error, MLP_PORTABLE_ERROR_PARSE, "the file is not UTF-8 text");
  if (!check_json_shape (backup, data, length, error))
    return FALSE;
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    return fail (backup, error, MLP_PORTABLE_ERROR_PARSE, "not valid JSON: %s", local_error->message);

  root_node = json_parser_get_root (parser);
  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    return fail (backup, error, MLP_PORTABLE_ERROR_FORMAT,
                 "$: expected an object, found %s: this is not an MLPrep progress export",
                 root_node ? describe (root_node) : "nothing");
  root = json_node_get_object (root_node);

  node = json_object_get_member (root, "format");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      g_strcmp0 (json_node_get_string (node), MLP_PORTABLE_FORMAT) != 0)
    return fail (backup, error, MLP_PORTABLE_ERROR_FORMAT,
                 "$.format: expected “%s”: this is not an MLPrep progress export",
                 MLP_PORTABLE_FORMAT);

  node = json_object_get_member (root, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (backup, error, MLP_PORTABLE_ERROR_INVALID, "$.version: expected an integer, found %s",
                 node ? describe (node) : "nothing");
  if (json_node_get_int (node) > MLP_PORTABLE_VERSION)
    return fail (backup, error, MLP_PORTABLE_ERROR_VERSION,
                 "$.version: version %" G_GINT64_FORMAT " comes from a newer MLPrep "
                 "(this version reads version %d); update MLPrep to restore it",
                 json_node_get_int (node), MLP_PORTABLE_VERSION);
  if (json_node_get_int (node) < 1)
    return fail (backup, error, MLP_PORTABLE_ERROR_VERSION,
                 "$.version: version %" G_GINT64_FORMAT " does not exist", json_node_get_int (node));

  members = json_object_get_members (root);
  for (const GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (root_fields, l->data))
      {
        g_autofree char *names = g_strjoinv (", ", (char **)root_fields);

        return fail (backup, error, MLP_PORTABLE_ERROR_INVALID,
                     "$.%s: unknown field (known fields: %s)", (const char *)l->data, names);
      }

  node = json_object_get_member (root, "exported_at");
  if (node == NULL)
    return fail (backup, error, MLP_PORTABLE_ERROR_INVALID, "$.exported_at: required field is missing");
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      !(stamp = g_date_time_new_from_iso8601 (json_node_get_string (node), NULL)))
    return fail (backup, error, MLP_PORTABLE_ERROR_INVALID,
                 "$.exported_at: expected an ISO 8601 date and time, found %s", describe (node));

  for (guint t = 0; t < N_TABLES; t++)
    if (!read_table (backup, root, t, error))
      return FALSE;

  return check_attempt_links (backup, error);
}

/* ---- Merge ------------------------------------------------------------- */

enum {
  SQL_BEFORE,
  SQL_GET_CHECK,
  SQL_PUT_CHECK,
  SQL_GET_NOTE,
  SQL_PUT_NOTE,
  SQL_FIND_ATTEMPT,
  SQL_ADD_ATTEMPT,
  SQL_FIND_REVIEW,
  SQL_ADD_REVIEW,
  SQL_GET_QUEUED,
  SQL_PUT_QUEUED,
  SQL_FIND_MOCK,
  SQL_ADD_MOCK,
  SQL_ADD_MOCK_ANSWER,
  N_SQL
};

/* Duplicates are looked for only among the rows that were here before
 * (?N ≤ the largest id then), so a file restored into an empty database
 * comes back whole, even two identical answers in the same second. */
static const char * const merge_sql[N_SQL] = {
  [SQL_BEFORE] =
    "SELECT (SELECT ifnull (max (id), 0) FROM attempts), (SELECT ifnull (max (id), 0) FROM reviews),"
    " (SELECT ifnull (max (id), 0) FROM mock_sessions)",
  [SQL_GET_CHECK] = "SELECT checked, changed_at FROM checks WHERE item_id = ?1",
  [SQL_PUT_CHECK] =
    "INSERT INTO checks (item_id, checked, changed_at) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (item_id) DO UPDATE SET checked = ?2, changed_at = ?3",
  [SQL_GET_NOTE] = "SELECT body, changed_at FROM notes WHERE target_id = ?1",
  [SQL_PUT_NOTE] =
    "INSERT INTO notes (target_id, body, changed_at) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (target_id) DO UPDATE SET body = ?2, changed_at = ?3",
  [SQL_FIND_ATTEMPT] =
    "SELECT id FROM attempts WHERE question_id = ?1 AND answered_at = ?2 AND choice_id IS ?3"
    " AND correct = ?4 AND answer_text IS ?5 AND points_mask = ?6 AND id <= ?7 LIMIT 1",
  [SQL_ADD_ATTEMPT] =
    "INSERT INTO attempts (question_id, answered_at, choice_id, correct, answer_text,"
    " points_mask, points_total) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  [SQL_FIND_REVIEW] =
    "SELECT id FROM reviews WHERE question_id = ?1 AND reviewed_at = ?2 AND grade = ?3"
    " AND source = ?4 AND id <= ?5 LIMIT 1",
  /* The library computes the memory states of reviews without them. */
  [SQL_ADD_REVIEW] =
    "INSERT INTO reviews (question_id, reviewed_at, grade, source, attempt_id)"
    " VALUES (?1, ?2, ?3, ?4, ?5)",
  [SQL_GET_QUEUED] = "SELECT queued_at FROM queued WHERE question_id = ?1",
  [SQL_PUT_QUEUED] =
    "INSERT INTO queued (question_id, item_id, queued_at) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (question_id) DO UPDATE SET item_id = ?2, queued_at = ?3",
  [SQL_FIND_MOCK] = "SELECT id FROM mock_sessions WHERE started_at = ?1 AND id <= ?2 LIMIT 1",
  [SQL_ADD_MOCK] =
    "INSERT INTO mock_sessions (started_at, ended_at, planned, seconds_per_question)"
    " VALUES (?1, ?2, ?3, ?4)",
  [SQL_ADD_MOCK_ANSWER] =
    "INSERT INTO mock_answers (session_id, position, question_id, grade, seconds_used,"
    " points_mask, points_total) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
};

typedef struct
{
  sqlite3          *db;
  sqlite3_stmt     *sql[N_SQL];
  gint64            before[3];   /* largest attempt, review, mock session id */
  GHashTable       *new_ids;     /* the file's attempt number → its row here */
  GArray           *answers;     /* the mock interviews' answers */
  MlpRestoreReport *report;
} Merge;

static void
bind (sqlite3_stmt *stmt,
      int           index,
      const Value  *value)
{
  if (value->null)
    sqlite3_bind_null (stmt, index);
  else if (value->s != NULL)
    sqlite3_bind_text (stmt, index, value->s, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, index, value->i);
}

/* Binds @values (to ?1, ?2…), steps @stmt once and resets it. With a
 * result row, its first @n_columns integers go to @columns.
 *
 * Returns: SQLITE_ROW, SQLITE_DONE or an error code */
static int
run (Merge        *merge,
     int           which,
     const Value **values,
     guint         n_values,
     gint64       *columns,
     guint         n_columns)
{
  sqlite3_stmt *stmt = merge->sql[which];
  int rc;

  for (guint i = 0; i < n_values; i++)
    bind (stmt, i + 1, values[i]);

  rc = sqlite3_step (stmt);
  for (guint i = 0; rc == SQLITE_ROW && i < n_columns; i++)
    columns[i] = sqlite3_column_int64 (stmt, i);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc;
}

/* A list of values for run(): the array and its length. */
#define VALUES(...) (const Value *[]) { __VA_ARGS__ }, G_N_ELEMENTS (((const Value *[]) { __VA_ARGS__ }))

static gboolean
failed (int rc)
{
  return rc != SQLITE_ROW && rc != SQLITE_DONE;
}

/* Ticks and notes: per id the newer change wins; on a tie, what is here
 * stays. */
static int
merge_latest (Merge       *merge,
              int          get,
              int          put,
              const Value *row,
              guint       *added,
              guint       *changed,
              guint       *kept)
{
  sqlite3_stmt *stmt = merge->sql[get];
  gboolean here, differs = FALSE;
  gint64 here_at = 0;
  int rc;

  bind (stmt, 1, &row[0]);
  rc = sqlite3_step (stmt);
  here = rc == SQLITE_ROW;
  if (here)
    {
      /* Column 0 is "checked" (an integer) or "body" (text). */
      if (row[1].s != NULL)
        differs = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), row[1].s) != 0;
      else
        differs = (sqlite3_column_int64 (stmt, 0) != 0) != (row[1].i != 0);
      here_at = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (failed (rc))
    return rc;

  if (!here || row[2].i > here_at)
    {
      rc = run (merge, put, VALUES (&row[0], &row[1], &row[2]), NULL, 0);
      if (!here)
        /* An untick of an item never ticked here shows nothing new. */
        *added += row[1].s != NULL || row[1].i != 0;
      else if (differs)
        (*changed)++;
      else
        merge->report->duplicates_skipped++;
      return rc;
    }

  if (differs)
    (*kept)++;
  else
    merge->report->duplicates_skipped++;
  return SQLITE_DONE;
}

static int
merge_check (Merge *merge,
             Value *row)
{
  MlpRestoreReport *report = merge->report;

  return merge_latest (merge, SQL_GET_CHECK, SQL_PUT_CHECK, row,
                       &report->checks_added, &report->checks_changed, &report->checks_kept);
}

static int
merge_note (Merge *merge,
            Value *row)
{
  MlpRestoreReport *report = merge->report;

  return merge_latest (merge, SQL_GET_NOTE, SQL_PUT_NOTE, row,
                       &report->notes_added, &report->notes_changed, &report->notes_kept);
}

/* Answers, reviews and mock interviews: adds the row (@values, bound to
 * @add) unless one with the same @key (bound to @find, which ends with the
 * largest id from before the restore) was here already.
 *
 * Returns: SQLITE_ROW if it was here, SQLITE_DONE if it was added, or an
 *   error; @id is the row's id in either case */
static int
add_unless_here (Merge        *merge,
                 int           find,
                 const Value **key,
                 guint         n_key,
                 int           add,
                 const Value **values,
                 guint         n_values,
                 gint64       *id)
{
  int rc = run (merge, find, key, n_key, id, 1);

  if (rc == SQLITE_ROW)
    merge->report->duplicates_skipped++;
  else if (rc == SQLITE_DONE)
    {
      rc = run (merge, add, values, n_values, NULL, 0);
      *id = sqlite3_last_insert_rowid (merge->db);
    }

  return rc;
}

static int
merge_attempt (Merge *merge,
               Value *row)
{
  const Value before = { .i = merge->before[0] };
  gint64 *id = g_new0 (gint64, 1);
  int rc;

  rc = add_unless_here (merge,
                        SQL_FIND_ATTEMPT,
                        VALUES (&row[ATTEMPT_QUESTION], &row[ATTEMPT_ANSWERED_AT], &row[ATTEMPT_CHOICE],
                                &row[ATTEMPT_CORRECT], &row[ATTEMPT_TEXT], &row[ATTEMPT_MASK], &before),
                        SQL_ADD_ATTEMPT,
                        VALUES (&row[ATTEMPT_QUESTION], &row[ATTEMPT_ANSWERED_AT], &row[ATTEMPT_CHOICE],
                                &row[ATTEMPT_CORRECT], &row[ATTEMPT_TEXT], &row[ATTEMPT_MASK],
                                &row[ATTEMPT_TOTAL]),
                        id);
  merge->report->attempts_added += rc == SQLITE_DONE;
  g_hash_table_insert (merge->new_ids, &row[ATTEMPT_ID].i, id);
  return rc;
}

static int
merge_review (Merge *merge,
              Value *row)
{
  const Value before = { .i = merge->before[1] };
  Value attempt = { .null = TRUE };
  gint64 *attempt_id, id;
  int rc;

  /* Linked to the attempt as restored (or as found here). */
  if (!row[REVIEW_ATTEMPT].null &&
      (attempt_id = g_hash_table_lookup (merge->new_ids, &row[REVIEW_ATTEMPT].i)))
    attempt = (Value) { .i = *attempt_id };

  rc = add_unless_here (merge,
                        SQL_FIND_REVIEW,
                        VALUES (&row[REVIEW_QUESTION], &row[REVIEW_AT], &row[REVIEW_GRADE],
                                &row[REVIEW_SOURCE], &before),
                        SQL_ADD_REVIEW,
                        VALUES (&row[REVIEW_QUESTION], &row[REVIEW_AT], &row[REVIEW_GRADE],
                                &row[REVIEW_SOURCE], &attempt),
                        &id);
  merge->report->reviews_added += rc == SQLITE_DONE;
  return rc;
}

/* The review queue is a union; a question in both keeps the earlier time. */
static int
merge_queued (Merge *merge,
              Value *row)
{
  gint64 here_at = 0;
  int rc;

  rc = run (merge, SQL_GET_QUEUED, VALUES (&row[QUEUED_QUESTION]), &here_at, 1);
  if (failed (rc))
    return rc;
  if (rc == SQLITE_ROW && here_at <= row[QUEUED_AT].i)
    {
      merge->report->duplicates_skipped++;
      return rc;
    }

  if (rc == SQLITE_ROW)
    merge->report->queued_changed++;
  else
    merge->report->queued_added++;
  return run (merge, SQL_PUT_QUEUED,
              VALUES (&row[QUEUED_QUESTION], &row[QUEUED_ITEM], &row[QUEUED_AT]), NULL, 0);
}

static int
merge_mock_session (Merge *merge,
                    Value *row)
{
  const Value before = { .i = merge->before[2] };
  Value session = { 0 };
  int rc;

  rc = add_unless_here (merge,
                        SQL_FIND_MOCK, VALUES (&row[MOCK_STARTED_AT], &before),
                        SQL_ADD_MOCK,
                        VALUES (&row[MOCK_STARTED_AT], &row[MOCK_ENDED_AT], &row[MOCK_PLANNED],
                                &row[MOCK_SECONDS]),
                        &session.i);
  if (rc != SQLITE_DONE)
    return rc;
  merge->report->mock_sessions_added++;

  for (guint j = 0; !failed (rc) && j < row[MOCK_ANSWERS].n; j++)
    {
      Value *answer = g_array_index (merge->answers, Row, row[MOCK_ANSWERS].i + j);
      Value position = { .i = j };

      rc = run (merge, SQL_ADD_MOCK_ANSWER,
                VALUES (&session, &position, &answer[ANSWER_QUESTION], &answer[ANSWER_GRADE],
                        &answer[ANSWER_SECONDS], &answer[ANSWER_MASK], &answer[ANSWER_TOTAL]),
                NULL, 0);
    }

  return rc;
}

/* In table order: attempts before the reviews that link to them. */
static int (* const merge_row[N_TABLES]) (Merge *, Value *) = {
  [TABLE_CHECKS] = merge_check,
  [TABLE_ATTEMPTS] = merge_attempt,
  [TABLE_REVIEWS] = merge_review,
  [TABLE_NOTES] = merge_note,
  [TABLE_QUEUED] = merge_queued,
  [TABLE_MOCK] = merge_mock_session,
};

static int
merge_all (Merge  *merge,
           Backup *backup)
{
  g_autoptr(GHashTable) new_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  int rc = run (merge, SQL_BEFORE, NULL, 0, merge->before, 3);

  merge->new_ids = new_ids;
  merge->answers = backup->answers;

  for (guint t = 0; t < N_TABLES; t++)
    for (guint i = 0; !failed (rc) && i < backup->rows[t]->len; i++)
      rc = merge_row[t] (merge, g_array_index (backup->rows[t], Row, i));

  merge->new_ids = NULL;
  return rc;
}

/**
 * mlp_portable_restore_bytes:
 * @name: how the file is named in error messages
 * @bytes: an MLPrep progress export
 * @report: (out caller-allocates) (optional): what changed
 *
 * Validates the whole export, then merges it into @store in one
 * transaction: nothing newer here is lost, and a refused or failed
 * restore changes nothing. Ticks and notes: per id the newer change wins,
 * on a tie what is here stays. Answers, reviews and mock interviews are
 * added unless the same one is here already; the review queue is a union
 * (the earlier time wins).
 */
gboolean
mlp_portable_restore_bytes (MlpStore          *store,
                            const char        *name,
                            GBytes            *bytes,
                            MlpRestoreReport  *report,
                            GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  MlpRestoreReport counts = { 0 };
  Backup backup = { name, { NULL }, NULL };
  Merge merge = { mlp_store_get_db (store), { NULL }, { 0 }, NULL, NULL, &counts };
  gboolean ok = FALSE;
  int rc = SQLITE_OK;

  g_return_val_if_fail (MLP_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  if (report != NULL)
    *report = counts;

  for (guint t = 0; t < N_TABLES; t++)
    backup.rows[t] = g_array_new (FALSE, TRUE, sizeof (Row));
  backup.answers = g_array_new (FALSE, TRUE, sizeof (Row));

  if (!read_backup (&backup, parser, bytes, error))
    goto out;

  for (guint i = 0; rc == SQLITE_OK && i < N_SQL; i++)
    rc = sqlite3_prepare_v2 (merge.db, merge_sql[i], -1, &merge.sql[i], NULL);
  if (rc != SQLITE_OK)
    {
      database_error (merge.db, "Could not restore your progress", error);
      goto out;
    }

  if (sqlite3_exec (merge.db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    {
      database_error (merge.db, "Could not restore your progress (nothing was changed)", error);
      goto out;
    }

  if (failed (merge_all (&merge, &backup)) ||
      sqlite3_exec (merge.db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      database_error (merge.db, "Could not restore your progress (nothing was changed)", error);
      sqlite3_exec (merge.db, "ROLLBACK", NULL, NULL, NULL);
      goto out;
    }

  if (report != NULL)
    *report = counts;
  ok = TRUE;

out:
  for (guint i = 0; i < N_SQL; i++)
    sqlite3_finalize (merge.sql[i]);
  for (guint t = 0; t < N_TABLES; t++)
    g_array_unref (backup.rows[t]);
  g_array_unref (backup.answers);
  return ok;
}

/**
 * mlp_portable_restore:
 * @file: an export written by mlp_portable_export()
 * @report: (out caller-allocates) (optional): what changed
 *
 * Like mlp_portable_restore_bytes(), reading @file (at most
 * %MLP_PORTABLE_MAX_FILE_SIZE bytes); errors name it as the user sees it.
 */
gboolean
mlp_portable_restore (MlpStore          *store,
                      GFile             *file,
                      MlpRestoreReport  *report,
                      GError           **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (MLP_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (report != NULL)
    *report = (MlpRestoreReport) { 0 };
  name = g_file_get_parse_name (file);

  /* Never load a huge file whole. */
  if (!(info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                  G_FILE_QUERY_INFO_NONE, NULL, &local_error)) ||
      (g_file_info_get_size (info) <= MLP_PORTABLE_MAX_FILE_SIZE &&
       !(bytes = g_file_load_bytes (file, NULL, NULL, &local_error))))
    {
      g_set_error (error, MLP_PORTABLE_ERROR, MLP_PORTABLE_ERROR_IO,
                   "%s: cannot be read: %s", name, local_error->message);
      return FALSE;
    }
  if (bytes == NULL)
    {
      g_set_error (error, MLP_PORTABLE_ERROR, MLP_PORTABLE_ERROR_TOO_LARGE,
                   "%s: the file is larger than %d MiB", name,
                   MLP_PORTABLE_MAX_FILE_SIZE / (1024 * 1024));
      return FALSE;
    }

  return mlp_portable_restore_bytes (store, name, bytes, report, error);
}

/**
 * mlp_restore_report_changed:
 *
 * Returns: whether the restore added or changed anything
 */
gboolean
mlp_restore_report_changed (const MlpRestoreReport *report)
{
  g_return_val_if_fail (report != NULL, FALSE);

  return report->checks_added || report->checks_changed ||
         report->notes_added || report->notes_changed ||
         report->attempts_added || report->reviews_added ||
         report->queued_added || report->queued_changed ||
         report->mock_sessions_added;
}

/* ---- Markdown ---------------------------------------------------------- */

/* Appends @text so that Markdown shows it literally: characters with a
 * meaning are escaped, and so is what would start a list or heading at
 * the beginning of a line. Each new line starts with @indent. */
static void
append_literal (GString    *md,
                const char *text,
                const char *indent)
{
  gboolean line_start = TRUE;
  gboolean digits_only = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (*p == '\n')
        {
          g_string_append_c (md, '\n');
          g_string_append (md, indent);
          line_start = TRUE;
          continue;
        }

      if (strchr ("\\`*_[]<>#|~&", *p) ||
          (line_start && strchr ("-+=", *p)) ||
          (digits_only && (*p == '.' || *p == ')')))
        g_string_append_c (md, '\\');
      g_string_append_c (md, *p);

      digits_only = (line_start || digits_only) && g_ascii_isdigit (*p);
      line_start = FALSE;
    }
}

static void
append_items (GString     *md,
              GListModel  *items,
              MlpItemKind  kind,
              const char  *heading)
{
  gboolean any = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(MlpCheckItem) item = g_list_model_get_item (items, i);
      const char *note = mlp_check_item_get_note (item);

      if (mlp_check_item_get_kind (item) != kind)
        continue;

      if (!any)
        g_string_append_printf (md, "\n## %s\n", heading);
      any = TRUE;

      g_string_append (md, mlp_check_item_get_checked (item) ? "\n- [x] " : "\n- [ ] ");
      append_literal (md, mlp_check_item_get_text (item), "  ");
      g_string_append (md, "\n\n  ");
      append_literal (md, mlp_check_item_get_detail (item), "  ");
      /* Translators: before the citation of a checklist item, in the
       * Markdown export of a checklist */
      g_string_append_printf (md, "\n\n  %s ", _("Source:"));
      append_literal (md, mlp_check_item_get_source (item), "  ");
      g_string_append (md, "\n");

      if (note != NULL && *note != '\0')
        {
          /* Translators: before the user's own note on a checklist item,
           * in the Markdown export of a checklist */
          g_string_append_printf (md, "\n  > %s ", _("Note:"));
          append_literal (md, note, "  > ");
          g_string_append (md, "\n");
        }
    }
}

/**
 * mlp_portable_stage_markdown:
 *
 * The checklist of @stage as Markdown, for printing: title, summary, then
 * the items to do and to avoid, each with its tick, detail, source and
 * the user's note. Pack text and notes print literally.
 *
 * Returns: (transfer full): the Markdown text
 */
char *
mlp_portable_stage_markdown (MlpStage *stage)
{
  GString *md;
  GListModel *items;

  g_return_val_if_fail (MLP_IS_STAGE (stage), NULL);

  items = mlp_stage_get_items (stage);
  md = g_string_new ("# ");
  append_literal (md, mlp_stage_get_title (stage), "");
  g_string_append (md, "\n\n");
  append_literal (md, mlp_stage_get_summary (stage), "");
  g_string_append (md, "\n");

  /* The same words as the tags in the checklist. */
  append_items (md, items, MLP_ITEM_KIND_DO, _("Do"));
  append_items (md, items, MLP_ITEM_KIND_DONT, _("Don’t"));

  return g_string_free (md, FALSE);
}

/* ---- Content packs ----------------------------------------------------- */

/* Puts @temporary in @folder under @stem.json, or @stem-2.json… if that
 * name is taken: a pack already there is never replaced. */
static GFile *
install_unique (const char  *temporary,
                const char  *folder,
                const char  *stem,
                GError     **error)
{
  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *name = n == 1 ? g_strconcat (stem, ".json", NULL)
                                     : g_strdup_printf ("%s-%u.json", stem, n);
      g_autofree char *target = g_build_filename (folder, name, NULL);
      int saved;

      /* link() fails if the name exists, so two imports cannot race. */
      if (link (temporary, target) == 0)
        {
          g_unlink (temporary);
          return g_file_new_for_path (target);
        }
      saved = errno;
      if (saved == EEXIST)
        continue;

      /* No hard links on this file system: check, then rename. */
      if (saved == EPERM || saved == ENOTSUP || saved == EOPNOTSUPP)
        {
          if (g_file_test (target, G_FILE_TEST_EXISTS))
            continue;
          if (g_rename (temporary, target) == 0)
            return g_file_new_for_path (target);
          saved = errno;
        }

      g_set_error (error, MLP_PORTABLE_ERROR, MLP_PORTABLE_ERROR_IO,
                   "%s: cannot be written: %s", target, g_strerror (saved));
      return NULL;
    }

  g_set_error (error, MLP_PORTABLE_ERROR, MLP_PORTABLE_ERROR_IO,
               "%s: too many packs named %s", folder, stem);
  return NULL;
}

/**
 * mlp_portable_import_pack:
 * @catalog: the content in use
 * @source: a content pack chosen by the user
 * @packs_folder: the user's packs folder, created if needed
 * @installed: (out) (optional) (transfer full): where the copy went
 * @n_stages: (out) (optional): how many stages the pack added
 *
 * Validates the pack as the catalog does at start-up, then against all
 * content loaded (ids unique across everything), copies it into
 * @packs_folder under a name no other pack has, and adds its stages to
 * @catalog. A refused pack changes nothing and is not copied; errors
 * come from the catalog (%MLP_CATALOG_ERROR) and name @source.
 */
gboolean
mlp_portable_import_pack (MlpCatalog  *catalog,
                          GFile       *source,
                          const char  *packs_folder,
                          GFile      **installed,
                          guint       *n_stages,
                          GError     **error)
{
  g_autoptr(MlpCatalog) probe = mlp_catalog_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *base = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *temporary = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (MLP_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (G_IS_FILE (source), FALSE);
  g_return_val_if_fail (packs_folder != NULL, FALSE);

  /* The pack on its own first: size, syntax and every field, with the
   * catalog's messages. */
  if (!mlp_catalog_load_file (probe, source, error))
    return FALSE;

  name = g_file_get_parse_name (source);
  if (!(bytes = g_file_load_bytes (source, NULL, NULL, &local_error)))
    {
      g_set_error (error, MLP_CATALOG_ERROR, MLP_CATALOG_ERROR_IO,
                   "%s: cannot be read: %s", name, local_error->message);
      return FALSE;
    }
  data = g_bytes_get_data (bytes, &length);

  /* A hidden name without .json: the catalog never loads it half-written. */
  base = g_file_get_basename (source);
  stem = g_str_has_suffix (base, ".json") ? g_strndup (base, strlen (base) - 5) : g_strdup (base);
  temporary = g_build_filename (packs_folder, ".import.tmp", NULL);
  if (g_mkdir_with_parents (packs_folder, 0700) != 0 ||
      !g_file_set_contents_full (temporary, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, &local_error))
    {
      g_set_error (error, MLP_PORTABLE_ERROR, MLP_PORTABLE_ERROR_IO,
                   "%s: cannot be written: %s", packs_folder,
                   local_error ? local_error->message : g_strerror (errno));
      return FALSE;
    }

  /* Then with everything loaded: a pack whose ids are taken is refused
   * whole, and the copy goes. */
  if (!mlp_catalog_load_bytes (catalog, name, bytes, error))
    {
      g_unlink (temporary);
      return FALSE;
    }

  if (!(target = install_unique (temporary, packs_folder, stem, error)))
    {
      g_unlink (temporary);
      g_prefix_error (error, "The pack’s stages were added for now but could not be kept: ");
      return FALSE;
    }

  if (n_stages != NULL)
    *n_stages = g_list_model_get_n_items (mlp_catalog_get_stages (probe));
  if (installed != NULL)
    *installed = g_steal_pointer (&target);
  return TRUE;
}
