#pragma once

#include <set>
#include <string>
#include <string_view>

namespace newsdesk {

constexpr size_t kMaxSlugLength = 120;

// A slug is 1..120 characters of lowercase a-z, 0-9 and '-'. Being this strict is
// what lets a slug go into a URL path or a file name without escaping.
bool IsValidSlug(std::string_view s);

// A slug made from any text ("Kerry & Lavrov: Talks" -> "kerry-lavrov-talks"):
// ASCII letters and digits kept (lowercased), every other run becomes one '-',
// at most 120 characters. Empty when nothing usable is left.
std::string Slugify(std::string_view text);

// `slug`, or `slug-<suffix>` when `slug` is empty or already in `taken`; the
// result is added to `taken`. Empty when neither is free (the caller reports it).
std::string UniqueSlug(const std::string& slug, std::string_view suffix, std::set<std::string>* taken);

// Why `s` is not a slug, for error messages; empty when it is one.
std::string SlugProblem(std::string_view s);

}  // namespace newsdesk
