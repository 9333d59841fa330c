// Pooled connections to one SQLite file: a thread borrows one for a scope. WAL
// lets any number of readers run beside the single writer.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/sql/sql_pool.h"
#include "storage/sqlite/sqlite_connection.h"

namespace newsdesk {

class SqlitePool : public SqlPool {
 public:
  explicit SqlitePool(std::string path) : path_(std::move(path)) {}

 protected:
  std::unique_ptr<SqlConnection> Open() override { return SqliteConnection::Open(path_, &writer_); }

 private:
  std::string path_;
  std::mutex writer_;  // one writing transaction at a time in this process
};

}  // namespace newsdesk
