#pragma once

#include "storage/search_index.h"

namespace newsdesk {

class SqlPool;

// The PostgreSQL back end of SearchIndex: articles.search, a tsvector the
// database keeps (title weighted A, summary B, body C; migrations/postgres/
// 0001_schema.sql) under a GIN index, ranked with ts_rank; snippets by
// ts_headline for the page's hits only.
class PgSearchIndex : public SearchIndex {
 public:
  explicit PgSearchIndex(SqlPool* pool) : pool_(pool) {}
  SearchPage Search(const SearchQuery& query) override;

 private:
  SqlPool* pool_;
};

// The tsquery text for a query in the FTS5 syntax of content/search_query.h
// (quoted terms and phrases, prefix "abc"*, all of them required): each word
// a quoted lexeme, a phrase's words joined by <->, a prefix marked :*.
std::string ToTsQuery(const std::string& fts_query);

}  // namespace newsdesk
