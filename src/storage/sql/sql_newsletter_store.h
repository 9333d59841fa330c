#pragma once

#include "newsletter/newsletter_store.h"

namespace newsdesk {

class SqlConnection;
class SqlPool;

// Inside the caller's transaction: queues the newsletter for every article that
// is public at `now` and not announced yet (or, without `mail`, only marks it
// announced). Returns the number of emails queued.
// `archive_before`: articles published before it are marked announced without
// mail (an imported archive); 0: every due article is mailed.
int AnnounceDueArticles(SqlConnection* db, UnixSeconds now, bool mail, UnixSeconds archive_before = 0);

// NewsletterStore in SQL, for SQLite and PostgreSQL, on the same pool as SqlStore.
class SqlNewsletterStore : public NewsletterStore {
 public:
  explicit SqlNewsletterStore(SqlPool* pool) : pool_(pool) {}

  std::string Secret(const std::string& candidate) override;
  SubscribeOutcome RequestSubscription(const SubscribeRequest& request) override;
  ConfirmOutcome Confirm(const std::string& token_hash, UnixSeconds now) override;
  bool Unsubscribe(std::int64_t subscription_id, UnixSeconds now) override;
  std::optional<SubscriptionState> StateOf(std::int64_t subscription_id) override;
  int QueueNewArticles(UnixSeconds now) override;
  std::vector<OutboxMessage> Claim(const std::string& worker, int limit, UnixSeconds now,
                                   UnixSeconds lease_until) override;
  void MarkSent(std::int64_t id, UnixSeconds now) override;
  void MarkRetry(std::int64_t id, const std::string& error, UnixSeconds next_attempt_at) override;
  void MarkFailed(std::int64_t id, const std::string& error, bool hard_bounce, int suppress_after,
                  UnixSeconds now) override;
  int Reclaim(const std::string& self, const std::vector<std::string>& dead_workers, UnixSeconds now,
              UnixSeconds silent_before) override;
  std::vector<std::string> ClaimingWorkers() override;
  std::vector<IssueStats> Stats(int limit) override;
  // sql_subscriber_admin.cpp
  SubscriberPage ListSubscribers(const std::string& contains, int limit, int offset) override;
  std::optional<SubscriberSummary> FindSubscriber(std::int64_t id) override;
  std::vector<SubscriberEvent> History(std::int64_t id, int limit) override;
  void ForEachSubscriber(const std::function<void(const SubscriberSummary&)>& visit) override;
  bool EraseSubscriber(std::int64_t id, const std::string& suppression_hash, UnixSeconds now) override;
  ImportedSubscribers ImportSubscribers(const std::vector<ImportedSubscriber>& readers, UnixSeconds now,
                                        const std::function<std::string(const std::string&)>& suppression_hash) override;

 private:
  SqlPool* pool_;
};

}  // namespace newsdesk
