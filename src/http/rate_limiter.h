#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace newsdesk::http {

// Allows `limit` events per key (a client address) in each fixed window.
// Memory is bounded: when many keys pile up, expired windows are dropped.
class RateLimiter {
 public:
  RateLimiter(int limit, std::chrono::seconds window) : limit_(limit), window_(window) {}

  // Counts one event; false when the key is over its limit in this window.
  bool Allow(const std::string& key);

  // For limits on failures only (sign-in): how long until `key` may try
  // again, 0 when it may now; Note counts one failure, Clear forgets the key.
  std::chrono::seconds Wait(const std::string& key);
  void Note(const std::string& key);
  void Clear(const std::string& key);

 private:
  struct Window {
    std::chrono::steady_clock::time_point start;
    int count;
  };
  int limit_;
  std::chrono::seconds window_;
  std::mutex mu_;
  std::unordered_map<std::string, Window> windows_;  // guarded by mu_
};

}  // namespace newsdesk::http
