#pragma once

#include <functional>

#include "storage/page_store.h"

namespace newsdesk {

class SqliteConnection;
class SqlitePool;

// The SQLite back end of PageStore (table pages, 0025).
class SqlitePageStore : public PageStore {
 public:
  // `wrote` is called after each committed change (page caches follow it).
  SqlitePageStore(SqlitePool* pool, std::function<void()> wrote) : pool_(pool), wrote_(std::move(wrote)) {}
  std::optional<StaticPage> FindPage(const std::string& slug) override;
  std::vector<StaticPage> ListPages(bool footer_only) override;
  Status PutPage(const StaticPage& page, const std::string& old_slug) override;
  bool DeletePage(const std::string& slug) override;

  // PutPage inside the caller's transaction (a bundle's pages).
  static Status Put(SqliteConnection* db, const StaticPage& page, const std::string& old_slug);

 private:
  SqlitePool* pool_;
  std::function<void()> wrote_;
};

}  // namespace newsdesk
