#include "content/redirect.h"

#include "http/url.h"

namespace newsdesk {

namespace {

bool HasControlOrSpace(std::string_view s) {
  for (unsigned char c : s) {
    if (c <= 0x20 || c == 0x7f) return true;
  }
  return false;
}

}  // namespace

std::string WordPressQueryPath(std::string_view query) {
  for (std::string_view key : {"p=", "page_id="}) {
    if (query.substr(0, key.size()) != key) continue;
    std::string_view id = query.substr(key.size());
    if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string_view::npos) return "";
    return "/?" + std::string(query);
  }
  return "";
}

std::optional<std::string> OldPathOf(std::string_view url) {
  if (size_t scheme = url.find("://"); scheme != std::string_view::npos && scheme < 10) {
    size_t path = url.find('/', scheme + 3);
    url = path == std::string_view::npos ? std::string_view("/") : url.substr(path);
  }
  url = url.substr(0, url.find('#'));
  if (size_t q = url.find('?'); q != std::string_view::npos) {
    if (url.substr(0, q) != "/") return std::nullopt;
    std::string wp = WordPressQueryPath(url.substr(q + 1));
    if (wp.empty()) return std::nullopt;
    return wp;
  }
  std::string decoded;
  if (!RedirectFromProblem(url, &decoded).empty()) return std::nullopt;
  return decoded;
}

std::string RedirectFromProblem(std::string_view from, std::string* decoded) {
  if (from.empty() || from.front() != '/') return "must be a path starting with '/'";
  if (from.substr(0, 2) == "/?" && !WordPressQueryPath(from.substr(2)).empty()) {
    if (decoded) *decoded = std::string(from);
    return {};
  }
  if (from.size() > kMaxRedirectPath) return "longer than 2000 characters";
  if (from.find_first_of("?#") != std::string_view::npos) return "must be a path without '?' or '#'";
  auto plain = http::PercentDecode(from, /*plus_is_space=*/false);
  if (!plain) return "has a malformed %-escape";
  if (from.substr(0, 2) == "//" || HasControlOrSpace(*plain) || !http::IsSafePath(*plain)) {
    return "must be a plain path (no spaces, control characters, '//' start or '.' segments)";
  }
  if (*plain == "/") return "the home page cannot be redirected";
  if (decoded) *decoded = std::move(*plain);
  return {};
}

std::string RedirectToProblem(std::string_view to) {
  if (to.size() > kMaxRedirectPath) return "longer than 2000 characters";
  if (HasControlOrSpace(to)) return "must not contain spaces or control characters";
  if (to.rfind("https://", 0) == 0 || to.rfind("http://", 0) == 0) {
    size_t host = to.find("://") + 3;
    return host >= to.size() || to[host] == '/' ? "must name a host after //" : "";
  }
  if (to.empty() || to.front() != '/' || to.substr(0, 2) == "//") {
    return "must be a path starting with '/' or an absolute http:// or https:// URL";
  }
  return {};
}

}  // namespace newsdesk
