// PageCache: rendered public pages kept in memory, keyed by what changes the
// bytes (path and query, whether the cookie notice shows, content coding).
// An entry is served while the content version it was made at is current and
// its expiry (the next scheduled article's moment) has not passed, so an
// import, an edit or a scheduled article turning public is seen at once.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "content/model.h"
#include "http/message.h"

namespace newsdesk::http {

class PageCache {
 public:
  struct Sources {
    std::function<std::int64_t()> content_version;
    std::function<std::optional<UnixSeconds>(UnixSeconds now)> next_change;  // next scheduled article
    std::function<UnixSeconds()> now;
  };

  // `max_bytes` of bodies at most; past it the cache starts over.
  PageCache(Sources sources, size_t max_bytes) : sources_(std::move(sources)), max_bytes_(max_bytes) {}

  // Answers from the cache, or runs `render` and keeps a cacheable answer:
  // GET/HEAD of public paths, no conditional headers, status 200, no cookie set.
  // `render` must return the final bytes (compressed already, if at all).
  Response Serve(const Request& request, const std::function<Response(const Request&)>& render);

  std::uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }
  std::uint64_t misses() const { return misses_.load(std::memory_order_relaxed); }

  // Whether answers to this request may come from the cache.
  static bool IsCacheable(const Request& request);

 private:
  struct Entry {
    std::int64_t version;
    UnixSeconds expires;  // serve only before this instant
    std::shared_ptr<const Response> response;
  };
  static std::string KeyFor(const Request& request);

  Sources sources_;
  size_t max_bytes_;
  std::shared_mutex mu_;
  std::unordered_map<std::string, Entry> entries_;  // guarded by mu_
  size_t bytes_ = 0;                                // guarded by mu_
  std::atomic<std::uint64_t> hits_{0};
  std::atomic<std::uint64_t> misses_{0};
};

}  // namespace newsdesk::http
