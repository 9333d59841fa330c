#include "storage/sqlite/sqlite_connection.h"

#include "storage/sqlite/sqlite_search_rank.h"

#include <sqlite3.h>

#include <mutex>
#include <string>

#include "storage/store.h"

namespace newsdesk {

SqliteCursor::~SqliteCursor() { sqlite3_finalize(stmt_); }

void SqliteCursor::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

void SqliteCursor::Bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) conn_->Fail("bind");
}

void SqliteCursor::Bind(int index, std::string_view value) {
  if (sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK) {
    conn_->Fail("bind");
  }
}

void SqliteCursor::BindNull(int index) {
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) conn_->Fail("bind");
}

bool SqliteCursor::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  conn_->Fail("step");
}

double SqliteCursor::Double(int column) const { return sqlite3_column_double(stmt_, column); }

std::int64_t SqliteCursor::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string SqliteCursor::Text(int column) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (!p) return {};
  return std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

bool SqliteCursor::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

int SqliteCursor::ColumnCount() const { return sqlite3_column_count(stmt_); }

std::string SqliteCursor::ColumnName(int column) const {
  const char* name = sqlite3_column_name(stmt_, column);
  return name ? name : "";
}

std::unique_ptr<SqliteConnection> SqliteConnection::Open(const std::string& path, std::mutex* writer) {
  // SQLite's memory statistics take a process-wide mutex on every allocation;
  // with many threads reading at once that lock is the bottleneck. Must be set
  // before SQLite initialises, so on the first open.
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw StorageError("cannot open " + path + ": " + msg);
  }
  std::unique_ptr<SqliteConnection> conn(new SqliteConnection(db, writer));
  sqlite3_busy_timeout(db, 5000);
  conn->Exec("PRAGMA journal_mode = WAL");
  conn->Exec("PRAGMA synchronous = NORMAL");  // durable across app crashes; WAL makes this safe
  conn->Exec("PRAGMA foreign_keys = ON");
  // Reads through a memory map instead of a pread() per page, and a bigger page
  // cache per connection: pages and listings read the same hot pages constantly.
  conn->Exec("PRAGMA mmap_size = 268435456");
  conn->Exec(("PRAGMA cache_size = -" + std::to_string(kPageCacheKiB)).c_str());
  RegisterSearchRank(db);
  return conn;
}

SqliteConnection::~SqliteConnection() {
  statements_.clear();  // finalized before the connection closes
  sqlite3_close(db_);
}

void SqliteConnection::Exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw StorageError(std::string("sqlite: ") + msg);
  }
}

SqlStatement SqliteConnection::Prepare(std::string_view sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &stmt, nullptr) != SQLITE_OK) {
      Fail("prepare");
    }
    it = statements_.emplace(std::string(sql), std::make_unique<SqliteCursor>(this, stmt)).first;
  }
  return SqlStatement(it->second.get());
}

std::int64_t SqliteConnection::LastInsertId() const { return sqlite3_last_insert_rowid(db_); }

int SqliteConnection::Changes() const { return sqlite3_changes(db_); }

void SqliteConnection::Fail(const char* what) const {
  if (timed_out_ && sqlite3_errcode(db_) == SQLITE_INTERRUPT) {
    throw QueryTimeout(std::string("sqlite ") + what + ": query ran past its time budget");
  }
  throw StorageError(std::string("sqlite ") + what + ": " + sqlite3_errmsg(db_));
}

int SqliteConnection::OnProgress(void* self) {
  auto* conn = static_cast<SqliteConnection*>(self);
  if (std::chrono::steady_clock::now() < conn->deadline_) return 0;
  conn->timed_out_ = true;
  return 1;  // SQLite stops the statement with SQLITE_INTERRUPT
}

void SqliteConnection::SetDeadline(std::chrono::steady_clock::time_point deadline) {
  deadline_ = deadline;
  timed_out_ = false;
  sqlite3_progress_handler(db_, 4000, &SqliteConnection::OnProgress, this);
}

void SqliteConnection::ClearDeadline() {
  sqlite3_progress_handler(db_, 0, nullptr, nullptr);
  timed_out_ = false;
}

std::unique_lock<std::mutex> SqliteConnection::BeginWrite() {
  std::unique_lock<std::mutex> lock;
  if (writer_) lock = std::unique_lock(*writer_);
  Exec("BEGIN IMMEDIATE");
  return lock;
}

}  // namespace newsdesk
