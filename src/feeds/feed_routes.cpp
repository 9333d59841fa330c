#include "feeds/feed_routes.h"

#include <limits>

#include "content/slug.h"
#include "feeds/feed.h"
#include "feeds/sitemap.h"
#include "http/conditional.h"
#include "http/url.h"

namespace newsdesk::feeds {

using http::Request;
using http::Response;
using http::RouteParams;
using Kind = ListingFilter::Kind;

namespace {

constexpr UnixSeconds kNewsWindow = 2 * 24 * 3600;  // Google News: the last two days

Response Xml(std::string body, const char* type) {
  Response r;
  r.content_type = type;
  r.body = std::move(body);
  return r;
}

Response NotFoundText() { return Response::Text(404, "Not found\n"); }

}  // namespace

void FeedRoutes::Register(http::Router& router) const {
  auto feed = [this](Kind kind, Format format) {
    return [this, kind, format](const Request& r, const RouteParams& p) {
      return Feed(r, kind, p.Get("slug"), format);
    };
  };
  router.Add("GET", "/feed.xml", feed(Kind::kAll, Format::kAtom));
  router.Add("GET", "/columns/{slug}/feed.xml", feed(Kind::kColumn, Format::kAtom));
  router.Add("GET", "/authors/{slug}/feed.xml", feed(Kind::kAuthor, Format::kAtom));
  router.Add("GET", "/tags/{slug}/feed.xml", feed(Kind::kTag, Format::kAtom));
  router.Add("GET", "/rss.xml", feed(Kind::kAll, Format::kRss));
  router.Add("GET", "/columns/{slug}/rss.xml", feed(Kind::kColumn, Format::kRss));
  router.Add("GET", "/sitemap.xml", [this](const Request& r, const RouteParams&) { return Sitemap(r, ""); });
  router.Add("GET", "/sitemaps/{part}",
             [this](const Request& r, const RouteParams& p) { return Sitemap(r, p.Get("part")); });
  router.Add("GET", "/news-sitemap.xml", [this](const Request& r, const RouteParams&) { return NewsSitemap(r); });
  router.Add("GET", "/robots.txt", [this](const Request& r, const RouteParams&) { return Robots(r); });
}

Response FeedRoutes::Feed(const Request& req, Kind kind, std::string_view slug, Format format) const {
  Publication p = reader_.LoadPublication();
  FeedInfo info;
  info.base_url = p.base_url;
  info.language = p.language;
  info.copyright = p.copyright;
  info.media = reader_.MediaLookupFn();
  std::string s(slug);
  std::string name;
  if (kind != Kind::kAll) {
    if (!IsValidSlug(slug)) return NotFoundText();
    if (kind == Kind::kColumn) {
      auto c = reader_.FindColumn(s);
      if (!c) return NotFoundText();
      name = c->title;
      info.description = c->description;
      info.html_path = "/columns/" + s;
    } else if (kind == Kind::kAuthor) {
      auto a = reader_.FindAuthor(s);
      if (!a) return NotFoundText();
      name = a->name;
      info.description = a->bio;
      info.html_path = "/authors/" + s;
    } else {
      auto t = reader_.FindTag(s);
      if (!t) return NotFoundText();
      name = t->name;
      info.html_path = "/tags/" + s;
    }
  } else {
    info.html_path = "/";
  }
  info.title = name.empty() ? p.name : name + " | " + p.name;
  std::string file = format == Format::kAtom ? "feed.xml" : "rss.xml";
  info.self_path = kind == Kind::kAll ? "/" + file : info.html_path + "/" + file;

  // The entries come without bodies: most requests find every body already
  // rendered for this content version, and reading 20 whole bodies was most
  // of a feed's cost on PostgreSQL. Those not rendered yet are read in one query.
  // The version first: bodies read after it may be newer, never older.
  const std::int64_t version = reader_.Version();
  std::vector<Article> entries = reader_.FeedEntries({kind, s});
  ImageContext images = FeedImageContext(info);
  std::vector<Article*> unrendered;
  for (auto& a : entries) {
    if (!bodies_.Has(a, images, version)) unrendered.push_back(&a);
  }
  reader_.FillBodies(unrendered);
  info.render_body = [this, version](const Article& a, const ImageContext& images) {
    if (auto html = bodies_.Find(a, images, version)) return std::move(*html);
    if (a.body.empty()) {  // dropped from the cache since it was looked for above
      Article whole = a;
      reader_.FillBodies({&whole});
      return bodies_.Render(whole, images, version);
    }
    return bodies_.Render(a, images, version);
  };
  for (const auto& a : entries) info.updated = std::max(info.updated, LastChange(a));
  Response res = format == Format::kAtom
                     ? Xml(RenderAtom(info, entries), "application/atom+xml; charset=utf-8")
                     : Xml(RenderRss(info, entries), "application/rss+xml; charset=utf-8");
  res.headers.emplace_back("Cache-Control", "public, max-age=300");
  return http::WithValidators(req, std::move(res), info.updated);
}

Response FeedRoutes::Sitemap(const Request& req, std::string_view part) const {
  Publication p = reader_.LoadPublication();
  std::vector<SitemapUrl> urls = SitemapUrls(reader_.SitemapEntries());
  UnixSeconds newest = urls.empty() ? 0 : urls.front().lastmod;  // the home page carries the newest
  if (part.empty()) {
    return http::WithValidators(req, Xml(RenderSitemap(p.base_url, urls), "application/xml; charset=utf-8"),
                                newest);
  }
  if (part.size() < 5 || part.substr(part.size() - 4) != ".xml") return NotFoundText();
  auto n = http::ParsePositiveNumber(part.substr(0, part.size() - 4), std::numeric_limits<int>::max());
  if (!n) return NotFoundText();
  auto body = RenderSitemapPart(p.base_url, urls, static_cast<size_t>(*n));
  if (!body) return NotFoundText();
  return http::WithValidators(req, Xml(std::move(*body), "application/xml; charset=utf-8"), newest);
}

Response FeedRoutes::NewsSitemap(const Request& req) const {
  Publication p = reader_.LoadPublication();
  std::vector<Article> recent = reader_.PublishedWithin(kNewsWindow);
  UnixSeconds newest = 0;
  for (const auto& a : recent) newest = std::max(newest, LastChange(a));
  return http::WithValidators(req, Xml(RenderNewsSitemap(p, recent), "application/xml; charset=utf-8"), newest);
}

Response FeedRoutes::Robots(const Request&) const {
  Publication p = reader_.LoadPublication();
  return Response::Text(200, "User-agent: *\nAllow: /\nDisallow: /admin\nDisallow: /api/\n\nSitemap: " +
                                 p.base_url + "/sitemap.xml\nSitemap: " + p.base_url + "/news-sitemap.xml\n");
}

}  // namespace newsdesk::feeds
