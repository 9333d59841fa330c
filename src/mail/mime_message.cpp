#include "mail/mime_message.h"

#include <sodium.h>

#include "base/fingerprint.h"
#include "feeds/xml.h"

namespace newsdesk::mail {
namespace {

std::string Base64(std::string_view data) {
  if (data.empty()) return {};
  std::string out(sodium_base64_encoded_len(data.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return out;
}

// Base64 in lines of 76 characters, as RFC 2045 asks.
std::string Base64Lines(std::string_view data) {
  std::string b = Base64(data), out;
  for (size_t i = 0; i < b.size(); i += 76) {
    out.append(b, i, 76);
    out += "\r\n";
  }
  return out;
}

bool IsPlainHeaderValue(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c >= 0x7f) return false;
  }
  return true;
}

std::string OneLine(std::string_view s) {
  std::string out;
  for (char c : s) out += (c == '\r' || c == '\n' || c == '\t') ? ' ' : c;
  return out;
}

// A display name as a phrase: encoded-words for non-ASCII, else a quoted string.
std::string Phrase(std::string_view name) {
  std::string n = OneLine(name);
  if (!IsPlainHeaderValue(n)) return EncodeHeaderText(n);
  std::string out = "\"";
  for (char c : n) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string FormatMailbox(const Mailbox& m) {
  if (m.name.empty()) return m.address;
  return Phrase(m.name) + " <" + m.address + ">";
}

// Text parts travel with CRLF line ends (RFC 5322), whatever the template used.
std::string CrlfLines(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 40);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
    out += text[i];
  }
  return out;
}

}  // namespace

std::optional<Mailbox> ParseMailbox(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) return std::nullopt;
  }
  Mailbox m;
  size_t lt = text.rfind('<');
  if (lt != std::string_view::npos) {
    if (text.back() != '>') return std::nullopt;
    m.address = std::string(text.substr(lt + 1, text.size() - lt - 2));
    std::string_view name = text.substr(0, lt);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
    m.name = std::string(name);
  } else {
    m.address = std::string(text);
  }
  if (m.address.find('@') == std::string::npos || m.address.find(' ') != std::string::npos ||
      !IsPlainHeaderValue(m.address)) {
    return std::nullopt;
  }
  return m;
}

std::string EncodeHeaderText(std::string_view raw) {
  std::string text = OneLine(raw);
  bool plain = IsPlainHeaderValue(text) && text.find("=?") == std::string::npos;
  if (plain) return text;
  // Each word carries at most 45 bytes of UTF-8 (60 base64 characters), so with
  // "=?UTF-8?B?" and "?=" it stays under the 75-character limit.
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = std::min(text.size(), i + 45);
    while (end < text.size() && end > i && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(std::string_view(text).substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string FormatMailDate(UnixSeconds t) { return feeds::FormatRfc822(t); }

std::string MimeMessage::Serialize() const {
  std::string boundary = "=_newsdesk_" + Hex(Fingerprint(message_id + text.substr(0, 64)));
  std::string m;
  m.reserve(text.size() * 2 + html.size() * 2 + 1024);
  m += "From: " + FormatMailbox(from) + "\r\n";
  m += "To: " + FormatMailbox(to) + "\r\n";
  m += "Subject: " + EncodeHeaderText(subject) + "\r\n";
  m += "Date: " + FormatMailDate(date) + "\r\n";
  m += "Message-ID: <" + message_id + ">\r\n";
  m += "MIME-Version: 1.0\r\n";
  for (const auto& [name, value] : headers) {
    if (!IsPlainHeaderValue(name) || !IsPlainHeaderValue(value)) continue;
    m += name + ": " + value + "\r\n";
  }
  m += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
  m += "This is a multi-part message in MIME format.\r\n";
  m += "--" + boundary + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  m += Base64Lines(CrlfLines(text));
  m += "--" + boundary + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  m += Base64Lines(html);
  m += "--" + boundary + "--\r\n";
  return m;
}

}  // namespace newsdesk::mail
