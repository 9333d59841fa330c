// Sends messages over SMTP with libcurl. One SmtpConnection is one TCP (or TLS)
// connection kept open across messages; it is used by one thread at a time.
#pragma once

#include <memory>
#include <string>

#include "mail/mime_message.h"

namespace newsdesk::mail {

struct SmtpConfig {
  // smtp://host:port (STARTTLS when the server offers it) or
  // smtps://user:pass@host:465 (TLS from the start).
  std::string url;
  Mailbox from;
  long timeout_seconds = 30;
};

struct SendResult {
  enum class Kind { kSent, kTemporary, kPermanent };
  Kind kind;
  int smtp_code = 0;  // the server's last reply code, 0 when it never answered
  std::string error;  // for the outbox's last_error
};

class SmtpConnection {
 public:
  explicit SmtpConnection(SmtpConfig config);
  ~SmtpConnection();
  SmtpConnection(const SmtpConnection&) = delete;
  SmtpConnection& operator=(const SmtpConnection&) = delete;

  // Sends `data` (a serialised message) to one recipient. 5xx replies are
  // permanent; 4xx replies, timeouts and connection failures are temporary.
  // `sender` (MAIL FROM): the message's From address; empty: the config's.
  SendResult Send(const std::string& recipient, const std::string& data, const std::string& sender = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdesk::mail
