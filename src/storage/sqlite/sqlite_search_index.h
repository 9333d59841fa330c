#pragma once

#include "storage/search_index.h"

namespace newsdesk {

class SqlitePool;

// The SQLite back end of SearchIndex (FTS5), on the same pool as SqliteStore.
class SqliteSearchIndex : public SearchIndex {
 public:
  explicit SqliteSearchIndex(SqlitePool* pool) : pool_(pool) {}
  SearchPage Search(const SearchQuery& query) override;

 private:
  SqlitePool* pool_;
};

}  // namespace newsdesk
