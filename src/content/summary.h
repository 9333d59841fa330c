#pragma once

#include <string>
#include <string_view>

namespace newsdesk {

// A summary from running text, for imports that bring none: white space folded,
// at most about 300 bytes, cut at a word (and never inside a UTF-8 character),
// with "…" when cut.
std::string ShortSummary(std::string_view text);

}  // namespace newsdesk
