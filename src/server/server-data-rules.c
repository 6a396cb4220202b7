/* server-data-rules.c — see server-data-rules.h. A change a terminal cannot
 * read stops that terminal's sync at it, recalls included: nothing reaches
 * the feed without passing here.
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Suyuan authors
 */
#include "config.h"
#include "server-data-rules.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

/* Members with a range of their own; other numbers only need to be sane. */
static const struct { const char *name; gint64 min, max; } ranges[] = {
  { "shelf_life_days", 0, 36500 },
  { "abnormal", 0, 1 },
};

gboolean
server_data_holds_nul (GBytes *body)
{
  gsize len = 0;
  const char *p = g_bytes_get_data (body, &len);
  const char *end = p + len;

  /* A backslash escapes the next character, so "\\u0000" is no NUL. */
  for (; p != NULL && p < end; p++)
    if (*p == '\\' && p + 1 < end)
      {
        p++;
        if (*p == 'u' && end - p >= 5 && memcmp (p + 1, "0000", 4) == 0)
          return TRUE;
      }
  return FALSE;
}

gboolean
server_data_quantity_ok (JsonNode *node)
{
  gdouble q;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    q = (gdouble) json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    q = json_node_get_double (node);
  else
    return FALSE;
  return isfinite (q) && q > 0 && q <= SERVER_MAX_QUANTITY;
}

/* depth 1: a member of the stored object itself, where ranges apply. */
static gboolean
check_node (const char *type,
            const char *name,
            JsonNode   *node,
            guint       depth,
            GError    **error);

static gboolean
check_members (const char *type,
               JsonObject *object,
               guint       depth,
               GError    **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    if (!check_node (type, name, node, depth + 1, error))
      return FALSE;
  return TRUE;
}

static gboolean
check_node (const char *type,
            const char *name,
            JsonNode   *node,
            guint       depth,
            GError    **error)
{
  GType value_type;

  if (depth > 16)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: nested too deeply", type);
      return FALSE;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    return check_members (type, json_node_get_object (node), depth, error);
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!check_node (type, name, json_array_get_element (array, i), depth + 1, error))
          return FALSE;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node))
    return TRUE;
  value_type = json_node_get_value_type (node);
  if (value_type == G_TYPE_DOUBLE && !isfinite (json_node_get_double (node)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: %.40s is not a finite number", type, name);
      return FALSE;
    }
  if (value_type == G_TYPE_DOUBLE && fabs (json_node_get_double (node)) > (gdouble) SERVER_MAX_JSON_INT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: %.40s is out of range", type, name);
      return FALSE;
    }
  if (value_type == G_TYPE_INT64)
    {
      gint64 v = json_node_get_int (node);

      /* 2^63 and more reach us wrapped: a range is the only way to see it. */
      if (v > SERVER_MAX_JSON_INT || v < -SERVER_MAX_JSON_INT)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s: %.40s is out of range", type, name);
          return FALSE;
        }
      for (gsize i = 0; depth == 1 && i < G_N_ELEMENTS (ranges); i++)
        if (strcmp (name, ranges[i].name) == 0 && (v < ranges[i].min || v > ranges[i].max))
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         "%s: %s must be %" G_GINT64_FORMAT "..%" G_GINT64_FORMAT,
                         type, name, ranges[i].min, ranges[i].max);
            return FALSE;
          }
    }
  return TRUE;
}

gboolean
server_data_check_object (const char  *type,
                          JsonObject  *object,
                          gsize        text_len,
                          GError     **error)
{
  g_return_val_if_fail (type != NULL && object != NULL, FALSE);

  if (text_len > SERVER_MAX_OBJECT_BYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: %" G_GSIZE_FORMAT " bytes as JSON, more than %d", type, text_len,
                   SERVER_MAX_OBJECT_BYTES);
      return FALSE;
    }
  /* A record's data (text_len 0) is not a stored object: its members' ranges do not apply. */
  return check_members (type, object, text_len > 0 ? 0 : 1, error);
}
