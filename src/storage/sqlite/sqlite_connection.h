// A thin RAII layer over one sqlite3 connection: prepared statements only, each
// compiled once per connection and reused. Not thread-safe: one thread at a time
// (SqliteStore hands connections out from a pool).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace newsdesk {

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
  int Changes() const;

  [[noreturn]] void Fail(const char* what) const;

 private:
  SqliteConnection(sqlite3* db, std::mutex* writer) : db_(db), writer_(writer) {}
  // Transparent hashing lets Prepare() look a string_view up without allocating.
  struct SqlHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  sqlite3* db_;
  std::mutex* writer_;
  std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> statements_;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back unless Commit() was called.
class SqliteTransaction {
 public:
  explicit SqliteTransaction(SqliteConnection* conn);
  ~SqliteTransaction();
  void Commit();

 private:
  std::unique_lock<std::mutex> writer_lock_;
  SqliteConnection* conn_;
  bool done_ = false;
};

}  // namespace newsdesk
