#include "transfer/static_exporter.h"

#include <filesystem>
#include <fstream>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "feeds/feed_routes.h"
#include "http/router.h"
#include "media/image_urls.h"
#include "site/newsletter_routes.h"
#include "site/site_routes.h"

namespace newsdesk {
namespace {

namespace fs = std::filesystem;

// The listing and its later pages, in the path form.
void AddListing(const ContentReader& reader, const ListingFilter& filter, const std::string& base,
                std::vector<std::string>* urls) {
  urls->push_back(base);
  auto first = reader.List(filter, 1);
  int pages = first ? first->page_count : 1;
  for (int n = 2; n <= pages; ++n) urls->push_back(site::PagePath(base, n, site::PageLinks::kPath));
}

// "/media/<name>" references in a page, feed or sitemap: the names newsdesk
// makes (media/image_urls.h), whatever the host before them.
std::set<std::string> MediaFilesIn(std::string_view text) {
  std::set<std::string> out;
  constexpr std::string_view kPrefix = "/media/";
  for (size_t at = text.find(kPrefix); at != std::string_view::npos; at = text.find(kPrefix, at + 1)) {
    size_t start = at + kPrefix.size();
    size_t end = text.find_first_not_of("0123456789abcdefghijklmnopqrstuvwxyz.-", start);
    std::string_view name = text.substr(start, (end == std::string_view::npos ? text.size() : end) - start);
    if (media::ParseFileName(name)) out.emplace(name);
  }
  return out;
}

}  // namespace

std::string ExportFileFor(const std::string& url_path) {
  std::string p = url_path;
  while (!p.empty() && p.front() == '/') p.erase(0, 1);
  while (!p.empty() && p.back() == '/') p.pop_back();
  if (p.empty()) return "index.html";
  std::string last = p.substr(p.rfind('/') == std::string::npos ? 0 : p.rfind('/') + 1);
  if (last.find('.') != std::string::npos) return p;
  return p + "/index.html";
}

Result<int> ExportStaticSite(const ContentReader& reader, const Theme& theme, const std::string& out_dir,
                             const MediaFileSource& media) {
  site::SiteRoutes site(reader, theme, site::PageLinks::kPath);
  feeds::FeedRoutes feeds(reader);
  site::NewsletterRoutes newsletter(nullptr, reader, theme, site, 1);
  http::Router router;
  site.Register(router);
  feeds.Register(router);
  newsletter.Register(router);

  std::vector<std::string> urls = {"/feed.xml", "/rss.xml", "/sitemap.xml", "/news-sitemap.xml",
                                   "/robots.txt", "/cookies", "/newsletter", "/columns/", "/authors/", "/tags/",
                                   "/favicon.ico", "/apple-touch-icon.png"};
  AddListing(reader, {}, "/", &urls);
  for (const auto& c : reader.ListColumns()) {
    AddListing(reader, {ListingFilter::Kind::kColumn, c.slug}, "/columns/" + c.slug, &urls);
    urls.push_back("/columns/" + c.slug + "/feed.xml");
    urls.push_back("/columns/" + c.slug + "/rss.xml");
  }
  std::set<std::string> seen;
  for (const auto& e : reader.SitemapEntries()) {
    switch (e.kind) {
      case SitemapEntry::Kind::kArticle: urls.push_back("/articles/" + e.slug); break;
      case SitemapEntry::Kind::kAuthor:
        AddListing(reader, {ListingFilter::Kind::kAuthor, e.slug}, "/authors/" + e.slug, &urls);
        urls.push_back("/authors/" + e.slug + "/feed.xml");
        break;
      case SitemapEntry::Kind::kTag:
        AddListing(reader, {ListingFilter::Kind::kTag, e.slug}, "/tags/" + e.slug, &urls);
        urls.push_back("/tags/" + e.slug + "/feed.xml");
        break;
      case SitemapEntry::Kind::kColumn: break;  // every column is listed above
      case SitemapEntry::Kind::kPage: urls.push_back(StaticPagePath(e.slug)); break;
    }
  }
  for (const auto& name : theme.AssetNames()) urls.push_back("/assets/" + name);

  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) return Error{"export", "out", out_dir + ": " + ec.message()};
  auto get = [&](const std::string& path) {
    http::Request req;
    req.method = "GET";
    req.target = req.path = path;
    return router.Dispatch(req);
  };
  // A sitemap index names its parts; fetch those too.
  for (int part = 1;; ++part) {
    std::string url = "/sitemaps/" + std::to_string(part) + ".xml";
    if (get(url).status != 200) break;
    urls.push_back(url);
  }
  std::vector<std::string> unique;
  for (const auto& url : urls) {
    if (seen.insert(url).second) unique.push_back(url);
  }
  // Folders first, from one thread; then the pages, rendered on every core.
  for (const auto& url : unique) {
    fs::create_directories((fs::path(out_dir) / ExportFileFor(url)).parent_path(), ec);
    if (ec) return Error{"export", "out", out_dir + ": " + ec.message()};
  }
  std::atomic<size_t> next{0};
  std::atomic<int> written{0};
  std::mutex error_mu;
  std::optional<Error> first_error;
  std::set<std::string> media_names;  // guarded by error_mu
  auto work = [&] {
    for (size_t i = next++; i < unique.size(); i = next++) {
      {
        std::lock_guard lock(error_mu);
        if (first_error) return;
      }
      const std::string& url = unique[i];
      http::Response res = get(url);
      std::optional<Error> err;
      if (res.status != 200) {
        err = Error{"export", url, "answered " + std::to_string(res.status)};
      } else {
        fs::path path = fs::path(out_dir) / ExportFileFor(url);
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << res.body;
        if (!out) err = Error{"export", "out", "cannot write " + path.string()};
        if (media) {
          auto names = MediaFilesIn(res.body);
          std::lock_guard lock(error_mu);
          media_names.insert(names.begin(), names.end());
        }
      }
      if (err) {
        std::lock_guard lock(error_mu);
        if (!first_error) first_error = err;
        return;
      }
      ++written;
    }
  };
  std::vector<std::thread> threads;
  unsigned n = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned t = 1; t < n; ++t) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
  if (first_error) return *first_error;

  // The images the pages show, every size and crop they name.
  if (!media_names.empty()) {
    fs::create_directories(fs::path(out_dir) / "media", ec);
    if (ec) return Error{"export", "out", out_dir + "/media: " + ec.message()};
  }
  for (const auto& name : media_names) {
    auto bytes = media(name);
    if (!bytes) continue;  // a pasted link to an image since deleted: the page shows it broken, as served
    fs::path path = fs::path(out_dir) / "media" / name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << *bytes;
    if (!out) return Error{"export", "out", "cannot write " + path.string()};
    ++written;
  }

  http::Request missing;
  missing.method = "GET";
  missing.target = missing.path = "/404.html";
  std::ofstream out(fs::path(out_dir) / "404.html", std::ios::binary | std::ios::trunc);
  out << site.NotFound(missing).body;
  if (!out) return Error{"export", "out", "cannot write 404.html"};
  return written + 1;
}

}  // namespace newsdesk
