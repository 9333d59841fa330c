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

std::chrono::seconds RateLimiter::Wait(const std::string& key) {
  auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mu_);
  auto it = windows_.find(key);
  if (it == windows_.end() || now - it->second.start >= window_ || it->second.count < limit_) {
    return std::chrono::seconds(0);
  }
  auto left = window_ - std::chrono::duration_cast<std::chrono::seconds>(now - it->second.start);
  return std::max(left, std::chrono::seconds(1));
}

void RateLimiter::Note(const std::string& key) { Allow(key); }

void RateLimiter::Clear(const std::string& key) {
  std::lock_guard lock(mu_);
  windows_.erase(key);
}

}  // namespace newsdesk::http
