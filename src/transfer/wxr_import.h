// WordPress export files (WXR 1.1/1.2) as a content bundle:
//   wp:author            -> author (slug from the login, name from the display name)
//   wp:category          -> column (an article's first category is its column;
//                           posts without one go to "uncategorized")
//   wp:tag, post_tag     -> tag
//   item, post_type post -> article: HTML body (autop'd, sanitised when shown),
//                           excerpt or the body's first words as summary;
//                           publish -> published, future -> scheduled, anything
//                           else, and password-protected posts -> draft; trash is left out
// Pages, attachments and menu items are not articles and are skipped.
#pragma once

#include <string_view>

#include "base/status.h"
#include "transfer/bundle.h"

namespace newsdesk {

// `with_publication`: also take the site's name, address and language from the
// channel (for a database that has no publication yet).
Result<Bundle> ParseWxr(std::string_view xml, bool with_publication);

}  // namespace newsdesk
