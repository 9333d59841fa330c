#include "feeds/sitemap.h"

#include <algorithm>

#include "content/dates.h"
#include "feeds/xml.h"
#include "http/url.h"

namespace newsdesk::feeds {
namespace {

const char* PathPrefix(SitemapEntry::Kind kind) {
  switch (kind) {
    case SitemapEntry::Kind::kArticle: return "/articles/";
    case SitemapEntry::Kind::kColumn: return "/columns/";
    case SitemapEntry::Kind::kAuthor: return "/authors/";
    case SitemapEntry::Kind::kTag: return "/tags/";
    case SitemapEntry::Kind::kPage: return "/";
  }
  return "/";
}

std::string UrlSet(const std::string& base, std::vector<SitemapUrl>::const_iterator begin,
                   std::vector<SitemapUrl>::const_iterator end) {
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (auto it = begin; it != end; ++it) {
    x += "<url><loc>";
    AppendXmlEscaped(&x, base + it->path);
    x += "</loc><lastmod>" + FormatRfc3339Utc(it->lastmod) + "</lastmod></url>\n";
  }
  x += "</urlset>\n";
  return x;
}

}  // namespace

std::vector<SitemapUrl> SitemapUrls(const std::vector<SitemapEntry>& entries) {
  std::vector<SitemapUrl> urls;
  urls.reserve(SitemapUrlCount(entries));
  UnixSeconds newest = 0;
  for (const auto& e : entries) newest = std::max(newest, e.lastmod);
  urls.push_back({"/", newest});
  for (const auto& e : entries) urls.push_back({http::EncodeNonAscii(PathPrefix(e.kind) + e.slug), e.lastmod});
  return urls;
}

std::string RenderSitemap(const std::string& base, const std::vector<SitemapUrl>& urls, size_t per_file) {
  if (SitemapPartCount(urls.size(), per_file) == 0) return UrlSet(base, urls.begin(), urls.end());
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (size_t part = 0; part * per_file < urls.size(); ++part) {
    auto begin = urls.begin() + static_cast<long>(part * per_file);
    auto end = urls.begin() + static_cast<long>(std::min(urls.size(), (part + 1) * per_file));
    UnixSeconds newest = 0;
    for (auto it = begin; it != end; ++it) newest = std::max(newest, it->lastmod);
    x += "<sitemap><loc>";
    AppendXmlEscaped(&x, base + "/sitemaps/" + std::to_string(part + 1) + ".xml");
    x += "</loc><lastmod>" + FormatRfc3339Utc(newest) + "</lastmod></sitemap>\n";
  }
  x += "</sitemapindex>\n";
  return x;
}

std::optional<std::string> RenderSitemapPart(const std::string& base, const std::vector<SitemapUrl>& urls,
                                             size_t part, size_t per_file) {
  if (part < 1 || part > SitemapPartCount(urls.size(), per_file)) return std::nullopt;
  auto begin = urls.begin() + static_cast<long>((part - 1) * per_file);
  auto end = urls.begin() + static_cast<long>(std::min(urls.size(), part * per_file));
  return UrlSet(base, begin, end);
}

std::string RenderNewsSitemap(const Publication& p, const std::vector<Article>& articles) {
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
                  "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n";
  for (const auto& a : articles) {
    x += "<url><loc>";
    AppendXmlEscaped(&x, http::EncodeNonAscii(p.base_url + "/articles/" + a.slug));
    x += "</loc><news:news><news:publication><news:name>";
    AppendXmlEscaped(&x, p.name);
    x += "</news:name><news:language>";
    AppendXmlEscaped(&x, p.language);
    x += "</news:language></news:publication><news:publication_date>" +
         FormatRfc3339Utc(a.published_at) + "</news:publication_date><news:title>";
    AppendXmlEscaped(&x, a.title);
    x += "</news:title></news:news></url>\n";
  }
  x += "</urlset>\n";
  return x;
}

}  // namespace newsdesk::feeds
