#include "newsletter/subscription_service.h"

#include "content/slug.h"
#include "newsletter/email_address.h"
#include "newsletter/outbox_worker.h"
#include "newsletter/tokens.h"

namespace newsdesk {

const std::string& SubscriptionService::Secret() {
  std::call_once(secret_once_, [this] { secret_ = store_.Secret(RandomToken()); });
  return secret_;
}

SubscriptionService::SubscribeOutcome SubscriptionService::Subscribe(const std::string& email,
                                                                     const std::string& column_slug,
                                                                     std::string* problem) {
  *problem = EmailProblem(email);
  if (!problem->empty()) return SubscribeOutcome::kInvalidEmail;
  std::string scope_name;
  if (!column_slug.empty()) {
    auto column = IsValidSlug(column_slug) ? reader_.FindColumn(column_slug) : std::nullopt;
    if (!column) return SubscribeOutcome::kUnknownColumn;
    scope_name = column->title;
  }
  UnixSeconds now = clock_.Now();
  std::string token = RandomToken();
  SubscribeRequest request{NormaliseEmail(email), column_slug, HashToken(token), now + kConfirmTokenLifetime, now};
  request.suppression_hash = SuppressionHash(request.email, Secret());
  auto outcome = store_.RequestSubscription(request);
  if (outcome.kind == newsdesk::SubscribeOutcome::Kind::kUnknownColumn) return SubscribeOutcome::kUnknownColumn;
  if (outcome.kind == newsdesk::SubscribeOutcome::Kind::kConfirmationNeeded && mailer_) {
    Publication p = reader_.LoadPublication();
    if (scope_name.empty()) scope_name = p.name;
    mailer_->SendConfirmation(composer_.ConfirmationEmail(
        p, NewsletterComposer::SenderFor(p, from_), request.email, p.base_url + "/newsletter/confirm?token=" + token, scope_name, now));
  }
  return SubscribeOutcome::kAccepted;
}

ConfirmOutcome SubscriptionService::Confirm(const std::string& token) {
  if (token.empty() || token.size() > 100) return ConfirmOutcome::kInvalid;
  return store_.Confirm(HashToken(token), clock_.Now());
}

bool SubscriptionService::CheckUnsubscribeToken(const std::string& token) {
  auto id = VerifyUnsubscribeToken(token, Secret());
  return id && store_.StateOf(*id).has_value();
}

bool SubscriptionService::Unsubscribe(const std::string& token) {
  auto id = VerifyUnsubscribeToken(token, Secret());
  return id && store_.Unsubscribe(*id, clock_.Now());
}

}  // namespace newsdesk
