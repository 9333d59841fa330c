#pragma once

#include <chrono>
#include <string>

#include "content/clock.h"
#include "storage/rate_limit_store.h"

namespace newsdesk::http {

// RateLimiter's contract (http/rate_limiter.h) with the counts kept in the
// database (RateLimitStore), so that every node behind a proxy counts
// together: what must hold for the whole site (failed sign-ins, password
// resets, newsletter sign-ups) uses this one. A limit that only protects one
// node's own CPU (search) stays in memory, where counting costs nothing.
class SharedRateLimiter {
 public:
  SharedRateLimiter(RateLimitStore& store, std::string bucket, int limit, std::chrono::seconds window,
                    const Clock& clock)
      : store_(store), bucket_(std::move(bucket)), limit_(limit), window_(window), clock_(clock) {}

  // Counts one event; false when the key is over its limit in this window.
  bool Allow(const std::string& key);
  // For limits on failures only: how long until `key` may try again (0: now).
  std::chrono::seconds Wait(const std::string& key);
  void Note(const std::string& key) { Allow(key); }
  void Clear(const std::string& key);

 private:
  RateLimitStore& store_;
  std::string bucket_;
  int limit_;
  std::chrono::seconds window_;
  const Clock& clock_;
};

}  // namespace newsdesk::http
