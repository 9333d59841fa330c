#include "storage/sqlite/sqlite_store.h"

#include "storage/migration.h"
#include "storage/sqlite/sqlite_pool.h"

namespace newsdesk {

SqliteStore::SqliteStore(const std::string& path) : SqlStore(std::make_unique<SqlitePool>(path)), search_(pool()) {}

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  std::unique_ptr<SqliteStore> store(new SqliteStore(path));
  try {
    store->pool()->Borrow();  // fail now, not on the first request
  } catch (const StorageError& e) {
    return Error{"database", "", e.what()};
  }
  return store;
}

Status SqliteStore::Migrate() {
  auto db = pool()->Borrow();
  db->Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
      "name TEXT NOT NULL, applied_at INTEGER NOT NULL DEFAULT (unixepoch()))");
  ApplyMigrations(db.get(), storage::sqlite_migrations());
  return Status::Ok();
}

std::string SqliteStore::AdminSearchIdsSql(int limit) const {
  // FTS5 walks a term's list newest first and stops after `limit`.
  return "SELECT rowid AS id FROM article_search WHERE article_search MATCH ?5 ORDER BY rowid DESC LIMIT " +
         std::to_string(limit);
}

void SqliteStore::StartBulkImport(SqlConnection* db) {
  // A big transaction's pages stay in memory rather than spilling to the WAL
  // and being written again as the indexes grow (back to the pool's default
  // at the end).
  db->Exec(("PRAGMA cache_size = -" + std::to_string(kBulkPageCacheKiB)).c_str());
  // New articles from here on are indexed for search at Commit (0027).
  db->Exec("UPDATE search_backlog SET after_id = (SELECT COALESCE(MAX(id), 0) FROM articles)");
  // The article tables' secondary indexes are built once at Commit instead of
  // growing row by row: building one from sorted keys is far cheaper than
  // 100,000 inserts at random places in a B-tree (100,000 articles: 42.8 -> 32.4 s).
  // Unique ones stay (they check what is written, and slug is the upsert's
  // key). In the import's transaction: a failed or killed import rolls the
  // drops back too.
  deferred_indexes_.clear();
  {
    auto st = db->Prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND "
        "sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN ('articles', 'article_authors', 'article_tags', "
        "'article_media') ORDER BY name");
    while (st.Step()) deferred_indexes_.emplace_back(st.Text(0), st.Text(1));
  }
  for (const auto& [name, sql] : deferred_indexes_) db->Exec(("DROP INDEX \"" + name + "\"").c_str());
}

void SqliteStore::FinishBulkImport(SqlConnection* db) {
  // The articles this import added, indexed for search in one go (0027).
  db->Exec(
      "INSERT INTO article_search (rowid, title, summary, body) SELECT id, title, summary, body FROM articles "
      "WHERE id > (SELECT after_id FROM search_backlog); UPDATE search_backlog SET after_id = NULL");
  for (const auto& [name, sql] : deferred_indexes_) db->Exec(sql.c_str());
  deferred_indexes_.clear();
}

void SqliteStore::EndBulkImport(SqlConnection* db) {
  deferred_indexes_.clear();  // dropped and built again by Commit, or rolled back with the import
  db->Exec(("PRAGMA cache_size = -" + std::to_string(kPageCacheKiB)).c_str());
}

}  // namespace newsdesk
