// sitemaps.org sitemaps (an index once past 50,000 URLs) and the Google News sitemap.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "content/model.h"
#include "storage/store.h"

namespace newsdesk::feeds {

constexpr size_t kMaxUrlsPerSitemap = 50000;

struct SitemapUrl {
  std::string path;  // "/articles/x"
  UnixSeconds lastmod;
};

// The home page first, then every entry's page.
std::vector<SitemapUrl> SitemapUrls(const std::vector<SitemapEntry>& entries);
// How many SitemapUrls(entries) gives, without making them.
inline size_t SitemapUrlCount(const std::vector<SitemapEntry>& entries) { return entries.size() + 1; }

// /sitemap.xml: a <urlset> when all URLs fit in one file, else a <sitemapindex>
// pointing at /sitemaps/1.xml, /sitemaps/2.xml, ...
std::string RenderSitemap(const std::string& base_url, const std::vector<SitemapUrl>& urls,
                          size_t per_file = kMaxUrlsPerSitemap);
// How many /sitemaps/{part}.xml there are for `url_count` URLs: none while
// /sitemap.xml holds them all.
constexpr size_t SitemapPartCount(size_t url_count, size_t per_file = kMaxUrlsPerSitemap) {
  return url_count <= per_file ? 0 : (url_count + per_file - 1) / per_file;
}
// /sitemaps/{part}.xml (part from 1); nullopt when there is no such part.
std::optional<std::string> RenderSitemapPart(const std::string& base_url, const std::vector<SitemapUrl>& urls,
                                             size_t part, size_t per_file = kMaxUrlsPerSitemap);

// /news-sitemap.xml: the given (recent) articles with publication name, language,
// date and title.
std::string RenderNewsSitemap(const Publication& publication, const std::vector<Article>& articles);

}  // namespace newsdesk::feeds
