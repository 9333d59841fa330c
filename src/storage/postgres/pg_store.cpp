#include "storage/postgres/pg_store.h"

#include <filesystem>

#include "storage/migration.h"
#include "storage/postgres/pg_change_listener.h"
#include "storage/postgres/pg_pool.h"
#include "storage/sql/sql_database_copy.h"
#include "storage/sqlite/sqlite_store.h"

namespace newsdesk {

PgStore::PgStore(const std::string& url) : SqlStore(std::make_unique<PgPool>(url)), url_(url), search_(pool()) {}

std::unique_ptr<ChangeSubscription> PgStore::SubscribeToChanges(std::function<void()> changed) {
  return std::make_unique<PgChangeListener>(url_, std::move(changed));
}

Result<std::unique_ptr<PgStore>> PgStore::Open(const std::string& url) {
  std::unique_ptr<PgStore> store(new PgStore(url));
  try {
    store->pool()->Borrow();  // fail now, not on the first request
  } catch (const StorageError& e) {
    return Error{"database", "", e.what()};
  }
  return store;
}

Status PgStore::Migrate() {
  auto db = pool()->Borrow();
  // Nodes starting together migrate one after another (a session-wide lock).
  db->Exec("SELECT pg_advisory_lock(7220317)");
  try {
    db->Exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint PRIMARY KEY, name text NOT NULL, "
        "applied_at bigint NOT NULL DEFAULT extract(epoch FROM now())::bigint)");
    ApplyMigrations(db.get(), storage::postgres_migrations());
  } catch (const StorageError& e) {
    db->Exec("SELECT pg_advisory_unlock(7220317)");
    return Error{"database", "schema", e.what()};
  }
  db->Exec("SELECT pg_advisory_unlock(7220317)");
  return Status::Ok();
}

std::string PgStore::AdminSearchIdsSql(int limit) const {
  // ?5 is the tsquery (AdminSearchText).
  return "SELECT id FROM articles WHERE search @@ to_tsquery('newsdesk', ?5) ORDER BY id DESC LIMIT " +
         std::to_string(limit);
}

// A PostgreSQL site's backup is a SQLite file, the same as a SQLite site's:
// one format for newsdesk backup and restore on both engines (and pg_dump for
// what PostgreSQL's own tools do better; docs/deploy.md).
Status PgStore::BackupTo(const std::string& file) {
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) {
    return Error{"backup", file, "exists already; choose a new file name"};
  }
  Status result = Status::Ok();
  {
    auto copy = SqliteStore::Open(file);
    if (!copy.ok()) return Error{"backup", file, copy.error().message};
    if (Status st = copy.value()->Migrate(); !st.ok()) {
      result = st;
    } else if (auto copied = CopyDatabase(*this, *copy.value()); !copied.ok()) {
      result = Error{"backup", file, copied.error().ToString()};
    }
  }
  if (!result.ok()) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file + suffix, ec);
  }
  return result;
}

Status PgStore::RestoreFrom(const std::string& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return Error{"restore", file, "no such file"};
  auto backup = SqliteStore::Open(file);
  if (!backup.ok()) return Error{"restore", file, backup.error().message};
  if (Status st = backup.value()->Migrate(); !st.ok()) return Error{"restore", file, st.error().ToString()};
  CopyOptions options;
  options.replace = true;
  auto copied = CopyDatabase(*backup.value(), *this, options);
  if (!copied.ok()) return Error{"restore", file, copied.error().ToString()};
  NoteLocalWrite();
  return Status::Ok();
}

}  // namespace newsdesk
