#pragma once

#include <set>
#include <string>
#include <string_view>

namespace newsdesk {

// A slug is 1..200 characters of lowercase letters and digits of any script
// (with the combining marks their words need, as in Hindi) and '-', in Unicode
// NFC: "kerry-lavrov-talks", "شركة-النفط", "हिन्दी-समाचार". Slugs of a-z, 0-9 and
// '-' stay what they always were. In URLs a slug is percent-encoded
// (http::EncodePathSegment); a request's path arrives decoded.
constexpr size_t kMaxSlugLength = 200;       // characters
constexpr size_t kMaxSlugBytes = 4 * kMaxSlugLength;

bool IsValidSlug(std::string_view s);

// A slug made from any text ("Kerry & Lavrov: Talks" -> "kerry-lavrov-talks",
// "Café Society" -> "cafe-society", "النفط والغاز" -> "النفط-والغاز"): letters
// lowercased, accents taken off Latin letters, letters and digits of every
// other script kept, every other run becomes one '-', at most 200 characters.
// Empty when nothing usable is left.
std::string Slugify(std::string_view text);

// `slug`, or `slug-<suffix>` when `slug` is empty or already in `taken`; the
// result is added to `taken`. Empty when neither is free (the caller reports it).
std::string UniqueSlug(const std::string& slug, std::string_view suffix, std::set<std::string>* taken);

// Why `s` is not a slug, for error messages; empty when it is one.
std::string SlugProblem(std::string_view s);

}  // namespace newsdesk
