#pragma once

#include <string>
#include <string_view>

namespace newsdesk::feeds {

// Escapes text for XML content and attribute values (& < > " ') and drops the
// control characters XML 1.0 forbids, so any stored text yields well-formed XML.
std::string XmlEscape(std::string_view text);
void AppendXmlEscaped(std::string* out, std::string_view text);

// "Wed, 28 Sep 2016 14:00:00 +0000" (RFC 822 as RSS 2.0 wants it, in UTC).
std::string FormatRfc822(long long unix_seconds);

}  // namespace newsdesk::feeds
