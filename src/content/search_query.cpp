#include "content/search_query.h"

#include <vector>

namespace newsdesk {
namespace {

constexpr size_t kMaxInput = 512;
constexpr size_t kMaxTerms = 16;
// A prefix term expands to every indexed word that starts with it: "a*" is most
// of the vocabulary. So a prefix needs a few letters, and only a couple may be
// used in one query; past that the word is searched as it is.
constexpr size_t kMaxPrefixTerms = 2;
constexpr size_t kMinPrefixLetters = 3;

// Letters and digits in any script: ASCII alphanumerics and every byte of a
// multi-byte UTF-8 sequence (FTS5's unicode61 tokenizer sorts those out).
bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}
bool IsWordByteOf(char c) { return IsWordByte(static_cast<unsigned char>(c)); }

// Letters (code points) in the last word of a phrase.
size_t LastWordLetters(std::string_view phrase) {
  size_t end = phrase.size();
  while (end > 0 && !IsWordByteOf(phrase[end - 1])) --end;
  size_t letters = 0;
  while (end > 0 && IsWordByteOf(phrase[end - 1])) {
    unsigned char c = static_cast<unsigned char>(phrase[end - 1]);
    if ((c & 0xC0) != 0x80) ++letters;  // not a UTF-8 continuation byte
    --end;
  }
  return letters;
}

// The words of `chunk` as one quoted FTS5 phrase, or "" when it has none.
std::string Phrase(std::string_view chunk, bool prefix) {
  std::string words;
  size_t i = 0;
  while (i < chunk.size()) {
    while (i < chunk.size() && !IsWordByte(static_cast<unsigned char>(chunk[i]))) ++i;
    size_t start = i;
    while (i < chunk.size() && IsWordByte(static_cast<unsigned char>(chunk[i]))) ++i;
    if (i > start) {
      if (!words.empty()) words += ' ';
      words.append(chunk.substr(start, i - start));
    }
  }
  if (words.empty()) return {};
  return "\"" + words + "\"" + (prefix ? "*" : "");
}

}  // namespace

std::string ToFtsQuery(std::string_view text) {
  if (text.size() > kMaxInput) {
    text = text.substr(0, kMaxInput);
    // Do not cut a UTF-8 sequence in half.
    while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.remove_suffix(1);
    if (!text.empty() && static_cast<unsigned char>(text.back()) >= 0xC0) text.remove_suffix(1);
  }
  std::vector<std::string> terms;
  size_t prefixes = 0;
  size_t i = 0;
  while (i < text.size() && terms.size() < kMaxTerms) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    std::string_view chunk;
    bool prefix = false;
    if (c == '"') {
      size_t end = text.find('"', i + 1);  // an unclosed quote runs to the end
      if (end == std::string_view::npos) end = text.size();
      chunk = text.substr(i + 1, end - i - 1);
      i = end + 1;
      if (i < text.size() && text[i] == '*') {  // "a phrase"*: prefix on its last word
        prefix = true;
        ++i;
      }
    } else {
      size_t end = text.find_first_of(" \t\n\r\"", i);
      if (end == std::string_view::npos) end = text.size();
      chunk = text.substr(i, end - i);
      i = end;
      prefix = chunk.back() == '*';
    }
    if (prefix) {
      prefix = prefixes < kMaxPrefixTerms && LastWordLetters(chunk) >= kMinPrefixLetters;
      if (prefix) ++prefixes;
    }
    std::string phrase = Phrase(chunk, prefix);
    if (!phrase.empty()) terms.push_back(std::move(phrase));
  }
  std::string out;
  for (const auto& t : terms) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

std::vector<FtsPhrase> FtsPhrases(std::string_view fts) {
  std::vector<FtsPhrase> out;
  size_t i = 0;
  while (i < fts.size()) {
    size_t open = fts.find('"', i);
    if (open == std::string_view::npos) break;
    size_t close = fts.find('"', open + 1);
    if (close == std::string_view::npos) break;
    out.push_back({fts.substr(open + 1, close - open - 1), close + 1 < fts.size() && fts[close + 1] == '*'});
    i = close + 1;
  }
  return out;
}

}  // namespace newsdesk
