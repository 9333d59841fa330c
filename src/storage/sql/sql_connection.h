// What every SQL back end offers the stores in storage/sql/: a connection that
// prepares statements (compiled once per connection and reused), runs them
// with bound parameters, and steps through their rows. SQLite
// (storage/sql/sql_connection.h) and PostgreSQL
// (storage/postgres/pg_connection.h) implement it.
//
// Statements are written once, in SQLite's flavour of SQL with numbered
// parameters (?1, ?2...); the PostgreSQL connection turns ?N into $N, and its
// schema supplies the few SQLite functions the stores use (instr, two-argument
// max and min, json_each of a JSON text, group_concat; migrations/postgres/).
// Where the two really differ a store asks dialect().
//
// A connection is not thread-safe: one thread at a time (a SqlPool lends them).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace newsdesk {

enum class SqlDialect { kSqlite, kPostgres };

// One prepared statement of one connection, as the back end implements it.
class SqlCursor {
 public:
  virtual ~SqlCursor() = default;
  virtual void Bind(int index, std::int64_t value) = 0;
  virtual void Bind(int index, std::string_view value) = 0;
  virtual void BindNull(int index) = 0;
  // Runs the statement on the first call; false when there is no further row.
  virtual bool Step() = 0;
  virtual std::int64_t Int(int column) const = 0;  // a boolean reads as 0 or 1
  virtual double Double(int column) const = 0;
  virtual std::string Text(int column) const = 0;
  virtual bool IsNull(int column) const = 0;
  // The result's columns (after the first Step()).
  virtual int ColumnCount() const = 0;
  virtual std::string ColumnName(int column) const = 0;
  // Forgets the bindings and the rows, ready to run again.
  virtual void Reset() = 0;
};

// A prepared statement borrowed from the connection's cache; reset and cleared
// of bindings when it goes out of scope. Parameters are numbered from 1.
class SqlStatement {
 public:
  explicit SqlStatement(SqlCursor* cursor) : cursor_(cursor) {}
  SqlStatement(const SqlStatement&) = delete;
  SqlStatement& operator=(const SqlStatement&) = delete;
  ~SqlStatement() { cursor_->Reset(); }

  SqlStatement& Bind(int index, std::int64_t value) {
    cursor_->Bind(index, value);
    return *this;
  }
  SqlStatement& Bind(int index, std::string_view value) {
    cursor_->Bind(index, value);
    return *this;
  }
  SqlStatement& BindNull(int index) {
    cursor_->BindNull(index);
    return *this;
  }

  // Advances to the next row; false when done. Throws StorageError on failure.
  bool Step() { return cursor_->Step(); }
  // Runs a statement that returns no rows.
  void Run() {
    while (Step()) {
    }
  }

  std::int64_t Int(int column) const { return cursor_->Int(column); }
  double Double(int column) const { return cursor_->Double(column); }
  std::string Text(int column) const { return cursor_->Text(column); }
  bool IsNull(int column) const { return cursor_->IsNull(column); }
  int ColumnCount() const { return cursor_->ColumnCount(); }
  std::string ColumnName(int column) const { return cursor_->ColumnName(column); }

 private:
  SqlCursor* cursor_;
};

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;

  virtual SqlDialect dialect() const = 0;
  // For schema scripts and transaction control only; never with user input.
  virtual void Exec(const char* sql) = 0;
  virtual SqlStatement Prepare(std::string_view sql) = 0;
  // A statement whose best plan depends on the values bound to it (the words
  // of a search: in ten articles or in half of them). PostgreSQL plans it for
  // its values each time it runs, instead of settling on one generic plan for
  // a prepared statement; SQLite plans every statement for its values anyway.
  virtual SqlStatement PrepareForValues(std::string_view sql) { return Prepare(sql); }
  // Rows changed by the last INSERT, UPDATE or DELETE that ran to its end.
  virtual int Changes() const = 0;

  // Starts a writing transaction. Writers queue one behind another, as on
  // SQLite (BEGIN IMMEDIATE; on PostgreSQL a transaction-wide advisory lock):
  // a store may read, decide and write without another writer in between.
  // The returned lock, when it holds one, is this process's writer mutex.
  virtual std::unique_lock<std::mutex> BeginWrite() = 0;

  // Statements stop with QueryTimeout once `deadline` passes; ClearDeadline()
  // lifts it. DeadlineScope does both around a block.
  virtual void SetDeadline(std::chrono::steady_clock::time_point deadline) = 0;
  virtual void ClearDeadline() = 0;

  // False once the connection is lost (the server went away): the pool then
  // drops it instead of lending it again.
  virtual bool Healthy() const { return true; }
  // Like Healthy(), but first reads what the server may have sent while the
  // connection sat idle (a restarting server says goodbye): an idle
  // connection found dead is not lent, so no request fails on it.
  virtual bool StillUsable() { return Healthy(); }
};

class DeadlineScope {
 public:
  // No deadline when `budget_ms` is 0.
  DeadlineScope(SqlConnection* conn, int budget_ms) : conn_(budget_ms > 0 ? conn : nullptr) {
    if (conn_) conn_->SetDeadline(std::chrono::steady_clock::now() + std::chrono::milliseconds(budget_ms));
  }
  ~DeadlineScope() {
    if (conn_) conn_->ClearDeadline();
  }
  DeadlineScope(const DeadlineScope&) = delete;
  DeadlineScope& operator=(const DeadlineScope&) = delete;

 private:
  SqlConnection* conn_;
};

// A writing transaction (SqlConnection::BeginWrite ... COMMIT), rolled back
// unless Commit() was called.
class SqlTransaction {
 public:
  explicit SqlTransaction(SqlConnection* conn) : writer_lock_(conn->BeginWrite()), conn_(conn) {}
  ~SqlTransaction();
  SqlTransaction(const SqlTransaction&) = delete;
  SqlTransaction& operator=(const SqlTransaction&) = delete;
  void Commit();
  void Rollback();  // now rather than when destroyed

 private:
  std::unique_lock<std::mutex> writer_lock_;
  SqlConnection* conn_;
  bool done_ = false;
};

}  // namespace newsdesk
