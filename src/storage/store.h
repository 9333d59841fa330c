// Store: the one interface between newsdesk and its database. SQLite
// (storage/sqlite/) and PostgreSQL (storage/postgres/) implement it, both on
// the SQL stores of storage/sql/, so callers never know which one they talk to.
//
// Thread safety: every method may be called from any thread at the same time.
// Failures of the database itself (disk full, corruption) throw StorageError;
// problems with the caller's data come back as Status/Result.
#pragma once

#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/status.h"
#include "content/model.h"
#include "storage/search_index.h"

namespace newsdesk {

struct Bundle;
class AccountStore;
class AuditLog;
class MediaStore;
class DeskActivityStore;
class NewsletterStore;
class PageStore;
class RateLimitStore;
class RedirectStore;
class RevisionStore;

class StorageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The database cannot be reached (a PostgreSQL server restarting): the request
// is answered 503 with Retry-After, and the next one connects anew.
class StorageUnavailable : public StorageError {
 public:
  using StorageError::StorageError;
};

// A query stopped because it ran past its time budget (SearchQuery::budget_ms).
class QueryTimeout : public StorageError {
 public:
  using StorageError::StorageError;
};

// Which public articles a listing shows.
struct ListingFilter {
  enum class Kind { kAll, kColumn, kAuthor, kTag };
  Kind kind = Kind::kAll;
  std::string slug;  // of the column, author or tag
};

// Where a listing page ends: its last article's place in the listing order
// (newest first: published_at, then id, both descending).
struct ListingKey {
  UnixSeconds published_at = 0;
  std::int64_t id = 0;
};

struct ListingQuery {
  ListingFilter filter;
  UnixSeconds now = 0;  // articles public at this instant
  UnixSeconds since = std::numeric_limits<UnixSeconds>::min();  // published at or after
  // Only the articles after this one in the listing order: a later page is an
  // index seek from where an earlier one ended, then `offset` more skipped.
  std::optional<ListingKey> after;
  int limit = 20;
  int offset = 0;
  bool with_corrections = false;  // feeds show them; bodies come from Store::FillBodies
  bool with_tags = false;
  bool with_total = true;    // count every match (for page numbers); feeds do not need it
};

struct ListingPage {
  std::vector<Article> items;  // newest first; bodies empty
  std::int64_t total = 0;      // matching articles over all pages; -1 when not asked for
  std::optional<ListingKey> first, last;  // the first and last item's keys (ListingQuery::after), when any
};

// The editors' view of articles: any status, optionally filtered. Every filter
// is optional (empty or 0: any).
struct AdminArticleQuery {
  std::string status;       // "draft", "review", "scheduled", "published"
  std::string column_slug;
  std::string author_slug;
  std::string tag_slug;
  std::string fts_query;    // title, summary, body (content/search_query.h)
  UnixSeconds from = 0;     // published_at at or after
  UnixSeconds until = 0;    // published_at before
  enum class Sort { kNewest, kOldest, kUpdated, kTitle };
  Sort sort = Sort::kNewest;
  bool trash = false;       // the trash instead of everything else
  bool whole = false;       // every field, bodies too (the API's list); else as a listing
  int limit = 20;
  int offset = 0;
};

// A search in the admin list considers at most this many matches, the most
// recently added ones.
constexpr int kMaxListedMatches = 2000;

// What Store::TrashArticle and RestoreArticle did.
enum class TrashOutcome { kDone, kNotFound, kAlready };

enum class DeleteOutcome { kDeleted, kNotFound, kInUse };

// One public page for the sitemap and when it last changed.
struct SitemapEntry {
  enum class Kind { kArticle, kColumn, kAuthor, kTag, kPage };
  Kind kind;
  std::string slug;
  UnixSeconds lastmod;
};

// What changed since a cache last looked (Store::ChangesSince): the scopes of
// pages to drop (see migrations/sqlite/0013_content_changes.sql):
// "article:<slug>", "column:<slug>", "author:<slug>", "tag:<slug>", "home", "*".
struct ContentChanges {
  std::int64_t last = 0;            // the newest change; pass it next time
  std::vector<std::string> scopes;  // of the changes after the one asked about
  bool everything = false;          // too many, or already pruned: every page changed
};

// Store::SubscribeToChanges: listening until destroyed.
class ChangeSubscription {
 public:
  virtual ~ChangeSubscription() = default;
};

// One bundle being written (Store::BeginBundle). Destroying it without a
// successful Commit() stores nothing.
class BundleWriter {
 public:
  virtual ~BundleWriter() = default;
  // Errors name the article and field (unknown column or author, a stale revision).
  virtual Status Add(const std::vector<Article>& articles) = 0;
  // Uploads the articles to come use (an import's image files), in the same
  // transaction; an id already stored is left as it is.
  virtual Status AddMedia(const std::vector<MediaItem>& items) = 0;
  // Checks the bundle as a whole (a publication must exist), announces what it
  // made public, and commits.
  virtual Status Commit() = 0;
};

// `url` as it may be shown or logged: a postgresql:// URL without its password.
std::string DisplayDatabaseUrl(const std::string& url);

class Store {
 public:
  // Opens (creating if needed) the database named by `url`: a SQLite file path or a
  // postgresql:// URL. Does not migrate; call Migrate() for that.
  static Result<std::unique_ptr<Store>> Open(const std::string& url);

  virtual ~Store() = default;

  // Brings the schema up to date; safe to run any number of times.
  virtual Status Migrate() = 0;

  // Stores everything in the bundle in one transaction: on any error nothing is
  // stored. Existing slugs are updated. Errors name the record and field.
  // (BeginBundle, then the articles, then Commit.)
  Status ApplyBundle(const Bundle& bundle, UnixSeconds now);

  // A bundle written in parts, for imports that stream: the header
  // (publication, authors, columns, tags, announce) now, then articles in
  // batches; one transaction, rolled back unless Commit() succeeds. While it is
  // open, other writers of this database wait.
  virtual std::unique_ptr<BundleWriter> BeginBundle(const Bundle& header, UnixSeconds now) = 0;

  // Removes an article for good (its authors, tags, revisions and search entry
  // go with it); false when there was none with that slug.
  virtual bool DeleteArticle(const std::string& slug) = 0;

  // The trash: a trashed article stops being public at once, keeps its slug,
  // revisions and everything else, and is listed with AdminArticleQuery::trash.
  // Restoring gives it back the status it had. `by` names who did it.
  virtual TrashOutcome TrashArticle(const std::string& slug, const std::string& by, UnixSeconds now) = 0;
  virtual TrashOutcome RestoreArticle(const std::string& slug) = 0;
  // Deletes for good what went into the trash before `before`; how many.
  virtual int EmptyTrash(UnixSeconds before) = 0;

  // nullopt until a bundle has set the publication.
  virtual std::optional<Publication> LoadPublication() = 0;

  virtual std::optional<Author> FindAuthor(const std::string& slug) = 0;
  virtual std::optional<Column> FindColumn(const std::string& slug) = 0;
  virtual std::vector<Column> ListColumns() = 0;  // by name
  virtual std::optional<Tag> FindTag(const std::string& slug) = 0;

  // The article if it is public at `now`, with authors, column and tags.
  virtual std::optional<Article> FindPublicArticle(const std::string& slug, UnixSeconds now) = 0;

  // Public articles, newest first, with authors and column filled in: a fixed number
  // of queries whatever the page size (no query per item).
  virtual ListingPage ListPublicArticles(const ListingQuery& query) = 0;
  // Fills in the body and its format of each of `articles`, found by slug, in
  // one query (a feed asks only for the bodies it has not rendered yet).
  virtual void FillBodies(const std::vector<Article*>& articles) = 0;
  // Up to `limit` whole public articles (as FindPublicArticle gives them)
  // whose slugs sort after `after_slug`, in slug order: a fixed number of
  // queries a batch (export-static reads every article page's article so).
  virtual std::vector<Article> PublicArticlesAfter(const std::string& after_slug, int limit, UnixSeconds now) = 0;

  // Full-text search over public articles.
  virtual SearchIndex& search() = 0;

  // Every public article, and every column, author and tag with at least one
  // public article (lastmod = its newest article's change).
  virtual std::vector<SitemapEntry> ListSitemap(UnixSeconds now) = 0;

  // Editors' reads and deletes (writes go through ApplyBundle).
  // Any status, trashed too; with authors, column and tags.
  virtual std::optional<Article> FindAnyArticle(const std::string& slug) = 0;
  // Tags filled in; bodies only when `whole`. Throws QueryTimeout past 1 s.
  virtual ListingPage ListArticles(const AdminArticleQuery& query) = 0;
  virtual std::vector<Author> ListAuthors() = 0;                         // by name
  virtual std::vector<Tag> ListTags() = 0;                               // by name
  // kInUse when articles still refer to it.
  virtual DeleteOutcome DeleteAuthor(const std::string& slug) = 0;
  virtual DeleteOutcome DeleteColumn(const std::string& slug) = 0;
  virtual DeleteOutcome DeleteTag(const std::string& slug) = 0;  // also unlinks it from articles

  // Moves whenever anything readers see changes (in any process): what was
  // computed from content (ContentReader's listing totals) is current while it
  // stands still.
  virtual std::int64_t ContentVersion() = 0;
  // The changes after change `after` (0: the newest change id only, with
  // `everything` set). Changes made by any process or node show here.
  virtual ContentChanges ChangesSince(std::int64_t after) = 0;

  // Calls `changed` (on a thread of its own) soon after any process or node
  // commits a content change, for a cache to read ChangesSince at once; null
  // when the back end cannot tell (SQLite: callers poll ChangesSince).
  virtual std::unique_ptr<ChangeSubscription> SubscribeToChanges(std::function<void()> changed) {
    (void)changed;
    return nullptr;
  }

  // Moves after every content write this object has committed, in this process:
  // a cache that read ChangesSince() at generation g has seen every local write
  // while this still says g (other processes' writes show in the change log).
  virtual std::uint64_t LocalWrites() const = 0;

  // Writes a consistent copy of the whole database to `file` (which must not
  // exist), also while other processes write to it. Errors name the file.
  virtual Status BackupTo(const std::string& file) = 0;
  // Replaces everything in this database with the backup in `file`, after
  // checking that it is an intact newsdesk backup; then migrates it.
  virtual Status RestoreFrom(const std::string& file) = 0;

  // The newsletter's part of the database.
  virtual NewsletterStore& newsletter() = 0;
  // Editors' accounts and API tokens.
  virtual AccountStore& accounts() = 0;
  // Every save of every article, as the desk made it.
  virtual RevisionStore& revisions() = 0;
  // Old paths answering 301.
  virtual RedirectStore& redirects() = 0;
  // Autosaves and who is editing what.
  virtual DeskActivityStore& activity() = 0;
  // Who did what in the admin and the API.
  virtual AuditLog& audit() = 0;
  // What is known about uploaded images (their bytes: MediaFiles).
  virtual MediaStore& media() = 0;
  // Static pages (About, Privacy...).
  virtual PageStore& pages() = 0;
  // Rate limits every node counts together (failed sign-ins, sign-ups).
  virtual RateLimitStore& rate_limits() = 0;

  // The earliest published_at after `now` of an article that will turn public by
  // itself (status scheduled or published); caches and the newsletter wake then.
  virtual std::optional<UnixSeconds> NextScheduledAfter(UnixSeconds now) = 0;
};

}  // namespace newsdesk
