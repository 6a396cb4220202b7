/* code-storage.c — how a SuyuanCode holds its strings. The struct and one
 * block of storage for the AI values and the fields derived from them come
 * in a single allocation, so parsing a code costs a handful of mallocs, not
 * one per field.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "code.h"
#include "gs1.h"
#include "code-private.h"

#include <string.h>

static gboolean
in_storage (const SuyuanCode *code,
            const char       *p)
{
  return p >= code->storage && p < code->storage + code->storage_size;
}

SuyuanCode *
suyuan_code_new_owned (SuyuanCodeKind  kind,
                       char           *raw,
                       gsize           storage_size)
{
  SuyuanCode *code = g_malloc0 (sizeof (SuyuanCode) + storage_size);

  code->kind = kind;
  code->valid = TRUE;
  code->expiry_time = -1;
  code->raw = raw;
  code->ai = g_array_sized_new (FALSE, FALSE, sizeof (SuyuanAiValue), 8);
  code->storage = (char *) (code + 1);
  code->storage_size = storage_size;
  return code;
}

SuyuanCode *
suyuan_code_new (SuyuanCodeKind kind,
                 const char    *raw)
{
  gsize len = strlen (raw);

  return suyuan_code_new_owned (kind, g_strndup (raw, len), 2 * len + 64);
}

char *
suyuan_code_store (SuyuanCode *code,
                   const char *s,
                   gsize       length)
{
  char *p;

  if (code->storage_size - code->storage_used < length + 1)
    return g_strndup (s, length);
  p = code->storage + code->storage_used;
  memcpy (p, s, length);
  p[length] = '\0';
  code->storage_used += length + 1;
  return p;
}

char *
suyuan_code_share (SuyuanCode *code,
                   const char *s)
{
  if (s == NULL || in_storage (code, s))
    return (char *) s;
  return g_strdup (s);
}

static void
release (const SuyuanCode *code,
         char             *p)
{
  if (!in_storage (code, p))
    g_free (p);
}

void
suyuan_code_free (SuyuanCode *code)
{
  if (code == NULL)
    return;
  for (guint i = 0; i < code->ai->len; i++)
    release (code, g_array_index (code->ai, SuyuanAiValue, i).value);
  g_array_unref (code->ai);
  release (code, code->raw);
  release (code, code->aim);
  g_free (code->error);
  release (code, code->gtin);
  release (code, code->product_key);
  release (code, code->lot);
  release (code, code->serial);
  release (code, code->drug_id);
  g_free (code->host);
  release (code, code->drug_check);
  release (code, code->drug_standard);
  release (code, code->element_string);
  g_free (code);
}

void
suyuan_code_add_ai (SuyuanCode *code,
                    const char *ai,
                    const char *value,
                    gssize      length)
{
  SuyuanAiValue pair = { { 0 }, -1, NULL };
  const SuyuanAiSpec *spec = suyuan_gs1_find_ai (ai);

  g_strlcpy (pair.ai, ai, sizeof pair.ai);
  if (spec != NULL)
    pair.spec = (gint16) (spec - suyuan_gs1_ai_table);
  pair.value = suyuan_code_store (code, value, length < 0 ? strlen (value) : (gsize) length);
  g_array_append_val (code->ai, pair);
}

const char *
suyuan_code_get_ai (const SuyuanCode *code,
                    const char       *ai)
{
  for (guint i = 0; i < code->ai->len; i++)
    {
      const SuyuanAiValue *pair = &g_array_index (code->ai, SuyuanAiValue, i);

      if (strcmp (pair->ai, ai) == 0)
        return pair->value;
    }
  return NULL;
}

void
suyuan_code_set_error (SuyuanCode *code,
                       const char *format,
                       ...)
{
  va_list args;

  code->valid = FALSE;
  if (code->error != NULL)
    return;  /* the first fault found is the one worth telling */
  va_start (args, format);
  code->error = g_strdup_vprintf (format, args);
  va_end (args);
}

const char *
suyuan_code_kind_to_string (SuyuanCodeKind kind)
{
  switch (kind)
    {
    case SUYUAN_CODE_GS1: return "gs1";
    case SUYUAN_CODE_DIGITAL_LINK: return "gs1-digital-link";
    case SUYUAN_CODE_SUYUAN: return "suyuan";
    case SUYUAN_CODE_EAN13: return "ean13";
    case SUYUAN_CODE_EAN8: return "ean8";
    case SUYUAN_CODE_UPCA: return "upca";
    case SUYUAN_CODE_UPCE: return "upce";
    case SUYUAN_CODE_DRUG_TRACE: return "drug-trace";
    case SUYUAN_CODE_DRUG_STANDARD: return "drug-standard";
    case SUYUAN_CODE_TRACE_URL: return "trace-url";
    case SUYUAN_CODE_TEXT:
    default: return "text";
    }
}

