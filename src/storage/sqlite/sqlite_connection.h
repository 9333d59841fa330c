// SqlConnection over one sqlite3 connection: prepared statements only, each
// compiled once per connection and reused. Not thread-safe: one thread at a time
// (SqlitePool hands connections out).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "storage/sql/sql_connection.h"

struct sqlite3;
struct sqlite3_stmt;

namespace newsdesk {

// Each connection's page cache, in KiB (PRAGMA cache_size = -N); a bulk
// import's connection takes kBulkPageCacheKiB until it ends.
inline constexpr int kPageCacheKiB = 16384;
inline constexpr int kBulkPageCacheKiB = 131072;

class SqliteConnection;

// One prepared sqlite3 statement.
class SqliteCursor : public SqlCursor {
 public:
  SqliteCursor(SqliteConnection* conn, sqlite3_stmt* stmt) : conn_(conn), stmt_(stmt) {}
  ~SqliteCursor() override;
  void Bind(int index, std::int64_t value) override;
  void Bind(int index, std::string_view value) override;
  void BindNull(int index) override;
  bool Step() override;
  std::int64_t Int(int column) const override;
  double Double(int column) const override;
  std::string Text(int column) const override;
  bool IsNull(int column) const override;
  int ColumnCount() const override;
  std::string ColumnName(int column) const override;
  void Reset() override;

 private:
  SqliteConnection* conn_;
  sqlite3_stmt* stmt_;
};

class SqliteConnection : public SqlConnection {
 public:
  // Opens the file, creating it, with WAL, foreign keys and a busy timeout.
  // `writer`, when given, is held by every writing transaction on this
  // connection: threads of one process then queue for the write lock in memory
  // instead of sleeping in SQLite's busy handler.
  static std::unique_ptr<SqliteConnection> Open(const std::string& path, std::mutex* writer = nullptr);
  ~SqliteConnection() override;

  SqlDialect dialect() const override { return SqlDialect::kSqlite; }
  void Exec(const char* sql) override;
  SqlStatement Prepare(std::string_view sql) override;
  int Changes() const override;
  std::unique_lock<std::mutex> BeginWrite() override;  // BEGIN IMMEDIATE
  // SQLite's progress handler looks at the clock every few thousand VM steps.
  void SetDeadline(std::chrono::steady_clock::time_point deadline) override;
  void ClearDeadline() override;

  std::int64_t LastInsertId() const;
  sqlite3* handle() const { return db_; }  // for the online backup API only
  std::mutex* writer() const { return writer_; }

  [[noreturn]] void Fail(const char* what) const;

 private:
  static int OnProgress(void* self);
  SqliteConnection(sqlite3* db, std::mutex* writer) : db_(db), writer_(writer) {}
  // Transparent hashing lets Prepare() look a string_view up without allocating.
  struct SqlHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  sqlite3* db_;
  std::mutex* writer_;
  std::chrono::steady_clock::time_point deadline_{};
  bool timed_out_ = false;
  std::unordered_map<std::string, std::unique_ptr<SqliteCursor>, SqlHash, std::equal_to<>> statements_;
};

// A SQLite connection of a SqlPool's (for the parts only SQLite has: backup,
// FTS5 maintenance).
inline SqliteConnection* AsSqlite(SqlConnection* conn) { return static_cast<SqliteConnection*>(conn); }

}  // namespace newsdesk
