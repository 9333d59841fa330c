#include "feeds/xml.h"

#include <array>
#include <cstdint>

#include "content/dates.h"

namespace newsdesk::feeds {

namespace {

// What each byte becomes: 0 itself, 1-5 an entity, 6 nothing (a control
// character XML 1.0 does not allow).
constexpr std::array<std::uint8_t, 256> kXmlClass = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = c == '\t' || c == '\n' || c == '\r' ? 0 : 6;
  t['&'] = 1;
  t['<'] = 2;
  t['>'] = 3;
  t['"'] = 4;
  t['\''] = 5;
  return t;
}();
constexpr std::string_view kXmlEntity[] = {"", "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", ""};

}  // namespace

void AppendXmlEscaped(std::string* out, std::string_view text) {
  // Runs of bytes that stay as they are go in with one append, found by a
  // table look-up a byte: a feed escapes its entries' whole bodies, and a
  // character at a time through a switch was a third of a feed request.
  const char* p = text.data();
  const char* end = p + text.size();
  const char* run = p;
  for (; p < end; ++p) {
    std::uint8_t k = kXmlClass[static_cast<unsigned char>(*p)];
    if (k == 0) continue;
    out->append(run, static_cast<size_t>(p - run));
    out->append(kXmlEntity[k]);
    run = p + 1;
  }
  out->append(run, static_cast<size_t>(p - run));
}

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  AppendXmlEscaped(&out, text);
  return out;
}

std::string FormatRfc822(long long unix_seconds) { return FormatImfDate(unix_seconds, "+0000"); }

}  // namespace newsdesk::feeds
