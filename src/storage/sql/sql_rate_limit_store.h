#pragma once

#include <atomic>

#include "storage/rate_limit_store.h"

namespace newsdesk {

class SqlPool;

// RateLimitStore in SQL, for SQLite and PostgreSQL (table rate_limits,
// migration 0028 / postgres 0002).
class SqlRateLimitStore : public RateLimitStore {
 public:
  explicit SqlRateLimitStore(SqlPool* pool) : pool_(pool) {}
  RateWindow Hit(const std::string& bucket, const std::string& key, int window_seconds, UnixSeconds now) override;
  RateWindow Peek(const std::string& bucket, const std::string& key, int window_seconds, UnixSeconds now) override;
  void Forget(const std::string& bucket, const std::string& key) override;

 private:
  SqlPool* pool_;
  std::atomic<unsigned> hits_{0};  // every 256th hit deletes day-old windows
};

}  // namespace newsdesk
