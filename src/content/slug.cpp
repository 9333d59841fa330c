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

}  // namespace newsdesk
