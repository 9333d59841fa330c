#include "http/rate_limiter.h"

namespace newsdesk::http {

bool RateLimiter::Allow(const std::string& key) {
  auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mu_);
  if (windows_.size() > 100000) {
    std::erase_if(windows_, [&](const auto& kv) { return now - kv.second.start >= window_; });
  }
  auto& w = windows_[key];
  if (w.count == 0 || now - w.start >= window_) {
    w.start = now;
    w.count = 0;
  }
  return ++w.count <= limit_;
}

}  // namespace newsdesk::http
