#include "http/security_headers.h"

#include <algorithm>
#include <strings.h>

namespace newsdesk::http {
namespace {

// Images may come from anywhere over https (imported articles link to them);
// everything else is the site's own. JSON-LD is a data block, not script, so
// script-src 'self' does not stop it.
constexpr const char* kPublicPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
    "media-src 'self' https:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
constexpr const char* kAdminPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'";

bool IsAdminPath(std::string_view path) {
  // The editor's preview is a public page, framed by the editor beside its form.
  if (path == "/admin/preview") return false;
  for (std::string_view prefix : {"/admin", "/api/"}) {
    if (path.substr(0, prefix.size()) == prefix) return true;
  }
  return false;
}

void SetIfAbsent(Response* r, const char* name, const char* value) {
  bool present = std::any_of(r->headers.begin(), r->headers.end(), [name](const auto& h) {
    return strcasecmp(h.first.c_str(), name) == 0;
  });
  if (!present) r->headers.emplace_back(name, value);
}

}  // namespace

std::string PublicContentSecurityPolicy(const std::string& frame_sources) {
  return std::string(kPublicPolicy) + "; frame-src " + frame_sources;
}

void AddSecurityHeaders(const Request& request, bool https_site, Response* response) {
  bool admin = IsAdminPath(request.path);
  SetIfAbsent(response, "Content-Security-Policy", admin ? kAdminPolicy : kPublicPolicy);
  SetIfAbsent(response, "X-Content-Type-Options", "nosniff");
  SetIfAbsent(response, "Referrer-Policy", "strict-origin-when-cross-origin");
  SetIfAbsent(response, "X-Frame-Options", admin ? "DENY" : "SAMEORIGIN");
  if (https_site) SetIfAbsent(response, "Strict-Transport-Security", "max-age=31536000");
}

}  // namespace newsdesk::http
