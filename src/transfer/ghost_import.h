// Ghost exports (JSON, "db": [{"data": {...}}]) as a content bundle:
//   users                      -> authors (slug, name, bio)
//   tags                       -> tags; a post's primary (first) tag is its column
//                                 (posts without tags go to "uncategorized")
//   posts with type "post"     -> articles: `html` body (sanitised when shown),
//                                 custom_excerpt or the text's first words as summary;
//                                 published, scheduled and draft map to themselves,
//                                 members-only posts become drafts
//   posts_authors, posts_tags  -> bylines and tags, in Ghost's sort order
// Pages are not articles and are skipped.
#pragma once

#include <string_view>

#include "base/status.h"
#include "transfer/bundle.h"

namespace newsdesk {

bool LooksLikeGhostExport(std::string_view text);

// `with_publication`: also take the site's title from the export's settings.
Result<Bundle> ParseGhostExport(std::string_view json_text, bool with_publication);

}  // namespace newsdesk
