// The SQLite back end of Store: the shared SQL stores (storage/sql/) on a pool
// of connections to one file, plus what only SQLite has here: its migrations
// (migrations/sqlite/), FTS5 search and the online backup API.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "storage/sql/sql_store.h"
#include "storage/sqlite/sqlite_search_index.h"

namespace newsdesk {

class SqliteStore : public SqlStore {
 public:
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);

  Status Migrate() override;
  SearchIndex& search() override { return search_; }
  Status BackupTo(const std::string& file) override;    // sqlite_backup.cpp
  Status RestoreFrom(const std::string& file) override;  // sqlite_backup.cpp

  void StartBulkImport(SqlConnection* db) override;
  void FinishBulkImport(SqlConnection* db) override;
  void EndBulkImport(SqlConnection* db) override;

 protected:
  std::string AdminSearchIdsSql(int limit) const override;
  const char* AdminIdIndexHint() const override { return "INDEXED BY articles_desk_by_id"; }

 private:
  explicit SqliteStore(const std::string& path);

  SqliteSearchIndex search_;
  // The article tables' secondary indexes a bulk import dropped, as (name,
  // CREATE statement), to build again at its Commit. Only touched inside the
  // import's write transaction: there is one writer at a time.
  std::vector<std::pair<std::string, std::string>> deferred_indexes_;
};

}  // namespace newsdesk
