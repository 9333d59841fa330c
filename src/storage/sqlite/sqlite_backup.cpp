// Backup and restore with SQLite's online backup API: the copy is made inside
// one read transaction (WAL lets writers carry on meanwhile), so it is a
// consistent snapshot even while `serve` and `import` write.
#include <sqlite3.h>

#include <filesystem>
#include <memory>

#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_store.h"

namespace newsdesk {
namespace {

struct Closer {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using Handle = std::unique_ptr<sqlite3, Closer>;

Error FileError(const std::string& file, const std::string& message) { return Error{"backup " + file, "", message}; }

// Copies every page of `from` into `to`; "" or SQLite's message.
std::string CopyDatabase(sqlite3* from, sqlite3* to) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (!backup) return sqlite3_errmsg(to);
  int rc;
  // All pages in one step: one read transaction, so one consistent snapshot.
  // Busy or locked: another connection holds a write lock for a moment.
  for (int tries = 0; tries < 200; ++tries) {
    rc = sqlite3_backup_step(backup, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    sqlite3_sleep(50);
  }
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return sqlite3_errstr(rc);
  int code = sqlite3_errcode(to);
  return code == SQLITE_OK || code == SQLITE_DONE ? "" : sqlite3_errmsg(to);
}

// Empty when `db` passes SQLite's integrity check and holds newsdesk's schema.
std::string CheckBackup(sqlite3* db) {
  sqlite3_stmt* st = nullptr;
  std::string problem;
  if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) != SQLITE_OK) return sqlite3_errmsg(db);
  if (sqlite3_step(st) != SQLITE_ROW) {
    problem = sqlite3_errmsg(db);
  } else {
    auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    if (!text || std::string(text) != "ok") problem = std::string("integrity check: ") + (text ? text : "failed");
  }
  sqlite3_finalize(st);
  if (!problem.empty()) return problem;
  if (sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM schema_migrations", -1, &st, nullptr) != SQLITE_OK) {
    return "not a newsdesk database (no schema_migrations table)";
  }
  sqlite3_finalize(st);
  return "";
}

}  // namespace

Status SqliteStore::BackupTo(const std::string& file) {
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) return FileError(file, "exists already; choose a new file name");
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  Handle out(raw);
  if (rc != SQLITE_OK) return FileError(file, raw ? sqlite3_errmsg(raw) : "cannot open");
  auto db = pool()->Borrow();
  std::string problem = CopyDatabase(AsSqlite(db.get())->handle(), out.get());
  if (problem.empty()) {
    // A backup is one self-contained file: no -wal or -shm beside it.
    sqlite3_exec(out.get(), "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
  }
  out.reset();
  if (!problem.empty()) {
    std::filesystem::remove(file, ec);
    return FileError(file, problem);
  }
  return Status::Ok();
}

Status SqliteStore::RestoreFrom(const std::string& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return FileError(file, "no such file");
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  Handle in(raw);
  if (rc != SQLITE_OK) return FileError(file, raw ? sqlite3_errmsg(raw) : "cannot open");
  if (std::string problem = CheckBackup(in.get()); !problem.empty()) return FileError(file, problem);
  {
    auto db = pool()->Borrow();
    std::unique_lock writer(*AsSqlite(db.get())->writer());  // no write of this process in between
    if (std::string problem = CopyDatabase(in.get(), AsSqlite(db.get())->handle()); !problem.empty()) {
      return FileError(file, "restoring: " + problem);
    }
  }
  Status migrated = Migrate();
  if (!migrated.ok()) return migrated;
  {
    // Every page of every process serving this database has changed.
    auto db = pool()->Borrow();
    SqlTransaction tx(db.get());
    db->Exec("INSERT INTO content_changes (scope) VALUES ('*')");
    tx.Commit();
  }
  NoteLocalWrite();
  return Status::Ok();
}

}  // namespace newsdesk
