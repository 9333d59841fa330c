// Word counts and word-level differences between two texts (revisions).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsdesk {

// Words in a text, as a word count shows them: runs of characters between
// whitespace (Markdown markup counts as part of its word).
int CountWords(std::string_view text);

// Minutes a reader takes, at 230 words a minute; at least 1.
int ReadingMinutes(int words);

struct DiffPiece {
  enum class Kind { kSame, kAdded, kRemoved };
  Kind kind;
  std::string text;  // words with the whitespace between them
};

// What changed from `before` to `after`, word by word (a shortest edit script,
// by the dtl library): concatenating the kSame and kRemoved pieces gives
// `before`, the kSame and kAdded pieces give `after`. Adjacent pieces of one
// kind are merged.
std::vector<DiffPiece> WordDiff(std::string_view before, std::string_view after);

}  // namespace newsdesk
