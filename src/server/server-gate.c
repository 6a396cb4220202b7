/* server-gate.c — see server-gate.h. libsoup's own accept loop gives up for
 * good on the first failed accept (EMFILE: the server then never accepts
 * again), has no idle timeout, no bound per client, and listens with a
 * backlog of 10. So the gate accepts itself and hands each connection to
 * libsoup (soup_server_accept_iostream); libsoup's listener source is parked
 * on a main context that never runs.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-gate.h"

#include <dirent.h>
#include <errno.h>
#include <gio/gnetworking.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

/* Descriptors kept back for the databases, TLS and refusals in flight. */
#define FD_HEADROOM 24
/* After a failed accept (out of descriptors): wait, then try again. */
#define RETRY_MS 250

struct _ServerGate {
  SoupServer      *server;
  GMainContext    *parked;
  GTlsCertificate *certificate;
  GPtrArray       *listeners;     /* GSocket */
  GPtrArray       *sources;       /* GSource, while accepting */
  GHashTable      *conns;         /* "ip:port" → Conn */
  GHashTable      *per_client;    /* ip → count */
  guint            n_conns;
  guint            max_conns;
  guint            max_per_client;
  guint            idle_seconds;
  guint            request_seconds;
  guint            sweep_id;
  guint            retry_id;
};

typedef struct {
  ServerGate *gate;
  GObject    *connection;   /* not owned: watched until it is finalized */
  GSocket    *socket;
  char       *key;
  char       *client;
  gint64      reading_since;  /* µs; 0 between requests */
} Conn;

static void set_accepting (ServerGate *gate,
                           gboolean    on);

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *text = g_getenv (name);
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &value, NULL))
    return fallback;
  return (guint) value;
}

static guint
open_descriptors (void)
{
  DIR *dir = opendir ("/proc/self/fd");
  guint n = 0;

  if (dir == NULL)
    return 64;
  while (readdir (dir) != NULL)
    n++;
  closedir (dir);
  return n;
}

/* As many connections as descriptors allow: the soft limit is raised to the
 * hard one first (GLib polls, so no FD_SETSIZE applies). */
static guint
connection_budget (void)
{
  struct rlimit lim;
  guint used = open_descriptors ();

  if (getrlimit (RLIMIT_NOFILE, &lim) != 0)
    return 256;
  if (lim.rlim_cur < lim.rlim_max)
    {
      lim.rlim_cur = MIN (lim.rlim_max, (rlim_t) 65536);
      setrlimit (RLIMIT_NOFILE, &lim);
      getrlimit (RLIMIT_NOFILE, &lim);
    }
  if (lim.rlim_cur <= used + FD_HEADROOM + 2)
    return 2;
  return (guint) MIN (lim.rlim_cur - used - FD_HEADROOM, (rlim_t) 1000000);
}

static void
conn_free (Conn *conn)
{
  g_object_unref (conn->socket);
  g_free (conn->key);
  g_free (conn->client);
  g_free (conn);
}

static void
connection_gone (gpointer  data,
                 GObject  *where_it_was)
{
  Conn *conn = data;
  ServerGate *gate = conn->gate;
  guint left = GPOINTER_TO_UINT (g_hash_table_lookup (gate->per_client, conn->client));

  if (left <= 1)
    g_hash_table_remove (gate->per_client, conn->client);
  else
    g_hash_table_insert (gate->per_client, g_strdup (conn->client), GUINT_TO_POINTER (left - 1));
  gate->n_conns--;
  /* Frees conn, and with it the last reference to the socket. */
  g_hash_table_remove (gate->conns, conn->key);
  /* A slot (or an evicted one's descriptor) is free: accept_ready decides. */
  if (gate->sources == NULL && gate->retry_id == 0)
    set_accepting (gate, TRUE);
}

static char *
client_of (GSocketAddress *address)
{
  if (!G_IS_INET_SOCKET_ADDRESS (address))
    return g_strdup ("?");
  return g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address)));
}

static void
admit (ServerGate *gate,
       GSocket    *socket)
{
  g_autoptr(GSocketAddress) remote = g_socket_get_remote_address (socket, NULL);
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (socket, NULL);
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GIOStream) stream = NULL;
  g_autofree char *client = NULL;
  guint count;
  Conn *conn;

  if (remote == NULL || local == NULL)
    {
      g_socket_close (socket, NULL);
      return;
    }
  client = client_of (remote);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (gate->per_client, client));
  if (count >= gate->max_per_client)
    {
      /* One address may not hold every slot; its other connections go on. */
      g_socket_close (socket, NULL);
      return;
    }
  /* Reads and writes that wait longer fail, and libsoup drops the connection:
   * the idle timeout, between requests as well as within one. */
  g_socket_set_timeout (socket, gate->idle_seconds);
  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
  connection = g_socket_connection_factory_create_connection (socket);
  if (gate->certificate != NULL)
    {
      stream = (GIOStream *) g_tls_server_connection_new (G_IO_STREAM (connection), gate->certificate, NULL);
      if (stream == NULL)
        return;
      g_object_set (stream, "require-close-notify", FALSE, NULL);
    }
  else
    stream = g_object_ref (G_IO_STREAM (connection));

  conn = g_new0 (Conn, 1);
  conn->gate = gate;
  conn->connection = G_OBJECT (connection);
  conn->socket = g_object_ref (socket);
  conn->key = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (remote));
  conn->client = g_steal_pointer (&client);
  conn->reading_since = g_get_monotonic_time ();
  g_hash_table_insert (gate->conns, conn->key, conn);
  g_hash_table_insert (gate->per_client, g_strdup (conn->client), GUINT_TO_POINTER (count + 1));
  g_object_weak_ref (conn->connection, connection_gone, conn);
  gate->n_conns++;
  soup_server_accept_iostream (gate->server, stream, local, remote, NULL);
}

/* Under a flood of slow clients the newest would wait behind all of them:
 * when every slot is taken, the connection that has been sending its request
 * the longest (half a second at least) makes room. Its descriptor is freed once
 * libsoup sees the end of the stream; until then it still counts. */
static gboolean
evict_slowest (ServerGate *gate)
{
  gint64 cutoff = g_get_monotonic_time () - G_USEC_PER_SEC / 2;
  GHashTableIter iter;
  Conn *conn, *victim = NULL;

  if (gate->n_conns >= gate->max_conns + FD_HEADROOM / 2)
    return FALSE;
  g_hash_table_iter_init (&iter, gate->conns);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &conn))
    {
      if (conn->reading_since != 0 && conn->reading_since < cutoff
          && (victim == NULL || conn->reading_since < victim->reading_since))
        victim = conn;
    }
  if (victim == NULL)
    return FALSE;
  g_socket_shutdown (victim->socket, TRUE, TRUE, NULL);
  victim->reading_since = 0;
  return TRUE;
}

static gboolean
retry_accepting (gpointer data)
{
  ServerGate *gate = data;

  gate->retry_id = 0;
  if (gate->n_conns < gate->max_conns)
    set_accepting (gate, TRUE);
  return G_SOURCE_REMOVE;
}

static gboolean
accept_ready (GSocket      *listener,
              GIOCondition  condition,
              gpointer      data)
{
  ServerGate *gate = data;

  /* A burst at a time, so a flood of connects cannot starve the requests. */
  for (guint i = 0; i < 32; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) socket = NULL;

      if (gate->n_conns >= gate->max_conns && !evict_slowest (gate))
        {
          /* Full of requests being served: the rest wait in the backlog
           * until a connection ends. */
          set_accepting (gate, FALSE);
          return G_SOURCE_REMOVE;
        }
      if ((socket = g_socket_accept (listener, NULL, &error)) == NULL)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            return G_SOURCE_CONTINUE;
          /* Out of descriptors (or another passing failure): try again soon,
           * never give up listening. */
          g_warning ("accept: %s", error->message);
          set_accepting (gate, FALSE);
          gate->retry_id = g_timeout_add (RETRY_MS, retry_accepting, gate);
          return G_SOURCE_REMOVE;
        }
      admit (gate, socket);
    }
  return G_SOURCE_CONTINUE;
}

static void
set_accepting (ServerGate *gate,
               gboolean    on)
{
  if (gate->sources != NULL)
    {
      for (guint i = 0; i < gate->sources->len; i++)
        g_source_destroy (g_ptr_array_index (gate->sources, i));
      g_clear_pointer (&gate->sources, g_ptr_array_unref);
    }
  if (!on)
    return;
  gate->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) g_source_unref);
  for (guint i = 0; i < gate->listeners->len; i++)
    {
      GSource *source = g_socket_create_source (g_ptr_array_index (gate->listeners, i), G_IO_IN, NULL);

      g_source_set_callback (source, G_SOURCE_FUNC (accept_ready), gate, NULL);
      g_source_attach (source, NULL);
      g_ptr_array_add (gate->sources, source);
    }
}

static Conn *
conn_of (ServerGate        *gate,
         SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);
  g_autofree char *key = NULL;

  if (remote == NULL)
    return NULL;
  key = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (remote));
  return g_hash_table_lookup (gate->conns, key);
}

static void
request_started (SoupServer        *server,
                 SoupServerMessage *msg,
                 gpointer           data)
{
  Conn *conn = conn_of (data, msg);

  if (conn != NULL)
    conn->reading_since = g_get_monotonic_time ();
}

/* One request per connection. libsoup 3.2 never notices a kept-alive
 * connection's client going away (nothing reads it between requests), so
 * every terminal's request (libcurl, a connection each) left a descriptor
 * behind for good; our clients never reuse a connection anyway. Set here,
 * after any 100-continue, whose reply clears the headers. */
static void
request_read (SoupServer        *server,
              SoupServerMessage *msg,
              gpointer           data)
{
  Conn *conn = conn_of (data, msg);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
  if (conn != NULL)
    conn->reading_since = 0;
}

/* A client that trickles a byte now and then never trips the idle timeout:
 * each request must arrive whole within its own deadline. */
static gboolean
sweep (gpointer data)
{
  ServerGate *gate = data;
  gint64 now = g_get_monotonic_time ();
  gint64 limit = (gint64) gate->request_seconds * G_USEC_PER_SEC;
  GHashTableIter iter;
  Conn *conn;

  g_hash_table_iter_init (&iter, gate->conns);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &conn))
    {
      if (conn->reading_since != 0 && now - conn->reading_since > limit)
        {
          /* libsoup sees the end of the stream and drops the connection. */
          g_socket_shutdown (conn->socket, TRUE, TRUE, NULL);
          conn->reading_since = 0;
        }
    }
  /* Paused while full: look again, a slow request may be evicted by now. */
  if (gate->sources == NULL && gate->retry_id == 0)
    set_accepting (gate, TRUE);
  return G_SOURCE_CONTINUE;
}

ServerGate *
server_gate_take_over (SoupServer  *server,
                       GError     **error)
{
  g_autoptr(ServerGate) gate = g_new0 (ServerGate, 1);
  GSList *listeners = soup_server_get_listeners (server);
  SoupServerListenOptions options = soup_server_is_https (server) ? SOUP_SERVER_LISTEN_HTTPS : 0;

  g_return_val_if_fail (SOUP_IS_SERVER (server), NULL);

  gate->server = g_object_ref (server);
  gate->listeners = g_ptr_array_new_with_free_func (g_object_unref);
  gate->conns = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) conn_free);
  gate->per_client = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gate->idle_seconds = env_uint ("SUYUAN_SERVER_IDLE_TIMEOUT", SERVER_GATE_IDLE_SECONDS);
  gate->request_seconds = env_uint ("SUYUAN_SERVER_REQUEST_TIMEOUT", SERVER_GATE_REQUEST_SECONDS);
  gate->max_conns = connection_budget ();
  gate->max_per_client = MIN (env_uint ("SUYUAN_SERVER_MAX_PER_CLIENT", SERVER_GATE_PER_CLIENT),
                              MAX (gate->max_conns / 2, 1));
  g_object_get (server, "tls-certificate", &gate->certificate, NULL);

  /* Our own descriptor for each socket, with a deeper backlog, survives
   * libsoup closing its listeners. */
  for (GSList *l = listeners; l != NULL; l = l->next)
    {
      int fd = dup (g_socket_get_fd (l->data));
      GSocket *socket;

      if (fd < 0 || listen (fd, SERVER_GATE_BACKLOG) != 0
          || (socket = g_socket_new_from_fd (fd, error)) == NULL)
        {
          if (fd >= 0)
            close (fd);
          g_slist_free (listeners);
          if (error != NULL && *error == NULL)
            g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (errno), g_strerror (errno));
          return NULL;
        }
      g_socket_set_blocking (socket, FALSE);
      g_ptr_array_add (gate->listeners, socket);
    }
  g_slist_free (listeners);
  soup_server_disconnect (server);

  gate->parked = g_main_context_new ();
  g_main_context_push_thread_default (gate->parked);
  for (guint i = 0; i < gate->listeners->len; i++)
    {
      if (!soup_server_listen_socket (server, g_ptr_array_index (gate->listeners, i), options, error))
        {
          g_main_context_pop_thread_default (gate->parked);
          return NULL;
        }
    }
  g_main_context_pop_thread_default (gate->parked);

  g_signal_connect (server, "request-started", G_CALLBACK (request_started), gate);
  g_signal_connect (server, "request-read", G_CALLBACK (request_read), gate);
  gate->sweep_id = g_timeout_add_seconds (1, sweep, gate);
  set_accepting (gate, TRUE);
  return g_steal_pointer (&gate);
}

void
server_gate_free (ServerGate *gate)
{
  GHashTableIter iter;
  Conn *conn;

  if (gate == NULL)
    return;
  set_accepting (gate, FALSE);
  g_clear_handle_id (&gate->sweep_id, g_source_remove);
  g_clear_handle_id (&gate->retry_id, g_source_remove);
  if (gate->server != NULL)
    g_signal_handlers_disconnect_by_data (gate->server, gate);
  if (gate->conns != NULL)
    {
      g_hash_table_iter_init (&iter, gate->conns);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &conn))
        g_object_weak_unref (conn->connection, connection_gone, conn);
      g_hash_table_unref (gate->conns);
    }
  g_clear_pointer (&gate->per_client, g_hash_table_unref);
  g_clear_pointer (&gate->listeners, g_ptr_array_unref);
  g_clear_pointer (&gate->parked, g_main_context_unref);
  g_clear_object (&gate->certificate);
  g_clear_object (&gate->server);
  g_free (gate);
}
