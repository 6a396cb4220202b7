/* server-store-epcis-schema.h — the tables of captured EPCIS events, one SQL
 * text for both backends: @SEQ is the identity column's type, @IF "IF NOT
 * EXISTS " where the backend creates tables at every start.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* epcis_events: the event as sent (event) and the @context of its document;
 * id_added 1 where the repository made the eventID, 2 for an event it made
 * from our own data (server-epcis-own.h);
 * times as fixed-width UTC text, so text order is time order on both
 * backends. epcis_event_names: what each event names, as sent and in
 * canonical form, with its role (ServerEpcisRole). */
#define SERVER_STORE_EPCIS_SCHEMA(SEQ, IF) \
  "CREATE TABLE " IF "epcis_events (" \
  "  seq " SEQ "," \
  "  event_id TEXT NOT NULL UNIQUE, id_added INTEGER NOT NULL, type TEXT NOT NULL," \
  "  event_time TEXT NOT NULL, time_offset TEXT NOT NULL, record_time TEXT NOT NULL," \
  "  biz_step TEXT, disposition TEXT, read_point TEXT, biz_location TEXT," \
  "  context TEXT, event TEXT NOT NULL);" \
  "CREATE INDEX " IF "epcis_events_time ON epcis_events (event_time, seq);" \
  "CREATE INDEX " IF "epcis_events_record ON epcis_events (record_time, seq);" \
  "CREATE INDEX " IF "epcis_events_step ON epcis_events (biz_step, seq);" \
  "CREATE INDEX " IF "epcis_events_location ON epcis_events (biz_location, seq);" \
  "CREATE TABLE " IF "epcis_event_names (" \
  "  event_seq BIGINT NOT NULL REFERENCES epcis_events (seq), role INTEGER NOT NULL," \
  "  name TEXT NOT NULL);" \
  "CREATE INDEX " IF "epcis_event_names_name ON epcis_event_names (name, event_seq);"

/* How far our own events have been written into epcis_events
 * (server-epcis-own.c): the change feed's sequence and the last event
 * record (received_at, uuid). One row, or none before the first pass. */
#define SERVER_STORE_EPCIS_OWN_SCHEMA(IF) \
  "CREATE TABLE " IF "epcis_own_progress (" \
  "  feed_seq BIGINT NOT NULL, record_time TEXT NOT NULL, record_uuid TEXT NOT NULL);"
