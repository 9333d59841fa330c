// Pooled connections to one SQLite file: a thread borrows one for a scope. WAL
// lets any number of readers run beside the single writer.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/sqlite/sqlite_connection.h"

namespace newsdesk {

class SqlitePool {
 public:
  explicit SqlitePool(std::string path) : path_(std::move(path)) {}

  class Lease {
   public:
    explicit Lease(SqlitePool* pool) : pool_(pool), conn_(pool->Take()) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_->Give(std::move(conn_)); }
    SqliteConnection* operator->() { return conn_.get(); }
    SqliteConnection* get() { return conn_.get(); }

   private:
    SqlitePool* pool_;
    std::unique_ptr<SqliteConnection> conn_;
  };

  // Throws StorageError when the file cannot be opened.
  Lease Borrow() { return Lease(this); }

 private:
  std::unique_ptr<SqliteConnection> Take() {
    {
      std::lock_guard lock(mu_);
      if (!idle_.empty()) {
        auto conn = std::move(idle_.back());
        idle_.pop_back();
        return conn;
      }
    }
    return SqliteConnection::Open(path_, &writer_);
  }
  void Give(std::unique_ptr<SqliteConnection> conn) {
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(conn));
  }

  std::string path_;
  std::mutex writer_;  // one writing transaction at a time in this process
  std::mutex mu_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_;  // guarded by mu_
};

}  // namespace newsdesk
