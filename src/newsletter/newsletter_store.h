// NewsletterStore: the newsletter's tables (subscribers, subscriptions, outbox)
// behind one interface, implemented by each storage back end. Every method is
// one transaction and may be called from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "content/model.h"

namespace newsdesk {

enum class SubscriptionState { kPending, kConfirmed, kUnsubscribed, kSuppressed };

struct SubscribeRequest {
  std::string email;        // already validated (newsletter/email_address.h)
  std::string column_slug;  // empty: the whole publication
  std::string token_hash;   // hex BLAKE2b of the confirmation token to mail
  UnixSeconds expires_at;
  UnixSeconds now;
  // SuppressionHash of the address: an erased address that was suppressed
  // is still refused (kSuppressed) by it.
  std::string suppression_hash = {};
  // Confirmation emails one address may get per 24 hours, whoever asks; past
  // it nothing is mailed and the tokens already mailed stay valid.
  int confirmations_per_day = 3;
};

struct SubscribeOutcome {
  enum class Kind {
    kConfirmationNeeded,  // new, pending or unsubscribed before: mail the token
    kAlreadyConfirmed,    // nothing to mail
    kSuppressed,          // the address bounced for good: nothing to mail
    kTooManyConfirmations,  // confirmations_per_day reached: nothing to mail
    kUnknownColumn,
  };
  Kind kind;
};

enum class ConfirmOutcome { kConfirmed, kAlreadyConfirmed, kInvalid, kExpired };

// One email to send, as claimed by a sender.
struct OutboxMessage {
  std::int64_t id;
  std::int64_t article_id;
  std::int64_t subscriber_id;
  std::int64_t subscription_id;
  std::string email;
  std::string article_slug;
  int attempts;  // including this one
};

struct IssueStats {
  std::string article_slug;
  std::string title;
  std::int64_t queued = 0;  // includes messages being sent right now
  std::int64_t sent = 0;
  std::int64_t failed = 0;
  std::int64_t unsubscribed_after = 0;  // readers it was sent to who unsubscribed after it
  UnixSeconds first_queued_at = 0;
};

// A subscriber as the admin lists them. `state` sums up their subscriptions:
// "confirmed" if any is, else "pending", else "suppressed" or "unsubscribed".
struct SubscriberSummary {
  std::int64_t id = 0;
  std::string email;
  UnixSeconds created_at = 0;
  std::string state;
  std::string scopes;  // what they are subscribed to: "Al-Monitor, The Back Channel"
};

struct SubscriberPage {
  std::vector<SubscriberSummary> items;
  std::int64_t total = 0;
};

// One thing that happened to a subscriber, for their history.
struct SubscriberEvent {
  UnixSeconds at = 0;
  std::string what;    // "subscribed", "confirmed", "sent", "failed", "unsubscribed", "suppressed"
  std::string detail;  // the column or article
};

// A reader an import brings (Ghost's members), for the whole publication.
struct ImportedSubscriber {
  std::string email;      // already validated
  bool confirmed = false; // the export proves they opted in; else pending (a new opt-in is needed)
};

struct ImportedSubscribers {
  int confirmed = 0;
  int pending = 0;
  int kept = 0;        // already here: left as they are (an unsubscribe is never undone)
  int suppressed = 0;  // addresses that bounced for good or were erased: not added
};

class NewsletterStore {
 public:
  virtual ~NewsletterStore() = default;

  // The secret for unsubscribe-link signatures, shared by every node on this
  // database: the stored one, or `candidate` (fresh random) stored on first use.
  virtual std::string Secret(const std::string& candidate) = 0;

  virtual SubscribeOutcome RequestSubscription(const SubscribeRequest& request) = 0;
  virtual ConfirmOutcome Confirm(const std::string& token_hash, UnixSeconds now) = 0;
  // false when there is no such subscription.
  virtual bool Unsubscribe(std::int64_t subscription_id, UnixSeconds now) = 0;
  virtual std::optional<SubscriptionState> StateOf(std::int64_t subscription_id) = 0;

  // Queues one message per confirmed reader for every article that has become
  // public and was not announced yet: articles whose scheduled time has come.
  // (Writes that make an article public at once announce it in their own
  // transaction; see Bundle::announce.) Returns the number of messages queued.
  virtual int QueueNewArticles(UnixSeconds now) = 0;

  // Marks up to `limit` due messages as being sent by `worker` until
  // `lease_until`, and returns them. Notes `worker` alive at `now`, as Reclaim.
  // Claims are made under the writers' lock (one writer across all nodes), so
  // no message is claimed by two senders.
  virtual std::vector<OutboxMessage> Claim(const std::string& worker, int limit, UnixSeconds now,
                                           UnixSeconds lease_until) = 0;
  virtual void MarkSent(std::int64_t id, UnixSeconds now) = 0;
  // A temporary failure: try again at `next_attempt_at`.
  virtual void MarkRetry(std::int64_t id, const std::string& error, UnixSeconds next_attempt_at) = 0;
  // A permanent failure. `hard_bounce` counts against the address; after
  // `suppress_after` of them in a row it is suppressed.
  virtual void MarkFailed(std::int64_t id, const std::string& error, bool hard_bounce, int suppress_after,
                          UnixSeconds now) = 0;
  // Notes that `self` is alive at `now` (outbox_senders), then puts back in
  // the queue the messages whose sender's lease ran out, whose sender is named
  // in `dead_workers`, or whose sender has not been noted alive since
  // `silent_before` (a node on another machine that died). Returns how many.
  virtual int Reclaim(const std::string& self, const std::vector<std::string>& dead_workers, UnixSeconds now,
                      UnixSeconds silent_before) = 0;
  // Workers holding messages now ("host:pid").
  virtual std::vector<std::string> ClaimingWorkers() = 0;

  // The newest `limit` issues first (0: all).
  virtual std::vector<IssueStats> Stats(int limit = 0) = 0;

  // The admin's view (admin/subscribers_page.cpp), newest first. `contains`
  // filters on the address (empty: everyone).
  virtual SubscriberPage ListSubscribers(const std::string& contains, int limit, int offset) = 0;
  virtual std::optional<SubscriberSummary> FindSubscriber(std::int64_t id) = 0;
  // Oldest first, at most `limit` (the newest kept when there are more).
  virtual std::vector<SubscriberEvent> History(std::int64_t id, int limit) = 0;
  // Every subscriber in id order, a batch at a time (memory stays flat).
  virtual void ForEachSubscriber(const std::function<void(const SubscriberSummary&)>& visit) = 0;
  // Erasure: deletes the subscriber and everything about them (subscriptions,
  // queued and sent emails). When they were suppressed, `suppression_hash`
  // (of their address) is kept. false when there was no such subscriber.
  virtual bool EraseSubscriber(std::int64_t id, const std::string& suppression_hash, UnixSeconds now) = 0;

  // Adds readers from an import (import --import-subscribers), in one
  // transaction. `suppression_hash(email)` gives the hash an erased,
  // suppressed address left, so it is never added back.
  virtual ImportedSubscribers ImportSubscribers(const std::vector<ImportedSubscriber>& readers, UnixSeconds now,
                                                const std::function<std::string(const std::string&)>& suppression_hash) = 0;
};

}  // namespace newsdesk
