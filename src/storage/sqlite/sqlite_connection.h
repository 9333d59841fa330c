// A thin RAII layer over one sqlite3 connection: prepared statements only, each
// compiled once per connection and reused. Not thread-safe: one thread at a time
// (SqliteStore hands connections out from a pool).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace newsdesk {

// Each connection's page cache, in KiB (PRAGMA cache_size = -N); a bulk
// import's connection takes kBulkPageCacheKiB until it ends.
inline constexpr int kPageCacheKiB = 16384;
inline constexpr int kBulkPageCacheKiB = 131072;

class SqliteConnection;

// A prepared statement borrowed from the connection's cache; reset and cleared
// of bindings when it goes out of scope. Parameters are numbered from 1.
class SqliteStatement {
 public:
  SqliteStatement(SqliteConnection* conn, sqlite3_stmt* stmt) : conn_(conn), stmt_(stmt) {}
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  ~SqliteStatement();

  SqliteStatement& Bind(int index, std::int64_t value);
  SqliteStatement& Bind(int index, std::string_view value);
  SqliteStatement& BindNull(int index);

  // Advances to the next row; false when done. Throws StorageError on failure.
  bool Step();
  // Runs a statement that returns no rows.
  void Run();

  std::int64_t Int(int column) const;
  double Double(int column) const;
  std::string Text(int column) const;
  bool IsNull(int column) const;

 private:
  SqliteConnection* conn_;
  sqlite3_stmt* stmt_;
};

class SqliteConnection {
 public:
  // Opens the file, creating it, with WAL, foreign keys and a busy timeout.
  // `writer`, when given, is held by every SqliteTransaction on this connection:
  // threads of one process then queue for the write lock in memory instead of
  // sleeping in SQLite's busy handler.
  static std::unique_ptr<SqliteConnection> Open(const std::string& path, std::mutex* writer = nullptr);
  std::mutex* writer() const { return writer_; }
  ~SqliteConnection();

  // For schema scripts and transaction control only; never with user input.
  void Exec(const char* sql);
  SqliteStatement Prepare(std::string_view sql);
  std::int64_t LastInsertId() const;
  sqlite3* handle() const { return db_; }  // for the online backup API only
  int Changes() const;

  [[noreturn]] void Fail(const char* what) const;

  // Statements stop with QueryTimeout once `deadline` passes (SQLite's
  // progress handler looks at the clock every few thousand VM steps);
  // ClearDeadline() lifts it. DeadlineScope does both around a block.
  void SetDeadline(std::chrono::steady_clock::time_point deadline);
  void ClearDeadline();

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
  std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> statements_;
};

class DeadlineScope {
 public:
  // No deadline when `budget_ms` is 0.
  DeadlineScope(SqliteConnection* conn, int budget_ms) : conn_(budget_ms > 0 ? conn : nullptr) {
    if (conn_) conn_->SetDeadline(std::chrono::steady_clock::now() + std::chrono::milliseconds(budget_ms));
  }
  ~DeadlineScope() {
    if (conn_) conn_->ClearDeadline();
  }
  DeadlineScope(const DeadlineScope&) = delete;
  DeadlineScope& operator=(const DeadlineScope&) = delete;

 private:
  SqliteConnection* conn_;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back unless Commit() was called.
class SqliteTransaction {
 public:
  explicit SqliteTransaction(SqliteConnection* conn);
  ~SqliteTransaction();
  void Commit();
  void Rollback();  // now rather than when destroyed

 private:
  std::unique_lock<std::mutex> writer_lock_;
  SqliteConnection* conn_;
  bool done_ = false;
};

}  // namespace newsdesk
