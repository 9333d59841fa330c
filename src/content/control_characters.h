// C0 control characters (U+0000..U+001F except tab, line feed and carriage
// return) and DEL have no place in an article or a page: HTML calls them parse
// errors, XML 1.0 forbids them, and inside newsdesk \x02/\x03 mark search
// snippets. They are removed where text enters (bundles, the API, the admin) and
// again where it is written into HTML.
#pragma once

#include <string>
#include <string_view>

namespace newsdesk {

constexpr bool IsStrayControl(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
}

// `text` without stray control characters (UTF-8 sequences are untouched: their
// bytes are all 0x80 or above).
std::string WithoutControlCharacters(std::string_view text);

}  // namespace newsdesk
