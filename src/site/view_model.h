// Turns content into the values templates see. Every field is plain text that
// Mustache escapes; the only raw HTML fields are `content` (a rendered template)
// and `body_html` (sanitised Markdown).
#pragma once

#include <string>

#include "content/content_reader.h"
#include "render/picture.h"
#include "render/theme.h"

namespace newsdesk::site {

struct PageMeta {
  std::string title;          // <title>, without the site name
  std::string description;
  std::string canonical_path; // "/columns/back-channel?page=2"
  std::string canonical_url;  // absolute; overrides base_url + canonical_path (an article's own choice)
  std::string atom_path;      // this page's feeds, for autodiscovery
  std::string rss_path;
  std::string feed_title;
  std::string json_ld;        // already safe inside <script> (feeds/structured_data.h)
  const Article* article = nullptr;  // article pages: Open Graph article:* properties
};

inline PageMeta MakeMeta(std::string title, std::string description, std::string canonical_path) {
  PageMeta m;
  m.title = std::move(title);
  m.description = std::move(description);
  m.canonical_path = std::move(canonical_path);
  return m;
}

// One item of a listing: title, date, byline with links, column, summary, and
// the featured image's thumbnail (loaded lazily unless `above_fold`).
TemplateData ListingItemData(const Article& article, const date::time_zone* zone, bool above_fold = false);

// How links to page N of a listing look: "/columns/x?page=N" on the live site,
// "/columns/x/page/N/" in a static export (a file server ignores query strings).
enum class PageLinks { kQuery, kPath };

// A whole listing: heading, optional intro, items and newer/older links.
// `base_path` is the listing's own path ("/columns/back-channel").
TemplateData ListingData(const std::string& heading, const std::string& intro,
                         const Listing& listing, const std::string& base_path,
                         const date::time_zone* zone, PageLinks links = PageLinks::kQuery);

// The article page: with `images`, the lead image and the body's figures.
TemplateData ArticleData(const Article& article, const date::time_zone* zone, const ImageContext* images = nullptr);

// The frame around every page: head, header, footer, cookie notice.
struct LayoutInputs {
  const Publication* publication = nullptr;
  PageMeta meta;
  std::string content_html;
  bool show_cookie_notice = true;
  std::string return_to;
  std::string asset_version;
  // Linked in the footer: the content version's list (ContentReader::Chrome),
  // not a copy of it, as those pages' bodies come along.
  const std::vector<StaticPage>* footer_pages = nullptr;
  bool has_embeds = false;               // load assets/embeds.js
  std::vector<Column> nav_columns;       // the header's sections
  bool nav_more = false;                 // more sections than shown: link /columns/
  std::string current_path;              // marks the section being read (aria-current)
  bool site_css = false;                 // the theme has assets/site.css: linked after style.css
  std::optional<MediaItem> logo;         // the publication's (Publication::logo_id), when uploaded
  std::optional<MediaItem> icon;         // the publication's (Publication::icon_id), when uploaded
};
// Takes `in` by value: the page's content and JSON-LD are moved into the data.
TemplateData LayoutData(LayoutInputs in);

// One search hit: a listing item whose summary is the highlighted snippet.
TemplateData SearchHitData(const SearchHit& hit, const date::time_zone* zone);

// The snippet as HTML: text escaped, matches wrapped in <mark>.
std::string HighlightSnippet(const std::string& snippet);

// "/columns/x" for page 1, "/columns/x?page=N" after ("&page=N" when the base
// already has a query); with kPath "/columns/x/page/N/" ("/page/N/" for "/").
std::string PagePath(const std::string& base_path, int page, PageLinks links = PageLinks::kQuery);

}  // namespace newsdesk::site
