// PageCache: rendered public pages kept in memory, keyed by what changes the
// bytes (path, the page number, whether the cookie notice shows, content coding).
// Invalidation is precise: the store's change log (Store::ChangesSince) names
// the scopes a change touched ("article:<slug>", "column:<slug>",
// "author:<slug>", "tag:<slug>", "home", or "*" for everything), and each page
// has one scope from its path (ScopeOf), so an edit drops the pages that show
// that article and no other. Entries also end at the next scheduled article's
// moment, when listings change by themselves.
//
// Hits can be served on the I/O thread (Lookup) without a database query: the
// cache knows which changes it has applied (Refresh, called by the slow path
// and by a timer for changes made by other processes) together with the
// process's write generation at that moment. A write in this process moves the
// generation, so Lookup declines until the changes have been read again: an
// edit here is seen at once, one made elsewhere within the timer's period.
//
// Memory is bounded by `max_bytes`, counting keys, headers and a per-entry
// overhead as well as bodies. Query parameters a page does not read
// (`?utm_source=`, `?x=random`) are not part of the key: such a request is
// answered from, and rendered as, the page without them. Eviction is a
// segmented LRU: a new entry starts on probation (at most a fifth of the space)
// and is protected once it is hit again, so a flood of one-off URLs only churns
// the probation segment and never evicts the pages readers actually read.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "content/model.h"
#include "http/message.h"

namespace newsdesk::http {

class PageCache {
 public:
  // Changes after the one named (Store::ChangesSince, without storage types).
  struct Changes {
    std::int64_t last = 0;
    std::vector<std::string> scopes;
    bool everything = false;
  };
  struct Sources {
    std::function<Changes(std::int64_t after)> changes_since;  // may query the database
    // Moves on every content write made by this process (Store::LocalWrites);
    // empty: Lookup never answers.
    std::function<std::uint64_t()> write_generation;
    std::function<std::optional<UnixSeconds>(UnixSeconds now)> next_change;  // next scheduled article
    std::function<UnixSeconds()> now;
  };

  PageCache(Sources sources, size_t max_bytes) : sources_(std::move(sources)), max_bytes_(max_bytes) {}

  // Answers from the cache, or runs `render` and keeps a cacheable answer:
  // GET/HEAD of public paths, no conditional headers, status 200 or 404, no
  // cookie set. `render` must return the final bytes (compressed already, if at
  // all); it sees the request with unknown query parameters removed.
  Response Serve(const Request& request, const std::function<Response(const Request&)>& render);

  // A hit without touching the database or rendering: nullopt when the request
  // is not cacheable, not cached, or a write since the last read of the change
  // log may have touched it. Cheap enough for the I/O thread.
  std::optional<Response> Lookup(const Request& request);

  // Reads the changes since the last look (a database query), drops the pages
  // they touched, and remembers how far it got with the write generation seen
  // before reading; returns the newest change applied.
  std::int64_t Refresh();

  // The scope of the page at `path` (percent-decoded): "media:<id>" for an image's file, "article:<slug>",
  // "column:<slug>", "author:<slug>", "tag:<slug>", "home" (home pages, the
  // site's feeds and sitemaps) or "site" (only "*" touches it). A page's
  // Response::scopes add what else it shows (an article: its column, authors and tags).
  static std::string ScopeOf(std::string_view path);
  // Whether a page with these scopes shows something `changed` names; an
  // index's scope ("author:", from /authors/) is touched by any of its kind.
  // `scopes`: any list of strings or string_views.
  template <typename Scopes = std::vector<std::string>>
  static bool Touched(const Scopes& scopes, const std::unordered_set<std::string_view>& changed) {
    for (std::string_view scope : scopes) {
      if (changed.count(scope)) return true;
      // An index of every author or tag ("author:"): any of them changed.
      if (!scope.empty() && scope.back() == ':') {
        for (std::string_view c : changed) {
          if (c.substr(0, scope.size()) == scope) return true;
        }
      }
    }
    return false;
  }

  std::uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }
  std::uint64_t misses() const { return misses_.load(std::memory_order_relaxed); }
  // What the cache holds now, as counted against max_bytes.
  size_t bytes() const;
  size_t entries() const;

  // Whether answers to this request may come from the cache.
  static bool IsCacheable(const Request& request);
  // The request as the page sees it: only the query parameters public pages
  // read (page=N) are kept. nullopt when a kept parameter is malformed, so
  // random values of it cannot each make an entry.
  static std::optional<Request> Canonical(const Request& request);

 private:
  struct Entry {
    std::string key;
    std::vector<std::string> scopes;  // ScopeOf its path, then what else it shows
    UnixSeconds expires;  // serve only before this instant
    std::shared_ptr<const Response> response;
    size_t cost;
    bool is_protected;
  };
  using List = std::list<Entry>;

  static std::string KeyFor(const Request& request);
  static size_t CostOf(const std::string& key, const Response& response);
  void EraseLocked(List::iterator it);
  void InsertLocked(Entry entry);
  void PromoteLocked(List::iterator it);
  void DropLocked(const Changes& changes);
  // The entry for `key` if it is still good at `now` (an expired one is erased).
  std::optional<Response> HitLocked(const std::string& key, UnixSeconds now);

  Sources sources_;
  size_t max_bytes_;
  mutable std::mutex mu_;
  List probation_;  // most recent first; guarded by mu_
  List protected_;  // most recent first; guarded by mu_
  std::unordered_map<std::string_view, List::iterator> index_;  // keys point into the entries
  size_t probation_bytes_ = 0;
  size_t protected_bytes_ = 0;
  // The newest change applied, and the write generation it is known good for;
  // guarded by mu_.
  std::int64_t known_change_ = 0;
  std::uint64_t known_generation_ = 0;
  bool known_ = false;
  std::atomic<std::uint64_t> hits_{0};
  std::atomic<std::uint64_t> misses_{0};
};

}  // namespace newsdesk::http
