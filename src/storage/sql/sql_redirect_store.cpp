#include "storage/sql/sql_redirect_store.h"

#include "storage/sql/sql_pool.h"

namespace newsdesk {

namespace {

std::optional<std::string> Lookup(SqlConnection* db, const std::string& path) {
  auto st = db->Prepare("SELECT to_path FROM redirects WHERE from_path = ?1");
  st.Bind(1, path);
  if (!st.Step()) return std::nullopt;
  return st.Text(0);
}

}  // namespace

Status SqlRedirectStore::Put(SqlConnection* db, const Redirect& r) {
  std::string record = "redirect " + r.from;
  if (r.from == r.to) return Error{record, "to", "leads to itself"};
  // Follow the chain from the target: reaching `from` again is a loop.
  std::string at = r.to;
  for (int hop = 0; hop < kMaxRedirectHops; ++hop) {
    auto next = Lookup(db, at);
    if (!next) break;
    if (*next == r.from) return Error{record, "to", "'" + r.to + "' leads back to '" + r.from + "' (a loop)"};
    at = *next;
  }
  db->Prepare(
        "INSERT INTO redirects (from_path, to_path, source, created_at) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (from_path) DO UPDATE SET to_path = excluded.to_path, source = excluded.source, "
        "created_at = excluded.created_at")
      .Bind(1, r.from).Bind(2, r.to).Bind(3, r.source).Bind(4, r.created_at)
      .Run();
  // Whatever led to `from` now goes straight to the new target: one hop for readers.
  db->Prepare("UPDATE redirects SET to_path = ?2 WHERE to_path = ?1 AND from_path <> ?2")
      .Bind(1, r.from).Bind(2, r.to)
      .Run();
  return Status::Ok();
}

void SqlRedirectStore::Moved(SqlConnection* db, const std::string& old_path, const std::string& path) {
  db->Prepare("DELETE FROM redirects WHERE from_path = ?1").Bind(1, path).Run();
  db->Prepare("UPDATE redirects SET to_path = ?2 WHERE to_path = ?1").Bind(1, old_path).Bind(2, path).Run();
}

std::optional<std::string> SqlRedirectStore::FindRedirect(const std::string& path) {
  auto db = pool_->Borrow();
  return Lookup(db.get(), path);
}

RedirectPage SqlRedirectStore::ListRedirects(const std::string& contains, int limit, int offset) {
  auto db = pool_->Borrow();
  RedirectPage page;
  // instr(), not LIKE: the text typed is matched as it is, with no wildcards.
  constexpr const char* kWhere = "(?1 = '' OR instr(from_path, ?1) > 0 OR instr(to_path, ?1) > 0)";
  {
    auto st = db->Prepare(std::string("SELECT from_path, to_path, source, created_at FROM redirects WHERE ") +
                          kWhere + " ORDER BY from_path LIMIT ?2 OFFSET ?3");
    st.Bind(1, contains).Bind(2, limit).Bind(3, offset);
    while (st.Step()) page.items.push_back({st.Text(0), st.Text(1), st.Text(2), st.Int(3)});
  }
  auto st = db->Prepare(std::string("SELECT COUNT(*) FROM redirects WHERE ") + kWhere);
  st.Bind(1, contains);
  st.Step();
  page.total = st.Int(0);
  return page;
}

Status SqlRedirectStore::PutRedirect(const Redirect& redirect) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  Status st = Put(db.get(), redirect);
  if (st.ok()) {
    tx.Commit();
    wrote_();
  }
  return st;
}

bool SqlRedirectStore::DeleteRedirect(const std::string& from) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare("DELETE FROM redirects WHERE from_path = ?1").Bind(1, from).Run();
  bool found = db->Changes() > 0;
  tx.Commit();
  wrote_();
  return found;
}

}  // namespace newsdesk
