#include "storage/sql/sql_newsletter_store.h"

#include "storage/sql/sql_pool.h"

namespace newsdesk {
namespace {

SubscriptionState ParseState(const std::string& s) {
  if (s == "confirmed") return SubscriptionState::kConfirmed;
  if (s == "unsubscribed") return SubscriptionState::kUnsubscribed;
  if (s == "suppressed") return SubscriptionState::kSuppressed;
  return SubscriptionState::kPending;
}

}  // namespace

std::string SqlNewsletterStore::Secret(const std::string& candidate) {
  auto db = pool_->Borrow();
  db->Prepare("INSERT INTO settings (key, value) VALUES ('newsletter_secret', ?1) ON CONFLICT (key) DO NOTHING")
      .Bind(1, candidate)
      .Run();
  auto st = db->Prepare("SELECT value FROM settings WHERE key = 'newsletter_secret'");
  st.Step();
  return st.Text(0);
}

SubscribeOutcome SqlNewsletterStore::RequestSubscription(const SubscribeRequest& r) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  std::int64_t scope = 0;
  if (!r.column_slug.empty()) {
    auto st = db->Prepare("SELECT id FROM columns WHERE slug = ?1");
    st.Bind(1, r.column_slug);
    if (!st.Step()) return {SubscribeOutcome::Kind::kUnknownColumn};
    scope = st.Int(0);
  }
  if (!r.suppression_hash.empty()) {
    auto st = db->Prepare("SELECT 1 FROM suppressed_hashes WHERE hash = ?1");
    st.Bind(1, r.suppression_hash);
    if (st.Step()) return {SubscribeOutcome::Kind::kSuppressed};
  }
  std::int64_t subscriber_id;
  {
    auto st = db->Prepare(
        "INSERT INTO subscribers (email, created_at) VALUES (?1, ?2) ON CONFLICT (email) DO UPDATE SET "
        "email = subscribers.email RETURNING id, suppressed_at IS NOT NULL");
    st.Bind(1, r.email).Bind(2, r.now);
    st.Step();
    subscriber_id = st.Int(0);
    if (st.Int(1)) return {SubscribeOutcome::Kind::kSuppressed};
  }
  {
    auto st = db->Prepare("SELECT state FROM subscriptions WHERE subscriber_id = ?1 AND scope = ?2");
    st.Bind(1, subscriber_id).Bind(2, scope);
    if (st.Step()) {
      auto state = ParseState(st.Text(0));
      if (state == SubscriptionState::kConfirmed) {
        tx.Commit();
        return {SubscribeOutcome::Kind::kAlreadyConfirmed};
      }
      if (state == SubscriptionState::kSuppressed) return {SubscribeOutcome::Kind::kSuppressed};
    }
  }
  {
    // The per-address limit, counted in a 24-hour window.
    auto st = db->Prepare(
        "UPDATE subscribers SET "
        "confirm_window_count = CASE WHEN confirm_window_start IS NULL OR ?2 - confirm_window_start >= 86400 "
        "THEN 1 ELSE confirm_window_count + 1 END, "
        "confirm_window_start = CASE WHEN confirm_window_start IS NULL OR ?2 - confirm_window_start >= 86400 "
        "THEN ?2 ELSE confirm_window_start END "
        "WHERE id = ?1 RETURNING confirm_window_count");
    st.Bind(1, subscriber_id).Bind(2, r.now);
    st.Step();
    if (st.Int(0) > r.confirmations_per_day) {
      return {SubscribeOutcome::Kind::kTooManyConfirmations};  // rolled back: the count stays at the limit
    }
  }
  // New, pending (a fresh token replaces the old one) or unsubscribed (asks again).
  // A new subscription's id is never one an erased subscription had: the
  // erased one's unsubscribe link (signed over the id) must not work on it.
  auto st = db->Prepare(
      "INSERT INTO subscriptions (id, subscriber_id, column_id, scope, state, confirm_token_hash, "
      "confirm_expires_at, created_at) VALUES (MAX(COALESCE((SELECT MAX(id) FROM subscriptions), 0), "
      "COALESCE((SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'subscription_id_floor'), 0)) + 1, "
      "?1, NULLIF(?2, 0), ?2, 'pending', ?3, ?4, ?5) "
      "ON CONFLICT (subscriber_id, scope) DO UPDATE SET state = 'pending', confirm_token_hash = "
      "excluded.confirm_token_hash, confirm_expires_at = excluded.confirm_expires_at");
  st.Bind(1, subscriber_id).Bind(2, scope).Bind(3, r.token_hash).Bind(4, r.expires_at).Bind(5, r.now).Run();
  tx.Commit();
  return {SubscribeOutcome::Kind::kConfirmationNeeded};
}

ConfirmOutcome SqlNewsletterStore::Confirm(const std::string& token_hash, UnixSeconds now) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  std::int64_t id;
  {
    auto st = db->Prepare(
        "SELECT id, state, confirm_expires_at FROM subscriptions WHERE confirm_token_hash = ?1");
    st.Bind(1, token_hash);
    if (!st.Step()) return ConfirmOutcome::kInvalid;
    id = st.Int(0);
    if (st.Text(1) != "pending") return ConfirmOutcome::kInvalid;
    if (st.Int(2) < now) return ConfirmOutcome::kExpired;
  }
  // The token is spent: a second click finds nothing.
  db->Prepare(
        "UPDATE subscriptions SET state = 'confirmed', confirmed_at = ?2, confirm_token_hash = NULL, "
        "confirm_expires_at = NULL WHERE id = ?1")
      .Bind(1, id).Bind(2, now)
      .Run();
  tx.Commit();
  return ConfirmOutcome::kConfirmed;
}

bool SqlNewsletterStore::Unsubscribe(std::int64_t subscription_id, UnixSeconds now) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  {
    auto st = db->Prepare("SELECT subscriber_id FROM subscriptions WHERE id = ?1");
    st.Bind(1, subscription_id);
    if (!st.Step()) return false;
  }
  db->Prepare(
        "UPDATE subscriptions SET state = 'unsubscribed', unsubscribed_at = ?2, confirm_token_hash = NULL "
        "WHERE id = ?1 AND state IN ('pending', 'confirmed')")
      .Bind(1, subscription_id).Bind(2, now)
      .Run();
  // Mail already queued through this subscription is not sent any more.
  db->Prepare("UPDATE outbox SET state = 'failed', last_error = 'unsubscribed' WHERE subscription_id = ?1 "
              "AND state = 'queued'")
      .Bind(1, subscription_id)
      .Run();
  tx.Commit();
  return true;
}

std::optional<SubscriptionState> SqlNewsletterStore::StateOf(std::int64_t subscription_id) {
  auto db = pool_->Borrow();
  auto st = db->Prepare("SELECT state FROM subscriptions WHERE id = ?1");
  st.Bind(1, subscription_id);
  if (!st.Step()) return std::nullopt;
  return ParseState(st.Text(0));
}

int AnnounceDueArticles(SqlConnection* db, UnixSeconds now, bool mail, UnixSeconds archive_before) {
  struct Due {
    std::int64_t article, column;
    bool send;  // the editor's "send as newsletter"
    UnixSeconds published_at;
  };
  std::vector<Due> due;
  {
    auto st = db->Prepare(
        "SELECT id, column_id, send_newsletter, published_at FROM articles WHERE newsletter_queued_at IS NULL AND "
        "status IN ('published', 'scheduled') AND published_at <= ?1 ORDER BY published_at");
    st.Bind(1, now);
    while (st.Step()) due.push_back({st.Int(0), st.Int(1), st.Int(2) != 0, st.Int(3)});
  }
  int queued = 0;
  for (auto [article, column, send, published_at] : due) {
    if (mail && send && published_at >= archive_before) {
      // One row per reader: a publication-wide subscription wins over a column one.
      db->Prepare(
            "INSERT INTO outbox (article_id, subscriber_id, subscription_id, next_attempt_at, created_at) "
            "SELECT ?1, s.subscriber_id, MIN(s.id), ?3, ?3 FROM subscriptions s JOIN subscribers u ON "
            "u.id = s.subscriber_id WHERE s.state = 'confirmed' AND u.suppressed_at IS NULL AND "
            "s.scope IN (0, ?2) GROUP BY s.subscriber_id ON CONFLICT (article_id, subscriber_id) DO NOTHING")
          .Bind(1, article).Bind(2, column).Bind(3, now)
          .Run();
      queued += db->Changes();
    }
    db->Prepare("UPDATE articles SET newsletter_queued_at = ?2 WHERE id = ?1").Bind(1, article).Bind(2, now).Run();
  }
  return queued;
}

int SqlNewsletterStore::QueueNewArticles(UnixSeconds now) {
  auto db = pool_->Borrow();
  {
    // Cheap check first, outside a write transaction: most polls find nothing.
    auto st = db->Prepare(
        "SELECT 1 FROM articles WHERE newsletter_queued_at IS NULL AND status IN ('published', "
        "'scheduled') AND published_at <= ?1 LIMIT 1");
    st.Bind(1, now);
    if (!st.Step()) return 0;
  }
  SqlTransaction tx(db.get());
  int queued = AnnounceDueArticles(db.get(), now, /*mail=*/true);
  tx.Commit();
  return queued;
}

namespace {

// outbox_senders: `worker` is alive at `now`.
void NoteSenderAlive(SqlConnection* db, const std::string& worker, UnixSeconds now) {
  db->Prepare("INSERT INTO outbox_senders (worker, seen_at) VALUES (?1, ?2) "
              "ON CONFLICT (worker) DO UPDATE SET seen_at = excluded.seen_at")
      .Bind(1, worker).Bind(2, now)
      .Run();
}

}  // namespace

std::vector<OutboxMessage> SqlNewsletterStore::Claim(const std::string& worker, int limit, UnixSeconds now,
                                                        UnixSeconds lease_until) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  NoteSenderAlive(db.get(), worker, now);
  std::vector<OutboxMessage> out;
  {
    auto st = db->Prepare(
        "UPDATE outbox SET state = 'sending', claimed_by = ?1, claimed_until = ?2, attempts = attempts + 1 "
        "WHERE id IN (SELECT id FROM outbox WHERE state = 'queued' AND next_attempt_at <= ?3 "
        "ORDER BY next_attempt_at, id LIMIT ?4) "
        "RETURNING id, article_id, subscriber_id, subscription_id, attempts");
    st.Bind(1, worker).Bind(2, lease_until).Bind(3, now).Bind(4, limit);
    while (st.Step()) {
      out.push_back({st.Int(0), st.Int(1), st.Int(2), st.Int(3), {}, {}, static_cast<int>(st.Int(4))});
    }
  }
  for (auto& m : out) {
    auto st = db->Prepare(
        "SELECT u.email, a.slug FROM subscribers u, articles a WHERE u.id = ?1 AND a.id = ?2");
    st.Bind(1, m.subscriber_id).Bind(2, m.article_id);
    if (st.Step()) {
      m.email = st.Text(0);
      m.article_slug = st.Text(1);
    }
  }
  tx.Commit();
  return out;
}

void SqlNewsletterStore::MarkSent(std::int64_t id, UnixSeconds now) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare("UPDATE outbox SET state = 'sent', sent_at = ?2, claimed_by = NULL, last_error = NULL "
              "WHERE id = ?1")
      .Bind(1, id).Bind(2, now)
      .Run();
  // A delivered message ends a run of hard bounces.
  db->Prepare("UPDATE subscribers SET hard_bounces = 0 WHERE hard_bounces > 0 AND id = "
              "(SELECT subscriber_id FROM outbox WHERE id = ?1)")
      .Bind(1, id)
      .Run();
  tx.Commit();
}

void SqlNewsletterStore::MarkRetry(std::int64_t id, const std::string& error, UnixSeconds next_attempt_at) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare("UPDATE outbox SET state = 'queued', next_attempt_at = ?2, last_error = ?3, claimed_by = NULL "
              "WHERE id = ?1")
      .Bind(1, id).Bind(2, next_attempt_at).Bind(3, error)
      .Run();
  tx.Commit();
}

void SqlNewsletterStore::MarkFailed(std::int64_t id, const std::string& error, bool hard_bounce,
                                       int suppress_after, UnixSeconds now) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  db->Prepare("UPDATE outbox SET state = 'failed', last_error = ?2, claimed_by = NULL WHERE id = ?1")
      .Bind(1, id).Bind(2, error)
      .Run();
  if (hard_bounce) {
    std::int64_t subscriber = 0, bounces = 0;
    {
      auto st = db->Prepare(
          "UPDATE subscribers SET hard_bounces = hard_bounces + 1 WHERE id = (SELECT subscriber_id FROM "
          "outbox WHERE id = ?1) RETURNING id, hard_bounces");
      st.Bind(1, id);
      if (st.Step()) {
        subscriber = st.Int(0);
        bounces = st.Int(1);
      }
    }
    if (subscriber && bounces >= suppress_after) {
      db->Prepare("UPDATE subscribers SET suppressed_at = ?2 WHERE id = ?1").Bind(1, subscriber).Bind(2, now).Run();
      db->Prepare("UPDATE subscriptions SET state = 'suppressed' WHERE subscriber_id = ?1 AND state IN "
                  "('pending', 'confirmed')")
          .Bind(1, subscriber)
          .Run();
      db->Prepare("UPDATE outbox SET state = 'failed', last_error = 'address suppressed' WHERE "
                  "subscriber_id = ?1 AND state = 'queued'")
          .Bind(1, subscriber)
          .Run();
    }
  }
  tx.Commit();
}

int SqlNewsletterStore::Reclaim(const std::string& self, const std::vector<std::string>& dead_workers,
                                UnixSeconds now, UnixSeconds silent_before) {
  auto db = pool_->Borrow();
  SqlTransaction tx(db.get());
  NoteSenderAlive(db.get(), self, now);
  db->Prepare("DELETE FROM outbox_senders WHERE seen_at < ?1").Bind(1, now - 24 * 3600).Run();
  int n = 0;
  db->Prepare("UPDATE outbox SET state = 'queued', claimed_by = NULL WHERE state = 'sending' AND "
              "(claimed_until < ?1 OR claimed_by NOT IN (SELECT worker FROM outbox_senders WHERE seen_at >= ?2))")
      .Bind(1, now).Bind(2, silent_before)
      .Run();
  n += db->Changes();
  for (const auto& w : dead_workers) {
    db->Prepare("UPDATE outbox SET state = 'queued', claimed_by = NULL WHERE state = 'sending' AND "
                "claimed_by = ?1")
        .Bind(1, w)
        .Run();
    n += db->Changes();
  }
  tx.Commit();
  return n;
}

std::vector<std::string> SqlNewsletterStore::ClaimingWorkers() {
  auto db = pool_->Borrow();
  std::vector<std::string> out;
  auto st = db->Prepare("SELECT DISTINCT claimed_by FROM outbox WHERE state = 'sending' AND claimed_by IS NOT NULL");
  while (st.Step()) out.push_back(st.Text(0));
  return out;
}

std::vector<IssueStats> SqlNewsletterStore::Stats(int limit) {
  auto db = pool_->Borrow();
  std::vector<IssueStats> out;
  // "Unsubscribed after": the subscription it was sent through ended after it was sent.
  auto st = db->Prepare(
      "SELECT a.slug, a.title, SUM(CASE WHEN o.state IN ('queued', 'sending') THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN o.state = 'sent' THEN 1 ELSE 0 END), SUM(CASE WHEN o.state = 'failed' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN o.state = 'sent' AND s.state = 'unsubscribed' AND s.unsubscribed_at >= o.sent_at THEN 1 ELSE 0 END), "
      "MIN(o.created_at) "
      "FROM outbox o JOIN articles a ON a.id = o.article_id JOIN subscriptions s ON s.id = o.subscription_id "
      "GROUP BY a.id ORDER BY MIN(o.created_at) DESC, a.id DESC LIMIT ?1");
  st.Bind(1, limit > 0 ? std::int64_t{limit} : std::numeric_limits<std::int64_t>::max());
  while (st.Step()) {
    out.push_back({st.Text(0), st.Text(1), st.Int(2), st.Int(3), st.Int(4), st.Int(5), st.Int(6)});
  }
  return out;
}

}  // namespace newsdesk
