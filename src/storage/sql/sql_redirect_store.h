#pragma once

#include <functional>

#include "storage/redirect_store.h"

namespace newsdesk {

class SqlConnection;
class SqlPool;

// RedirectStore in SQL, for SQLite and PostgreSQL (table redirects).
class SqlRedirectStore : public RedirectStore {
 public:
  // `wrote` is called after each committed change (page caches follow it).
  SqlRedirectStore(SqlPool* pool, std::function<void()> wrote) : pool_(pool), wrote_(std::move(wrote)) {}
  std::optional<std::string> FindRedirect(const std::string& path) override;
  RedirectPage ListRedirects(const std::string& contains, int limit, int offset) override;
  Status PutRedirect(const Redirect& redirect) override;
  bool DeleteRedirect(const std::string& from) override;

  // PutRedirect inside the caller's transaction (slug changes, imports).
  static Status Put(SqlConnection* db, const Redirect& redirect);
  // A page now lives at `path` (a renamed article): it no longer redirects,
  // and redirects that led to `old_path` lead to `path`.
  static void Moved(SqlConnection* db, const std::string& old_path, const std::string& path);

 private:
  SqlPool* pool_;
  std::function<void()> wrote_;
};

}  // namespace newsdesk
