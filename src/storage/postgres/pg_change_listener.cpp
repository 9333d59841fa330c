#include "storage/postgres/pg_change_listener.h"

#include <libpq-fe.h>
#include <poll.h>

#include <spdlog/spdlog.h>

#include <chrono>

namespace newsdesk {

PgChangeListener::PgChangeListener(std::string url, std::function<void()> changed)
    : url_(std::move(url)), changed_(std::move(changed)), thread_([this] { Run(); }) {}

PgChangeListener::~PgChangeListener() {
  stop_ = true;
  thread_.join();
}

void PgChangeListener::Run() {
  bool warned = false;
  while (!stop_) {
    PGconn* conn = PQconnectdb(url_.c_str());
    PGresult* r = PQstatus(conn) == CONNECTION_OK ? PQexec(conn, "LISTEN newsdesk_changes") : nullptr;
    bool listening = r && PQresultStatus(r) == PGRES_COMMAND_OK;
    if (r) PQclear(r);
    if (!listening) {
      if (!warned) spdlog::warn("page cache: cannot LISTEN for changes ({}); polling only", PQerrorMessage(conn));
      warned = true;
      PQfinish(conn);
      for (int i = 0; i < 10 && !stop_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    warned = false;
    changed_();  // whatever was announced while not listening
    while (!stop_) {
      pollfd fd{PQsocket(conn), POLLIN, 0};
      if (poll(&fd, 1, 200) < 0) continue;
      if (!PQconsumeInput(conn)) break;  // the server went away: connect again
      bool any = false;
      while (PGnotify* n = PQnotifies(conn)) {
        any = true;
        PQfreemem(n);
      }
      if (any) changed_();
    }
    PQfinish(conn);
  }
}

}  // namespace newsdesk
