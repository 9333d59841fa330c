#include "content/slug.h"

namespace newsdesk {

std::string SlugProblem(std::string_view s) {
  if (s.empty()) return "must not be empty";
  if (s.size() > kMaxSlugLength) return "longer than 120 characters";
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return "may contain only lowercase a-z, 0-9 and '-'";
  }
  return {};
}

bool IsValidSlug(std::string_view s) { return SlugProblem(s).empty(); }

std::string Slugify(std::string_view text) {
  std::string out;
  bool dash = false;
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    } else {
      dash = true;
    }
    if (out.size() >= kMaxSlugLength) break;
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
