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

std::string RedirectFromProblem(std::string_view from, std::string* decoded) {
  if (from.empty() || from.front() != '/') return "must be a path starting with '/'";
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
