// OutboxWorker: delivers the outbox over SMTP. See src/newsletter/README.md for
// the send lifecycle. Runs on threads of its own, never on the HTTP I/O loop:
//   - one scheduler thread: every poll_interval it puts back messages whose
//     sender died, and queues emails for articles that have just become public;
//   - `connections` sender threads, each with its own SMTP connection reused
//     across messages, each holding at most one claimed message at a time (so
//     a crash can duplicate at most `connections` emails).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "content/clock.h"
#include "content/content_reader.h"
#include "mail/dkim_signer.h"
#include "mail/smtp_transport.h"
#include "newsletter/newsletter_composer.h"
#include "newsletter/newsletter_store.h"

namespace newsdesk {

struct OutboxOptions {
  int connections = 4;
  double messages_per_second = 0;  // 0: as fast as the server takes them
  int max_attempts = 8;            // temporary failures before giving up
  int retry_base_seconds = 30;     // back-off: base * 2^(attempt-1), at most an hour
  int suppress_after = 3;          // hard bounces in a row before an address is suppressed
  int lease_seconds = 600;         // a claim older than this is taken back
  std::chrono::milliseconds poll_interval{1000};
  const mail::DkimSigner* dkim = nullptr;  // signs every email when set
};

struct SendSummary {
  int sent = 0;
  int retried = 0;
  int failed = 0;
};

// Sends one message outside the outbox, held in memory only: the double
// opt-in email (its token is never stored; a lost one is fixed by subscribing
// again) and an editor's test send.
class ConfirmationMailer {
 public:
  virtual ~ConfirmationMailer() = default;
  virtual void SendConfirmation(mail::MimeMessage message) = 0;
};

class OutboxWorker : public ConfirmationMailer {
 public:
  OutboxWorker(Store& store, const ContentReader& reader, NewsletterComposer& composer,
               mail::SmtpConfig smtp, OutboxOptions options, const Clock& clock);
  ~OutboxWorker() override;

  void Start();
  // Senders finish the message in hand; nothing else is claimed.
  void Stop();
  // For `newsletter send-pending`: queue what is due, send until nothing due is
  // left, return.
  SendSummary RunUntilIdle();

  void SendConfirmation(mail::MimeMessage message) override;

  // "host:pid", this process's name in outbox.claimed_by.
  static std::string WorkerId();

 private:
  void SchedulerLoop();
  void SenderLoop(bool exit_when_idle);
  // Says this process is alive, takes back abandoned claims and announces
  // newly public articles.
  void Tick();
  // How long a sender on another machine may go without saying it is alive
  // before its claims are taken back (it says so every poll interval).
  UnixSeconds SilenceBeforeReclaim() const;
  void WaitForRateSlot();
  std::string Wire(const mail::MimeMessage& message) const;  // serialised, DKIM-signed when configured
  void Deliver(mail::SmtpConnection& conn, const OutboxMessage& message);
  const std::string& Secret();
  // The article as readers see it, re-read at most every few seconds: one
  // issue's thousands of emails need it once, yet an unpublished article stops.
  struct ArticleSnapshot {
    std::optional<Article> article;
    Publication publication;
    std::chrono::steady_clock::time_point fetched;
  };
  ArticleSnapshot Snapshot(std::int64_t article_id, const std::string& slug);

  NewsletterStore& outbox_;
  const ContentReader& reader_;
  NewsletterComposer& composer_;
  mail::SmtpConfig smtp_;
  OutboxOptions options_;
  const Clock& clock_;
  std::string worker_id_;

  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<mail::MimeMessage> confirmations_;  // guarded by mu_
  std::chrono::steady_clock::time_point next_slot_;  // rate limit; guarded by mu_
  SendSummary summary_;  // guarded by mu_
  std::vector<std::thread> threads_;
  std::once_flag secret_once_;
  std::string secret_;
  std::mutex snapshots_mu_;
  std::map<std::int64_t, ArticleSnapshot> snapshots_;  // guarded by snapshots_mu_
};

}  // namespace newsdesk
