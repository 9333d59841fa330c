// The SQLite back end of Store. Connections come from a pool (sqlite_pool.h),
// one per thread at a time.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "storage/sqlite/sqlite_account_store.h"
#include "storage/sqlite/sqlite_audit_log.h"
#include "storage/sqlite/sqlite_media_store.h"
#include "storage/sqlite/sqlite_desk_activity_store.h"
#include "storage/sqlite/sqlite_newsletter_store.h"
#include "storage/sqlite/sqlite_page_store.h"
#include "storage/sqlite/sqlite_pool.h"
#include "storage/sqlite/sqlite_redirect_store.h"
#include "storage/sqlite/sqlite_revision_store.h"
#include "storage/sqlite/sqlite_search_index.h"
#include "storage/store.h"

namespace newsdesk {

class SqliteStore : public Store {
 public:
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);
  ~SqliteStore() override;

  Status Migrate() override;
  std::unique_ptr<BundleWriter> BeginBundle(const Bundle& header, UnixSeconds now) override;  // sqlite_bundle_writer.cpp
  bool DeleteArticle(const std::string& slug) override;
  // sqlite_article_desk.cpp: the trash and the admin list.
  TrashOutcome TrashArticle(const std::string& slug, const std::string& by, UnixSeconds now) override;
  TrashOutcome RestoreArticle(const std::string& slug) override;
  int EmptyTrash(UnixSeconds before) override;
  ListingPage ListArticles(const AdminArticleQuery& query) override;
  std::optional<Publication> LoadPublication() override;
  std::optional<Author> FindAuthor(const std::string& slug) override;
  std::optional<Column> FindColumn(const std::string& slug) override;
  std::vector<Column> ListColumns() override;
  std::optional<Tag> FindTag(const std::string& slug) override;
  std::optional<Article> FindPublicArticle(const std::string& slug, UnixSeconds now) override;
  ListingPage ListPublicArticles(const ListingQuery& query) override;
  SearchIndex& search() override { return search_; }
  std::vector<SitemapEntry> ListSitemap(UnixSeconds now) override;
  std::optional<UnixSeconds> NextScheduledAfter(UnixSeconds now) override;
  std::optional<Article> FindAnyArticle(const std::string& slug) override;
  std::vector<Author> ListAuthors() override;
  std::vector<Tag> ListTags() override;
  DeleteOutcome DeleteAuthor(const std::string& slug) override;
  DeleteOutcome DeleteColumn(const std::string& slug) override;
  DeleteOutcome DeleteTag(const std::string& slug) override;
  std::int64_t ContentVersion() override;
  ContentChanges ChangesSince(std::int64_t after) override;
  std::uint64_t LocalWrites() const override { return local_writes_.load(std::memory_order_acquire); }
  Status BackupTo(const std::string& file) override;    // sqlite_backup.cpp
  Status RestoreFrom(const std::string& file) override;  // sqlite_backup.cpp
  NewsletterStore& newsletter() override { return newsletter_; }
  AccountStore& accounts() override { return accounts_; }
  RevisionStore& revisions() override { return revisions_; }
  RedirectStore& redirects() override { return redirects_; }
  DeskActivityStore& activity() override { return activity_; }
  AuditLog& audit() override { return audit_; }
  MediaStore& media() override { return media_; }
  PageStore& pages() override { return pages_; }

  // After a content write has committed (NoteLocalWrite), or when a scope that
  // may have written ends (ScopedLocalWrite). Public for the bundle writer.
  void NoteLocalWrite() { local_writes_.fetch_add(1, std::memory_order_acq_rel); }
  struct ScopedLocalWrite {
    explicit ScopedLocalWrite(SqliteStore* s) : store(s) {}
    ~ScopedLocalWrite() { store->NoteLocalWrite(); }
    SqliteStore* store;
  };

 private:
  explicit SqliteStore(std::string path)
      : pool_(std::move(path)), newsletter_(&pool_), accounts_(&pool_), search_(&pool_), revisions_(&pool_),
        redirects_(&pool_, [this] { NoteLocalWrite(); }), activity_(&pool_), audit_(&pool_), media_(&pool_, [this] { NoteLocalWrite(); }),
        pages_(&pool_, [this] { NoteLocalWrite(); }) {}

  SqlitePool pool_;
  SqliteNewsletterStore newsletter_;
  SqliteAccountStore accounts_;
  SqliteSearchIndex search_;
  SqliteRevisionStore revisions_;
  SqliteRedirectStore redirects_;
  SqliteDeskActivityStore activity_;
  SqliteAuditLog audit_;
  SqliteMediaStore media_;
  SqlitePageStore pages_;
  std::atomic<std::uint64_t> local_writes_{0};
};

}  // namespace newsdesk
