#pragma once

#include "storage/search_index.h"

namespace newsdesk {

class SqlPool;

// The SQLite back end of SearchIndex (FTS5), on the same pool as the rest of SqliteStore.
class SqliteSearchIndex : public SearchIndex {
 public:
  explicit SqliteSearchIndex(SqlPool* pool) : pool_(pool) {}
  SearchPage Search(const SearchQuery& query) override;

 private:
  SqlPool* pool_;
};

}  // namespace newsdesk
