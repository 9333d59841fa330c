// Routes for being found and followed: Atom and RSS feeds, sitemaps, robots.txt.
#pragma once

#include "content/content_reader.h"
#include "render/body_cache.h"
#include "http/router.h"

namespace newsdesk::feeds {

class FeedRoutes {
 public:
  explicit FeedRoutes(const ContentReader& reader) : reader_(reader) {}

  // /feed.xml, /columns|authors|tags/{slug}/feed.xml (Atom); /rss.xml,
  // /columns/{slug}/rss.xml (RSS); /sitemap.xml, /sitemaps/{n}.xml,
  // /news-sitemap.xml, /robots.txt.
  void Register(http::Router& router) const;

 private:
  enum class Format { kAtom, kRss };
  http::Response Feed(const http::Request& req, ListingFilter::Kind kind, std::string_view slug,
                      Format format) const;
  http::Response Sitemap(const http::Request& req, std::string_view part) const;
  http::Response NewsSitemap(const http::Request& req) const;
  http::Response Robots(const http::Request& req) const;

  BodyCache bodies_;  // the entries' bodies, while content stands still

  const ContentReader& reader_;
};

}  // namespace newsdesk::feeds
