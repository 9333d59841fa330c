#include "content/content_reader.h"

#include <algorithm>

#include "storage/page_store.h"

#include "storage/redirect_store.h"

#include "content/dates.h"

#include <limits>
#include "content/search_query.h"

namespace newsdesk {

namespace {

int PagesFor(std::int64_t total) {
  return static_cast<int>(std::max<std::int64_t>(1, (total + kArticlesPerPage - 1) / kArticlesPerPage));
}

}  // namespace

std::optional<StaticPage> ContentReader::FindPage(const std::string& slug) const {
  auto page = store_.pages().FindPage(slug);
  if (!page || !page->published) return std::nullopt;
  return page;
}

std::int64_t ContentReader::Version() const {
  // A page asks for the version a dozen times (its chrome, totals, newest
  // lists); one query answers them all for a few milliseconds. A write by
  // this process moves LocalWrites and is seen at once; other processes'
  // writes within kVersionReuse.
  auto now = std::chrono::steady_clock::now();
  std::uint64_t writes = store_.LocalWrites();
  {
    std::lock_guard lock(version_mu_);
    if (version_read_ && writes == version_writes_ && now - version_read_at_ < kVersionReuse) return version_;
  }
  std::int64_t version = store_.ContentVersion();  // read after `writes`: it includes every write counted there
  std::lock_guard lock(version_mu_);
  version_ = version;
  version_writes_ = writes;
  version_read_at_ = now;
  version_read_ = true;
  return version;
}

std::shared_ptr<const SiteChrome> ContentReader::Chrome() const {
  std::int64_t version = Version();
  {
    std::lock_guard lock(chrome_mu_);
    if (chrome_ && chrome_version_ == version) return chrome_;
  }
  auto chrome = std::make_shared<SiteChrome>();
  if (auto p = store_.LoadPublication()) {
    chrome->publication = std::move(*p);
  } else {  // a placeholder until a bundle has been imported
    chrome->publication.name = "newsdesk";
    chrome->publication.base_url = "http://127.0.0.1:8080";
  }
  chrome->columns = store_.ListColumns();
  chrome->footer_pages = store_.pages().ListPages(true);
  const Publication& p = chrome->publication;
  if (!p.logo_id.empty()) chrome->logo = store_.media().FindMedia(p.logo_id);
  if (!p.icon_id.empty()) chrome->icon = store_.media().FindMedia(p.icon_id);
  std::lock_guard lock(chrome_mu_);
  // Read after the version: if content changed meanwhile, the next call reads it again.
  chrome_version_ = version;
  chrome_ = chrome;
  return chrome;
}

std::vector<Column> ContentReader::NavColumns(size_t max, bool* more) const { return NavColumnsOf(*Chrome(), max, more); }

std::vector<Column> ContentReader::NavColumnsOf(const SiteChrome& chrome, size_t max, bool* more) {
  const std::vector<Column>& all = chrome.columns;  // by name
  bool ordered = std::any_of(all.begin(), all.end(), [](const Column& c) { return c.position > 0; });
  std::vector<Column> nav;
  for (const auto& c : all) {
    if (!ordered || c.position > 0) nav.push_back(c);
  }
  std::stable_sort(nav.begin(), nav.end(), [](const Column& a, const Column& b) { return a.position < b.position; });
  *more = nav.size() > max || nav.size() < all.size();
  if (nav.size() > max) nav.resize(max);
  return nav;
}

std::vector<StaticPage> ContentReader::FooterPages() const { return Chrome()->footer_pages; }

Publication ContentReader::LoadPublication() const { return Chrome()->publication; }

const date::time_zone* ContentReader::ZoneOf(const Publication& publication) {
  if (const auto* zone = FindTimeZone(publication.timezone)) return zone;
  return FindTimeZone("UTC");
}

void ContentReader::ForgetIfStaleLocked(std::int64_t version, UnixSeconds now) const {
  // Bounded: totals are numbers (100,000 listings is ~10 MB); newest lists
  // hold up to ten articles without bodies (2,048 is ~10 MB).
  if (version != totals_version_ || now >= totals_valid_until_ || totals_.size() > 100000 ||
      newest_.size() > kMaxNewestLists) {
    totals_.clear();
    newest_.clear();
    page_ends_.clear();
    page_ends_count_ = 0;
    found_authors_.clear();
    found_columns_.clear();
    totals_version_ = version;
    totals_valid_until_ = store_.NextScheduledAfter(now).value_or(std::numeric_limits<UnixSeconds>::max());
  }
}

template <typename Value, typename Compute, typename Keep>
Value ContentReader::Remembered(std::unordered_map<std::string, Value>& memo, std::string key, UnixSeconds now,
                                const Compute& compute, const Keep& keep) const {
  std::int64_t version = Version();
  {
    std::lock_guard lock(totals_mu_);
    ForgetIfStaleLocked(version, now);
    if (auto it = memo.find(key); it != memo.end()) return it->second;
  }
  Value value = compute();
  std::lock_guard lock(totals_mu_);
  if (totals_version_ == version && keep(value)) memo.emplace(std::move(key), value);
  return value;
}

namespace {

// For lookups by slug: only what was found is kept (slugs typed into URLs
// cannot fill the memo), and at most 10,000 of each kind.
template <typename Value>
auto FoundAndRoom(const std::unordered_map<std::string, std::optional<Value>>& memo) {
  return [&memo](const std::optional<Value>& found) { return found.has_value() && memo.size() < 10000; };
}

}  // namespace

std::optional<Author> ContentReader::FindAuthor(const std::string& slug) const {
  return Remembered(found_authors_, slug, clock_.Now(), [&] { return store_.FindAuthor(slug); },
                    FoundAndRoom(found_authors_));
}

std::optional<Column> ContentReader::FindColumn(const std::string& slug) const {
  return Remembered(found_columns_, slug, clock_.Now(), [&] { return store_.FindColumn(slug); },
                    FoundAndRoom(found_columns_));
}

std::string ContentReader::ListingKeyOf(const ListingFilter& filter) {
  return std::to_string(static_cast<int>(filter.kind)) + ":" + filter.slug;
}

std::int64_t ContentReader::ListingTotal(const ListingFilter& filter, UnixSeconds now) const {
  return Remembered(totals_, ListingKeyOf(filter), now, [&] {
    ListingQuery q;
    q.filter = filter;
    q.now = now;
    q.limit = 0;
    return store_.ListPublicArticles(q).total;
  });
}

int ContentReader::PageCount(const ListingFilter& filter) const {
  return PagesFor(ListingTotal(filter, clock_.Now()));
}

std::optional<Listing> ContentReader::List(const ListingFilter& filter, int page) const {
  if (page < 1) return std::nullopt;
  ListingQuery q;
  q.filter = filter;
  q.now = clock_.Now();
  q.limit = kArticlesPerPage;
  q.with_total = false;
  Listing listing;
  std::int64_t version = Version();
  listing.total = ListingTotal(filter, q.now);
  listing.page = page;
  listing.page_count = PagesFor(listing.total);
  if (page > listing.page_count) return std::nullopt;
  // Start from the nearest earlier page whose end is known (page 1 from the top).
  std::string key = ListingKeyOf(filter);
  int from = 0;  // pages before `page` the query does not skip
  {
    std::lock_guard lock(totals_mu_);
    ForgetIfStaleLocked(version, q.now);
    if (auto it = page_ends_.find(key); it != page_ends_.end()) {
      const auto& ends = it->second;
      for (int k = std::min<int>(page - 1, static_cast<int>(ends.size())); k >= 1; --k) {
        if (ends[k - 1]) {
          q.after = ends[k - 1];
          from = k;
          break;
        }
      }
    }
  }
  q.offset = (page - 1 - from) * kArticlesPerPage;
  // When articles are skipped, one more is read before the page: the end of
  // the page before, so asking for this page again is a seek.
  bool with_end_before = q.offset > 0;
  if (with_end_before) {
    --q.offset;
    ++q.limit;
  }
  ListingPage found = store_.ListPublicArticles(q);
  std::optional<ListingKey> end_before;
  if (with_end_before && !found.items.empty()) {
    end_before = found.first;
    found.items.erase(found.items.begin());
    if (found.items.empty()) found.last.reset();
  }
  if (found.last || end_before) {
    std::lock_guard lock(totals_mu_);
    auto note = [&](int n, const std::optional<ListingKey>& end) {
      if (!end || totals_version_ != version || page_ends_count_ >= kMaxPageEnds) return;
      auto& ends = page_ends_[key];
      if (ends.size() < static_cast<size_t>(n)) ends.resize(n);
      if (!ends[n - 1]) ++page_ends_count_;
      ends[n - 1] = end;
    };
    note(page, found.last);
    if (page > 1) note(page - 1, end_before);
  }
  listing.items = std::move(found.items);
  return listing;
}

std::shared_ptr<const std::vector<Article>> ContentReader::Newest(const ListingFilter& filter, int n) const {
  UnixSeconds now = clock_.Now();
  std::string key = std::to_string(static_cast<int>(filter.kind)) + ":" + std::to_string(n) + ":" + filter.slug;
  return Remembered(newest_, std::move(key), now, [&] {
    ListingQuery q;
    q.filter = filter;
    q.now = now;
    q.limit = n;
    q.with_total = false;
    return std::make_shared<const std::vector<Article>>(std::move(store_.ListPublicArticles(q).items));
  });
}

std::vector<Article> ContentReader::FeedEntries(const ListingFilter& filter) const {
  ListingQuery q;
  q.filter = filter;
  q.now = clock_.Now();
  q.limit = kFeedSize;
  q.with_corrections = true;
  q.with_tags = true;
  q.with_total = false;
  return store_.ListPublicArticles(q).items;
}

std::vector<Article> ContentReader::PublishedWithin(UnixSeconds seconds) const {
  ListingQuery q;
  q.now = clock_.Now();
  q.since = q.now - seconds;
  q.limit = 1000;
  q.with_total = false;
  return store_.ListPublicArticles(q).items;
}

std::optional<ContentReader::SearchResults> ContentReader::Search(const std::string& user_text,
                                                                  int page, int budget_ms) const {
  if (page < 1) return std::nullopt;
  SearchResults results;
  results.page = page;
  std::string fts = ToFtsQuery(user_text);
  if (!fts.empty()) {
    SearchQuery q;
    q.fts_query = std::move(fts);
    q.now = clock_.Now();
    q.limit = kArticlesPerPage;
    q.offset = (page - 1) * kArticlesPerPage;
    q.budget_ms = budget_ms;
    SearchPage found = store_.search().Search(q);
    results.hits = std::move(found.hits);
    results.total = found.total;
    results.more = found.more;
  }
  results.page_count = PagesFor(results.total);
  if (page > results.page_count) return std::nullopt;
  return results;
}

std::optional<Article> ContentReader::FindArticle(const std::string& slug) const {
  return store_.FindPublicArticle(slug, clock_.Now());
}

std::optional<std::string> ContentReader::FindRedirect(const std::string& path) const {
  if (path.size() > kMaxRedirectPath) return std::nullopt;
  return store_.redirects().FindRedirect(path);
}

}  // namespace newsdesk
