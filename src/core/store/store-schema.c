/* store-schema.c — the store's tables. A migration is never edited once
 * released: add a new one at the end, so old files upgrade safely.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "store-schema.h"
#include "store-private.h"

#include <glib/gi18n-lib.h>

/* The state an event of TYPE leaves a unit in; other events keep CURRENT. */
#define EVENT_STATE(type, current) \
  "CASE " type " WHEN 'shipping' THEN 'shipped' WHEN 'receiving' THEN 'received'" \
  " WHEN 'selling' THEN 'sold' WHEN 'destroying' THEN 'destroyed'" \
  " WHEN 'recalling' THEN 'recalled' ELSE " current " END"

static const char *const migrations[] = {
  /* 1: master data, events, alerts, local records, outbox, sync state */
  "CREATE TABLE parties ("
  "  id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT,"
  "  licence_no TEXT, licence_valid_until TEXT, licence_status TEXT NOT NULL DEFAULT 'valid',"
  "  region TEXT, credit_class TEXT, abnormal INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE products ("
  "  id TEXT PRIMARY KEY, gtin TEXT, product_key TEXT, drug_id TEXT,"
  "  name TEXT NOT NULL, spec TEXT, category TEXT NOT NULL DEFAULT 'food',"
  "  producer_id TEXT, shelf_life_days INTEGER, approval_no TEXT, storage TEXT);"
  "CREATE UNIQUE INDEX products_gtin ON products (gtin) WHERE gtin IS NOT NULL;"
  "CREATE UNIQUE INDEX products_key ON products (product_key) WHERE product_key IS NOT NULL;"
  "CREATE INDEX products_drug ON products (drug_id) WHERE drug_id IS NOT NULL;"
  "CREATE TABLE batches ("
  "  id TEXT PRIMARY KEY, product_id TEXT NOT NULL, lot TEXT NOT NULL,"
  "  production_date TEXT, expiry_date TEXT,"
  "  status TEXT NOT NULL DEFAULT 'normal', notice TEXT);"
  "CREATE UNIQUE INDEX batches_lot ON batches (product_id, lot);"
  "CREATE TABLE units ("
  "  product_id TEXT NOT NULL, serial TEXT NOT NULL, batch_id TEXT,"
  "  state TEXT NOT NULL DEFAULT 'commissioned',"
  "  PRIMARY KEY (product_id, serial)) WITHOUT ROWID;"
  "CREATE TABLE events ("
  "  id TEXT PRIMARY KEY, type TEXT NOT NULL, time TEXT NOT NULL,"
  "  product_id TEXT, batch_id TEXT, serial TEXT,"
  "  party_id TEXT, place TEXT, reason TEXT, data TEXT);"
  "CREATE INDEX events_batch ON events (batch_id, time);"
  "CREATE INDEX events_unit ON events (product_id, serial, time);"
  "CREATE TABLE alerts ("
  "  id TEXT PRIMARY KEY, kind TEXT NOT NULL, scope TEXT NOT NULL, target_id TEXT NOT NULL,"
  "  title TEXT NOT NULL, notice TEXT, issued_at TEXT);"
  "CREATE INDEX alerts_target ON alerts (scope, target_id);"
  "CREATE TABLE records ("
  "  uuid TEXT PRIMARY KEY, kind TEXT NOT NULL, created_at TEXT NOT NULL, data TEXT NOT NULL);"
  "CREATE TABLE outbox ("
  "  uuid TEXT PRIMARY KEY, kind TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL,"
  "  attempts INTEGER NOT NULL DEFAULT 0, sent_at TEXT);"
  "CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT);",

  /* 2: EPCIS-shaped events (source, destination, disposition), where a unit
   * was last seen (a cloned code shows up at two places), inspection tasks.
   * Events naming a unit keep that unit's state and last place current. */
  "ALTER TABLE events ADD COLUMN source_id TEXT;"
  "ALTER TABLE events ADD COLUMN destination_id TEXT;"
  "ALTER TABLE events ADD COLUMN disposition TEXT;"
  "ALTER TABLE units ADD COLUMN last_party_id TEXT;"
  "ALTER TABLE units ADD COLUMN last_place TEXT;"
  "ALTER TABLE units ADD COLUMN last_seen_at TEXT;"
  "ALTER TABLE products ADD COLUMN origin TEXT;"
  "ALTER TABLE batches ADD COLUMN notice_id TEXT;"
  "ALTER TABLE alerts ADD COLUMN issuer TEXT;"
  "CREATE INDEX alerts_kind ON alerts (kind, issued_at);"
  "CREATE TABLE inspection_tasks ("
  "  id TEXT PRIMARY KEY, party_id TEXT NOT NULL, kind TEXT NOT NULL DEFAULT 'routine',"
  "  due_date TEXT, status TEXT NOT NULL DEFAULT 'open', assigned_to TEXT, notes TEXT);"
  "CREATE INDEX inspection_tasks_party ON inspection_tasks (party_id, due_date);"
  "CREATE TRIGGER events_touch_unit AFTER INSERT ON events"
  "  WHEN NEW.serial IS NOT NULL AND NEW.product_id IS NOT NULL BEGIN"
  "  UPDATE units SET"
  "    last_party_id = NEW.party_id, last_place = NEW.place, last_seen_at = NEW.time,"
  "    state = CASE NEW.type WHEN 'shipping' THEN 'shipped' WHEN 'receiving' THEN 'received'"
  "      WHEN 'selling' THEN 'sold' WHEN 'destroying' THEN 'destroyed'"
  "      WHEN 'recalling' THEN 'recalled' ELSE state END"
  "  WHERE product_id = NEW.product_id AND serial = NEW.serial"
  "    AND (last_seen_at IS NULL OR last_seen_at <= NEW.time);"
  "  END;",
  /* 3: label runs; a product's next serial is reserved before printing, so a
   * crash mid-run never hands out a serial twice */
  "CREATE TABLE label_serials ("
  "  product_id TEXT PRIMARY KEY, next_serial INTEGER NOT NULL);"
  "CREATE TABLE label_runs ("
  "  uuid TEXT PRIMARY KEY, product_id TEXT NOT NULL, batch_id TEXT NOT NULL,"
  "  mode TEXT NOT NULL, first_serial INTEGER, count INTEGER NOT NULL, created_at TEXT NOT NULL);",
  /* 4: on-site inspections and their items. Once finished_at is set a row and
   * its items can no longer change or go: corrections are new inspections
   * naming the old one in `corrects`. */
  "CREATE TABLE inspections ("
  "  uuid TEXT PRIMARY KEY, task_id TEXT, party_id TEXT, party_name TEXT NOT NULL,"
  "  licence_no TEXT, corrects TEXT REFERENCES inspections (uuid), inspector TEXT,"
  "  started_at TEXT NOT NULL, finished_at TEXT, result TEXT, record_uuid TEXT);"
  "CREATE INDEX inspections_started ON inspections (started_at);"
  "CREATE TABLE inspection_items ("
  "  inspection_uuid TEXT NOT NULL REFERENCES inspections (uuid), seq INTEGER NOT NULL,"
  "  code TEXT NOT NULL, level TEXT NOT NULL, reasons TEXT NOT NULL DEFAULT '',"
  "  summary TEXT, findings TEXT, action TEXT, notes TEXT, photos TEXT NOT NULL DEFAULT '[]',"
  "  PRIMARY KEY (inspection_uuid, seq));"
  "CREATE TRIGGER inspections_finished_update BEFORE UPDATE ON inspections"
  "  WHEN OLD.finished_at IS NOT NULL BEGIN"
  "  SELECT RAISE (ABORT, 'a finished inspection cannot be changed'); END;"
  "CREATE TRIGGER inspections_finished_delete BEFORE DELETE ON inspections"
  "  WHEN OLD.finished_at IS NOT NULL BEGIN"
  "  SELECT RAISE (ABORT, 'a finished inspection cannot be changed'); END;"
  "CREATE TRIGGER inspection_items_finished_insert BEFORE INSERT ON inspection_items"
  "  WHEN (SELECT finished_at FROM inspections WHERE uuid = NEW.inspection_uuid) IS NOT NULL BEGIN"
  "  SELECT RAISE (ABORT, 'a finished inspection cannot be changed'); END;"
  "CREATE TRIGGER inspection_items_finished_update BEFORE UPDATE ON inspection_items"
  "  WHEN (SELECT finished_at FROM inspections WHERE uuid = OLD.inspection_uuid) IS NOT NULL BEGIN"
  "  SELECT RAISE (ABORT, 'a finished inspection cannot be changed'); END;"
  "CREATE TRIGGER inspection_items_finished_delete BEFORE DELETE ON inspection_items"
  "  WHEN (SELECT finished_at FROM inspections WHERE uuid = OLD.inspection_uuid) IS NOT NULL BEGIN"
  "  SELECT RAISE (ABORT, 'a finished inspection cannot be changed'); END;",
  /* 5: receipts of deliveries (进货查验); saved after every scan, frozen once
   * finished, so the purchase-inspection record cannot be edited silently */
  "CREATE TABLE receipts ("
  "  uuid TEXT PRIMARY KEY, shipment_key TEXT, supplier_id TEXT, shop_id TEXT,"
  "  started_at TEXT NOT NULL, finished_at TEXT, data TEXT NOT NULL);"
  "CREATE INDEX receipts_shipment ON receipts (shipment_key);"
  "CREATE INDEX events_shipping ON events (type, destination_id);"
  "CREATE TRIGGER receipts_frozen_update BEFORE UPDATE ON receipts WHEN OLD.finished_at IS NOT NULL"
  "  BEGIN SELECT RAISE (ABORT, 'a finished receipt cannot be changed'); END;"
  "CREATE TRIGGER receipts_frozen_delete BEFORE DELETE ON receipts WHEN OLD.finished_at IS NOT NULL"
  "  BEGIN SELECT RAISE (ABORT, 'a finished receipt cannot be deleted'); END;",
  /* 6: times are instants. Event times keep the offset they were recorded
   * with (for display and export) but are compared and ordered as
   * julianday (), which reads the offset: as text, a recall at 03:00Z sorted
   * before a sale at 10:00+08:00 (02:00Z) and the unit stayed "sold".
   * Indexes on the instant keep the trace chain an index walk. Units whose
   * latest event by instant is newer than what they show take that event's
   * place and, where it moves the state, its state. */
  "DROP TRIGGER IF EXISTS events_touch_unit;"
  "CREATE TRIGGER events_touch_unit AFTER INSERT ON events"
  "  WHEN NEW.serial IS NOT NULL AND NEW.product_id IS NOT NULL BEGIN"
  "  UPDATE units SET"
  "    last_party_id = NEW.party_id, last_place = NEW.place, last_seen_at = NEW.time,"
  "    state = " EVENT_STATE ("NEW.type", "state")
  "  WHERE product_id = NEW.product_id AND serial = NEW.serial"
  "    AND (julianday (last_seen_at) IS NULL"
  "         OR julianday (last_seen_at) <= julianday (NEW.time));"
  "  END;"
  "DROP INDEX IF EXISTS events_batch;"
  "DROP INDEX IF EXISTS events_unit;"
  "CREATE INDEX IF NOT EXISTS events_batch_instant ON events (batch_id, julianday (time));"
  "CREATE INDEX IF NOT EXISTS events_unit_instant ON events (product_id, serial, julianday (time));"
  /* unit events that name no batch (as EPCIS capture may send them), for
   * finding a batch's units' events in a recall scope */
  "CREATE INDEX IF NOT EXISTS events_unbatched ON events (product_id, serial) WHERE batch_id IS NULL;"
  "UPDATE units SET"
  "  state = coalesce ((SELECT " EVENT_STATE ("e.type", "units.state") " FROM events e"
  "    WHERE e.product_id = units.product_id AND e.serial = units.serial"
  "      AND e.type IN ('shipping', 'receiving', 'selling', 'destroying', 'recalling')"
  "    ORDER BY julianday (e.time) DESC, e.rowid DESC LIMIT 1), state),"
  "  (last_party_id, last_place, last_seen_at) = (SELECT e.party_id, e.place, e.time"
  "    FROM events e WHERE e.product_id = units.product_id AND e.serial = units.serial"
  "    ORDER BY julianday (e.time) DESC, e.rowid DESC LIMIT 1)"
  "  WHERE julianday (last_seen_at) < (SELECT max (julianday (e.time)) FROM events e"
  "    WHERE e.product_id = units.product_id AND e.serial = units.serial);",
  /* 7: an open receipt is saved a scan at a time, not whole: its header
   * (receipts.data without the lines), one row per line, one row per unit
   * counted. A scan rewrites its line and appends its unit, so its cost stays
   * the same however long the delivery. Finishing writes the whole record to
   * receipts.data and drops these rows. */
  "CREATE TABLE IF NOT EXISTS receipt_lines ("
  "  receipt_uuid TEXT NOT NULL, idx INTEGER NOT NULL, data TEXT NOT NULL,"
  "  PRIMARY KEY (receipt_uuid, idx)) WITHOUT ROWID;"
  "CREATE TABLE IF NOT EXISTS receipt_serials ("
  "  receipt_uuid TEXT NOT NULL, idx INTEGER NOT NULL, serial TEXT NOT NULL,"
  "  PRIMARY KEY (receipt_uuid, idx, serial));",
  /* 8: what terminals reported to the server (check scans, finished
   * inspections), kept by the server's lookup mirror for its console: the
   * risk warnings and the inspection list. Terminals leave it empty. */
  "CREATE TABLE IF NOT EXISTS reports ("
  "  uuid TEXT PRIMARY KEY, seq INTEGER NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL,"
  "  device TEXT, party_id TEXT, product_id TEXT, serial TEXT, known INTEGER,"
  "  result TEXT, data TEXT NOT NULL);"
  "CREATE INDEX IF NOT EXISTS reports_kind_at ON reports (kind, julianday (at));"
  "CREATE INDEX IF NOT EXISTS reports_unit ON reports (product_id, serial) WHERE serial IS NOT NULL;"
  "CREATE INDEX IF NOT EXISTS reports_party ON reports (party_id, kind);",
  /* 9: the photos of finished inspections, with their content hash (NULL:
   * unreadable when finished) and whether the server has them: sync uploads
   * them once their record was pushed. A photo the server refused is not sent
   * again; a file missing at sync is tried again the next time. */
  "CREATE TABLE IF NOT EXISTS photo_uploads ("
  "  record_uuid TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT,"
  "  uploaded_at TEXT, refused TEXT, PRIMARY KEY (record_uuid, path));",
};

int
suyuan_store_schema_latest (void)
{
  return (int) G_N_ELEMENTS (migrations);
}

gboolean
suyuan_store_schema_migrate (SuyuanStore *store,
                             GError     **error)
{
  int version = suyuan_store_get_schema_version (store);

  if (version > suyuan_store_schema_latest ())
    {
      g_set_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_TOO_NEW,
                   _("The store was written by a newer version of Suyuan (schema %d); update Suyuan to open it"),
                   version);
      return FALSE;
    }
  for (int v = version; v < suyuan_store_schema_latest (); v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d;", v + 1);

      if (!suyuan_store_begin (store, error))
        return FALSE;
      if (!suyuan_store_exec (store, migrations[v], error)
          || !suyuan_store_exec (store, bump, error)
          || !suyuan_store_commit (store, error))
        {
          suyuan_store_rollback (store);
          return FALSE;
        }
    }
  return TRUE;
}
