// An email as RFC 5322 + MIME text: multipart/alternative (plain text and
// HTML), UTF-8 bodies in base64, non-ASCII header words encoded per RFC 2047.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "content/model.h"

namespace newsdesk::mail {

struct Mailbox {
  std::string name;     // display name, any UTF-8
  std::string address;  // ASCII addr-spec
};

// "Name <addr@host>" or "addr@host"; nullopt when malformed or when it holds
// CR, LF or other control characters.
std::optional<Mailbox> ParseMailbox(std::string_view text);

struct MimeMessage {
  Mailbox from;
  Mailbox to;
  std::string subject;     // UTF-8; line breaks become spaces
  std::string message_id;  // without angle brackets: "a1.s2@example.com"
  UnixSeconds date = 0;
  // Extra headers (List-Unsubscribe, List-Id, ...). Values must be ASCII without
  // CR or LF; anything else is dropped rather than sent.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string text;
  std::string html;

  // The whole message with CRLF line ends, ready for SMTP DATA.
  std::string Serialize() const;
};

// RFC 2047 encoded-words (base64, UTF-8) when `text` needs them, else `text`;
// long text is split into several words on character boundaries.
std::string EncodeHeaderText(std::string_view text);

// "Sat, 28 Sep 2016 14:00:00 +0000"
std::string FormatMailDate(UnixSeconds t);

}  // namespace newsdesk::mail
