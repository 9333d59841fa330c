#include "storage/sql/sql_store.h"

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "storage/sql/sql_article_rows.h"
#include "storage/sql/sql_connection.h"
#include "transfer/bundle.h"

namespace newsdesk {

using sql_rows::FillRelations;
using sql_rows::kArticleColumns;
using sql_rows::kArticleDetailColumns;
using sql_rows::kPublicWhere;
using sql_rows::ReadArticleRow;

namespace {

// The ids of one listing page, newest first, from an index alone (?1 now,
// ?2 the column/author/tag slug, ?3 limit, ?4 offset, ?5 published since,
// ?6 and ?7 the published_at and id a page after an earlier one starts
// below): OFFSET skips index entries, never whole rows, and a page after a
// known one is a seek (?1 is then also the earlier page's last published_at).
std::string ListingIdsSql(ListingFilter::Kind kind) {
  constexpr const char* kLink =
      "SELECT l.article_id AS id FROM {0} l WHERE l.{1} = (SELECT id FROM {2} WHERE slug = ?2) AND l.public = 1 "
      "AND l.published_at <= ?1 AND l.published_at >= ?5 AND (l.published_at < ?6 OR l.article_id < ?7) "
      "ORDER BY l.published_at DESC, l.article_id DESC";
  switch (kind) {
    case ListingFilter::Kind::kAll:
      return "SELECT a.id AS id FROM articles a WHERE a.status IN ('published', 'scheduled') AND "
             "a.published_at <= ?1 AND a.published_at >= ?5 AND (a.published_at < ?6 OR a.id < ?7) "
             "ORDER BY a.published_at DESC, a.id DESC";
    case ListingFilter::Kind::kColumn:
      return "SELECT a.id AS id FROM articles a WHERE a.column_id = (SELECT id FROM columns WHERE slug = ?2) "
             "AND a.status IN ('published', 'scheduled') AND a.published_at <= ?1 AND a.published_at >= ?5 "
             "AND (a.published_at < ?6 OR a.id < ?7) ORDER BY a.published_at DESC, a.id DESC";
    case ListingFilter::Kind::kAuthor:
      return fmt::format(kLink, "article_authors", "author_id", "authors");
    case ListingFilter::Kind::kTag:
      return fmt::format(kLink, "article_tags", "tag_id", "tags");
  }
  return "";
}

// Statement texts are built once per filter kind and kept, so the connection's
// statement cache sees the same strings every time.
struct ListingSql {
  std::string rows;              // the page's articles without bodies
  std::string rows_corrections;  // with their corrections (feeds)
  std::string count;
};

const ListingSql& ListingStatements(ListingFilter::Kind kind) {
  static const auto* all = [] {
    auto* m = new std::unordered_map<int, ListingSql>;
    for (auto k : {ListingFilter::Kind::kAll, ListingFilter::Kind::kColumn,
                   ListingFilter::Kind::kAuthor, ListingFilter::Kind::kTag}) {
      std::string ids = ListingIdsSql(k);
      constexpr const char* kRows =
          "SELECT {}{} FROM ({} LIMIT ?3 OFFSET ?4) page JOIN articles a ON a.id = page.id "
          "JOIN columns c ON c.id = a.column_id ORDER BY a.published_at DESC, a.id DESC";
      (*m)[static_cast<int>(k)] = ListingSql{
          fmt::format(kRows, kArticleColumns, "", ids),
          fmt::format(kRows, kArticleColumns, ", a.corrections", ids),
          fmt::format("SELECT COUNT(*) FROM ({}) AS matching", ids)};
    }
    return m;
  }();
  return all->at(static_cast<int>(kind));
}

}  // namespace

SqlStore::~SqlStore() = default;

void SqlStore::ApplyMigrations(SqlConnection* db, const std::vector<storage::Migration>& migrations) {
  for (const auto& m : migrations) {
    SqlTransaction tx(db);
    {
      auto st = db->Prepare("SELECT 1 FROM schema_migrations WHERE version = ?1");
      st.Bind(1, m.version);
      if (st.Step()) continue;
    }
    db->Exec(m.sql);
    auto st = db->Prepare("INSERT INTO schema_migrations (version, name) VALUES (?1, ?2)");
    st.Bind(1, m.version).Bind(2, m.name).Run();
    tx.Commit();
  }
}

bool SqlStore::DeleteArticle(const std::string& slug) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare("DELETE FROM articles WHERE slug = ?1").Bind(1, slug).Run();
  bool found = db->Changes() > 0;
  tx.Commit();
  NoteLocalWrite();
  return found;
}

std::optional<Publication> SqlStore::LoadPublication() {
  auto db = pool_->Borrow();
  auto st = db->Prepare(
      "SELECT name, base_url, language, timezone, copyright, newsletter_pitch, cookie_notice, "
      "cookie_policy_url, mail_from, COALESCE(logo_id, ''), COALESCE(icon_id, ''), theme_color "
      "FROM publication WHERE id = 1");
  if (!st.Step()) return std::nullopt;
  return Publication{st.Text(0), st.Text(1), st.Text(2), st.Text(3),  st.Text(4),  st.Text(5),
                     st.Text(6), st.Text(7), st.Text(8), st.Text(9), st.Text(10), st.Text(11)};
}

namespace {

constexpr const char* kAuthorColumns = "slug, name, bio, email, links, COALESCE(photo_id, '')";
constexpr const char* kColumnColumns = "slug, name, title, description, send_newsletter, position";

Author ReadAuthor(SqlStatement& st) {
  Author a{st.Text(0), st.Text(1), st.Text(2), st.Text(3), {}, st.Text(5)};
  auto links = nlohmann::json::parse(st.Text(4), nullptr, /*allow_exceptions=*/false);
  if (links.is_array()) {
    for (const auto& l : links) {
      if (l.is_string()) a.links.push_back(l.get<std::string>());
    }
  }
  return a;
}

Column ReadColumn(SqlStatement& st) {
  return {st.Text(0), st.Text(1), st.Text(2), st.Text(3), st.Int(4) != 0, static_cast<int>(st.Int(5))};
}

}  // namespace

std::optional<Author> SqlStore::FindAuthor(const std::string& slug) {
  auto db = pool_->Borrow();
  auto st = db->Prepare(std::string("SELECT ") + kAuthorColumns + " FROM authors WHERE slug = ?1");
  st.Bind(1, slug);
  if (!st.Step()) return std::nullopt;
  return ReadAuthor(st);
}

std::optional<Column> SqlStore::FindColumn(const std::string& slug) {
  auto db = pool_->Borrow();
  auto st = db->Prepare(std::string("SELECT ") + kColumnColumns + " FROM columns WHERE slug = ?1");
  st.Bind(1, slug);
  if (!st.Step()) return std::nullopt;
  return ReadColumn(st);
}

std::vector<Column> SqlStore::ListColumns() {
  auto db = pool_->Borrow();
  auto st = db->Prepare(std::string("SELECT ") + kColumnColumns + " FROM columns ORDER BY position, name, slug");
  std::vector<Column> out;
  while (st.Step()) out.push_back(ReadColumn(st));
  return out;
}

std::optional<Tag> SqlStore::FindTag(const std::string& slug) {
  auto db = pool_->Borrow();
  auto st = db->Prepare("SELECT slug, name, description FROM tags WHERE slug = ?1");
  st.Bind(1, slug);
  if (!st.Step()) return std::nullopt;
  return Tag{st.Text(0), st.Text(1), st.Text(2)};
}

std::optional<Article> SqlStore::FindPublicArticle(const std::string& slug, UnixSeconds now) {
  auto db = pool_->Borrow();
  static const std::string sql = fmt::format(
      "SELECT {} FROM articles a JOIN columns c ON c.id = a.column_id WHERE {} AND a.slug = ?2",
      kArticleDetailColumns, kPublicWhere);
  auto st = db->Prepare(sql);
  st.Bind(1, now).Bind(2, slug);
  return sql_rows::ReadWholeArticle(db.get(), st);
}

void SqlStore::FillBodies(const std::vector<Article*>& articles) {
  if (articles.empty()) return;
  nlohmann::json slugs = nlohmann::json::array();
  for (const Article* a : articles) slugs.push_back(a->slug);
  auto db = pool_->Borrow();
  auto st = db->Prepare("SELECT slug, body, body_format FROM articles WHERE slug IN (SELECT value FROM json_each(?1))");
  st.Bind(1, slugs.dump());
  std::unordered_map<std::string, Article*> by_slug;
  for (Article* a : articles) by_slug.emplace(a->slug, a);
  while (st.Step()) {
    auto it = by_slug.find(st.Text(0));
    if (it == by_slug.end()) continue;
    it->second->body = st.Text(1);
    ParseBodyFormat(st.Text(2), &it->second->body_format);
  }
}

ListingPage SqlStore::ListPublicArticles(const ListingQuery& q) {
  auto db = pool_->Borrow();
  const ListingSql& sql = ListingStatements(q.filter.kind);
  bool has_slug = q.filter.kind != ListingFilter::Kind::kAll;
  // Where the listing starts: ?1 bounds the index range, ?6/?7 break ties at
  // that instant. Without `after`, ?6/?7 let every row through.
  constexpr auto kNoBound = std::numeric_limits<std::int64_t>::max();
  auto bind_range = [&](SqlStatement& st, const std::optional<ListingKey>& after) {
    st.Bind(1, after ? std::min(q.now, after->published_at) : q.now)
        .Bind(5, q.since)
        .Bind(6, after ? after->published_at : kNoBound)
        .Bind(7, after ? after->id : kNoBound);
    if (has_slug) st.Bind(2, q.filter.slug);
  };
  ListingPage page;
  std::vector<std::int64_t> ids;
  {
    auto st = db->Prepare(q.with_corrections ? sql.rows_corrections : sql.rows);
    bind_range(st, q.after);
    st.Bind(3, q.limit).Bind(4, q.offset);
    while (st.Step()) {
      ids.push_back(st.Int(0));
      page.items.push_back(ReadArticleRow(st));
      if (q.with_corrections) page.items.back().corrections = sql_rows::ParseCorrections(st.Text(9));
    }
  }
  if (!ids.empty()) {
    page.first = ListingKey{page.items.front().published_at, ids.front()};
    page.last = ListingKey{page.items.back().published_at, ids.back()};
  }
  page.total = -1;
  if (q.with_total) {
    auto st = db->Prepare(sql.count);
    bind_range(st, std::nullopt);  // the whole listing's
    st.Step();
    page.total = st.Int(0);
  }
  FillRelations(db.get(), &page.items, ids, q.with_tags);
  return page;
}

std::vector<Article> SqlStore::PublicArticlesAfter(const std::string& after_slug, int limit, UnixSeconds now) {
  auto db = pool_->Borrow();
  static const std::string sql = fmt::format(
      "SELECT {} FROM articles a JOIN columns c ON c.id = a.column_id WHERE a.slug > ?2 AND {} "
      "ORDER BY a.slug LIMIT ?3",
      kArticleDetailColumns, kPublicWhere);
  auto st = db->Prepare(sql);
  st.Bind(1, now).Bind(2, after_slug).Bind(3, limit);
  std::vector<Article> articles;
  std::vector<std::int64_t> ids;
  std::int64_t id = 0;
  while (auto article = sql_rows::ReadWholeArticleRow(st, &id)) {
    articles.push_back(std::move(*article));
    ids.push_back(id);
  }
  FillRelations(db.get(), &articles, ids, /*with_tags=*/true);
  return articles;
}

std::optional<Article> SqlStore::FindAnyArticle(const std::string& slug) {
  auto db = pool_->Borrow();
  return sql_rows::LoadArticle(db.get(), slug);
}

std::int64_t SqlStore::ContentVersion() {
  auto db = pool_->Borrow();
  auto st = db->Prepare("SELECT value FROM content_version WHERE id = 1");
  return st.Step() ? st.Int(0) : 0;
}

std::vector<Author> SqlStore::ListAuthors() {
  auto db = pool_->Borrow();
  auto st = db->Prepare(std::string("SELECT ") + kAuthorColumns + " FROM authors ORDER BY name, slug");
  std::vector<Author> out;
  while (st.Step()) out.push_back(ReadAuthor(st));
  return out;
}

std::vector<Tag> SqlStore::ListTags() {
  auto db = pool_->Borrow();
  auto st = db->Prepare("SELECT slug, name, description FROM tags ORDER BY name, slug");
  std::vector<Tag> out;
  while (st.Step()) out.push_back({st.Text(0), st.Text(1), st.Text(2)});
  return out;
}

namespace {

// Deletes the row named by `slug` unless `in_use_sql` (?1 = slug) finds a user of it.
DeleteOutcome DeleteUnlessUsed(SqlConnection* db, const char* exists_sql, const char* in_use_sql,
                               const char* delete_sql, const std::string& slug) {
  SqlTransaction tx(db);
  {
    auto st = db->Prepare(exists_sql);
    st.Bind(1, slug);
    if (!st.Step()) return DeleteOutcome::kNotFound;
  }
  {
    auto st = db->Prepare(in_use_sql);
    st.Bind(1, slug);
    if (st.Step()) return DeleteOutcome::kInUse;
  }
  db->Prepare(delete_sql).Bind(1, slug).Run();
  tx.Commit();
  return DeleteOutcome::kDeleted;
}

}  // namespace

DeleteOutcome SqlStore::DeleteAuthor(const std::string& slug) {
  auto db = pool_->Borrow();
  ScopedLocalWrite noted(this);
  return DeleteUnlessUsed(db.get(), "SELECT 1 FROM authors WHERE slug = ?1",
                          "SELECT 1 FROM article_authors aa JOIN authors au ON au.id = aa.author_id "
                          "WHERE au.slug = ?1 LIMIT 1",
                          "DELETE FROM authors WHERE slug = ?1", slug);
}

DeleteOutcome SqlStore::DeleteColumn(const std::string& slug) {
  auto db = pool_->Borrow();
  ScopedLocalWrite noted(this);
  return DeleteUnlessUsed(db.get(), "SELECT 1 FROM columns WHERE slug = ?1",
                          "SELECT 1 FROM articles a JOIN columns c ON c.id = a.column_id WHERE c.slug = ?1 LIMIT 1",
                          "DELETE FROM columns WHERE slug = ?1", slug);
}

DeleteOutcome SqlStore::DeleteTag(const std::string& slug) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  {
    auto st = db->Prepare("SELECT 1 FROM tags WHERE slug = ?1");
    st.Bind(1, slug);
    if (!st.Step()) return DeleteOutcome::kNotFound;
  }
  // Tags are light: deleting one takes it off its articles.
  db->Prepare("DELETE FROM article_tags WHERE tag_id = (SELECT id FROM tags WHERE slug = ?1)").Bind(1, slug).Run();
  db->Prepare("DELETE FROM tags WHERE slug = ?1").Bind(1, slug).Run();
  tx.Commit();
  NoteLocalWrite();
  return DeleteOutcome::kDeleted;
}

std::vector<SitemapEntry> SqlStore::ListSitemap(UnixSeconds now) {
  auto db = pool_->Borrow();
  static const std::string sql = fmt::format(
      "WITH pub AS (SELECT a.id, a.slug, a.column_id, MAX(a.updated_at, a.published_at) AS changed "
      "FROM articles a WHERE {}) "
      "SELECT 0, slug, changed FROM pub "
      "UNION ALL SELECT 1, c.slug, MAX(pub.changed) FROM pub JOIN columns c ON c.id = pub.column_id "
      "GROUP BY c.id "
      "UNION ALL SELECT 2, au.slug, MAX(pub.changed) FROM pub JOIN article_authors aa ON "
      "aa.article_id = pub.id JOIN authors au ON au.id = aa.author_id GROUP BY au.id "
      "UNION ALL SELECT 3, t.slug, MAX(pub.changed) FROM pub JOIN article_tags at ON "
      "at.article_id = pub.id JOIN tags t ON t.id = at.tag_id GROUP BY t.id "
      "UNION ALL SELECT 4, slug, updated_at FROM pages WHERE published = 1",
      kPublicWhere);
  std::vector<SitemapEntry> out;
  auto st = db->Prepare(sql);
  st.Bind(1, now);
  while (st.Step()) {
    out.push_back({static_cast<SitemapEntry::Kind>(st.Int(0)), st.Text(1), st.Int(2)});
  }
  // One order whatever the engine: by kind, newest first, then slug byte by byte.
  std::sort(out.begin(), out.end(), [](const SitemapEntry& x, const SitemapEntry& y) {
    if (x.kind != y.kind) return x.kind < y.kind;
    if (x.lastmod != y.lastmod) return x.lastmod > y.lastmod;
    return x.slug < y.slug;
  });
  return out;
}

ContentChanges SqlStore::ChangesSince(std::int64_t after) {
  // More than this many rows since the last look: every page is dropped anyway.
  constexpr std::int64_t kMaxRows = 10000;
  auto db = pool_->Borrow();
  ContentChanges out;
  std::int64_t oldest = 0;
  {
    auto st = db->Prepare("SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), 0) FROM content_changes");
    st.Step();
    oldest = st.Int(0);
    out.last = st.Int(1);
  }
  // Never read, pruned since, far behind, or ahead of the log (a restored backup):
  // every page has changed.
  if (after <= 0 || after > out.last || after + 1 < oldest || out.last - after > kMaxRows) {
    out.everything = after != out.last;
    return out;
  }
  auto st = db->Prepare("SELECT id, scope FROM content_changes WHERE id > ?1 AND id <= ?2 ORDER BY id");
  st.Bind(1, after).Bind(2, out.last);
  while (st.Step()) {
    std::string scope = st.Text(1);
    if (scope == "*") out.everything = true;
    if (!out.everything) out.scopes.push_back(std::move(scope));
  }
  if (out.everything) out.scopes.clear();
  return out;
}

std::optional<UnixSeconds> SqlStore::NextScheduledAfter(UnixSeconds now) {
  auto db = pool_->Borrow();
  auto st = db->Prepare(
      "SELECT MIN(published_at) FROM articles WHERE status IN ('published', 'scheduled') AND "
      "published_at > ?1");
  st.Bind(1, now);
  if (!st.Step() || st.IsNull(0)) return std::nullopt;
  return st.Int(0);
}

}  // namespace newsdesk
