// Old paths that answer 301 with a new one: an article's URL before its slug
// changed, or an imported site's permalinks (/2016/09/28/old-post/).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "content/model.h"

namespace newsdesk {

struct Redirect {
  std::string from;  // a path as readers' browsers send it, decoded: "/2016/09/old-post/"
  std::string to;    // a path on this site ("/articles/new") or an absolute http(s) URL
  std::string source;  // "editor", "slug change" or "import"
  UnixSeconds created_at = 0;
};

// The longest path either side may have.
constexpr size_t kMaxRedirectPath = 2000;

// Why `from` cannot be an old path, empty when it can be: it must be an
// absolute path (percent-escapes are decoded), without a query, fragment,
// control characters or "." segments. The result, decoded, goes to *decoded.
std::string RedirectFromProblem(std::string_view from, std::string* decoded);
// Why `to` cannot be a redirect target (a path like `from`, or an absolute
// http:// or https:// URL), empty when it can be.
std::string RedirectToProblem(std::string_view to);

// WordPress's query permalinks, which every WordPress site answers whatever its
// permalink structure: "/?p=123" for query "p=123", "/?page_id=7" for
// "page_id=7"; "" for any other query. The one form of `from` with a query.
std::string WordPressQueryPath(std::string_view query);

// An old site's URL or path as a redirect's `from` (scheme and host dropped,
// decoded, checked as RedirectFromProblem checks it, WordPress's ?p=ID kept);
// nullopt when it cannot be one (the home page, a query of another kind).
std::optional<std::string> OldPathOf(std::string_view url);

// The path of an article's page, as requests arrive (decoded).
inline std::string ArticlePath(std::string_view slug) { return "/articles/" + std::string(slug); }

}  // namespace newsdesk
