#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsdesk {

// Turns what a reader typed into a safe SQLite FTS5 query. Every term is quoted,
// so FTS5 operators (AND, OR, NOT, NEAR, column filters, parentheses) are just
// words. Supported on purpose: "exact phrases" and prefix* queries. Words joined
// by punctuation ("cease-fire") become a phrase. Input beyond 512 bytes or 16
// terms is ignored. A prefix needs at least 3 letters and only the first 2
// prefixes count; other "x*" are searched as the word x. Returns "" when nothing searchable is left.
std::string ToFtsQuery(std::string_view user_text);

// The quoted phrases of what ToFtsQuery() made ("a b"* "c"): each phrase's
// words, space-separated, and whether its last word is a prefix.
struct FtsPhrase {
  std::string_view words;
  bool prefix = false;
};
std::vector<FtsPhrase> FtsPhrases(std::string_view fts_query);

}  // namespace newsdesk
