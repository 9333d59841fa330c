// The HTTP/1.1 server: Boost.Beast on Asio. I/O threads only read and write
// sockets; every request is handed to a separate worker pool, so slow database
// or render work never stalls other connections.
//
// Limits: request head (request line + headers) over max_header_bytes -> 431,
// target over max_target_bytes -> 414, body over max_body_bytes -> 413,
// malformed request or unsafe path (".." segments, encoded or not) -> 400.
// Framing (RFC 9112): an HTTP/1.1 request without exactly one Host, a
// Transfer-Encoding other than "chunked", or Transfer-Encoding beside
// Content-Length -> 400 and the connection closed.
//
// Connections past max_connections are answered 503 and closed at once, so
// the process never runs out of file descriptors; when accept() itself fails
// (EMFILE, ENFILE) the acceptor waits before trying again and logs once per
// interval.
//
// Fast path: `fast_path`, when set, is asked first on the I/O thread (it must
// never block: the page cache's Lookup); an answer it gives is written at once,
// without a worker.
//
// Work isolation: requests that `isolated.matches` (search: its cost grows with
// the archive) run on a pool of their own, `isolated.concurrency` at a time with
// at most `isolated.queue` waiting; past that they get 503 at once. Everything
// else never waits behind them.
// A connection that does not deliver a whole request within request_timeout
// (slow or idle keep-alive) is closed.
//
// Run() returns after SIGINT or SIGTERM (or Stop()): it stops accepting, lets
// requests in flight finish, closes idle connections, and gives up waiting
// after drain_timeout.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "http/message.h"
#include "http/metrics.h"

namespace newsdesk::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port, see Server::port()
  int threads = 0;             // I/O threads and workers each; 0 = number of cores
  size_t max_header_bytes = 16 * 1024;
  size_t max_target_bytes = 4 * 1024;
  size_t max_body_bytes = 1024 * 1024;
  std::chrono::seconds request_timeout{15};
  std::chrono::seconds drain_timeout{20};
  bool access_log = true;  // one line per request on stderr
  int max_connections = 0;  // 0: sized from the open-file limit (DefaultMaxConnections)
  // Peers whose X-Forwarded-For is believed (a reverse proxy in front); from
  // anyone else the header is ignored (http/client_address.h).
  std::vector<std::string> trusted_proxies;
  std::function<std::optional<Response>(const Request&)> fast_path;
  // Larger bodies for some paths (uploads): a request whose target starts
  // with the prefix may carry up to that many bytes instead of max_body_bytes.
  std::vector<std::pair<std::string, size_t>> large_bodies;
  struct Isolated {
    std::function<bool(const Request&)> matches;  // empty: no isolated lane
    int concurrency = 1;
    int queue = 8;
  } isolated;
};

// What max_connections defaults to: the soft RLIMIT_NOFILE minus a reserve for
// database files, mail connections and logs.
int DefaultMaxConnections();

using RequestHandler = std::function<Response(const Request&)>;

class Server {
 public:
  Server(ServerOptions options, RequestHandler handler);
  ~Server();

  // Binds and listens; an error names the address.
  Status Listen();
  unsigned short port() const;
  // Serves until a signal or Stop(), then drains. Call Listen() first.
  void Run();
  // Starts the drain from any thread.
  void Stop();
  // Counters for /metrics; valid for the server's lifetime.
  const Metrics& metrics() const;

  struct Impl;  // defined in server.cpp; public only so its sessions can name it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdesk::http
