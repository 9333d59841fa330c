// SqlNewsletterStore: the admin's view of subscribers, their history,
// export and erasure.
#include <algorithm>

#include "storage/sql/sql_newsletter_store.h"
#include "storage/sql/sql_pool.h"

namespace newsdesk {

namespace {

// id, email, created_at, state, scopes
constexpr const char* kSummarySelect =
    "SELECT u.id, u.email, u.created_at, "
    "CASE WHEN EXISTS (SELECT 1 FROM subscriptions s WHERE s.subscriber_id = u.id AND s.state = 'confirmed') "
    "  THEN 'confirmed' "
    "WHEN EXISTS (SELECT 1 FROM subscriptions s WHERE s.subscriber_id = u.id AND s.state = 'pending') "
    "  THEN 'pending' "
    "WHEN u.suppressed_at IS NOT NULL THEN 'suppressed' ELSE 'unsubscribed' END, "
    "COALESCE((SELECT group_concat(COALESCE(c.title, p.name), ', ') FROM subscriptions s "
    "  LEFT JOIN columns c ON c.id = s.column_id LEFT JOIN publication p ON s.column_id IS NULL "
    "  WHERE s.subscriber_id = u.id AND s.state IN ('confirmed', 'pending')), '') "
    "FROM subscribers u ";

SubscriberSummary ReadSummary(SqlStatement& st) {
  return {st.Int(0), st.Text(1), st.Int(2), st.Text(3), st.Text(4)};
}

}  // namespace

SubscriberPage SqlNewsletterStore::ListSubscribers(const std::string& contains, int limit, int offset) {
  auto db = pool_->Borrow();
  SubscriberPage page;
  // instr(), not LIKE: '%' and '_' typed into the search are plain characters.
  const char* where = "WHERE ?1 = '' OR instr(lower(u.email), lower(?1)) > 0 ";
  {
    auto st = db->Prepare(std::string("SELECT COUNT(*) FROM subscribers u ") + where);
    st.Bind(1, contains);
    st.Step();
    page.total = st.Int(0);
  }
  auto st = db->Prepare(std::string(kSummarySelect) + where + "ORDER BY u.id DESC LIMIT ?2 OFFSET ?3");
  st.Bind(1, contains).Bind(2, std::int64_t{limit}).Bind(3, std::int64_t{offset});
  while (st.Step()) page.items.push_back(ReadSummary(st));
  return page;
}

std::optional<SubscriberSummary> SqlNewsletterStore::FindSubscriber(std::int64_t id) {
  auto db = pool_->Borrow();
  auto st = db->Prepare(std::string(kSummarySelect) + "WHERE u.id = ?1");
  st.Bind(1, id);
  if (!st.Step()) return std::nullopt;
  return ReadSummary(st);
}

std::vector<SubscriberEvent> SqlNewsletterStore::History(std::int64_t id, int limit) {
  auto db = pool_->Borrow();
  auto st = db->Prepare(
      "SELECT at, what, detail FROM ("
      " SELECT s.created_at AS at, 'subscribed' AS what, COALESCE(c.title, p.name) AS detail, 1 AS o "
      "   FROM subscriptions s LEFT JOIN columns c ON c.id = s.column_id "
      "   LEFT JOIN publication p ON s.column_id IS NULL WHERE s.subscriber_id = ?1 "
      " UNION ALL SELECT s.confirmed_at, 'confirmed', COALESCE(c.title, p.name), 2 FROM subscriptions s "
      "   LEFT JOIN columns c ON c.id = s.column_id LEFT JOIN publication p ON s.column_id IS NULL "
      "   WHERE s.subscriber_id = ?1 AND s.confirmed_at IS NOT NULL "
      " UNION ALL SELECT s.unsubscribed_at, 'unsubscribed', COALESCE(c.title, p.name), 4 FROM subscriptions s "
      "   LEFT JOIN columns c ON c.id = s.column_id LEFT JOIN publication p ON s.column_id IS NULL "
      "   WHERE s.subscriber_id = ?1 AND s.unsubscribed_at IS NOT NULL "
      " UNION ALL SELECT COALESCE(o.sent_at, o.created_at), CASE o.state WHEN 'sent' THEN 'sent' "
      "   WHEN 'failed' THEN 'failed' ELSE 'queued' END, a.title || COALESCE(' (' || o.last_error || ')', ''), 3 "
      "   FROM outbox o JOIN articles a ON a.id = o.article_id WHERE o.subscriber_id = ?1 "
      " UNION ALL SELECT suppressed_at, 'suppressed', 'the address bounced for good', 5 FROM subscribers "
      "   WHERE id = ?1 AND suppressed_at IS NOT NULL"
      ") AS events ORDER BY at DESC, o DESC LIMIT ?2");
  st.Bind(1, id).Bind(2, std::int64_t{std::max(1, limit)});
  std::vector<SubscriberEvent> out;
  while (st.Step()) out.push_back({st.Int(0), st.Text(1), st.Text(2)});
  std::reverse(out.begin(), out.end());
  return out;
}

void SqlNewsletterStore::ForEachSubscriber(const std::function<void(const SubscriberSummary&)>& visit) {
  constexpr int kBatch = 1000;
  std::int64_t after = 0;
  for (;;) {
    std::vector<SubscriberSummary> batch;
    {
      auto db = pool_->Borrow();
      auto st = db->Prepare(std::string(kSummarySelect) + "WHERE u.id > ?1 ORDER BY u.id LIMIT ?2");
      st.Bind(1, after).Bind(2, std::int64_t{kBatch});
      while (st.Step()) batch.push_back(ReadSummary(st));
    }
    for (const auto& s : batch) visit(s);
    if (batch.size() < kBatch) return;
    after = batch.back().id;
  }
}

bool SqlNewsletterStore::EraseSubscriber(std::int64_t id, const std::string& suppression_hash, UnixSeconds now) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  bool suppressed = false;
  {
    auto st = db->Prepare("SELECT suppressed_at IS NOT NULL FROM subscribers WHERE id = ?1");
    st.Bind(1, id);
    if (!st.Step()) return false;
    suppressed = st.Int(0) != 0;
  }
  if (suppressed && !suppression_hash.empty()) {
    db->Prepare("INSERT INTO suppressed_hashes (hash, suppressed_at) VALUES (?1, ?2) ON CONFLICT (hash) DO NOTHING")
        .Bind(1, suppression_hash).Bind(2, now).Run();
  }
  // The ids of the subscriptions going are never given again (their
  // unsubscribe links are signed over them; see RequestSubscription).
  db->Prepare("INSERT INTO settings (key, value) SELECT 'subscription_id_floor', m FROM "
              "(SELECT MAX(id) AS m FROM subscriptions) AS highest WHERE m IS NOT NULL ON CONFLICT (key) DO UPDATE SET value = "
              "MAX(CAST(settings.value AS BIGINT), CAST(excluded.value AS BIGINT))")
      .Run();
  // Subscriptions and outbox rows go with it (ON DELETE CASCADE).
  db->Prepare("DELETE FROM subscribers WHERE id = ?1").Bind(1, id).Run();
  tx.Commit();
  return true;
}

ImportedSubscribers SqlNewsletterStore::ImportSubscribers(
    const std::vector<ImportedSubscriber>& readers, UnixSeconds now,
    const std::function<std::string(const std::string&)>& suppression_hash) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  ImportedSubscribers out;
  for (const auto& r : readers) {
    {
      auto st = db->Prepare("SELECT 1 FROM suppressed_hashes WHERE hash = ?1");
      st.Bind(1, suppression_hash(r.email));
      if (st.Step()) {
        ++out.suppressed;
        continue;
      }
    }
    std::int64_t subscriber_id;
    {
      auto st = db->Prepare(
          "INSERT INTO subscribers (email, created_at) VALUES (?1, ?2) ON CONFLICT (email) DO UPDATE SET "
          "email = subscribers.email RETURNING id, suppressed_at IS NOT NULL");
      st.Bind(1, r.email).Bind(2, now);
      st.Step();
      subscriber_id = st.Int(0);
      if (st.Int(1)) {
        ++out.suppressed;
        continue;
      }
    }
    auto st = db->Prepare(
        "INSERT INTO subscriptions (id, subscriber_id, column_id, scope, state, created_at, confirmed_at) "
        "VALUES (MAX(COALESCE((SELECT MAX(id) FROM subscriptions), 0), "
        "COALESCE((SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'subscription_id_floor'), 0)) + 1, "
        "?1, NULL, 0, ?2, ?3, ?4) ON CONFLICT (subscriber_id, scope) DO NOTHING");
    st.Bind(1, subscriber_id).Bind(2, r.confirmed ? "confirmed" : "pending").Bind(3, now);
    if (r.confirmed) st.Bind(4, now);
    else st.BindNull(4);
    st.Run();
    if (db->Changes() == 0) ++out.kept;
    else if (r.confirmed) ++out.confirmed;
    else ++out.pending;
  }
  tx.Commit();
  return out;
}

}  // namespace newsdesk
