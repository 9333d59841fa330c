#include "newsletter/outbox_worker.h"

#include <signal.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "newsletter/tokens.h"

namespace newsdesk {
namespace {

// True when `worker` names a process on this host that no longer exists.
// Messages a sender claims at once.
constexpr int kClaimBatch = 16;
constexpr auto kSnapshotLifetime = std::chrono::seconds(5);

bool IsDeadLocalWorker(const std::string& worker, const std::string& self) {
  size_t colon = worker.rfind(':');
  if (colon == std::string::npos || worker == self) return false;
  if (worker.substr(0, colon) != self.substr(0, self.rfind(':'))) return false;
  pid_t pid = static_cast<pid_t>(std::atol(worker.c_str() + colon + 1));
  return pid > 0 && kill(pid, 0) == -1 && errno == ESRCH;
}

}  // namespace

std::string OutboxWorker::WorkerId() {
  char host[256] = {0};
  gethostname(host, sizeof host - 1);
  return std::string(host) + ":" + std::to_string(getpid());
}

OutboxWorker::OutboxWorker(Store& store, const ContentReader& reader, NewsletterComposer& composer,
                           mail::SmtpConfig smtp, OutboxOptions options, const Clock& clock)
    : outbox_(store.newsletter()),
      reader_(reader),
      composer_(composer),
      smtp_(std::move(smtp)),
      options_(options),
      clock_(clock),
      worker_id_(WorkerId()),
      next_slot_(std::chrono::steady_clock::now()) {}

OutboxWorker::~OutboxWorker() { Stop(); }

void OutboxWorker::Start() {
  if (smtp_.url.empty()) {
    spdlog::warn("newsletter: no SMTP server configured (NEWSDESK_SMTP_URL); emails stay queued");
  }
  threads_.emplace_back([this] { SchedulerLoop(); });
  if (!smtp_.url.empty()) {
    for (int i = 0; i < options_.connections; ++i) threads_.emplace_back([this] { SenderLoop(false); });
  }
}

void OutboxWorker::Stop() {
  stopping_ = true;
  wake_.notify_all();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

SendSummary OutboxWorker::RunUntilIdle() {
  Tick();
  if (smtp_.url.empty()) {
    spdlog::error("newsletter: no SMTP server configured (NEWSDESK_SMTP_URL or --smtp-url)");
    return {};
  }
  std::vector<std::thread> senders;
  for (int i = 0; i < options_.connections; ++i) senders.emplace_back([this] { SenderLoop(true); });
  // The scheduler keeps saying this process is alive while it sends, so that
  // serving nodes do not take its claims back.
  std::thread scheduler([this] { SchedulerLoop(); });
  for (auto& t : senders) t.join();
  stopping_ = true;
  wake_.notify_all();
  scheduler.join();
  std::lock_guard lock(mu_);
  return summary_;
}

void OutboxWorker::SendConfirmation(mail::MimeMessage message) {
  if (smtp_.url.empty()) {
    spdlog::warn("newsletter: cannot mail a confirmation link: no SMTP server configured");
    return;
  }
  {
    std::lock_guard lock(mu_);
    if (confirmations_.size() > 10000) return;  // a flood; the rate limit on subscribe should prevent it
    confirmations_.push_back(std::move(message));
  }
  wake_.notify_one();
}

void OutboxWorker::Tick() {
  try {
    std::vector<std::string> dead;
    for (const auto& w : outbox_.ClaimingWorkers()) {
      if (IsDeadLocalWorker(w, worker_id_)) dead.push_back(w);
    }
    UnixSeconds now = clock_.Now();
    if (int n = outbox_.Reclaim(worker_id_, dead, now, now - SilenceBeforeReclaim()); n > 0) {
      spdlog::info("newsletter: {} messages of stopped senders queued again", n);
    }
    if (int n = outbox_.QueueNewArticles(clock_.Now()); n > 0) {
      spdlog::info("newsletter: {} emails queued", n);
      wake_.notify_all();
    }
  } catch (const std::exception& e) {
    spdlog::error("newsletter: {}", e.what());
  }
}

UnixSeconds OutboxWorker::SilenceBeforeReclaim() const {
  auto poll = std::chrono::duration_cast<std::chrono::seconds>(options_.poll_interval).count();
  return std::max<UnixSeconds>(30, 10 * poll);
}

void OutboxWorker::SchedulerLoop() {
  while (!stopping_) {
    Tick();
    std::unique_lock lock(mu_);
    wake_.wait_for(lock, options_.poll_interval, [this] { return stopping_.load(); });
  }
}

void OutboxWorker::WaitForRateSlot() {
  if (options_.messages_per_second <= 0) return;
  auto interval = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(1.0 / options_.messages_per_second));
  std::chrono::steady_clock::time_point slot;
  {
    std::lock_guard lock(mu_);
    auto now = std::chrono::steady_clock::now();
    if (next_slot_ < now) next_slot_ = now;
    slot = next_slot_;
    next_slot_ += interval;
  }
  std::this_thread::sleep_until(slot);
}

void OutboxWorker::SenderLoop(bool exit_when_idle) {
  mail::SmtpConnection conn(smtp_);
  while (!stopping_) {
    std::optional<mail::MimeMessage> confirmation;
    {
      std::lock_guard lock(mu_);
      if (!confirmations_.empty()) {
        confirmation = std::move(confirmations_.front());
        confirmations_.pop_front();
      }
    }
    if (confirmation) {
      WaitForRateSlot();
      auto r = conn.Send(confirmation->to.address, Wire(*confirmation), confirmation->from.address);
      if (r.kind != mail::SendResult::Kind::kSent) {
        spdlog::warn("newsletter: confirmation to {} not sent: {}", confirmation->to.address, r.error);
      }
      continue;
    }
    std::vector<OutboxMessage> claimed;
    try {
      UnixSeconds now = clock_.Now();
      claimed = outbox_.Claim(worker_id_, kClaimBatch, now, now + options_.lease_seconds);
    } catch (const std::exception& e) {
      spdlog::error("newsletter: claim: {}", e.what());
    }
    if (claimed.empty()) {
      if (exit_when_idle) return;
      std::unique_lock lock(mu_);
      wake_.wait_for(lock, options_.poll_interval,
                     [this] { return stopping_.load() || !confirmations_.empty(); });
      continue;
    }
    // A batch saves claim transactions. Only the message being submitted can be
    // sent twice after a crash: each is marked sent as soon as the server took it,
    // and the rest of the batch was never handed over.
    size_t i = 0;
    for (; i < claimed.size() && !stopping_; ++i) {
      WaitForRateSlot();
      Deliver(conn, claimed[i]);
    }
    for (; i < claimed.size(); ++i) {
      try {
        outbox_.MarkRetry(claimed[i].id, "sender stopped before sending", clock_.Now());
      } catch (const std::exception&) {
        // Left in 'sending': the next start takes it back (this process will be gone).
      }
    }
  }
}

const std::string& OutboxWorker::Secret() {
  std::call_once(secret_once_, [this] { secret_ = outbox_.Secret(RandomToken()); });
  return secret_;
}

std::string OutboxWorker::Wire(const mail::MimeMessage& message) const {
  std::string data = message.Serialize();
  if (options_.dkim) data.insert(0, options_.dkim->Sign(data, clock_.Now()));
  return data;
}

OutboxWorker::ArticleSnapshot OutboxWorker::Snapshot(std::int64_t article_id, const std::string& slug) {
  auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(snapshots_mu_);
    auto it = snapshots_.find(article_id);
    if (it != snapshots_.end() && now - it->second.fetched < kSnapshotLifetime) return it->second;
  }
  ArticleSnapshot snap{reader_.FindArticle(slug), reader_.LoadPublication(), now};
  std::lock_guard lock(snapshots_mu_);
  if (snapshots_.size() > 64) snapshots_.clear();
  snapshots_[article_id] = snap;
  return snap;
}

void OutboxWorker::Deliver(mail::SmtpConnection& conn, const OutboxMessage& m) {
  UnixSeconds now = clock_.Now();
  try {
    ArticleSnapshot snap = Snapshot(m.article_id, m.article_slug);
    const Publication& p = snap.publication;
    const std::optional<Article>& article = snap.article;
    if (!article) {
      outbox_.MarkFailed(m.id, "article is no longer public", false, options_.suppress_after, now);
      return;
    }
    std::string unsubscribe =
        p.base_url + "/newsletter/unsubscribe?token=" + UnsubscribeToken(m.subscription_id, Secret());
    mail::MimeMessage message = composer_.ArticleEmail(p, NewsletterComposer::SenderFor(p, smtp_.from), *article, m.article_id,
                                                       m.subscriber_id, m.email, unsubscribe, clock_.Now());
    mail::SendResult r = conn.Send(m.email, Wire(message), message.from.address);
    now = clock_.Now();
    int* counter = nullptr;
    switch (r.kind) {
      case mail::SendResult::Kind::kSent:
        outbox_.MarkSent(m.id, now);
        counter = &summary_.sent;
        break;
      case mail::SendResult::Kind::kTemporary:
        if (m.attempts >= options_.max_attempts) {
          outbox_.MarkFailed(m.id, r.error, false, options_.suppress_after, now);
          counter = &summary_.failed;
        } else {
          long delay = std::min<long>(
              3600, static_cast<long>(options_.retry_base_seconds) << std::min(m.attempts - 1, 16));
          outbox_.MarkRetry(m.id, r.error, now + delay);
          counter = &summary_.retried;
        }
        break;
      case mail::SendResult::Kind::kPermanent:
        outbox_.MarkFailed(m.id, r.error, true, options_.suppress_after, now);
        counter = &summary_.failed;
        break;
    }
    std::lock_guard lock(mu_);
    ++*counter;
  } catch (const std::exception& e) {
    spdlog::error("newsletter: message {}: {}", m.id, e.what());
    try {
      outbox_.MarkRetry(m.id, e.what(), now + options_.retry_base_seconds);
    } catch (const std::exception&) {
      // The lease runs out and the message is queued again.
    }
  }
}

}  // namespace newsdesk
