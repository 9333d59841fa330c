// The SQLite back end of Store. Connections come from a small pool, one per
// thread at a time; WAL lets readers run beside the single writer.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/store.h"

namespace newsdesk {

class SqliteConnection;

class SqliteStore : public Store {
 public:
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);
  ~SqliteStore() override;

  Status Migrate() override;
  Status ApplyBundle(const Bundle& bundle, UnixSeconds now) override;
  bool DeleteArticle(const std::string& slug) override;
  std::optional<Publication> LoadPublication() override;
  std::optional<Author> FindAuthor(const std::string& slug) override;
  std::optional<Column> FindColumn(const std::string& slug) override;
  std::optional<Tag> FindTag(const std::string& slug) override;
  std::optional<Article> FindPublicArticle(const std::string& slug, UnixSeconds now) override;
  ListingPage ListPublicArticles(const ListingQuery& query) override;
  SearchPage Search(const SearchQuery& query) override;
  std::vector<SitemapEntry> ListSitemap(UnixSeconds now) override;
  std::optional<UnixSeconds> NextScheduledAfter(UnixSeconds now) override;

 private:
  class Lease;
  explicit SqliteStore(std::string path);  // out of line: SqliteConnection is incomplete here

  std::unique_ptr<SqliteConnection> Acquire();
  void Release(std::unique_ptr<SqliteConnection> conn);

  std::string path_;
  std::mutex mu_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_;  // guarded by mu_
};

}  // namespace newsdesk
