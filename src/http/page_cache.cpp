#include "http/page_cache.h"

#include <limits>
#include <unordered_set>

#include "http/url.h"

namespace newsdesk::http {
namespace {

// Public, reader-facing paths. Search (unbounded keys), the newsletter, admin,
// API and operational endpoints are always answered afresh.
bool IsPublicPath(std::string_view p) {
  // The index pages change with any author, column or tag, and no change
  // names them: rendered each time (a short list, not the archive).
  if (p == "/columns/" || p == "/authors/" || p == "/tags/") return false;
  if (p == "/" || p == "/feed.xml" || p == "/rss.xml" || p == "/sitemap.xml" || p == "/news-sitemap.xml" ||
      p == "/robots.txt" || p == "/cookies") {
    return true;
  }
  for (std::string_view prefix :
       {"/columns/", "/articles/", "/authors/", "/tags/", "/page/", "/sitemaps/", "/media/"}) {
    if (p.substr(0, prefix.size()) == prefix) return true;
  }
  // Everything else readers may ask for: static pages (/about) and the 404 of
  // an unknown path, which bots and broken links ask for as often as pages (a
  // flood of made-up paths only churns the probation segment). Not the
  // admin, the API, search, the newsletter's forms and links, metrics, the
  // probe, or theme assets (served with their own validators).
  if (p.size() < 2 || p[0] != '/') return false;
  std::string_view first = p.substr(1);
  first = first.substr(0, first.find('/'));
  for (std::string_view own : {"admin", "api", "search", "newsletter", "metrics", "healthz", "assets"}) {
    if (first == own) return false;
  }
  return true;
}

// What varies the bytes besides the URL: the coding and the cookie notice.
std::string_view CodingClass(std::string_view accept_encoding) {
  if (accept_encoding.find("br") != std::string_view::npos) return "br";
  if (accept_encoding.find("gzip") != std::string_view::npos) return "gz";
  return "id";
}

// Map node, list node and allocator headers: what an entry costs besides its strings.
constexpr size_t kEntryOverhead = 256;
// The probation segment's share of the space.
constexpr size_t kProbationShare = 5;
// No single answer may take more than this share of the cache (1 MB of 64).
constexpr size_t kLargestShare = 64;
constexpr size_t kLargestAlways = 1 << 20;  // whatever the share, up to 1 MB may be kept

}  // namespace

bool PageCache::IsCacheable(const Request& r) {
  return (r.method == "GET" || r.method == "HEAD") && IsPublicPath(r.path) && r.Header("if-none-match").empty() &&
         r.Header("if-modified-since").empty() && r.target.size() <= 512;
}

std::optional<Request> PageCache::Canonical(const Request& r) {
  Request out = r;
  out.query.clear();
  auto page = PageQueryParam(r.query);  // 1 when absent
  if (!page) return std::nullopt;
  // WordPress's /?p=123 is an old link to redirect, not the home page.
  if (FindFormValue(r.query, "p") || FindFormValue(r.query, "page_id")) return std::nullopt;
  if (*page > 1 || FindFormValue(r.query, "page")) out.query = "page=" + std::to_string(*page);
  // The target as sent up to the query (percent-encoding kept), then the kept part.
  std::string_view target = r.target;
  out.target = std::string(target.substr(0, target.find('?')));
  if (!out.query.empty()) out.target += "?" + out.query;
  return out;
}

std::string PageCache::KeyFor(const Request& r) {
  std::string key = r.target;
  key += '|';
  key += CodingClass(r.Header("accept-encoding"));
  // Only the consent cookie changes a page; other cookies are not part of the key.
  key += r.Header("cookie").find("newsdesk_consent=dismissed") != std::string_view::npos ? "|c" : "|n";
  return key;
}

size_t PageCache::CostOf(const std::string& key, const Response& response) {
  size_t cost = kEntryOverhead + key.size() + response.body.size() + response.content_type.size();
  for (const auto& [name, value] : response.headers) cost += name.size() + value.size() + 64;
  return cost;
}

size_t PageCache::bytes() const {
  std::lock_guard lock(mu_);
  return probation_bytes_ + protected_bytes_;
}

size_t PageCache::entries() const {
  std::lock_guard lock(mu_);
  return index_.size();
}

void PageCache::EraseLocked(List::iterator it) {
  index_.erase(it->key);
  if (it->is_protected) {
    protected_bytes_ -= it->cost;
    protected_.erase(it);
  } else {
    probation_bytes_ -= it->cost;
    probation_.erase(it);
  }
}

void PageCache::PromoteLocked(List::iterator it) {
  if (it->is_protected) {
    protected_.splice(protected_.begin(), protected_, it);
    return;
  }
  probation_bytes_ -= it->cost;
  protected_bytes_ += it->cost;
  it->is_protected = true;
  protected_.splice(protected_.begin(), probation_, it);
  // The protected segment keeps its share; its least recent entries go back on probation.
  size_t protected_max = max_bytes_ - max_bytes_ / kProbationShare;
  while (protected_bytes_ > protected_max && protected_.size() > 1) {
    auto last = std::prev(protected_.end());
    last->is_protected = false;
    protected_bytes_ -= last->cost;
    probation_bytes_ += last->cost;
    probation_.splice(probation_.begin(), protected_, last);
  }
  while (probation_bytes_ + protected_bytes_ > max_bytes_ && !probation_.empty()) {
    EraseLocked(std::prev(probation_.end()));
  }
}

void PageCache::InsertLocked(Entry entry) {
  if (auto old = index_.find(entry.key); old != index_.end()) EraseLocked(old->second);
  // New entries compete only with other entries on probation.
  size_t probation_max = std::max(max_bytes_ / kProbationShare, max_bytes_ - protected_bytes_);
  if (entry.cost > probation_max) return;
  while (!probation_.empty() && (probation_bytes_ + entry.cost > probation_max ||
                                 probation_bytes_ + protected_bytes_ + entry.cost > max_bytes_)) {
    EraseLocked(std::prev(probation_.end()));
  }
  while (!protected_.empty() && probation_bytes_ + protected_bytes_ + entry.cost > max_bytes_) {
    EraseLocked(std::prev(protected_.end()));
  }
  probation_bytes_ += entry.cost;
  probation_.push_front(std::move(entry));
  auto it = probation_.begin();
  index_.emplace(it->key, it);
}

std::string PageCache::ScopeOf(std::string_view p) {
  // An image's files: "media:<id>" (the name starts with the id).
  if (p.substr(0, 7) == "/media/") return "media:" + std::string(p.substr(7, 20));
  for (std::string_view kind : {"article", "column", "author", "tag"}) {
    std::string prefix = "/" + std::string(kind) + "s/";
    if (p.substr(0, prefix.size()) == prefix) {
      std::string_view rest = p.substr(prefix.size());
      return std::string(kind) + ":" + std::string(rest.substr(0, rest.find('/')));
    }
  }
  if (p == "/robots.txt" || p == "/cookies") return "site";
  return "home";  // /, /page/N, /feed.xml, /rss.xml, the sitemaps
}

void PageCache::DropLocked(const Changes& changes) {
  if (changes.everything) {
    index_.clear();
    probation_.clear();
    protected_.clear();
    probation_bytes_ = protected_bytes_ = 0;
    return;
  }
  if (changes.scopes.empty()) return;
  std::unordered_set<std::string_view> touched(changes.scopes.begin(), changes.scopes.end());
  for (List* list : {&probation_, &protected_}) {
    for (auto it = list->begin(); it != list->end();) {
      auto next = std::next(it);
      if (Touched(it->scopes, touched)) EraseLocked(it);
      it = next;
    }
  }
}

std::int64_t PageCache::Refresh() {
  // The generation first: every write it counts had committed before the query
  // below started, so the changes read include them all.
  std::uint64_t generation = sources_.write_generation ? sources_.write_generation() : 0;
  std::int64_t after;
  {
    std::lock_guard lock(mu_);
    after = known_change_;
  }
  Changes changes = sources_.changes_since(after);
  std::lock_guard lock(mu_);
  // Another Refresh applied a later look while this one read: what this one
  // read is no news (a first look's "everything" would drop pages kept since).
  bool overtaken = known_ && after != known_change_ && changes.last <= known_change_;
  if (!overtaken && (!known_ || changes.last > known_change_ || changes.everything)) {
    DropLocked(changes);
    known_change_ = changes.last;
  }
  if (!known_ || generation > known_generation_) known_generation_ = generation;
  known_ = true;
  return known_change_;
}

std::optional<Response> PageCache::Lookup(const Request& original) {
  if (!sources_.write_generation || !IsCacheable(original)) return std::nullopt;
  auto canonical = Canonical(original);
  if (!canonical) return std::nullopt;
  std::string key = KeyFor(*canonical);
  std::uint64_t generation = sources_.write_generation();
  UnixSeconds now = sources_.now();
  std::lock_guard lock(mu_);
  if (!known_ || known_generation_ != generation) return std::nullopt;  // a write since: ask the database
  return HitLocked(key, now);
}

std::optional<Response> PageCache::HitLocked(const std::string& key, UnixSeconds now) {
  auto it = index_.find(key);
  if (it == index_.end()) return std::nullopt;
  auto entry = it->second;
  if (now >= entry->expires) {  // past a scheduled article's moment
    EraseLocked(entry);
    return std::nullopt;
  }
  PromoteLocked(entry);
  hits_.fetch_add(1, std::memory_order_relaxed);
  return *entry->response;
}

Response PageCache::Serve(const Request& original, const std::function<Response(const Request&)>& render) {
  if (!IsCacheable(original)) return render(original);
  auto canonical = Canonical(original);
  if (!canonical) return render(original);  // a malformed page number: a 404, not worth an entry
  const Request& request = *canonical;
  std::string key = KeyFor(request);
  std::int64_t seen = Refresh();
  UnixSeconds now = sources_.now();
  {
    std::lock_guard lock(mu_);
    if (auto hit = HitLocked(key, now)) return *hit;
  }
  misses_.fetch_add(1, std::memory_order_relaxed);
  Response response = render(request);
  if (response.status != 200 && response.status != 404) return response;
  for (const auto& [name, value] : response.headers) {
    if (name == "Set-Cookie") return response;
  }
  UnixSeconds expires = sources_.next_change(now).value_or(std::numeric_limits<UnixSeconds>::max());
  size_t cost = CostOf(key, response);
  // One large file (an image's master) would push out many pages: not kept.
  if (cost > std::max(max_bytes_ / kLargestShare, kLargestAlways)) return response;
  auto kept = std::make_shared<const Response>(response);
  std::lock_guard lock(mu_);
  // A change applied while this page was rendered may not show in it: not kept.
  if (known_change_ != seen) return response;
  std::vector<std::string> scopes = {ScopeOf(request.path)};
  scopes.insert(scopes.end(), response.scopes.begin(), response.scopes.end());
  InsertLocked(Entry{std::move(key), std::move(scopes), expires, std::move(kept), cost, false});
  return response;
}

}  // namespace newsdesk::http
