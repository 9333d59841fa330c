// The cookie notice's memory. The site sets no cookie until the reader
// dismisses the notice; the dismissal itself is remembered in one first-party
// cookie for six months.
#pragma once

#include <string>
#include <string_view>

#include "http/message.h"

namespace newsdesk::site {

constexpr const char* kConsentCookie = "newsdesk_consent";
constexpr int kConsentMaxAgeSeconds = 182 * 24 * 3600;  // six months

bool HasDismissedNotice(const http::Request& request);

// The Set-Cookie value that records the dismissal; `secure` for https sites.
std::string ConsentCookieHeader(bool secure);

// Where to send the reader back to after a no-JavaScript dismissal: a local
// path only (no scheme, no "//host"), anything else becomes "/".
std::string SafeReturnPath(std::string_view requested);

}  // namespace newsdesk::site
