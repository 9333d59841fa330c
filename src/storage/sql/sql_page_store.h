#pragma once

#include <functional>

#include "storage/page_store.h"

namespace newsdesk {

class SqlConnection;
class SqlPool;

// PageStore in SQL, for SQLite and PostgreSQL (table pages, 0025).
class SqlPageStore : public PageStore {
 public:
  // `wrote` is called after each committed change (page caches follow it).
  SqlPageStore(SqlPool* pool, std::function<void()> wrote) : pool_(pool), wrote_(std::move(wrote)) {}
  std::optional<StaticPage> FindPage(const std::string& slug) override;
  std::vector<StaticPage> ListPages(bool footer_only) override;
  Status PutPage(const StaticPage& page, const std::string& old_slug) override;
  bool DeletePage(const std::string& slug) override;

  // PutPage inside the caller's transaction (a bundle's pages).
  static Status Put(SqlConnection* db, const StaticPage& page, const std::string& old_slug);

 private:
  SqlPool* pool_;
  std::function<void()> wrote_;
};

}  // namespace newsdesk
