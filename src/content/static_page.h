// A static page (About, Contact, Privacy policy, Terms): a title and a body at
// a top-level path, /{slug}, listed in the site's footer. Not dated, not in
// feeds or the newsletter; written in the admin, brought by bundles ("pages")
// and by WordPress and Ghost imports.
#pragma once

#include <string>
#include <string_view>

#include "content/model.h"

namespace newsdesk {

struct StaticPage {
  std::string slug;
  std::string title;
  std::string body;
  BodyFormat body_format = BodyFormat::kMarkdown;
  bool published = true;  // false: a draft, shown only in the admin
  bool in_footer = true;  // linked from every page's footer
  int position = 0;       // footer order (then title)
  UnixSeconds updated_at = 0;
};

constexpr size_t kMaxPageTitleBytes = 300;
constexpr size_t kMaxPageBodyBytes = 1 << 20;

// The first path segments the site itself answers (CONTRACT.md), which no
// page may take: "columns", "articles", "admin", ...
bool IsReservedPageSlug(std::string_view slug);

// Why `slug` cannot be a page's slug (not a slug, or reserved); "" when it can.
std::string PageSlugProblem(std::string_view slug);

// The page's path, as requests arrive (decoded): "/about".
inline std::string StaticPagePath(std::string_view slug) { return "/" + std::string(slug); }

}  // namespace newsdesk
