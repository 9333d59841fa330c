#include "site/cookie_consent.h"

#include <fmt/format.h>

namespace newsdesk::site {

bool HasDismissedNotice(const http::Request& request) {
  auto value = request.Cookie(kConsentCookie);
  return value && *value == "dismissed";
}

std::string ConsentCookieHeader(bool secure) {
  // Not HttpOnly: on a static export there is no server to ask, and the
  // notice's script reads and writes the cookie itself. It holds no secret.
  return fmt::format("{}=dismissed; Max-Age={}; Path=/; SameSite=Lax{}", kConsentCookie,
                     kConsentMaxAgeSeconds, secure ? "; Secure" : "");
}

std::string SafeReturnPath(std::string_view p) {
  if (p.empty() || p[0] != '/' || p.size() > 2000) return "/";
  if (p.size() > 1 && (p[1] == '/' || p[1] == '\\')) return "/";
  for (unsigned char c : p) {
    // Only characters that need no escaping in a Location header.
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              std::string_view("/-._~?=&%+").find(static_cast<char>(c)) != std::string_view::npos;
    if (!ok) return "/";
  }
  return std::string(p);
}

}  // namespace newsdesk::site
