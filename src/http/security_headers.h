// Security headers on every answer (docs/operating.md lists them):
//   Content-Security-Policy: no inline or third-party script; pages may be
//     framed by the site itself, the admin and API by nobody (frame-ancestors);
//   X-Content-Type-Options: nosniff;
//   Referrer-Policy: strict-origin-when-cross-origin;
//   X-Frame-Options: the same framing rule for browsers without CSP 2;
//   Strict-Transport-Security: when the site's base URL is https.
// A header the handler set itself is left as it is.
#pragma once

#include <string>

#include "http/message.h"

namespace newsdesk::http {

// The public pages' policy, with frames allowed from `frame_sources` (space
// separated origins; embeds the reader asked to load).
std::string PublicContentSecurityPolicy(const std::string& frame_sources);

void AddSecurityHeaders(const Request& request, bool https_site, Response* response);

}  // namespace newsdesk::http
