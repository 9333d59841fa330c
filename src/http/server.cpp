#include "http/server.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include <sys/resource.h>

#include <atomic>
#include <cerrno>
#include <ctime>
#include <list>
#include <mutex>
#include <thread>

#include "http/client_address.h"
#include "http/conditional.h"
#include "http/framing.h"
#include "http/url.h"

namespace newsdesk::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// RFC 9110 IMF-fixdate, formatted once per second per thread.
const std::string& HttpDate() {
  thread_local std::time_t last = 0;
  thread_local std::string text;
  std::time_t now = std::time(nullptr);
  if (now != last) {
    text = FormatHttpDate(now);
    last = now;
  }
  return text;
}

// The answer to a connection past the cap: written without waiting (the socket
// is new, its send buffer empty), then the socket is closed.
constexpr std::string_view kBusyAnswer =
    "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 21\r\n"
    "Retry-After: 1\r\nConnection: close\r\n\r\nServer busy, retry.\r\n";

}  // namespace

int DefaultMaxConnections() {
  rlimit limit{};
  rlim_t soft = 1024;
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0) soft = limit.rlim_cur;
  if (soft == RLIM_INFINITY || soft > 1000000) soft = 1000000;
  // Database files (three per SQLite connection), SMTP connections, logs.
  rlim_t reserve = 64 + soft / 10;
  return soft > reserve + 16 ? static_cast<int>(soft - reserve) : 16;
}

class Session;

struct Server::Impl {
  Impl(ServerOptions o, RequestHandler h)
      : options(std::move(o)),
        handler(std::move(h)),
        threads(options.threads > 0 ? options.threads
                                    : std::max(1u, std::thread::hardware_concurrency())),
        ioc(threads),
        workers(static_cast<size_t>(threads)),
        isolated_pool(static_cast<size_t>(std::max(1, options.isolated.concurrency))),
        max_connections(options.max_connections > 0 ? options.max_connections : DefaultMaxConnections()),
        acceptor(net::make_strand(ioc)),
        accept_timer(acceptor.get_executor()),
        control(net::make_strand(ioc)),
        signals(control, SIGINT, SIGTERM),
        drain_timer(control) {}

  void Accept();
  void AcceptFailed(const beast::error_code& ec);
  void RefuseBusy(tcp::socket socket);
  bool IsIsolated(const Request& request) const {
    return options.isolated.matches && options.isolated.matches(request);
  }
  void BeginDrain();
  void SessionEnded();
  Response Handle(const Request& request);

  ServerOptions options;
  RequestHandler handler;
  int threads;
  net::io_context ioc;
  net::thread_pool workers;
  net::thread_pool isolated_pool;
  std::atomic<int> isolated_pending{0};  // running or waiting in isolated_pool
  int max_connections;
  tcp::acceptor acceptor;
  net::steady_timer accept_timer;  // back-off after accept() fails; on the acceptor's strand
  // Accept problems are logged once per interval with a count of the rest
  // (touched only on the acceptor's strand).
  std::chrono::steady_clock::time_point last_accept_log{};
  std::uint64_t unlogged_accept_problems = 0;
  net::strand<net::io_context::executor_type> control;  // serialises the drain steps
  net::signal_set signals;
  net::steady_timer drain_timer;
  std::atomic<bool> draining{false};

  Metrics metrics;
  std::mutex sessions_mu;
  std::list<std::weak_ptr<Session>> sessions;  // guarded by sessions_mu
  std::atomic<int> live_sessions{0};
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Server::Impl* server)
      : stream_(std::move(socket)), server_(server) {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = ep.address().to_string();
    ++server_->live_sessions;
    server_->metrics.ConnectionOpened();
  }
  ~Session() {
    server_->metrics.ConnectionClosed();
    server_->SessionEnded();
  }

  void Start() {
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::DoRead, shared_from_this()));
  }

  // On drain: a connection waiting for its next request is closed now; one with a
  // request in progress finishes it first (and is then closed, not kept alive).
  void CloseIfIdle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->reading_ && self->parser_ && !self->parser_->got_some() && self->buffer_.size() == 0) {
        self->stream_.cancel();
      }
    });
  }

 private:
  const ServerOptions& options() const { return server_->options; }

  void DoRead() {
    if (server_->draining) return Close();
    // Nothing of the previous request on this connection may leak into the next
    // answer (an error for a request that never parsed is never a HEAD answer).
    is_head_ = false;
    keep_alive_ = false;
    method_.clear();
    target_.clear();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(options().max_header_bytes));
    // Beast checks a Content-Length against the limit while reading the head,
    // before the target is known: the largest any path allows, here; the
    // path's own limit once the head is read (OnHeader).
    size_t largest = options().max_body_bytes;
    for (const auto& [prefix, limit] : options().large_bodies) largest = std::max(largest, limit);
    parser_->body_limit(largest);
    stream_.expires_after(options().request_timeout);
    reading_ = true;
    // The head first: its framing is checked before any body is read.
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  // Answers a read error; true when there was one.
  bool ReadFailed(const beast::error_code& ec) {
    if (!ec) return false;
    reading_ = false;
    started_ = std::chrono::steady_clock::now();
    if (ec == bhttp::error::header_limit) {
      WriteError(431, "Request header fields too large\n");
    } else if (ec == bhttp::error::body_limit) {
      WriteError(413, "Payload too large\n");
    } else if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
               ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
      WriteError(400, "Bad request\n");
    } else {
      Close();  // closed by peer, timed out, cancelled by drain
    }
    return true;
  }

  void OnHeader(beast::error_code ec, size_t) {
    if (ReadFailed(ec)) return;
    if (!FramingIsSafe(parser_->get().base(), parser_->get().version())) {
      reading_ = false;
      started_ = std::chrono::steady_clock::now();
      method_ = std::string(parser_->get().method_string());
      target_ = std::string(parser_->get().target());
      return WriteError(400, "Bad request: message framing (Host, Transfer-Encoding)\n");
    }
    if (parser_->is_done()) return OnRead({}, 0);
    auto raw_target = parser_->get().target();
    std::string_view target(raw_target.data(), raw_target.size());
    size_t body_limit = options().max_body_bytes;
    for (const auto& [prefix, limit] : options().large_bodies) {
      if (target.substr(0, prefix.size()) == prefix) body_limit = limit;
    }
    if (auto length = parser_->content_length(); length && *length > body_limit) {
      reading_ = false;
      started_ = std::chrono::steady_clock::now();
      method_ = std::string(parser_->get().method_string());
      target_ = std::string(target);
      return WriteError(413, "Payload too large\n");
    }
    parser_->body_limit(body_limit);  // a chunked body is counted as it comes
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, size_t) {
    if (ReadFailed(ec)) return;
    reading_ = false;
    started_ = std::chrono::steady_clock::now();

    auto& msg = parser_->get();
    Request req;
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    method_ = req.method;
    target_ = req.target;
    keep_alive_ = msg.keep_alive();
    is_head_ = msg.method() == bhttp::verb::head;
    if (req.target.size() > options().max_target_bytes) return WriteError(414, "URI too long\n");
    std::string_view target = req.target;
    size_t q = target.find('?');
    auto path = PercentDecode(target.substr(0, q), /*plus_is_space=*/false);
    if (!path || !IsSafePath(*path)) return WriteError(400, "Bad request\n");
    req.path = std::move(*path);
    if (q != std::string_view::npos) req.query = std::string(target.substr(q + 1));
    req.remote_addr = remote_;
    req.headers.reserve(16);
    for (const auto& field : msg) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    req.body = std::move(msg.body());
    req.client_addr = ClientAddress(req.remote_addr, req.Header("x-forwarded-for"), options().trusted_proxies);

    if (options().fast_path) {
      if (auto res = options().fast_path(req)) return Write(std::move(*res));
    }
    if (server_->IsIsolated(req)) return RunIsolated(std::move(req));
    // The worker holds a work guard so the I/O loop stays up until the answer
    // has been handed back to this connection's strand.
    net::post(server_->workers, [self = shared_from_this(), req = std::move(req),
                                 work = net::make_work_guard(server_->ioc)]() mutable {
      Response res = self->server_->Handle(req);
      net::post(self->stream_.get_executor(), [self, res = std::move(res)]() mutable {
        self->Write(std::move(res));
      });
    });
  }

  // A request of the isolated lane: runs on its own pool, or is turned away at
  // once when that lane is full, so it never queues in front of other work.
  void RunIsolated(Request req) {
    const auto& lane = options().isolated;
    if (server_->isolated_pending.fetch_add(1) >= lane.concurrency + lane.queue) {
      --server_->isolated_pending;
      return Write(Response::Text(503, "Too many searches at once; try again in a moment.\n")
                       .With("Retry-After", "2")
                       .With("Cache-Control", "no-store"));
    }
    net::post(server_->isolated_pool, [self = shared_from_this(), req = std::move(req),
                                       work = net::make_work_guard(server_->ioc)]() mutable {
      Response res = self->server_->Handle(req);
      --self->server_->isolated_pending;
      net::post(self->stream_.get_executor(), [self, res = std::move(res)]() mutable {
        self->Write(std::move(res));
      });
    });
  }

  void WriteError(int status, std::string text) {
    keep_alive_ = false;
    if (method_.empty()) method_ = "-";
    if (target_.empty()) target_ = "-";
    Write(Response::Text(status, std::move(text)));
  }

  template <class Body>
  void Send(std::shared_ptr<bhttp::response<Body>> msg) {
    stream_.expires_after(options().request_timeout);
    bhttp::async_write(stream_, *msg, [self = shared_from_this(), msg](beast::error_code ec, size_t bytes) {
      self->OnWrite(ec, bytes, msg->result_int(), msg->need_eof());
    });
  }

  void Write(Response res) {
    bool keep = keep_alive_ && !server_->draining;
    auto fill = [&](auto& msg) {
      msg.set(bhttp::field::server, "newsdesk");
      msg.set(bhttp::field::date, HttpDate());
      msg.set(bhttp::field::content_type, res.content_type);
      // Header values are ASCII, whatever went into them (a Location with a
      // Unicode slug is percent-encoded; no control character gets through).
      for (auto& [k, v] : res.headers) msg.insert(k, EncodeNonAscii(v));
      msg.keep_alive(keep);
    };
    if (is_head_) {
      auto msg = std::make_shared<bhttp::response<bhttp::empty_body>>(
          static_cast<bhttp::status>(res.status), 11);
      fill(*msg);
      msg->content_length(res.body.size());
      Send(std::move(msg));
    } else {
      auto msg = std::make_shared<bhttp::response<bhttp::string_body>>(
          static_cast<bhttp::status>(res.status), 11);
      fill(*msg);
      msg->body() = std::move(res.body);
      msg->prepare_payload();
      Send(std::move(msg));
    }
  }

  void OnWrite(beast::error_code ec, size_t bytes, unsigned status, bool close) {
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                  std::chrono::steady_clock::now() - started_).count();
    server_->metrics.RecordRequest(status, bytes, static_cast<double>(us) / 1e6);
    if (options().access_log) {
      spdlog::info("{} \"{} {}\" {} {} {:.3f}ms", remote_.empty() ? "-" : remote_, method_,
                   target_, status, bytes, static_cast<double>(us) / 1000.0);
    }
    method_.clear();
    if (ec || close) return Close();
    DoRead();
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Server::Impl* server_;
  std::string remote_;
  std::string method_;
  std::string target_;
  bool reading_ = false;
  bool keep_alive_ = false;
  bool is_head_ = false;
  std::chrono::steady_clock::time_point started_;
};

void Server::Impl::AcceptFailed(const beast::error_code& ec) {
  auto now = std::chrono::steady_clock::now();
  if (now - last_accept_log >= std::chrono::seconds(10)) {
    if (unlogged_accept_problems > 0) {
      spdlog::warn("accept: {} ({} more accept problems in the last interval)", ec.message(),
                   unlogged_accept_problems);
    } else {
      spdlog::warn("accept: {}", ec.message());
    }
    last_accept_log = now;
    unlogged_accept_problems = 0;
  } else {
    ++unlogged_accept_problems;
  }
}

void Server::Impl::RefuseBusy(tcp::socket socket) {
  beast::error_code ec;
  socket.non_blocking(true, ec);
  socket.write_some(net::buffer(kBusyAnswer.data(), kBusyAnswer.size()), ec);
  socket.shutdown(tcp::socket::shutdown_both, ec);
  socket.close(ec);
  metrics.ConnectionRefused();
  auto now = std::chrono::steady_clock::now();
  if (now - last_accept_log >= std::chrono::seconds(10)) {
    spdlog::warn("connection limit of {} reached: refusing new connections", max_connections);
    last_accept_log = now;
  }
}

void Server::Impl::Accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (!acceptor.is_open() || draining) return;  // closed by the drain
      AcceptFailed(ec);
      // Out of file descriptors (or another failure): trying again at once would
      // only spin; connections closing in the meantime make room.
      accept_timer.expires_after(std::chrono::milliseconds(100));
      accept_timer.async_wait([this](beast::error_code wait_ec) {
        if (!wait_ec && !draining) Accept();
      });
      return;
    }
    if (live_sessions.load() >= max_connections) {
      RefuseBusy(std::move(socket));
    } else {
      auto session = std::make_shared<Session>(std::move(socket), this);
      {
        std::lock_guard lock(sessions_mu);
        sessions.remove_if([](const std::weak_ptr<Session>& w) { return w.expired(); });
        sessions.push_back(session);
      }
      session->Start();
    }
    if (!draining) Accept();
  });
}

void Server::Impl::BeginDrain() {
  if (draining.exchange(true)) return;
  spdlog::info("draining: finishing requests in flight");
  net::post(acceptor.get_executor(), [this] {
    beast::error_code ignored;
    acceptor.close(ignored);
    accept_timer.cancel();
  });
  signals.cancel();
  {
    std::lock_guard lock(sessions_mu);
    for (auto& w : sessions) {
      if (auto s = w.lock()) s->CloseIfIdle();
    }
  }
  drain_timer.expires_after(options.drain_timeout);
  drain_timer.async_wait([this](beast::error_code ec) {
    if (!ec) {
      spdlog::warn("drain timed out; closing remaining connections");
      ioc.stop();
    }
  });
  if (live_sessions == 0) drain_timer.cancel();
}

void Server::Impl::SessionEnded() {
  if (--live_sessions == 0 && draining) {
    net::post(control, [this] { drain_timer.cancel(); });
  }
}

Response Server::Impl::Handle(const Request& request) {
  try {
    return handler(request);
  } catch (const std::exception& e) {
    spdlog::error("{} {}: {}", request.method, request.target, e.what());
    return Response::Text(500, "Internal server error\n");
  }
}

Server::Server(ServerOptions options, RequestHandler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

Server::~Server() {
  impl_->workers.join();
  impl_->isolated_pool.join();
}

Status Server::Listen() {
  beast::error_code ec;
  std::string host = impl_->options.host == "localhost" ? "127.0.0.1" : impl_->options.host;
  auto address = net::ip::make_address(host, ec);
  if (ec) return Error{"listen", "host", "'" + impl_->options.host + "' is not an IP address"};
  tcp::endpoint endpoint(address, impl_->options.port);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Error{"listen", "", host + ":" + std::to_string(impl_->options.port) + ": " + ec.message()};
  }
  return Status::Ok();
}

unsigned short Server::port() const { return impl_->acceptor.local_endpoint().port(); }

void Server::Run() {
  impl_->signals.async_wait([this](beast::error_code ec, int) {
    if (!ec) impl_->BeginDrain();
  });
  impl_->Accept();
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->threads; ++i) threads.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : threads) t.join();
  impl_->workers.join();
  impl_->isolated_pool.join();
  spdlog::info("server stopped");
}

const Metrics& Server::metrics() const { return impl_->metrics; }

void Server::Stop() {
  net::post(impl_->control, [this] { impl_->BeginDrain(); });
}

}  // namespace newsdesk::http
