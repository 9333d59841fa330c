#include "content/slug.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/locid.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

namespace newsdesk {

// Letters of any script: ICU's character properties, kept by Debian's libicu
// (a table of Unicode letters and marks is not something to write by hand).
std::string SlugProblem(std::string_view s) {
  if (s.empty()) return "must not be empty";
  if (s.size() > kMaxSlugBytes) return "longer than 200 characters";
  size_t chars = 0;
  bool after_letter = false;
  int32_t i = 0, length = static_cast<int32_t>(s.size());
  while (i < length) {
    UChar32 c;
    U8_NEXT(s.data(), i, length, c);
    if (c < 0) return "is not valid UTF-8";
    ++chars;
    if (c == '-' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      after_letter = c != '-';
      continue;
    }
    if (c < 0x80) return "may contain only lowercase letters, digits and '-'";
    int8_t type = u_charType(c);
    bool mark = type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
    if (mark && after_letter) continue;
    if (type == U_DECIMAL_DIGIT_NUMBER || type == U_LOWERCASE_LETTER || type == U_OTHER_LETTER ||
        type == U_MODIFIER_LETTER) {
      after_letter = true;
      continue;
    }
    if (type == U_UPPERCASE_LETTER || type == U_TITLECASE_LETTER) return "must be lowercase";
    return "may contain only lowercase letters, digits and '-'";
  }
  if (chars > kMaxSlugLength) return "longer than 200 characters";
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (U_SUCCESS(status) && !nfc->isNormalized(text, status)) return "must be in Unicode normal form C (NFC)";
  return {};
}

bool IsValidSlug(std::string_view s) { return SlugProblem(s).empty(); }

std::string Slugify(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return {};
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  in.toLower(icu::Locale::getRoot());
  icu::UnicodeString decomposed = nfd->normalize(in, status);
  if (U_FAILURE(status)) return {};
  icu::UnicodeString kept;
  bool dash = false, after_letter = false, latin_base = false;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    int8_t type = u_charType(c);
    bool mark = type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
    if (mark) {
      // Accents come off Latin letters ("café" -> "cafe"); other scripts keep
      // the marks their words are spelled with.
      if (after_letter && !latin_base) kept.append(c);
      continue;
    }
    bool ascii_word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    bool letter = ascii_word || (c >= 0x80 && (type == U_DECIMAL_DIGIT_NUMBER || type == U_LOWERCASE_LETTER ||
                                              type == U_OTHER_LETTER || type == U_MODIFIER_LETTER));
    if (!letter) {
      dash = true;
      after_letter = false;
      continue;
    }
    if (dash && !kept.isEmpty()) kept.append(static_cast<UChar32>('-'));
    dash = false;
    kept.append(c);
    after_letter = true;
    latin_base = ascii_word || uscript_getScript(c, &status) == USCRIPT_LATIN;
  }
  icu::UnicodeString composed = nfc->normalize(kept, status);
  if (U_FAILURE(status)) return {};
  // At most kMaxSlugLength characters, cut between characters, no '-' at the end.
  std::string out;
  int32_t chars = 0;
  for (int32_t i = 0; i < composed.length() && chars < static_cast<int32_t>(kMaxSlugLength); ++chars) {
    UChar32 c = composed.char32At(i);
    i += U16_LENGTH(c);
    icu::UnicodeString(c).toUTF8String(out);
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

}  // namespace newsdesk

namespace newsdesk {

std::string UniqueSlug(const std::string& slug, std::string_view suffix, std::set<std::string>* taken) {
  std::string candidate = slug;
  if (candidate.empty() || taken->count(candidate)) candidate = Slugify(slug + "-" + std::string(suffix));
  if (candidate.empty() || !taken->insert(candidate).second) return {};
  return candidate;
}

}  // namespace newsdesk
