#include "transfer/static_exporter.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <functional>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_set>

#include "base/write_all.h"
#include "feeds/feed_routes.h"
#include "feeds/sitemap.h"
#include "http/page_cache.h"
#include "http/router.h"
#include "media/image_urls.h"
#include "site/newsletter_routes.h"
#include "site/site_routes.h"
#include "transfer/export_manifest.h"

namespace newsdesk {
namespace {

namespace fs = std::filesystem;

// The listing and its later pages, in the path form.
void AddListing(const ContentReader& reader, const ListingFilter& filter, const std::string& base,
                std::vector<std::string>* urls) {
  urls->push_back(base);
  int pages = reader.PageCount(filter);
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

// Writes one file with the system calls themselves (an ofstream costs a
// locale and a buffer for each of thousands of files), making its folder when
// missing; nullopt when written, else why not.
std::optional<std::string> WriteExportFile(const fs::path& path, std::string_view bytes) {
  auto open_file = [&] { return ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644); };
  // Most pages are a folder's index.html, and the folder is new: make it first.
  if (path.filename() == "index.html" && ::mkdir(path.parent_path().c_str(), 0755) != 0 && errno == ENOENT) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
  }
  int fd = open_file();
  if (fd < 0 && errno == ENOENT) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) return ec.message();
    fd = open_file();
  }
  if (fd < 0) return std::strerror(errno);
  if (auto why = WriteAll(fd, bytes)) {
    ::close(fd);
    return why;
  }
  if (::close(fd) != 0) return std::strerror(errno);
  return std::nullopt;
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

namespace {

// The scopes a page has before it is rendered: its path's. Theme assets change
// only with the theme (which renders everything again).
std::vector<std::string> PathScopes(const std::string& url) {
  if (url.rfind("/assets/", 0) == 0) return {"theme"};
  return {http::PageCache::ScopeOf(url)};
}

// Removes a file and the folders it leaves empty, up to `root`.
void RemoveExported(const fs::path& root, const std::string& relative) {
  std::error_code ec;
  fs::path path = root / relative;
  fs::remove(path, ec);
  for (fs::path dir = path.parent_path(); dir != root && dir.string().size() > root.string().size();
       dir = dir.parent_path()) {
    if (!fs::is_empty(dir, ec) || ec) break;
    fs::remove(dir, ec);
  }
}

// Every public page's path: feeds, listings and their later pages, articles,
// authors, tags, static pages, theme assets, sitemap parts, and /404.html
// (rendered as the page for any unknown path); each once.
std::vector<std::string> SitePaths(const ContentReader& reader, const Theme& theme) {
  std::vector<std::string> urls = {"/feed.xml", "/rss.xml", "/sitemap.xml", "/news-sitemap.xml",
                                   "/robots.txt", "/cookies", "/newsletter", "/columns/", "/authors/", "/tags/",
                                   "/favicon.ico", "/apple-touch-icon.png"};
  AddListing(reader, {}, "/", &urls);
  for (const auto& c : reader.ListColumns()) {
    AddListing(reader, {ListingFilter::Kind::kColumn, c.slug}, "/columns/" + c.slug, &urls);
    urls.push_back("/columns/" + c.slug + "/feed.xml");
    urls.push_back("/columns/" + c.slug + "/rss.xml");
  }
  const std::vector<SitemapEntry> sitemap = reader.SitemapEntries();
  for (const auto& e : sitemap) {
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
  // A sitemap index names its parts.
  for (size_t part = 1; part <= feeds::SitemapPartCount(feeds::SitemapUrlCount(sitemap)); ++part) {
    urls.push_back("/sitemaps/" + std::to_string(part) + ".xml");
  }
  urls.push_back("/404.html");
  std::set<std::string> seen;
  std::vector<std::string> unique;
  for (auto& url : urls) {
    if (seen.insert(url).second) unique.push_back(std::move(url));
  }
  return unique;
}

}  // namespace

Result<ExportSummary> ExportStaticSite(const ContentReader& reader, const Theme& theme, const std::string& out_dir,
                                       const MediaFileSource& media, const ExportOptions& options) {
  site::SiteRoutes site(reader, theme, site::PageLinks::kPath);
  feeds::FeedRoutes feeds(reader);
  site::NewsletterRoutes newsletter(nullptr, reader, theme, site, nullptr);
  http::Router router;
  site.Register(router);
  feeds.Register(router);
  newsletter.Register(router);
  ExportSummary summary;
  const fs::path root(out_dir);
  const fs::path manifest_file = root / kExportManifest;

  // What the last export wrote, and what has changed since. The newest change
  // is read before any page is: a change made while exporting shows next time.
  std::optional<ExportManifest> previous = LoadExportManifest(manifest_file);
  const std::string theme_fingerprint = theme.fingerprint();
  std::unordered_set<std::string_view> changed;
  ContentChanges changes;
  if (options.changes_since) {
    changes = options.changes_since(previous && options.incremental ? previous->change : 0);
  }
  std::optional<UnixSeconds> next_change;
  if (options.next_change) next_change = options.next_change(reader.Now());
  if (options.incremental) {
    if (!options.changes_since) summary.why_everything = "the change log is not available";
    else if (!previous) summary.why_everything = std::string("no earlier export here (") + kExportManifest + ")";
    else if (previous->theme != theme_fingerprint) summary.why_everything = "the theme changed";
    else if (previous->media != static_cast<bool>(media))
      summary.why_everything = "images were exported only one of the times";
    else if (changes.everything) summary.why_everything = "a change to the whole site, or too many changes since";
    else if (previous->next_change && reader.Now() >= *previous->next_change)
      summary.why_everything = "a scheduled article has gone public since";
    else summary.everything = false;
    for (const auto& scope : changes.scopes) {
      if (scope == "*") {
        summary.everything = true;
        summary.why_everything = "a change to the whole site";
      }
      changed.insert(scope);
    }
  }

  std::error_code ec;
  fs::create_directories(root, ec);
  if (ec) return Error{"export", "out", out_dir + ": " + ec.message()};
  // Until this export is whole, no manifest: one cut short is followed by a whole one.
  fs::remove(manifest_file, ec);
  ExportManifestWriter manifest(manifest_file, theme_fingerprint, static_cast<bool>(media), changes.last, next_change);

  // The pages, rendered on every core; each makes its own folder.
  std::mutex mu;
  std::optional<Error> first_error;                // guarded by mu
  // `manifest` is guarded by mu too.
  size_t done = 0;                                 // guarded by mu
  size_t total = 0;                                // guarded by mu: pages to render, once known
  int written = 0;                                 // guarded by mu
  auto fail = [&](Error e) {
    std::lock_guard lock(mu);
    if (!first_error) first_error = std::move(e);
  };
  auto failed = [&] {
    std::lock_guard lock(mu);
    return first_error.has_value();
  };
  // Writes one page's file and notes it in the manifest; false on an error.
  auto emit = [&](const std::string& url, const http::Response& res) {
    std::optional<Error> err;
    std::vector<std::string> scopes;
    std::set<std::string> names;
    if (res.status != 200) {
      err = Error{"export", url, "answered " + std::to_string(res.status)};
    } else {
      fs::path path = root / ExportFileFor(url);
      if (auto why = WriteExportFile(path, res.body)) {
        err = Error{"export", "out", "cannot write " + path.string() + ": " + *why};
      }
      scopes = PathScopes(url);
      scopes.insert(scopes.end(), res.scopes.begin(), res.scopes.end());
      if (media) names = MediaFilesIn(res.body);
    }
    if (err) {
      fail(std::move(*err));
      return false;
    }
    std::lock_guard lock(mu);
    manifest.Add(url, scopes, names);
    ++written;
    ++done;
    if (options.progress && total && (done % 64 == 0 || done == total)) options.progress(done, total);
    return true;
  };
  // `work` as a thread's body: an exception (the database gone) stops the
  // export with its message instead of ending the process.
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  auto guarded = [&](const std::function<void()>& work) {
    return [&, work] {
      try {
        work();
      } catch (const std::exception& e) {
        fail(Error{"export", "", e.what()});
      }
    };
  };
  struct Threads {
    std::vector<std::thread> running;
    ~Threads() {
      for (auto& t : running) t.join();
    }
  };

  // A whole export renders every public article's page from batches of
  // articles read in slug order (two statements a batch instead of two a
  // page), starting on the other cores at once while this thread lists the
  // site's pages, then joining them. Article pages the batches did not come
  // across (published meanwhile) are asked for by path below.
  constexpr std::string_view kArticlePrefix = "/articles/";
  std::mutex batch_mu;
  std::string after;      // guarded by batch_mu: the last slug read
  bool read_all = false;  // guarded by batch_mu
  auto render_batches = guarded([&] {
    constexpr int kBatch = 64;
    while (!failed()) {
      std::vector<newsdesk::Article> batch;
      {
        std::lock_guard lock(batch_mu);
        if (read_all) return;
        batch = reader.PublicArticlesAfter(after, kBatch);
        if (batch.size() < static_cast<size_t>(kBatch)) read_all = true;
        if (!batch.empty()) after = batch.back().slug;
      }
      for (const auto& article : batch) {
        http::Request req;
        req.method = "GET";
        req.target = req.path = std::string(kArticlePrefix) + article.slug;
        if (!emit(req.path, site.ArticlePage(req, article))) return;
      }
    }
  });
  std::vector<std::string> by_path;
  {
    Threads batches;
    if (summary.everything) {
      for (unsigned t = 1; t < cores; ++t) batches.running.emplace_back(render_batches);
    }
    // Which pages to render: every one, or those new since the last export and
    // those showing something that changed.
    std::vector<std::string> render;
    for (auto& url : SitePaths(reader, theme)) {
      const ExportManifest::Page* before = nullptr;
      if (previous) {
        auto it = previous->pages.find(url);
        if (it != previous->pages.end()) before = &it->second;
      }
      if (summary.everything || !before || http::PageCache::Touched(ExportManifest::Page::Items(before->scopes), changed)) {
        render.push_back(std::move(url));
      } else {
        std::lock_guard lock(mu);
        manifest.Add(url, ExportManifest::Page::Items(before->scopes), ExportManifest::Page::Items(before->media));
        ++summary.unchanged;
      }
    }
    {
      std::lock_guard lock(mu);
      total = render.size();
    }
    if (summary.everything) render_batches();
    for (auto& t : batches.running) t.join();
    batches.running.clear();
    std::lock_guard lock(mu);
    for (auto& url : render) {
      if (!manifest.Has(url)) by_path.push_back(std::move(url));
    }
    // Pages rendered from a batch but not listed (published after the list
    // was read) count too.
    total = static_cast<size_t>(written) + by_path.size();
  }
  auto get = [&](const std::string& path) {
    http::Request req;
    req.method = "GET";
    req.target = req.path = path;
    return router.Dispatch(req);
  };

  std::atomic<size_t> next{0};
  auto render_by_path = guarded([&] {
    for (size_t i = next++; i < by_path.size() && !failed(); i = next++) {
      const std::string& url = by_path[i];
      http::Response res;
      if (url == "/404.html") {
        http::Request missing;
        missing.method = "GET";
        missing.target = missing.path = url;
        res = site.NotFound(missing);
        res.status = 200;
      } else {
        res = get(url);
      }
      if (!emit(url, res)) return;
    }
  });
  {
    Threads others;
    for (unsigned t = 1; t < cores; ++t) others.running.emplace_back(render_by_path);
    render_by_path();
  }
  if (first_error) return *first_error;

  // The pages of the last export that are gone (unpublished, deleted, a
  // listing grown shorter).
  if (previous) {
    for (const auto& [url, page] : previous->pages) {
      if (!manifest.Has(url)) {
        RemoveExported(root, ExportFileFor(url));
        ++summary.removed;
      }
    }
  }

  // The images the pages show, every size and crop they name: those not
  // written before, and those of images changed since.
  std::set<std::string> before_media;
  const std::set<std::string>& now_media = manifest.media();
  if (previous) {
    for (const auto& [url, page] : previous->pages) {
      for (std::string_view name : ExportManifest::Page::Items(page.media)) before_media.emplace(name);
    }
  }
  if (!now_media.empty()) {
    fs::create_directories(root / "media", ec);
    if (ec) return Error{"export", "out", out_dir + "/media: " + ec.message()};
  }
  for (const auto& name : now_media) {
    if (!summary.everything && before_media.count(name) &&
        !http::PageCache::Touched({http::PageCache::ScopeOf("/media/" + name)}, changed)) {
      ++summary.unchanged;
      continue;
    }
    auto bytes = media(name);
    if (!bytes) continue;  // a pasted link to an image since deleted: the page shows it broken, as served
    fs::path path = root / "media" / name;
    if (auto why = WriteExportFile(path, *bytes)) {
      return Error{"export", "out", "cannot write " + path.string() + ": " + *why};
    }
    ++written;
  }
  for (const auto& name : before_media) {
    if (now_media.count(name)) continue;
    RemoveExported(root, "media/" + name);
    ++summary.removed;
  }

  if (auto saved = manifest.Finish(); !saved.ok()) return saved.error();
  summary.written = written;
  return summary;
}

}  // namespace newsdesk
