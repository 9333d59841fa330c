// WordPress export files (WXR 1.1/1.2) as a content bundle:
//   wp:author            -> author (slug from the login, name from the display name)
//   wp:category          -> column (an article's first category is its column;
//                           posts without one go to "uncategorized")
//   wp:tag, post_tag     -> tag
//   item, post_type post -> article: HTML body (autop'd, sanitised when shown),
//                           excerpt or the body's first words as summary;
//                           publish -> published, future -> scheduled, anything
//                           else, and password-protected posts -> draft; trash is left out
// Pages are static pages; attachments feed featured images and galleries;
// menu items are skipped.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "transfer/bundle.h"

namespace newsdesk {

// Where the export is: a file (read as a stream, twice: terms, uploads and
// UTC offsets first, then pages and posts) or text in memory.
struct WxrSource {
  std::string path;        // read when not empty
  std::string_view text;   // otherwise
};

// `with_publication`: also take the site's name, address and language from the
// channel (for a database that has no publication yet). Invalid posts and
// pages are left out and listed in Bundle::problems.
Result<Bundle> ParseWxr(const WxrSource& source, bool with_publication);

}  // namespace newsdesk
