#include "storage/sql/sql_page_store.h"

#include "content/redirect.h"
#include "storage/sql/sql_pool.h"
#include "storage/sql/sql_redirect_store.h"

namespace newsdesk {

namespace {

constexpr const char* kColumns = "slug, title, body, body_format, published, in_footer, position, updated_at";

StaticPage Read(SqlStatement& st) {
  StaticPage p;
  p.slug = st.Text(0);
  p.title = st.Text(1);
  p.body = st.Text(2);
  ParseBodyFormat(st.Text(3), &p.body_format);
  p.published = st.Int(4) != 0;
  p.in_footer = st.Int(5) != 0;
  p.position = static_cast<int>(st.Int(6));
  p.updated_at = st.Int(7);
  return p;
}

}  // namespace

Status SqlPageStore::Put(SqlConnection* db, const StaticPage& p, const std::string& old_slug) {
  std::string record = "page " + p.slug;
  if (std::string problem = PageSlugProblem(p.slug); !problem.empty()) return Error{record, "slug", problem};
  if (p.title.empty()) return Error{record, "title", "is required"};
  bool renamed = !old_slug.empty() && old_slug != p.slug;
  if (renamed) {
    auto taken = db->Prepare("SELECT 1 FROM pages WHERE slug = ?1");
    taken.Bind(1, p.slug);
    if (taken.Step()) return Error{record, "slug", "another page has the slug '" + p.slug + "'"};
    db->Prepare("UPDATE pages SET slug = ?2 WHERE slug = ?1").Bind(1, old_slug).Bind(2, p.slug).Run();
  }
  db->Prepare(std::string("INSERT INTO pages (") + kColumns +
              ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (slug) DO UPDATE SET "
              "title = excluded.title, body = excluded.body, body_format = excluded.body_format, "
              "published = excluded.published, in_footer = excluded.in_footer, position = excluded.position, "
              "updated_at = excluded.updated_at")
      .Bind(1, p.slug).Bind(2, p.title).Bind(3, p.body).Bind(4, std::string(ToString(p.body_format)))
      .Bind(5, p.published ? 1 : 0).Bind(6, p.in_footer ? 1 : 0).Bind(7, p.position).Bind(8, p.updated_at)
      .Run();
  // The page answers at its path now; its old path leads here.
  std::string path = StaticPagePath(p.slug);
  SqlRedirectStore::Moved(db, StaticPagePath(renamed ? old_slug : p.slug), path);
  if (renamed) {
    return SqlRedirectStore::Put(db, Redirect{StaticPagePath(old_slug), path, "slug change", p.updated_at});
  }
  return Status::Ok();
}

std::optional<StaticPage> SqlPageStore::FindPage(const std::string& slug) {
  auto db = pool_->Borrow();
  auto st = db->Prepare(std::string("SELECT ") + kColumns + " FROM pages WHERE slug = ?1");
  st.Bind(1, slug);
  if (!st.Step()) return std::nullopt;
  return Read(st);
}

std::vector<StaticPage> SqlPageStore::ListPages(bool footer_only) {
  auto db = pool_->Borrow();
  auto st = db->Prepare(std::string("SELECT ") + kColumns + " FROM pages" +
                        (footer_only ? " WHERE published = 1 AND in_footer = 1" : "") + " ORDER BY position, title");
  std::vector<StaticPage> pages;
  while (st.Step()) pages.push_back(Read(st));
  return pages;
}

Status SqlPageStore::PutPage(const StaticPage& page, const std::string& old_slug) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  Status st = Put(db.get(), page, old_slug);
  if (st.ok()) {
    tx.Commit();
    wrote_();
  }
  return st;
}

bool SqlPageStore::DeletePage(const std::string& slug) {
  auto db = pool_->Borrow();
  db->Prepare("DELETE FROM pages WHERE slug = ?1").Bind(1, slug).Run();
  bool deleted = db->Changes() > 0;
  if (deleted) wrote_();
  return deleted;
}

}  // namespace newsdesk
