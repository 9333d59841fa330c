// RateLimitStore: counts of events per key in fixed windows, kept in the
// database so that every process and node on it counts together (a failed
// sign-in on one node counts on all of them). http/shared_rate_limiter.h
// turns it into a limiter.
#pragma once

#include <string>

#include "content/model.h"

namespace newsdesk {

struct RateWindow {
  UnixSeconds start = 0;  // 0: no window open for this key
  int hits = 0;
};

class RateLimitStore {
 public:
  virtual ~RateLimitStore() = default;
  // Counts one event for `key` in `bucket` and returns its window after it: a
  // window that started `window_seconds` or more before `now` starts again at
  // `now`. `key` is stored only as a hash.
  virtual RateWindow Hit(const std::string& bucket, const std::string& key, int window_seconds,
                         UnixSeconds now) = 0;
  // The window of `key` as it stands (start 0 when none is open at `now`).
  virtual RateWindow Peek(const std::string& bucket, const std::string& key, int window_seconds,
                          UnixSeconds now) = 0;
  virtual void Forget(const std::string& bucket, const std::string& key) = 0;
};

}  // namespace newsdesk
