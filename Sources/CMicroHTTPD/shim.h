#ifndef C_MICRO_HTTPD_SHIM_H
#define C_MICRO_HTTPD_SHIM_H

// microhttpd.h needs the socket and varargs types declared before it is included.
#include <stdarg.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <microhttpd.h>

// MHD_get_connection_info and MHD_get_daemon_info are C-variadic, which Swift does not import
// (and no `_va` twin exists). These fix the one query each that MicroHTTP needs.

/// The client's address of a connection, or NULL when MHD cannot tell.
static inline const struct sockaddr *
cmhd_connection_client_address(struct MHD_Connection *connection)
{
  const union MHD_ConnectionInfo *info =
    MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  return (NULL == info) ? NULL : info->client_addr;
}

/// The port the daemon is bound to (the real one after binding port 0), or 0 when unknown.
static inline uint16_t
cmhd_daemon_bind_port(struct MHD_Daemon *daemon)
{
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
  return (NULL == info) ? 0 : info->port;
}

#endif
