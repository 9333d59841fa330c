// Text as it may stand in HTML, in an element or a quoted attribute value:
// & < > " ' escaped. The one escaping function of everything that builds HTML
// by hand (pictures, embeds, imported bodies); templates use theme.cpp's,
// which also drops stray control characters.
#pragma once

#include <string>
#include <string_view>

namespace newsdesk {

void AppendEscapedHtml(std::string* out, std::string_view text);

inline std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  AppendEscapedHtml(&out, text);
  return out;
}

}  // namespace newsdesk
