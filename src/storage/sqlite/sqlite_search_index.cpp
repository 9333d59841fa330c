// Full-text search with SQLite FTS5 (migrations/sqlite/0002_search.sql): the
// article_search table, kept by triggers on articles.
#include "storage/sqlite/sqlite_search_index.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <vector>

#include "storage/sql/sql_article_rows.h"
#include "storage/sqlite/sqlite_pool.h"
#include "storage/sqlite/sqlite_search_rank.h"
#include "storage/store.h"

namespace newsdesk {

using sql_rows::kArticleColumns;
using sql_rows::kPublicWhere;

SearchPage SqliteSearchIndex::Search(const SearchQuery& q) {
  auto db = pool_->Borrow();
  DeadlineScope deadline(db.get(), q.budget_ms);
  SearchPage page;
  // One walk of the index: the newest kMaxRankedHits matches with what
  // ranks them (sqlite_search_rank.h). FTS5 reads a term's document list in
  // rowid order and stops there; neither ranking nor counting reads the
  // rest of a common word's matches.
  struct Match {
    std::int64_t id;
    double rank = 0;
    UnixSeconds at = 0;
  };
  std::vector<Match> matches;
  {
    std::vector<std::string> hits;
    auto st = db->Prepare(
        "SELECT rowid, newsdesk_hits(article_search) FROM article_search WHERE article_search MATCH ?1 "
        "ORDER BY rowid DESC LIMIT ?2");
    st.Bind(1, q.fts_query).Bind(2, static_cast<std::int64_t>(kMaxRankedHits) + 1);
    while (st.Step()) {
      matches.push_back({st.Int(0)});
      hits.push_back(st.Text(1));
    }
    if (matches.size() > static_cast<size_t>(kMaxRankedHits)) {
      matches.pop_back();
      hits.pop_back();
      page.more = true;
    }
    // Column weights: a hit in the title outranks one in the summary, which
    // outranks one in the body.
    std::vector<double> ranks = RankHits(hits, {10.0, 4.0, 1.0});
    for (size_t i = 0; i < matches.size(); ++i) matches[i].rank = ranks[i];
  }
  // Which of them readers may see, and when they were published (ties).
  std::vector<std::int64_t> all_ids;
  for (const Match& m : matches) all_ids.push_back(m.id);
  std::string ids = sql_rows::IdsJson(all_ids);
  {
    static const std::string visible = fmt::format(
        "SELECT a.id, a.published_at FROM articles a WHERE a.id IN (SELECT value FROM json_each(?2)) AND {}",
        kPublicWhere);
    auto st = db->Prepare(visible);
    st.Bind(1, q.now).Bind(2, ids);
    std::unordered_map<std::int64_t, UnixSeconds> at;
    while (st.Step()) at.emplace(st.Int(0), st.Int(1));
    std::erase_if(matches, [&](Match& m) {
      auto it = at.find(m.id);
      if (it == at.end()) return true;
      m.at = it->second;
      return false;
    });
  }
  page.total = static_cast<std::int64_t>(matches.size());
  std::stable_sort(matches.begin(), matches.end(), [](const Match& x, const Match& y) {
    return x.rank != y.rank ? x.rank < y.rank : x.at > y.at;
  });
  size_t from = std::min(matches.size(), static_cast<size_t>(std::max(0, q.offset)));
  size_t to = std::min(matches.size(), from + static_cast<size_t>(std::max(0, q.limit)));
  if (from == to) return page;

  // The page's rows, and snippets for those only.
  static const std::string rows = fmt::format(
      "SELECT {}, snippet(article_search, -1, char(2), char(3), '…', 24) FROM article_search "
      "JOIN articles a ON a.id = article_search.rowid JOIN columns c ON c.id = a.column_id "
      "WHERE article_search MATCH ?2 AND article_search.rowid IN (SELECT value FROM json_each(?3))",
      kArticleColumns);
  std::vector<std::int64_t> page_ids;
  for (size_t i = from; i < to; ++i) page_ids.push_back(matches[i].id);
  auto st = db->Prepare(rows);
  st.Bind(2, q.fts_query).Bind(3, sql_rows::IdsJson(page_ids));
  page.hits = sql_rows::ReadSearchHits(db.get(), st, page_ids);
  return page;
}

}  // namespace newsdesk
