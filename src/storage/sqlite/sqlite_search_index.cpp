// Full-text search with SQLite FTS5 (migrations/sqlite/0002_search.sql): the
// article_search table, kept by triggers on articles.
#include "storage/sqlite/sqlite_search_index.h"

#include <fmt/format.h>

#include "storage/sqlite/sqlite_article_rows.h"
#include "storage/sqlite/sqlite_pool.h"
#include "storage/store.h"

namespace newsdesk {

using sqlite_rows::FillRelations;
using sqlite_rows::kArticleColumns;
using sqlite_rows::kPublicWhere;
using sqlite_rows::ReadArticleRow;

SearchPage SqliteSearchIndex::Search(const SearchQuery& q) {
  auto db = pool_->Borrow();
  DeadlineScope deadline(db.get(), q.budget_ms);
  SearchPage page;
  // Only the newest kMaxRankedHits matches are ranked: FTS5 walks a term's
  // document list in rowid order and stops at the cutoff, where ranking every
  // match of a common word would read all of them.
  std::int64_t cutoff = 0;
  {
    auto st = db->Prepare(
        "SELECT rowid FROM article_search WHERE article_search MATCH ?1 ORDER BY rowid DESC LIMIT 1 OFFSET ?2");
    st.Bind(1, q.fts_query).Bind(2, static_cast<std::int64_t>(kMaxRankedHits));
    if (st.Step()) {
      cutoff = st.Int(0) + 1;
      page.more = true;
    }
  }
  std::vector<std::int64_t> ids;
  // The page's hits are picked first (bm25 column weights: a hit in the title
  // outranks one in the summary, which outranks one in the body); snippets are
  // then made for those rows only, not for every match SQLite sorts.
  static const std::string rows = fmt::format(
      "WITH top AS (SELECT article_search.rowid AS id, bm25(article_search, 10.0, 4.0, 1.0) AS rank, "
      "a.published_at AS at FROM article_search JOIN articles a ON a.id = article_search.rowid "
      "WHERE article_search MATCH ?2 AND article_search.rowid >= ?5 AND {} "
      "ORDER BY rank, a.published_at DESC LIMIT ?3 OFFSET ?4) "
      "SELECT {}, snippet(article_search, -1, char(2), char(3), '…', 24) FROM top "
      "JOIN article_search ON article_search.rowid = top.id "
      "JOIN articles a ON a.id = top.id JOIN columns c ON c.id = a.column_id "
      "WHERE article_search MATCH ?2 ORDER BY top.rank, top.at DESC",
      kPublicWhere, kArticleColumns);
  static const std::string count = fmt::format(
      "SELECT COUNT(*) FROM article_search JOIN articles a ON a.id = article_search.rowid "
      "WHERE article_search MATCH ?2 AND article_search.rowid >= ?5 AND {}", kPublicWhere);
  std::vector<Article> articles;
  std::vector<std::string> snippets;
  {
    auto st = db->Prepare(rows);
    st.Bind(1, q.now).Bind(2, q.fts_query).Bind(3, q.limit).Bind(4, q.offset).Bind(5, cutoff);
    while (st.Step()) {
      ids.push_back(st.Int(0));
      articles.push_back(ReadArticleRow(st));
      snippets.push_back(st.Text(9));
    }
  }
  {
    auto st = db->Prepare(count);
    st.Bind(1, q.now).Bind(2, q.fts_query).Bind(5, cutoff);
    st.Step();
    page.total = st.Int(0);
  }
  FillRelations(db.get(), &articles, ids, /*with_tags=*/false);
  for (size_t i = 0; i < articles.size(); ++i) {
    page.hits.push_back({std::move(articles[i]), std::move(snippets[i])});
  }
  return page;
}

}  // namespace newsdesk
