#pragma once

#include <string>

#include "content/model.h"

namespace newsdesk::feeds {

// schema.org NewsArticle as JSON-LD, ready to sit inside
// <script type="application/ld+json">: '<', '>' and '&' are \u-escaped so no text
// can close the script element.
std::string NewsArticleJsonLd(const Article& article, const Publication& publication);

}  // namespace newsdesk::feeds
