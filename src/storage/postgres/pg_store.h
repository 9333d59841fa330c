// The PostgreSQL back end of Store: the shared SQL stores (storage/sql/) on a
// pool of libpq connections, plus what is PostgreSQL's own here: its
// migrations (migrations/postgres/), tsvector search. See README.md here.
#pragma once

#include <memory>
#include <string>

#include "storage/postgres/pg_search_index.h"
#include "storage/sql/sql_store.h"

namespace newsdesk {

class PgStore : public SqlStore {
 public:
  // `url`: postgresql://user@host:port/db (or any libpq connection string).
  static Result<std::unique_ptr<PgStore>> Open(const std::string& url);

  Status Migrate() override;
  SearchIndex& search() override { return search_; }
  // A backup is a SQLite file, as SQLite's own (sql_database_copy.h).
  Status BackupTo(const std::string& file) override;
  Status RestoreFrom(const std::string& file) override;
  std::unique_ptr<ChangeSubscription> SubscribeToChanges(std::function<void()> changed) override;

 protected:
  std::string AdminSearchIdsSql(int limit) const override;
  std::string AdminSearchText(const std::string& fts_query) const override { return ToTsQuery(fts_query); }

 private:
  explicit PgStore(const std::string& url);

  std::string url_;

  PgSearchIndex search_;
};

}  // namespace newsdesk
