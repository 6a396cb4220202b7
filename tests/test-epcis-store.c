/* test-epcis-store.c — the store of captured EPCIS events on a real SQLite
 * file (and PostgreSQL under with-postgres.sh): each event once by eventID,
 * and server_store_epcis_query's conditions, orders and cursors, which the
 * EPCIS REST binding builds on.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "server-store-epcis.h"
#include "server-epcis-keys.h"

#include <string.h>

typedef struct {
  const char *id, *type, *time, *step, *epc;
} Sent;

/* Record order A B C D; eventTime order B (02:00Z) A (10:30+08 = 02:30Z) D C. */
static const Sent sent[] = {
  { "urn:uuid:a", "ObjectEvent", "2026-11-20T10:30:00.500+08:00", "shipping", "urn:epc:id:sgtin:4012345.011122.25" },
  { "urn:uuid:b", "AggregationEvent", "2026-11-20T02:00:00Z", "packing", "urn:epc:id:sscc:0614141.1234567890" },
  { "urn:uuid:c", "ObjectEvent", "2026-11-20T05:00:00-01:00", "receiving", "https://example.com/01/04012345111118/21/25" },
  { "urn:uuid:d", "TransactionEvent", "2026-11-20T03:00:00Z", "https://example.com/steps/weighing", NULL },
};

static gboolean
insert_all (ServerStore *store,
            gpointer     user_data,
            GError     **error)
{
  int *n_stored = user_data;

  for (gsize i = 0; i < G_N_ELEMENTS (sent); i++)
    {
      g_autoptr(ServerEpcisEvent) e = g_new0 (ServerEpcisEvent, 1);
      ServerEpcisName *name = g_new0 (ServerEpcisName, 1);
      int stored;

      e->event_id = g_strdup (sent[i].id);
      e->type = g_strdup (sent[i].type);
      e->event_time = server_epcis_utc (sent[i].time);
      e->time_offset = g_strdup ("+08:00");
      e->biz_step = server_epcis_cbv_term (sent[i].step);
      e->json = g_strdup_printf ("{\"type\": \"%s\", \"n\": %zu}", sent[i].type, i);
      e->names = g_ptr_array_new_with_free_func ((GDestroyNotify) server_epcis_name_free);
      name->role = sent[i].epc ? SERVER_EPCIS_ROLE_EPC : SERVER_EPCIS_ROLE_SOURCE;
      name->key = g_strdup (sent[i].epc ? sent[i].epc : "urn:epc:id:pgln:0614141.00000");
      name->canonical = server_epcis_canonical_key (name->key);
      g_ptr_array_add (e->names, name);
      if ((stored = server_store_epcis_insert (store, e, error)) < 0)
        return FALSE;
      g_assert_cmpint (e->seq > 0, ==, stored == 1);
      *n_stored += stored;
    }
  return TRUE;
}

/* The ids @query finds, pages of @limit joined, e.g. "a b". */
static char *
ids (ServerStore            *store,
     const ServerEpcisQuery *query,
     guint                   limit)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *cursor = NULL;

  do
    {
      g_autoptr(GError) error = NULL;
      char *next = NULL;
      g_autoptr(GPtrArray) page = server_store_epcis_query (store, query, cursor, limit, &next, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (page->len, <=, limit);
      for (guint i = 0; i < page->len; i++)
        {
          ServerEpcisEvent *e = page->pdata[i];

          g_string_append_printf (out, "%s%s", out->len ? " " : "", e->event_id + strlen ("urn:uuid:"));
          g_assert_nonnull (e->record_time);
          g_assert_true (g_str_has_prefix (e->json, "{\"type\""));
        }
      g_free (cursor);
      cursor = next;
    }
  while (cursor != NULL);
  return g_strdup (out->str);
}

static void
test_query (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *db_arg = test_server_db_arg (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(ServerStore) store = server_store_open (db_arg + strlen ("--db="), &error);
  const char *object[] = { "ObjectEvent", NULL };
  const char *shipping[] = { "https://ref.gs1.org/cbv/BizStep-shipping", NULL };
  const char *weighing[] = { "https://example.com/steps/weighing", NULL };
  const char *epc_dl[] = { "https://id.gs1.org/01/04012345111118/21/25", NULL };
  const char *sscc_dl[] = { "https://id.example.org/00/106141412345678908", NULL };
  ServerEpcisMatch by_epc = { SERVER_EPCIS_ROLES_EPC, epc_dl };
  ServerEpcisMatch by_parent_only = { SERVER_EPCIS_ROLE_PARENT, sscc_dl };
  ServerEpcisMatch by_any = { SERVER_EPCIS_ROLES_ALL, sscc_dl };
  int n_stored = 0;

  g_assert_no_error (error);
  g_assert_true (server_store_transaction (store, insert_all, &n_stored, &error));
  g_assert_cmpint (n_stored, ==, 4);
  n_stored = 0;
  g_assert_true (server_store_transaction (store, insert_all, &n_stored, &error));
  g_assert_cmpint (n_stored, ==, 0);   /* each eventID once */

  {
    ServerEpcisQuery all = { 0 }, by_time = { .by_event_time = TRUE };
    ServerEpcisQuery types = { .event_types = object, .by_event_time = TRUE };
    ServerEpcisQuery steps = { .biz_steps = shipping }, custom = { .biz_steps = weighing };
    ServerEpcisQuery window = { .ge_event_time = "2026-11-20T10:30:00.500+08:00", .lt_event_time = "2026-11-20T06:00:00Z",
                                .by_event_time = TRUE };
    ServerEpcisQuery epc = { .matches = &by_epc, .n_matches = 1 };
    ServerEpcisQuery parent = { .matches = &by_parent_only, .n_matches = 1 };
    ServerEpcisQuery any = { .matches = &by_any, .n_matches = 1 };
    struct { const char *what; ServerEpcisQuery *q; const char *want; } cases[] = {
      { "record order", &all, "a b c d" },
      { "eventTime order, instants whatever the offsets", &by_time, "b a d c" },
      { "eventType", &types, "a c" },
      { "EQ_bizStep in URI form finds the bare word", &steps, "a" },
      { "a custom bizStep as sent", &custom, "d" },
      { "GE/LT_eventTime", &window, "a d" },
      { "MATCH_epc by the Digital Link of an EPC sent on another host", &epc, "c" },
      { "MATCH_parentID: the SSCC is in epcList", &parent, "" },
      { "any role, SSCC by its Digital Link", &any, "b" },
    };

    for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
      for (guint limit = 1; limit <= 10; limit += 9)
        {
          g_autofree char *got = ids (store, cases[i].q, limit);

          if (g_strcmp0 (got, cases[i].want) != 0)
            g_error ("%s (pages of %u): “%s”, not “%s”", cases[i].what, limit, got, cases[i].want);
        }
  }
  {
    ServerEpcisQuery all = { 0 };
    char *next = NULL;
    g_autoptr(GPtrArray) page = server_store_epcis_query (store, &all, "t2026/1", 5, &next, &error);

    g_assert_null (page);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  }
  {
    g_autoptr(ServerEpcisEvent) e = server_store_epcis_get (store, "urn:uuid:c");

    g_assert_nonnull (e);
    g_assert_cmpstr (e->event_time, ==, "2026-11-20T06:00:00.000000Z");
    g_assert_cmpstr (e->time_offset, ==, "+08:00");
    g_assert_null (server_store_epcis_get (store, "urn:uuid:zz"));
  }
  g_clear_pointer (&store, server_store_close);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/epcis-store/query", test_query);
  return g_test_run ();
}
