// The public site: one handler per kind of page, each reading through
// ContentReader and rendering with the theme. Registered on the app's router.
#pragma once

#include <functional>

#include "content/content_reader.h"
#include "http/rate_limiter.h"
#include "http/router.h"
#include "render/theme.h"
#include "site/view_model.h"

namespace newsdesk::site {

// What one reader's search may cost: a time budget per query, and searches
// per client address (both off when 0 / null).
struct SearchLimits {
  int budget_ms = 0;
  http::RateLimiter* per_client = nullptr;
};

class SiteRoutes {
 public:
  // `links`: kPath for a static export, whose pages link to /x/page/N/.
  SiteRoutes(const ContentReader& reader, const Theme& theme, PageLinks links = PageLinks::kQuery)
      : reader_(reader), theme_(theme), links_(links) {}

  // Adds every public route: /, /columns/{slug}, /articles/{slug},
  // /authors/{slug}, /tags/{slug} (each listing also as .../page/{n}, the form
  // a static export links to), /search, /cookies, /assets/{name}, /healthz,
  // and the not-found page.
  void Register(http::Router& router) const;
  void SetSearchLimits(SearchLimits limits) { search_limits_ = limits; }

  // `page_in_path`: the page number from a .../page/{n} route, else empty.
  http::Response Home(const http::Request& req, std::string_view page_in_path = {}) const;
  http::Response Column(const http::Request& req, std::string_view slug, std::string_view page_in_path = {}) const;
  http::Response Author(const http::Request& req, std::string_view slug, std::string_view page_in_path = {}) const;
  http::Response Tag(const http::Request& req, std::string_view slug, std::string_view page_in_path = {}) const;
  // /columns/, /authors/, /tags/: each with a link ("columns", "authors", "tags").
  http::Response Index(const http::Request& req, const std::string& kind) const;
  http::Response Article(const http::Request& req, std::string_view slug) const;
  // The page of `article` as readers get it (also the admin's preview of an
  // unsaved one: the preview is the published page).
  http::Response ArticlePage(const http::Request& req, const newsdesk::Article& article) const;
  http::Response Search(const http::Request& req) const;
  http::Response CookiePolicy(const http::Request& req) const;
  http::Response DismissCookieNotice(const http::Request& req) const;
  http::Response Asset(const http::Request& req, std::string_view name) const;
  // Paths no route takes: a static page (/{slug}), a redirect, else 404.
  http::Response NotFound(const http::Request& req) const;
  // The static page at req.path, when there is a published one.
  std::optional<http::Response> StaticPageAt(const http::Request& req) const;

  // Renders `content` inside the layout for this publication and request.
  http::Response Page(const http::Request& req, const Publication& publication, int status,
                      PageMeta meta, std::string content) const;

 private:
  // A listing page, or 404 when the page number is bad or past the end.
  // `profile` (an author's email and links) is shown under the heading.
  http::Response ListingPage(const http::Request& req, const Publication& publication,
                             const ListingFilter& filter, std::initializer_list<std::string_view> templates,
                             const std::string& heading, const std::string& intro,
                             const std::string& base_path, const std::string& title,
                             bool has_rss, std::string_view page_in_path,
                             const TemplateData* profile = nullptr,
                             const std::function<void(const Listing&, TemplateData*)>& decorate = {}) const;

  // Page 1 of home as a front page: the lead story, the latest, a block per section.
  void AddFrontPage(const Listing& listing, const Publication& p, TemplateData* data) const;
  // What surrounds an article on its page: author boxes, more from its
  // column, related articles, share links, reading time. `shown_slugs`: the
  // articles its boxes list.
  void AddArticleSurroundings(const newsdesk::Article& article, const Publication& p, const date::time_zone* zone,
                              TemplateData* data, std::vector<std::string>* shown_slugs) const;

  const ContentReader& reader_;
  const Theme& theme_;
  PageLinks links_;
  SearchLimits search_limits_;
};

}  // namespace newsdesk::site
