#include "http/shared_rate_limiter.h"

#include <algorithm>

namespace newsdesk::http {

bool SharedRateLimiter::Allow(const std::string& key) {
  return store_.Hit(bucket_, key, static_cast<int>(window_.count()), clock_.Now()).hits <= limit_;
}

std::chrono::seconds SharedRateLimiter::Wait(const std::string& key) {
  UnixSeconds now = clock_.Now();
  RateWindow w = store_.Peek(bucket_, key, static_cast<int>(window_.count()), now);
  if (w.start == 0 || w.hits < limit_) return std::chrono::seconds(0);
  return std::max(std::chrono::seconds(w.start + window_.count() - now), std::chrono::seconds(1));
}

void SharedRateLimiter::Clear(const std::string& key) { store_.Forget(bucket_, key); }

}  // namespace newsdesk::http
