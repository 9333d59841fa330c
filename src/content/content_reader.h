// ContentReader: what readers may see, as of now. The public site, feeds and
// static export read content through it, never through Store directly, so the
// rules "public means published or scheduled and due" and "20 a page, a page
// past the end does not exist" live in one place.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "content/clock.h"
#include "content/model.h"
#include "content/static_page.h"
#include "media/media_store.h"
#include "storage/store.h"

namespace date { class time_zone; }

namespace newsdesk {

constexpr int kArticlesPerPage = 20;
constexpr int kFeedSize = 20;

// What every page shows around its content: the publication, the sections
// for the navigation, the footer's pages, the logo and icon. Read once per
// content version (ContentReader::Chrome), not on every page.
struct SiteChrome {
  Publication publication;
  std::vector<Column> columns;  // by name
  std::vector<StaticPage> footer_pages;
  std::optional<MediaItem> logo, icon;
};

struct Listing {
  std::vector<Article> items;
  int page = 1;        // 1-based
  int page_count = 1;  // at least 1, even when empty
  std::int64_t total = 0;
};

class ContentReader {
 public:
  ContentReader(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // The publication; a placeholder one until a bundle has been imported.
  Publication LoadPublication() const;
  // The publication's zone (UTC when unknown), for showing dates.
  static const date::time_zone* ZoneOf(const Publication& publication);

  // nullopt when `page` is past the end (page 1 always exists).
  std::optional<Listing> List(const ListingFilter& filter, int page) const;
  // How many pages a listing has now (at least 1), without reading its articles.
  int PageCount(const ListingFilter& filter) const;

  std::optional<Article> FindArticle(const std::string& slug) const;

  // The newest `n` public articles of a listing, without bodies (front-page
  // blocks, more from a column, related by tag): kept per content version, so
  // the thousands of article pages of a column ask the database once.
  std::shared_ptr<const std::vector<Article>> Newest(const ListingFilter& filter, int n) const;
  // The newest kFeedSize public articles with tags and corrections, for
  // feeds; their bodies are left out, for FillBodies() to add those a feed
  // has not rendered yet.
  std::vector<Article> FeedEntries(const ListingFilter& filter) const;
  void FillBodies(const std::vector<Article*>& articles) const { store_.FillBodies(articles); }
  // Up to `n` whole public articles whose slugs sort after `after_slug`, in
  // slug order (export-static reads its article pages' articles so, in batches).
  std::vector<Article> PublicArticlesAfter(const std::string& after_slug, int n) const {
    return store_.PublicArticlesAfter(after_slug, n, clock_.Now());
  }
  // Public articles published in the last `seconds`, newest first (at most 1,000).
  std::vector<Article> PublishedWithin(UnixSeconds seconds) const;
  // Every public page for the sitemap.
  std::vector<SitemapEntry> SitemapEntries() const { return store_.ListSitemap(clock_.Now()); }
  // Where an old path moved (a renamed article, an imported permalink).
  std::optional<std::string> FindRedirect(const std::string& path) const;

  struct SearchResults {
    std::vector<SearchHit> hits;
    int page = 1;
    int page_count = 1;
    std::int64_t total = 0;
    bool more = false;  // more matches than were ranked (kMaxRankedHits)
  };
  // Full-text search in what the reader typed; nullopt when `page` is past the
  // end. Text with nothing searchable in it gives no hits.
  // `budget_ms`: the query stops with QueryTimeout after this long (0: no limit).
  std::optional<SearchResults> Search(const std::string& user_text, int page, int budget_ms = 0) const;
  // Authors and columns found are kept while content stands still (an
  // article page shows its authors' bios; a column page its description).
  std::optional<Author> FindAuthor(const std::string& slug) const;
  std::optional<MediaItem> FindMedia(const std::string& id) const { return store_.media().FindMedia(id); }
  // FindMedia as a function, for rendering bodies (render/picture.h).
  std::function<std::optional<MediaItem>(const std::string&)> MediaLookupFn() const {
    return [this](const std::string& id) { return FindMedia(id); };
  }
  std::optional<Column> FindColumn(const std::string& slug) const;
  std::optional<Tag> FindTag(const std::string& slug) const { return store_.FindTag(slug); }
  std::vector<Column> ListColumns() const { return store_.ListColumns(); }
  std::vector<Author> ListAuthors() const { return store_.ListAuthors(); }
  std::vector<Tag> ListTags() const { return store_.ListTags(); }
  // A published static page (drafts are not public).
  std::optional<StaticPage> FindPage(const std::string& slug) const;
  // The columns the header lists: those given a position in the admin (by
  // position), else every column by name; at most `max` (*more: there were more).
  std::vector<Column> NavColumns(size_t max, bool* more) const;
  static std::vector<Column> NavColumnsOf(const SiteChrome& chrome, size_t max, bool* more);
  // The published pages the footer lists, in order.
  std::vector<StaticPage> FooterPages() const;
  // All of the above as of the current content version: one query while
  // nothing changed (the version), four more after a change.
  std::shared_ptr<const SiteChrome> Chrome() const;

  UnixSeconds Now() const { return clock_.Now(); }
  // Moves whenever anything readers see changes (Store::ContentVersion): what
  // is computed from content is current while it stands still. Read again
  // after any write by this process, and at least every kVersionReuse.
  std::int64_t Version() const;
  static constexpr std::chrono::milliseconds kVersionReuse{5};
  static constexpr size_t kMaxNewestLists = 2048;

 private:
  // How many public articles a listing has: counted once per content version
  // (and until the next scheduled article is due), not on every page request.
  std::int64_t ListingTotal(const ListingFilter& filter, UnixSeconds now) const;
  static std::string ListingKeyOf(const ListingFilter& filter);  // of totals_ and page_ends_
  // Empties the memos below when content changed or a scheduled article is due.
  void ForgetIfStaleLocked(std::int64_t version, UnixSeconds now) const;
  // The value `memo` keeps for `key`, else compute()'s, kept while content
  // stands still when keep(value) says so (called with totals_mu_ held).
  struct KeepAll {
    template <typename Value>
    bool operator()(const Value&) const { return true; }
  };
  template <typename Value, typename Compute, typename Keep = KeepAll>
  Value Remembered(std::unordered_map<std::string, Value>& memo, std::string key, UnixSeconds now,
                   const Compute& compute, const Keep& keep = Keep()) const;

  Store& store_;
  const Clock& clock_;
  mutable std::mutex totals_mu_;
  mutable std::int64_t totals_version_ = -1;                   // guarded by totals_mu_
  mutable UnixSeconds totals_valid_until_ = 0;                 // guarded by totals_mu_
  mutable std::unordered_map<std::string, std::int64_t> totals_;  // guarded by totals_mu_
  mutable std::unordered_map<std::string, std::shared_ptr<const std::vector<Article>>> newest_;  // by totals_mu_
  // Where each listing page read so far ends (page N at [N-1]): the next page
  // is a seek from there, not an OFFSET over every article before it. At most
  // kMaxPageEnds in all (~4 MB).
  static constexpr size_t kMaxPageEnds = 200000;
  mutable std::unordered_map<std::string, std::vector<std::optional<ListingKey>>> page_ends_;  // by totals_mu_
  mutable size_t page_ends_count_ = 0;  // guarded by totals_mu_
  mutable std::unordered_map<std::string, std::optional<Author>> found_authors_;  // guarded by totals_mu_
  mutable std::unordered_map<std::string, std::optional<Column>> found_columns_;  // guarded by totals_mu_
  mutable std::mutex version_mu_;
  mutable bool version_read_ = false;                              // guarded by version_mu_
  mutable std::int64_t version_ = 0;                               // guarded by version_mu_
  mutable std::uint64_t version_writes_ = 0;                       // guarded by version_mu_
  mutable std::chrono::steady_clock::time_point version_read_at_;  // guarded by version_mu_
  mutable std::mutex chrome_mu_;
  mutable std::int64_t chrome_version_ = -1;            // guarded by chrome_mu_
  mutable std::shared_ptr<const SiteChrome> chrome_;    // guarded by chrome_mu_
};

}  // namespace newsdesk
