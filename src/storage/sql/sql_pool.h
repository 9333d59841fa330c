// Pooled connections to one database: a thread borrows one for a scope. The
// back end says how a connection is opened (SqlitePool, PgPool).
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "storage/sql/sql_connection.h"

namespace newsdesk {

class SqlPool {
 public:
  virtual ~SqlPool() = default;

  class Lease {
   public:
    explicit Lease(SqlPool* pool) : pool_(pool), conn_(pool->Take()) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_->Give(std::move(conn_)); }
    SqlConnection* operator->() { return conn_.get(); }
    SqlConnection* get() { return conn_.get(); }

   private:
    SqlPool* pool_;
    std::unique_ptr<SqlConnection> conn_;
  };

  // Throws StorageError when no connection can be opened.
  Lease Borrow() { return Lease(this); }

 protected:
  // A new connection, when none is idle.
  virtual std::unique_ptr<SqlConnection> Open() = 0;

 private:
  std::unique_ptr<SqlConnection> Take() {
    for (;;) {
      std::unique_ptr<SqlConnection> conn;
      {
        std::lock_guard lock(mu_);
        if (idle_.empty()) break;
        conn = std::move(idle_.back());
        idle_.pop_back();
      }
      if (conn->StillUsable()) return conn;
    }
    return Open();
  }
  void Give(std::unique_ptr<SqlConnection> conn) {
    if (!conn || !conn->Healthy()) return;  // a lost connection is closed, not lent again
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(conn));
  }

  std::mutex mu_;
  std::vector<std::unique_ptr<SqlConnection>> idle_;  // guarded by mu_
};

}  // namespace newsdesk
