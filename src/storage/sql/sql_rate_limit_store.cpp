#include "storage/sql/sql_rate_limit_store.h"

#include "newsletter/tokens.h"
#include "storage/sql/sql_pool.h"

namespace newsdesk {

namespace {
// No window is longer than this; older rows are garbage.
constexpr UnixSeconds kOldestWindow = 24 * 3600;
}  // namespace

RateWindow SqlRateLimitStore::Hit(const std::string& bucket, const std::string& key, int window_seconds,
                                  UnixSeconds now) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  if (hits_.fetch_add(1, std::memory_order_relaxed) % 256 == 0) {
    db->Prepare("DELETE FROM rate_limits WHERE window_start < ?1").Bind(1, now - kOldestWindow).Run();
  }
  // One statement, so two nodes counting the same key at once both count.
  RateWindow w;
  {
    auto st = db->Prepare(
        "INSERT INTO rate_limits (bucket, key_hash, window_start, hits) VALUES (?1, ?2, ?3, 1) "
        "ON CONFLICT (bucket, key_hash) DO UPDATE SET "
        "hits = CASE WHEN rate_limits.window_start <= ?4 THEN 1 ELSE rate_limits.hits + 1 END, "
        "window_start = CASE WHEN rate_limits.window_start <= ?4 THEN ?3 ELSE rate_limits.window_start END "
        "RETURNING window_start, hits");
    st.Bind(1, bucket).Bind(2, HashToken(key)).Bind(3, now).Bind(4, now - window_seconds);
    if (st.Step()) w = {st.Int(0), static_cast<int>(st.Int(1))};
    while (st.Step()) {
    }
  }
  tx.Commit();
  return w;
}

RateWindow SqlRateLimitStore::Peek(const std::string& bucket, const std::string& key, int window_seconds,
                                   UnixSeconds now) {
  auto db = pool_->Borrow();
  auto st = db->Prepare(
      "SELECT window_start, hits FROM rate_limits WHERE bucket = ?1 AND key_hash = ?2 AND window_start > ?3");
  st.Bind(1, bucket).Bind(2, HashToken(key)).Bind(3, now - window_seconds);
  if (!st.Step()) return {};
  return {st.Int(0), static_cast<int>(st.Int(1))};
}

void SqlRateLimitStore::Forget(const std::string& bucket, const std::string& key) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare("DELETE FROM rate_limits WHERE bucket = ?1 AND key_hash = ?2").Bind(1, bucket).Bind(2, HashToken(key)).Run();
  tx.Commit();
}

}  // namespace newsdesk
