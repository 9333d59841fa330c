// SubscriptionService: subscribe, confirm (double opt-in) and unsubscribe, as
// the HTTP handlers need them. No HTTP types here.
#pragma once

#include <mutex>
#include <string>

#include "content/clock.h"
#include "content/content_reader.h"
#include "mail/mime_message.h"
#include "newsletter/newsletter_composer.h"
#include "newsletter/newsletter_store.h"

namespace newsdesk {

class ConfirmationMailer;

constexpr UnixSeconds kConfirmTokenLifetime = 7 * 24 * 3600;

class SubscriptionService {
 public:
  SubscriptionService(NewsletterStore& store, const ContentReader& reader, NewsletterComposer& composer,
                      ConfirmationMailer* mailer, mail::Mailbox from, const Clock& clock)
      : store_(store), reader_(reader), composer_(composer), mailer_(mailer), from_(std::move(from)),
        clock_(clock) {}

  enum class SubscribeOutcome { kAccepted, kInvalidEmail, kUnknownColumn };
  // kAccepted whatever the address's state (no enumeration); a confirmation link
  // is mailed when one is needed. `problem` gets the reason for kInvalidEmail.
  SubscribeOutcome Subscribe(const std::string& email, const std::string& column_slug, std::string* problem);

  ConfirmOutcome Confirm(const std::string& token);

  // True when the token names a subscription (whatever its state).
  bool CheckUnsubscribeToken(const std::string& token);
  // Unsubscribes at once; false for a bad token.
  bool Unsubscribe(const std::string& token);

 private:
  const std::string& Secret();

  NewsletterStore& store_;
  const ContentReader& reader_;
  NewsletterComposer& composer_;
  ConfirmationMailer* mailer_;
  mail::Mailbox from_;
  const Clock& clock_;
  std::once_flag secret_once_;
  std::string secret_;
};

}  // namespace newsdesk
