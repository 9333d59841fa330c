// Written here rather than taken from a library: what it must agree with is
// the search's own notion of a word (PostgreSQL's 'newsdesk' configuration:
// split at what is not a letter or digit, lowercased, unaccent), and ICU,
// which we already use, gives the character classes and the folding.
#include "content/search_snippet.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <vector>

#include "content/search_query.h"
#include "storage/search_index.h"

namespace newsdesk {
namespace {

struct Token {
  size_t begin = 0, end = 0;  // bytes of the text
  std::string folded;
};

bool IsWordChar(UChar32 c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (u_isalnum(c)) return true;
  int8_t type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;  // part of the letter before it
}

// Lowercase without accents, as unaccent and lower() leave a word.
std::string Fold(std::string_view word) {
  bool ascii = std::all_of(word.begin(), word.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) {
    std::string out(word);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) return std::string(word);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  in.toLower(icu::Locale::getRoot());
  icu::UnicodeString decomposed = nfd->normalize(in, status);
  if (U_FAILURE(status)) return std::string(word);
  icu::UnicodeString kept;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) != U_NON_SPACING_MARK) kept.append(c);
  }
  std::string out;
  kept.toUTF8String(out);
  return out;
}

std::vector<Token> Tokens(std::string_view text) {
  std::vector<Token> out;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  auto n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  int32_t start = -1;
  while (i < n) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    bool word = c >= 0 && IsWordChar(c);
    if (word && start < 0) start = at;
    if (!word && start >= 0) {
      out.push_back({static_cast<size_t>(start), static_cast<size_t>(at), Fold(text.substr(start, at - start))});
      start = -1;
    }
  }
  if (start >= 0) out.push_back({static_cast<size_t>(start), text.size(), Fold(text.substr(start))});
  return out;
}

struct Phrase {
  std::vector<std::string> words;  // folded
  bool prefix = false;             // the last word is a prefix
};

// The phrases of an FTS query, their words folded.
std::vector<Phrase> Phrases(std::string_view fts) {
  std::vector<Phrase> out;
  for (const FtsPhrase& phrase : FtsPhrases(fts)) {
    Phrase p;
    p.prefix = phrase.prefix;
    for (auto& t : Tokens(phrase.words)) p.words.push_back(std::move(t.folded));
    if (!p.words.empty()) out.push_back(std::move(p));
  }
  return out;
}

bool Matches(const std::vector<Token>& tokens, size_t at, const Phrase& p) {
  if (at + p.words.size() > tokens.size()) return false;
  for (size_t k = 0; k < p.words.size(); ++k) {
    const std::string& word = tokens[at + k].folded;
    bool last = k + 1 == p.words.size();
    if (last && p.prefix ? word.rfind(p.words[k], 0) != 0 : word != p.words[k]) return false;
  }
  return true;
}

struct Hit {
  size_t at, length, phrase;
};

}  // namespace

std::string SearchSnippet(std::string_view text, std::string_view fts_query, size_t words) {
  std::vector<Token> tokens = Tokens(text);
  if (tokens.empty() || words == 0) return {};
  std::vector<Phrase> phrases = Phrases(fts_query);
  std::vector<Hit> hits;
  constexpr size_t kMaxHits = 512;  // enough to choose a window; a text is not scored without end
  for (size_t t = 0; t < tokens.size() && hits.size() < kMaxHits; ++t) {
    for (size_t p = 0; p < phrases.size(); ++p) {
      if (Matches(tokens, t, phrases[p])) hits.push_back({t, phrases[p].words.size(), p});
    }
  }

  // The window: the one, among those starting a few words before a hit, that
  // holds the most different phrases, then the most hits; the earliest of equals.
  size_t from = 0;
  if (!hits.empty()) {
    const size_t lead = words / 4;
    const size_t last_start = tokens.size() > words ? tokens.size() - words : 0;
    long best = -1;
    for (const Hit& h : hits) {
      size_t start = std::min(h.at > lead ? h.at - lead : 0, last_start);
      std::vector<bool> seen(phrases.size());
      long distinct = 0, count = 0;
      for (const Hit& o : hits) {
        if (o.at < start || o.at + o.length > start + words) continue;
        ++count;
        if (!seen[o.phrase]) {
          seen[o.phrase] = true;
          ++distinct;
        }
      }
      long score = distinct * 100000 + count;
      if (score > best || (score == best && start < from)) {
        best = score;
        from = start;
      }
    }
  }
  size_t to = std::min(tokens.size(), from + words);  // tokens [from, to)

  // Marked: each hit's words as one span.
  std::vector<bool> marked(tokens.size()), joined(tokens.size());  // joined[t]: t and t+1 in one hit
  for (const Hit& h : hits) {
    for (size_t k = 0; k < h.length; ++k) {
      marked[h.at + k] = true;
      if (k + 1 < h.length) joined[h.at + k] = true;
    }
  }

  std::string out;
  out.reserve(tokens[to - 1].end - tokens[from].begin + 32);
  if (from > 0) out += "…";
  size_t end = to == tokens.size() ? text.size() : tokens[to - 1].end;
  auto copy = [&](size_t a, size_t b) {
    for (size_t i = a; i < b; ++i) {
      char c = text[i];
      out += c == kSnippetStart || c == kSnippetEnd ? ' ' : c;  // the markers mean only what this adds
    }
  };
  size_t at = tokens[from].begin;
  for (size_t t = from; t < to; ++t) {
    copy(at, tokens[t].begin);
    bool opens = marked[t] && !(t > from && joined[t - 1]);
    bool closes = marked[t] && !(joined[t] && t + 1 < to);
    if (opens) out += kSnippetStart;
    copy(tokens[t].begin, tokens[t].end);
    if (closes) out += kSnippetEnd;
    at = tokens[t].end;
  }
  copy(at, end);
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n' || out.back() == '\r' || out.back() == '\t')) {
    out.pop_back();
  }
  if (to < tokens.size()) out += "…";
  return out;
}

}  // namespace newsdesk
