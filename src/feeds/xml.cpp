#include "feeds/xml.h"

#include "content/dates.h"

namespace newsdesk::feeds {

void AppendXmlEscaped(std::string* out, std::string_view text) {
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&': *out += "&amp;"; break;
      case '<': *out += "&lt;"; break;
      case '>': *out += "&gt;"; break;
      case '"': *out += "&quot;"; break;
      case '\'': *out += "&apos;"; break;
      default:
        if (c < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') break;  // not allowed in XML 1.0
        *out += ch;
    }
  }
}

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  AppendXmlEscaped(&out, text);
  return out;
}

std::string FormatRfc822(long long unix_seconds) { return FormatImfDate(unix_seconds, "+0000"); }

}  // namespace newsdesk::feeds
