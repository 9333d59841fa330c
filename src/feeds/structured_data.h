#pragma once

#include <string>

#include "content/model.h"

namespace newsdesk::feeds {

// schema.org NewsArticle as JSON-LD, ready to sit inside
// <script type="application/ld+json">: '<', '>' and '&' are \u-escaped so no text
// can close the script element.
// The publisher's logo for search engines (the theme's assets/logo.png).
struct PublisherLogo {
  std::string url;  // absolute
  int width = 0;
  int height = 0;
};

std::string NewsArticleJsonLd(const Article& article, const Publication& publication,
                              const PublisherLogo* logo = nullptr);
// The same document built as an nlohmann::json tree and dumped: the reference
// NewsArticleJsonLd is tested against, and its way for text that is not UTF-8
// (nlohmann replaces what cannot be decoded).
std::string NewsArticleJsonLdByTree(const Article& article, const Publication& publication,
                                    const PublisherLogo* logo = nullptr);

}  // namespace newsdesk::feeds
