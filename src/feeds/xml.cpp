#include "feeds/xml.h"

#include "base/entity_escape.h"
#include "content/dates.h"

namespace newsdesk::feeds {

namespace {

// Control characters XML 1.0 does not allow are dropped.
constexpr EntityTable kXmlKind =
    MarkupEntityTable([](unsigned char c) { return c < 0x20 && c != '\t' && c != '\n' && c != '\r'; });
constexpr std::string_view kXmlEntity[] = {"", "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", ""};

}  // namespace

// A feed escapes its entries' whole bodies: a character at a time through a
// switch was a third of a feed request.
void AppendXmlEscaped(std::string* out, std::string_view text) { AppendEntityEscaped(out, text, kXmlKind, kXmlEntity); }

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  AppendXmlEscaped(&out, text);
  return out;
}

std::string FormatRfc822(long long unix_seconds) { return FormatImfDate(unix_seconds, "+0000"); }

}  // namespace newsdesk::feeds
