// Store in SQL, shared by the SQLite and PostgreSQL back ends: everything but
// what only one of them can do (the schema's migrations, full-text search,
// backups), which SqliteStore and PgStore add. Connections come from the back
// end's pool, one per thread at a time.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "storage/sql/sql_account_store.h"
#include "storage/sql/sql_audit_log.h"
#include "storage/sql/sql_media_store.h"
#include "storage/sql/sql_desk_activity_store.h"
#include "storage/sql/sql_newsletter_store.h"
#include "storage/sql/sql_page_store.h"
#include "storage/sql/sql_rate_limit_store.h"
#include "storage/sql/sql_pool.h"
#include "storage/sql/sql_redirect_store.h"
#include "storage/sql/sql_revision_store.h"
#include "storage/migration.h"
#include "storage/store.h"

namespace newsdesk {

class SqlStore : public Store {
 public:
  ~SqlStore() override;

  std::unique_ptr<BundleWriter> BeginBundle(const Bundle& header, UnixSeconds now) override;  // sql_bundle_writer.cpp
  bool DeleteArticle(const std::string& slug) override;
  // sql_article_desk.cpp: the trash and the admin list.
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
  void FillBodies(const std::vector<Article*>& articles) override;
  std::vector<Article> PublicArticlesAfter(const std::string& after_slug, int limit, UnixSeconds now) override;
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
  NewsletterStore& newsletter() override { return newsletter_; }
  AccountStore& accounts() override { return accounts_; }
  RevisionStore& revisions() override { return revisions_; }
  RedirectStore& redirects() override { return redirects_; }
  DeskActivityStore& activity() override { return activity_; }
  AuditLog& audit() override { return audit_; }
  MediaStore& media() override { return media_; }
  PageStore& pages() override { return pages_; }
  RateLimitStore& rate_limits() override { return rate_limits_; }

  // After a content write has committed (NoteLocalWrite), or when a scope that
  // may have written ends (ScopedLocalWrite). Public for the bundle writer.
  void NoteLocalWrite() { local_writes_.fetch_add(1, std::memory_order_acq_rel); }
  // Applies the migrations `db` has not had yet, each in its own transaction,
  // noting them in schema_migrations (which must exist).
  static void ApplyMigrations(SqlConnection* db, const std::vector<storage::Migration>& migrations);

  // For what copies a whole database (sql_database_copy.h).
  SqlPool* pool() { return pool_.get(); }

  // For the bundle writer: what a back end does around a bulk import (a bundle of more than a few
  // hundred articles), inside its transaction: before the first article, at
  // Commit, and when the writer ends either way (sql_bundle_writer.cpp).
  virtual void StartBulkImport(SqlConnection*) {}
  virtual void FinishBulkImport(SqlConnection*) {}
  virtual void EndBulkImport(SqlConnection*) {}

  struct ScopedLocalWrite {
    explicit ScopedLocalWrite(SqlStore* s) : store(s) {}
    ~ScopedLocalWrite() { store->NoteLocalWrite(); }
    SqlStore* store;
  };

 protected:
  explicit SqlStore(std::unique_ptr<SqlPool> pool)
      : pool_(std::move(pool)), newsletter_(pool_.get()), accounts_(pool_.get()), revisions_(pool_.get()),
        redirects_(pool_.get(), [this] { NoteLocalWrite(); }), activity_(pool_.get()), audit_(pool_.get()),
        media_(pool_.get(), [this] { NoteLocalWrite(); }), pages_(pool_.get(), [this] { NoteLocalWrite(); }),
        rate_limits_(pool_.get()) {}


  // The ids of the newest `limit` articles matching the search in parameter
  // ?5 (content/search_query.h syntax), as a subquery with one column, id.
  virtual std::string AdminSearchIdsSql(int limit) const = 0;
  // What is bound as ?5 for a search in that syntax.
  virtual std::string AdminSearchText(const std::string& fts_query) const { return fts_query; }
  // The admin list joins articles through this index hint (may be empty).
  virtual const char* AdminIdIndexHint() const { return ""; }

 private:
  std::unique_ptr<SqlPool> pool_;
  SqlNewsletterStore newsletter_;
  SqlAccountStore accounts_;
  SqlRevisionStore revisions_;
  SqlRedirectStore redirects_;
  SqlDeskActivityStore activity_;
  SqlAuditLog audit_;
  SqlMediaStore media_;
  SqlPageStore pages_;
  SqlRateLimitStore rate_limits_;
  std::atomic<std::uint64_t> local_writes_{0};
};

}  // namespace newsdesk
