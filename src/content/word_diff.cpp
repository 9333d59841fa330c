#include "content/word_diff.h"

#include <dtl/dtl.hpp>

namespace newsdesk {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// Words and the whitespace runs between them, each a token, so the tokens
// joined give the text back.
std::vector<std::string> Tokens(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i;
    bool space = IsSpace(text[i]);
    while (j < text.size() && IsSpace(text[j]) == space) ++j;
    out.emplace_back(text.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

int CountWords(std::string_view text) {
  int words = 0;
  bool in_word = false;
  for (char c : text) {
    bool space = IsSpace(c);
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

int ReadingMinutes(int words) { return std::max(1, (words + 229) / 230); }

std::vector<DiffPiece> WordDiff(std::string_view before, std::string_view after) {
  std::vector<std::string> a = Tokens(before), b = Tokens(after);
  // An edit script over texts this long costs too much to show; the whole
  // text is then shown as replaced.
  if (a.size() + b.size() > 200000) {
    return {{DiffPiece::Kind::kRemoved, std::string(before)}, {DiffPiece::Kind::kAdded, std::string(after)}};
  }
  dtl::Diff<std::string, std::vector<std::string>> diff(a, b);
  diff.compose();
  std::vector<DiffPiece> out;
  for (const auto& [token, info] : diff.getSes().getSequence()) {
    DiffPiece::Kind kind = info.type == dtl::SES_ADD      ? DiffPiece::Kind::kAdded
                           : info.type == dtl::SES_DELETE ? DiffPiece::Kind::kRemoved
                                                          : DiffPiece::Kind::kSame;
    if (!out.empty() && out.back().kind == kind) {
      out.back().text += token;
    } else {
      out.push_back({kind, token});
    }
  }
  return out;
}

}  // namespace newsdesk
