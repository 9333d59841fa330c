#include "http/page_cache.h"

#include <limits>
#include <mutex>

namespace newsdesk::http {
namespace {

// Public, reader-facing paths. Search (unbounded keys), the newsletter, admin,
// API and operational endpoints are always answered afresh.
bool IsPublicPath(std::string_view p) {
  if (p == "/" || p == "/feed.xml" || p == "/rss.xml" || p == "/sitemap.xml" || p == "/news-sitemap.xml" ||
      p == "/robots.txt" || p == "/cookies") {
    return true;
  }
  for (std::string_view prefix : {"/columns/", "/articles/", "/authors/", "/tags/", "/page/", "/sitemaps/"}) {
    if (p.substr(0, prefix.size()) == prefix) return true;
  }
  return false;
}

// What varies the bytes besides the URL: the coding and the cookie notice.
std::string_view CodingClass(std::string_view accept_encoding) {
  if (accept_encoding.find("br") != std::string_view::npos) return "br";
  if (accept_encoding.find("gzip") != std::string_view::npos) return "gz";
  return "id";
}

}  // namespace

bool PageCache::IsCacheable(const Request& r) {
  return (r.method == "GET" || r.method == "HEAD") && IsPublicPath(r.path) && r.Header("if-none-match").empty() &&
         r.Header("if-modified-since").empty() && r.target.size() <= 512;
}

std::string PageCache::KeyFor(const Request& r) {
  std::string key = r.target;
  key += '|';
  key += CodingClass(r.Header("accept-encoding"));
  // Only the consent cookie changes a page; other cookies are not part of the key.
  key += r.Header("cookie").find("newsdesk_consent=dismissed") != std::string_view::npos ? "|c" : "|n";
  return key;
}

Response PageCache::Serve(const Request& request, const std::function<Response(const Request&)>& render) {
  if (!IsCacheable(request)) return render(request);
  std::string key = KeyFor(request);
  std::int64_t version = sources_.content_version();
  UnixSeconds now = sources_.now();
  {
    std::shared_lock lock(mu_);
    auto it = entries_.find(key);
    if (it != entries_.end() && it->second.version == version && now < it->second.expires) {
      hits_.fetch_add(1, std::memory_order_relaxed);
      return *it->second.response;
    }
  }
  misses_.fetch_add(1, std::memory_order_relaxed);
  Response response = render(request);
  if (response.status != 200) return response;
  for (const auto& [name, value] : response.headers) {
    if (name == "Set-Cookie") return response;
  }
  UnixSeconds expires = sources_.next_change(now).value_or(std::numeric_limits<UnixSeconds>::max());
  auto kept = std::make_shared<const Response>(response);
  std::unique_lock lock(mu_);
  if (bytes_ + response.body.size() > max_bytes_) {
    entries_.clear();
    bytes_ = 0;
  }
  if (auto old = entries_.find(key); old != entries_.end()) bytes_ -= old->second.response->body.size();
  entries_.insert_or_assign(key, Entry{version, expires, kept});
  bytes_ += response.body.size();
  return response;
}

}  // namespace newsdesk::http
