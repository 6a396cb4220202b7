/* http-client.h — small blocking HTTP(S) requests over libcurl, for the sync
 * client. Run it off the UI thread.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SUYUAN_HTTP_ERROR (suyuan_http_error_quark ())
typedef enum {
  SUYUAN_HTTP_ERROR_NETWORK,     /* could not reach the server or the transfer broke */
  SUYUAN_HTTP_ERROR_STATUS,      /* the server answered with an error status */
  SUYUAN_HTTP_ERROR_TOO_LARGE,
  SUYUAN_HTTP_ERROR_UNAUTHORIZED, /* 401: no token, or one the server does not know */
  SUYUAN_HTTP_ERROR_FORBIDDEN,    /* 403: the token's role may not do this */
  SUYUAN_HTTP_ERROR_CERTIFICATE,  /* TLS: the server's certificate is not trusted, or the CA file is bad */
  SUYUAN_HTTP_ERROR_INSECURE,     /* plain http:// to a server neither loopback nor allowed */
} SuyuanHttpError;

/* Reply bodies above this are refused: the server is hostile input too. */
#define SUYUAN_HTTP_MAX_BODY (64 * 1024 * 1024)

GQuark   suyuan_http_error_quark (void);
/* TRUE for https:// URLs, and for http:// ones whose host is loopback
 * (localhost, 127.0.0.0/8, ::1) or a private address (10/8, 172.16/12,
 * 192.168/16, link-local, fc00::/7) that $SUYUAN_ALLOW_HTTP names: a
 * comma-separated list of addresses or networks (192.168.1.20,10.1.0.0/16).
 * Anything else sets SUYUAN_HTTP_ERROR_INSECURE and returns FALSE: the token
 * and the recalls would travel unprotected. suyuan_http_request checks it. */
gboolean suyuan_http_url_allowed (const char  *url,
                                  GError     **error);
/* HTTPS verifies the server against the system's CAs, or against the PEM
 * file named by $SUYUAN_CA_FILE (a private CA); verification is never off.
 * @body may be NULL for GET; @token NULL or "" sends no Authorization. Returns the reply body, or NULL with @error set. */
GBytes  *suyuan_http_request     (const char  *method,
                                  const char  *url,
                                  const char  *token,
                                  GBytes      *body,
                                  long        *status,
                                  GError     **error);

/* The same, tried again after a network failure or a 5xx answer, waiting
 * twice as long each time (with jitter); a 4xx answer is final. */
GBytes  *suyuan_http_request_retry (const char  *method,
                                    const char  *url,
                                    const char  *token,
                                    GBytes      *body,
                                    long        *status,
                                    GError     **error);
/* A limit on the whole of each request this thread makes (0: none but the
 * connect and stall limits), for answers that are only worth a short wait. */
void     suyuan_http_set_thread_timeout (guint timeout_ms);

/* Attempts in all (default 4) and the first wait (default 500 ms). */
void     suyuan_http_set_retry     (guint        attempts,
                                    guint        first_delay_ms);

G_END_DECLS
