#include "storage/sql/sql_revision_store.h"

#include <nlohmann/json.hpp>

#include "content/word_diff.h"
#include "storage/sql/sql_pool.h"
#include "storage/store.h"
#include "transfer/bundle.h"

namespace newsdesk {

void SqlRevisionStore::Record(SqlConnection* db, std::int64_t article_id, const Article& article,
                                 UnixSeconds now, const std::string& by, const std::string& note) {
  nlohmann::json snapshot = ToJson(article);
  // Names as they were, so an old revision reads right after a rename.
  nlohmann::json names = nlohmann::json::object();
  names["column"] = article.column.name;
  for (const auto& a : article.authors) names["authors"][a.slug] = a.name;
  for (const auto& t : article.tags) names["tags"][t.slug] = t.name;
  snapshot["names"] = std::move(names);
  db->Prepare(
        "INSERT INTO article_revisions (article_id, revision, saved_at, saved_by, note, title, words, snapshot) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (article_id, revision) DO UPDATE SET "
        "saved_at = excluded.saved_at, saved_by = excluded.saved_by, note = excluded.note, "
        "title = excluded.title, words = excluded.words, snapshot = excluded.snapshot")
      .Bind(1, article_id).Bind(2, article.revision).Bind(3, now).Bind(4, by).Bind(5, note)
      .Bind(6, article.title).Bind(7, static_cast<std::int64_t>(CountWords(article.body)))
      .Bind(8, snapshot.dump())
      .Run();
}

bool SqlRevisionStore::HasAny(SqlConnection* db, std::int64_t article_id) {
  auto st = db->Prepare("SELECT 1 FROM article_revisions WHERE article_id = ?1 LIMIT 1");
  st.Bind(1, article_id);
  return st.Step();
}

RevisionPage SqlRevisionStore::ListRevisions(const std::string& slug, int limit, int offset) {
  auto db = pool_->Borrow();
  RevisionPage page;
  {
    auto st = db->Prepare(
        "SELECT r.revision, r.saved_at, r.saved_by, r.note, r.title, r.words FROM article_revisions r "
        "WHERE r.article_id = (SELECT id FROM articles WHERE slug = ?1) ORDER BY r.revision DESC "
        "LIMIT ?2 OFFSET ?3");
    st.Bind(1, slug).Bind(2, limit).Bind(3, offset);
    while (st.Step()) {
      page.items.push_back({st.Int(0), st.Int(1), st.Text(2), st.Text(3), st.Text(4), static_cast<int>(st.Int(5))});
    }
  }
  auto st = db->Prepare(
      "SELECT COUNT(*) FROM article_revisions WHERE article_id = (SELECT id FROM articles WHERE slug = ?1)");
  st.Bind(1, slug);
  st.Step();
  page.total = st.Int(0);
  return page;
}

std::optional<Revision> SqlRevisionStore::FindRevision(const std::string& slug, std::int64_t revision) {
  auto db = pool_->Borrow();
  auto st = db->Prepare(
      "SELECT r.revision, r.saved_at, r.saved_by, r.note, r.title, r.words, r.snapshot FROM article_revisions r "
      "WHERE r.article_id = (SELECT id FROM articles WHERE slug = ?1) AND r.revision = ?2");
  st.Bind(1, slug).Bind(2, revision);
  if (!st.Step()) return std::nullopt;
  Revision out;
  out.info = {st.Int(0), st.Int(1), st.Text(2), st.Text(3), st.Text(4), static_cast<int>(st.Int(5))};
  auto snapshot = nlohmann::json::parse(st.Text(6), nullptr, /*allow_exceptions=*/false);
  if (!snapshot.is_object()) throw StorageError("revision " + std::to_string(revision) + " of " + slug + " is unreadable");
  nlohmann::json names = snapshot.value("names", nlohmann::json::object());
  snapshot.erase("names");
  auto article = ArticleFromJson(snapshot);
  if (!article.ok()) {
    throw StorageError("revision " + std::to_string(revision) + " of " + slug + ": " + article.error().message);
  }
  out.article = std::move(article).value();
  out.article.revision = out.info.revision;
  auto name_of = [&](const char* kind, const std::string& slug) {
    auto it = names.find(kind);
    return it != names.end() && it->is_object() ? it->value(slug, slug) : slug;
  };
  out.article.column.name = names.value("column", "");
  for (auto& a : out.article.authors) a.name = name_of("authors", a.slug);
  for (auto& t : out.article.tags) t.name = name_of("tags", t.slug);
  return out;
}

}  // namespace newsdesk
