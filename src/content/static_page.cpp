#include "content/static_page.h"

#include <array>

#include "content/slug.h"

namespace newsdesk {

bool IsReservedPageSlug(std::string_view slug) {
  static constexpr std::array<std::string_view, 16> kReserved = {
      "columns", "articles", "authors", "tags", "search", "newsletter", "cookies", "media",
      "assets", "admin", "api", "page", "sitemaps", "healthz", "feed", "rss"};
  for (std::string_view r : kReserved) {
    if (slug == r) return true;
  }
  return false;
}

std::string PageSlugProblem(std::string_view slug) {
  if (std::string problem = SlugProblem(slug); !problem.empty()) return problem;
  if (IsReservedPageSlug(slug)) return "'" + std::string(slug) + "' is a path the site itself uses";
  return "";
}

}  // namespace newsdesk
