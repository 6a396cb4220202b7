/* inspection.h — an on-site inspection of a business (现场检查): the products
 * scanned, the action taken on each finding, and the result. Every change is
 * written through to the store at once, so an open inspection survives a
 * crash. A finished inspection is immutable (also enforced by SQL triggers):
 * corrections are new inspections that name the one they correct.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store.h"
#include "verdict.h"

G_BEGIN_DECLS

#define SUYUAN_INSPECTION_ERROR (suyuan_inspection_error_quark ())
typedef enum {
  SUYUAN_INSPECTION_ERROR_FINISHED,   /* the inspection is finished: start a correction */
  SUYUAN_INSPECTION_ERROR_NOT_FOUND,
  SUYUAN_INSPECTION_ERROR_INVALID,    /* empty or over-long input */
  SUYUAN_INSPECTION_ERROR_RESULT,     /* 合格 although a product must not be sold, with no reason */
} SuyuanInspectionError;

typedef enum {
  SUYUAN_ACTION_NONE = 0,
  SUYUAN_ACTION_REMOVED,    /* 下架 */
  SUYUAN_ACTION_SEALED,     /* 封存 */
  SUYUAN_ACTION_SAMPLED,    /* 抽样 */
  SUYUAN_ACTION_RECTIFY,    /* 责令整改 */
  SUYUAN_N_ACTIONS
} SuyuanInspectionAction;

typedef enum {
  SUYUAN_RESULT_NONE = 0,   /* not finished */
  SUYUAN_RESULT_PASS,       /* 合格 */
  SUYUAN_RESULT_FAIL,       /* 不合格 */
  SUYUAN_RESULT_RECTIFY,    /* 责令整改 */
  SUYUAN_N_RESULTS
} SuyuanInspectionResult;

/* Bounds on what a user or a scanner may put in a record. */
#define SUYUAN_INSPECTION_MAX_TEXT   2000
#define SUYUAN_INSPECTION_MAX_CODE   512
#define SUYUAN_INSPECTION_MAX_PHOTOS 8
/* The most a photo may weigh to be uploaded (the server's limit). */
#define SUYUAN_INSPECTION_MAX_PHOTO_BYTES (8 * 1024 * 1024)

typedef struct {
  int seq;                       /* 1, 2, … within the inspection */
  char *code;                    /* the scanned payload */
  SuyuanLevel level;
  char *reasons;                 /* comma-separated reason ids, "" when none */
  char *summary;                 /* product name and lot, for people */
  char *findings;                /* the verdict's reasons as people read them, "; "-separated */
  SuyuanInspectionAction action;
  char *notes;
  GPtrArray *photos;             /* of char *: image file paths */
  guint n_saving;                /* saves queued on the writer, not yet committed */
  gboolean save_failed;          /* its last save failed: saved again by the next change or finishing */
} SuyuanInspectionItem;

typedef struct _SuyuanInspection SuyuanInspection;
typedef struct _SuyuanStoreWriter SuyuanStoreWriter;
/* A queued save of item @seq committed (@error NULL) or failed. */
typedef void (*SuyuanInspectionSaved) (SuyuanInspection *inspection,
                                       int               seq,
                                       const GError     *error,
                                       gpointer          user_data);

struct _SuyuanInspection {
  char *uuid;
  char *task_id;                 /* the 双随机 task, or NULL */
  char *party_id;                /* NULL when the business is not in the store */
  char *party_name;
  char *licence_no;
  char *corrects;                /* UUID of the inspection this one corrects, or NULL */
  char *inspector;
  char *started_at;              /* ISO 8601 */
  char *finished_at;             /* NULL while open */
  SuyuanInspectionResult result;
  char *record_uuid;             /* the outbox record made on finishing */
  char *override_reason;         /* why 合格 despite a STOP finding, or NULL */
  GPtrArray *items;              /* of SuyuanInspectionItem, by seq */
  SuyuanStoreWriter *writer;     /* not owned; NULL: items commit on the caller's thread */
  SuyuanInspectionSaved saved;
  gpointer saved_data;
};

/* An open 双随机 task with its business, as synced from the server. */
typedef struct {
  char *task_id;
  char *party_id;
  char *party_name;
  char *licence_no;
  char *kind;
  char *due_date;
} SuyuanInspectionTask;

GQuark            suyuan_inspection_error_quark (void);

const char       *suyuan_inspection_action_to_string (SuyuanInspectionAction action);
SuyuanInspectionAction suyuan_inspection_action_from_string (const char *id);
const char       *suyuan_inspection_action_label     (SuyuanInspectionAction action);
const char       *suyuan_inspection_result_to_string (SuyuanInspectionResult result);
SuyuanInspectionResult suyuan_inspection_result_from_string (const char *id);
const char       *suyuan_inspection_result_label     (SuyuanInspectionResult result);

/* Open tasks (status 'open'), earliest due first. */
GPtrArray        *suyuan_inspection_list_tasks (SuyuanStore  *store,
                                                GError      **error);
/* Businesses whose licence number or name contains @query (the exact
 * licence first);
 * as tasks with no task_id. At most @limit. */
GPtrArray        *suyuan_inspection_find_parties (SuyuanStore *store,
                                                  const char  *query,
                                                  guint        limit,
                                                  GError     **error);
void              suyuan_inspection_task_free  (SuyuanInspectionTask *task);

/* One inspection kept on this terminal, as `suyuanctl inspection list` shows it. */
typedef struct {
  char *uuid;
  char *party_name;
  char *started_at;              /* ISO 8601 */
  char *result;                  /* "pass", "fail" … or "open" while unfinished */
  char *corrects;                /* UUID of the inspection this one corrects, or NULL */
} SuyuanInspectionSummary;

/* Every inspection on this terminal, oldest first; of SuyuanInspectionSummary
 * (transfer full). NULL with @error set when the store fails. */
GPtrArray        *suyuan_inspection_list_all   (SuyuanStore  *store,
                                                GError      **error);
void              suyuan_inspection_summary_free (SuyuanInspectionSummary *summary);

/* Starts an inspection of @business (task_id may be NULL). @corrects names a
 * finished inspection this one corrects, or NULL. */
SuyuanInspection *suyuan_inspection_start      (SuyuanStore                *store,
                                                const SuyuanInspectionTask *business,
                                                const char                 *inspector,
                                                const char                 *corrects,
                                                GError                    **error);
/* A new open inspection correcting @original (finished): same business and
 * items, to be changed and finished again. */
SuyuanInspection *suyuan_inspection_start_correction (SuyuanStore      *store,
                                                      SuyuanInspection *original,
                                                      const char       *inspector,
                                                      GError          **error);
SuyuanInspection *suyuan_inspection_load       (SuyuanStore  *store,
                                                const char   *uuid,
                                                GError      **error);
/* The most recently started inspection still open, or NULL. */
SuyuanInspection *suyuan_inspection_load_open  (SuyuanStore  *store,
                                                GError      **error);

/* Appends a scanned code with its verdict; returns the new item. */
SuyuanInspectionItem *suyuan_inspection_add_item (SuyuanStore         *store,
                                                  SuyuanInspection    *inspection,
                                                  const char          *code,
                                                  const SuyuanVerdict *verdict,
                                                  const char          *summary,
                                                  GError             **error);
gboolean          suyuan_inspection_set_action (SuyuanStore            *store,
                                                SuyuanInspection       *inspection,
                                                int                     seq,
                                                SuyuanInspectionAction  action,
                                                const char             *notes,
                                                GError                **error);
gboolean          suyuan_inspection_add_photo  (SuyuanStore      *store,
                                                SuyuanInspection *inspection,
                                                int               seq,
                                                const char       *path,
                                                GError          **error);
/* Finishes with @result: sets the time, marks the task done and enqueues the
 * record for the server, all in one transaction. */
gboolean          suyuan_inspection_finish     (SuyuanStore            *store,
                                                SuyuanInspection       *inspection,
                                                SuyuanInspectionResult  result,
                                                const char             *inspector,
                                                GError                **error);
/* As suyuan_inspection_finish, but 合格 (PASS) with an item that must not be
 * sold is refused unless @override_reason says why (it travels in the record). */
gboolean          suyuan_inspection_finish_with_reason (SuyuanStore            *store,
                                                        SuyuanInspection       *inspection,
                                                        SuyuanInspectionResult  result,
                                                        const char             *inspector,
                                                        const char             *override_reason,
                                                        GError                **error);
/* The result the findings call for: FAIL with a STOP item, else PASS. */
SuyuanInspectionResult suyuan_inspection_suggest_result (SuyuanInspection *inspection);
/* Findings (warn or stop) with no action recorded yet, in scan order;
 * the items are borrowed from @inspection. Free the array only. */
GPtrArray        *suyuan_inspection_list_unhandled (SuyuanInspection *inspection);
/* Drops an open inspection (never a finished one). */
gboolean          suyuan_inspection_discard    (SuyuanStore      *store,
                                                SuyuanInspection *inspection,
                                                GError          **error);

/* Item saves from now on go to @writer (not owned; NULL: commit at once)
 * and report with @saved on its thread; a change then returns before its
 * commit. Finishing, discarding and freeing wait for the queued saves. */
void              suyuan_inspection_set_writer (SuyuanInspection      *inspection,
                                                SuyuanStoreWriter     *writer,
                                                SuyuanInspectionSaved  saved,
                                                gpointer               user_data);
/* Waits for the queued saves and runs their callbacks; then writes again
 * the items whose save failed, on @store. */
gboolean          suyuan_inspection_wait_saved (SuyuanStore           *store,
                                                SuyuanInspection      *inspection,
                                                GError               **error);
gboolean          suyuan_inspection_item_is_saved (const SuyuanInspectionItem *item);

SuyuanInspectionItem *suyuan_inspection_get_item (SuyuanInspection *inspection,
                                                  int               seq);
/* The record as sent to the server (and kept in `records`). */
JsonObject       *suyuan_inspection_to_json    (SuyuanInspection *inspection);
/* Adds each item's "photo_sha256" (a hash, or null for an unreadable file)
 * to @data, the record being made; returns the uploads to queue: path →
 * hash (NULL: unreadable). */
GHashTable       *suyuan_inspection_hash_photos  (SuyuanInspection *inspection,
                                                  JsonObject       *data);
/* Queues @queued (from suyuan_inspection_hash_photos) for the sync after
 * @record_uuid was pushed; a photo already queued stays as it is. */
gboolean          suyuan_inspection_queue_photos (SuyuanStore      *store,
                                                  GHashTable       *queued,
                                                  const char       *record_uuid,
                                                  GError          **error);
void              suyuan_inspection_free       (SuyuanInspection *inspection);
void              suyuan_inspection_item_free  (SuyuanInspectionItem *item);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuyuanInspection, suyuan_inspection_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuyuanInspectionTask, suyuan_inspection_task_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuyuanInspectionSummary, suyuan_inspection_summary_free)

G_END_DECLS
