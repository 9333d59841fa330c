// SearchIndex: full-text search over articles, a concern of its own so that
// another engine (Xapian, PostgreSQL's own) can serve it behind the same
// interface. Each back end of Store has one (Store::search()).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "content/model.h"

namespace newsdesk {

// A full-text query already in FTS5 syntax (see content/search_query.h: user text
// never reaches MATCH unconverted).
struct SearchQuery {
  std::string fts_query;
  UnixSeconds now = 0;
  int limit = 20;
  int offset = 0;
  int budget_ms = 0;  // stop after this long (QueryTimeout); 0: no limit
};

struct SearchHit {
  Article article;      // as in a listing
  std::string snippet;  // plain text; matches between kSnippetStart and kSnippetEnd
};
constexpr char kSnippetStart = '\x02';
constexpr char kSnippetEnd = '\x03';

// At most this many matches are ranked: when a query matches more (a common
// word in a large archive), the most recently added kMaxRankedHits matches are
// ranked and the rest are not shown. Ranking all of them would make the
// cost of one search grow with the archive.
constexpr int kMaxRankedHits = 1000;

struct SearchPage {
  std::vector<SearchHit> hits;  // best first (bm25: title counts most, then summary, body)
  std::int64_t total = 0;       // at most kMaxRankedHits
  bool more = false;            // there were more matches than kMaxRankedHits
};

class SearchIndex {
 public:
  virtual ~SearchIndex() = default;
  // Public articles matching a full-text query, best first. Snippets are made
  // for the hits on the page only. Throws QueryTimeout past query.budget_ms.
  virtual SearchPage Search(const SearchQuery& query) = 0;
};

}  // namespace newsdesk
