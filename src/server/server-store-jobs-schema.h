/* server-store-jobs-schema.h — the table of EPCIS capture jobs, one SQL text
 * for both backends: @SEQ is the identity column's type, @IF "IF NOT EXISTS "
 * where the backend creates tables at every start.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* job: the CaptureJob JSON the REST binding answers with; running 1 or 0. */
#define SERVER_STORE_JOBS_SCHEMA(SEQ, IF) \
  "CREATE TABLE " IF "capture_jobs (" \
  "  seq " SEQ ", id TEXT NOT NULL UNIQUE, owner TEXT NOT NULL," \
  "  running INTEGER NOT NULL, job TEXT NOT NULL);"
