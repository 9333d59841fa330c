// The editors' side of articles in SQL: the admin list (filters, search,
// sorting) and the trash.
#include <fmt/format.h>

#include "storage/sql/sql_article_rows.h"
#include "storage/sql/sql_connection.h"
#include "storage/sql/sql_store.h"

namespace newsdesk {

namespace {

// Past this a list query is stopped (QueryTimeout): a search over a huge
// archive must not hold a connection for long.
constexpr int kListBudgetMs = 1000;

// The statement for one combination of filters. Only fixed fragments go into
// the text (never a value), so there are at most a few hundred distinct
// statements, each prepared once per connection. Parameters by number:
// ?1 status ?2 column ?3 author ?4 tag ?5 search ?6 from ?7 until ?8 limit ?9 offset.
struct ListSql {
  std::string ids;
  std::string count;
};

ListSql BuildListSql(const AdminArticleQuery& q, const std::string& search_ids, const char* id_index_hint) {
  // Filters that name a set of articles (an author's, a tag's, a search's).
  // The smallest likely set drives the query: its ids are looked up in a
  // narrow index (articles_desk_by_id) and only they are sorted, instead of
  // walking the whole archive in order and testing each article.
  std::vector<std::string> sets;
  if (!q.fts_query.empty()) {
    // A search looks at the newest kMaxListedMatches matches only (FTS5 walks
    // a term's list newest first and stops): a common word would otherwise
    // match half the archive, and its cost would grow with it.
    sets.push_back(search_ids);
  }
  if (!q.author_slug.empty()) {
    sets.push_back("SELECT article_id AS id FROM article_authors WHERE author_id = (SELECT id FROM authors WHERE "
                   "slug = ?3)");
  }
  if (!q.tag_slug.empty()) {
    sets.push_back("SELECT article_id AS id FROM article_tags WHERE tag_id = (SELECT id FROM tags WHERE slug = ?4)");
  }
  std::string from = "articles a";
  std::string where = q.trash ? "a.trashed_at IS NOT NULL" : "a.trashed_at IS NULL";
  if (!sets.empty()) {
    from = "(" + sets.front() + ") s JOIN articles a " + id_index_hint + " ON a.id = s.id";
    for (size_t i = 1; i < sets.size(); ++i) where += " AND a.id IN (" + sets[i] + ")";
  }
  if (q.status == "draft") where += " AND a.status = 'draft' AND a.in_review = 0";
  else if (q.status == "review") where += " AND a.status = 'draft' AND a.in_review = 1";
  else if (!q.status.empty()) where += " AND a.status = ?1";
  if (!q.column_slug.empty()) where += " AND a.column_id = (SELECT id FROM columns WHERE slug = ?2)";
  if (q.from) where += " AND a.published_at >= ?6";
  if (q.until) where += " AND a.published_at < ?7";
  const char* order = "a.updated_at DESC, a.id DESC";
  switch (q.sort) {
    case AdminArticleQuery::Sort::kNewest: order = "a.published_at DESC, a.id DESC"; break;
    case AdminArticleQuery::Sort::kOldest: order = "a.published_at ASC, a.id ASC"; break;
    case AdminArticleQuery::Sort::kUpdated: order = "a.updated_at DESC, a.id DESC"; break;
    case AdminArticleQuery::Sort::kTitle: order = "a.title COLLATE NOCASE ASC, a.id ASC"; break;
  }
  if (q.trash) order = "a.trashed_at DESC, a.id DESC";
  return {fmt::format("SELECT a.id FROM {} WHERE {} ORDER BY {} LIMIT ?8 OFFSET ?9", from, where, order),
          fmt::format("SELECT COUNT(*) FROM {} WHERE {}", from, where)};
}

void BindFilters(SqlStatement& st, const AdminArticleQuery& q, const std::string& search) {
  if (!q.status.empty() && q.status != "draft" && q.status != "review") st.Bind(1, q.status);
  if (!q.column_slug.empty()) st.Bind(2, q.column_slug);
  if (!q.author_slug.empty()) st.Bind(3, q.author_slug);
  if (!q.tag_slug.empty()) st.Bind(4, q.tag_slug);
  if (!q.fts_query.empty()) st.Bind(5, search);
  if (q.from) st.Bind(6, q.from);
  if (q.until) st.Bind(7, q.until);
}

}  // namespace

ListingPage SqlStore::ListArticles(const AdminArticleQuery& q) {
  auto db = pool_->Borrow();
  DeadlineScope deadline(db.get(), kListBudgetMs);
  const std::string search = q.fts_query.empty() ? "" : AdminSearchText(q.fts_query);
  ListSql sql = BuildListSql(q, q.fts_query.empty() ? "" : AdminSearchIdsSql(kMaxListedMatches), AdminIdIndexHint());
  std::vector<std::int64_t> ids;
  {
    // Planned for its values (SqlConnection::PrepareForValues): a search's
    // words, how deep the page is, which filters are narrow. The desk can
    // afford the planning; a generic plan took 0.9 s for a phrase search and
    // twice as long as needed for the 50th page (PostgreSQL, 100,000 articles).
    auto st = db->PrepareForValues(sql.ids);
    BindFilters(st, q, search);
    st.Bind(8, q.limit).Bind(9, q.offset);
    while (st.Step()) ids.push_back(st.Int(0));
  }
  ListingPage page;
  std::vector<std::int64_t> kept;  // of the rows still there (a delete may have come in between)
  {
    // The page's rows by id, in the order found.
    static const std::string rows = fmt::format(
        "SELECT {}, a.in_review, COALESCE(a.trashed_at, 0) FROM articles a JOIN columns c ON c.id = a.column_id "
        "WHERE a.id = ?1", sql_rows::kArticleColumns);
    static const std::string whole = fmt::format(
        "SELECT {} FROM articles a JOIN columns c ON c.id = a.column_id WHERE a.id = ?1",
        sql_rows::kArticleDetailColumns);
    if (q.whole) {
      for (std::int64_t id : ids) {
        auto st = db->Prepare(whole);
        st.Bind(1, id);
        if (auto a = sql_rows::ReadWholeArticle(db.get(), st)) page.items.push_back(std::move(*a));
      }
    }
    for (std::int64_t id : q.whole ? std::vector<std::int64_t>{} : ids) {
      auto st = db->Prepare(rows);
      st.Bind(1, id);
      if (!st.Step()) continue;
      Article a = sql_rows::ReadArticleRow(st);
      if (st.Int(9) && a.status == ArticleStatus::kDraft) a.status = ArticleStatus::kReview;
      a.trashed_at = st.Int(10);
      page.items.push_back(std::move(a));
      kept.push_back(id);
    }
  }
  {
    auto st = db->PrepareForValues(sql.count);
    BindFilters(st, q, search);
    st.Step();
    page.total = st.Int(0);
  }
  if (!q.whole) sql_rows::FillRelations(db.get(), &page.items, kept, /*with_tags=*/true);
  return page;
}

TrashOutcome SqlStore::TrashArticle(const std::string& slug, const std::string& by, UnixSeconds now) {
  auto db = pool_->Borrow();
  ScopedLocalWrite noted(this);
  SqlTransaction tx(db.get());
  auto st = db->Prepare("SELECT trashed_at IS NOT NULL FROM articles WHERE slug = ?1");
  st.Bind(1, slug);
  if (!st.Step()) return TrashOutcome::kNotFound;
  if (st.Int(0)) return TrashOutcome::kAlready;
  db->Prepare(
        "UPDATE articles SET trashed_at = ?2, trashed_by = ?3, trashed_status = CASE WHEN in_review = 1 "
        "THEN 'review' ELSE status END, status = 'draft', in_review = 0 WHERE slug = ?1")
      .Bind(1, slug).Bind(2, now).Bind(3, by)
      .Run();
  tx.Commit();
  return TrashOutcome::kDone;
}

TrashOutcome SqlStore::RestoreArticle(const std::string& slug) {
  auto db = pool_->Borrow();
  ScopedLocalWrite noted(this);
  SqlTransaction tx(db.get());
  auto st = db->Prepare("SELECT trashed_at IS NULL FROM articles WHERE slug = ?1");
  st.Bind(1, slug);
  if (!st.Step()) return TrashOutcome::kNotFound;
  if (st.Int(0)) return TrashOutcome::kAlready;
  db->Prepare(
        "UPDATE articles SET status = CASE trashed_status WHEN 'review' THEN 'draft' ELSE "
        "COALESCE(trashed_status, 'draft') END, in_review = CASE WHEN trashed_status = 'review' THEN 1 ELSE 0 END, trashed_at = NULL, "
        "trashed_by = NULL, trashed_status = NULL WHERE slug = ?1")
      .Bind(1, slug)
      .Run();
  tx.Commit();
  return TrashOutcome::kDone;
}

int SqlStore::EmptyTrash(UnixSeconds before) {
  auto db = pool_->Borrow();
  ScopedLocalWrite noted(this);
  SqlTransaction tx(db.get());
  db->Prepare("DELETE FROM articles WHERE trashed_at IS NOT NULL AND trashed_at < ?1").Bind(1, before).Run();
  int deleted = db->Changes();
  tx.Commit();
  return deleted;
}

}  // namespace newsdesk
