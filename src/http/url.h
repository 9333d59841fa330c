// Percent-decoding and form/query parsing (RFC 3986, WHATWG urlencoded).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdesk::http {

// Decodes %XX escapes (and '+' as space when `plus_is_space`). nullopt on a
// malformed escape or a decoded NUL byte.
std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space);

// The decoded value of `name` in "a=1&b=2"; nullopt when absent or malformed.
std::optional<std::string> FindFormValue(std::string_view encoded, std::string_view name);
// Every decoded value of `name`, in order (malformed ones are skipped).
std::vector<std::string> FindFormValues(std::string_view encoded, std::string_view name);

// A path is safe when it is absolute, decoded cleanly, and has no "." or ".."
// segment, backslash or control character: such requests are refused with 400
// before any routing, so no handler ever sees a traversal attempt.
bool IsSafePath(std::string_view decoded_path);

// The largest page number any listing accepts (from ?page= or /page/N).
constexpr int kMaxPageNumber = 1000000;

// A whole number from 1 to `max` written in plain digits ("12", not "+12",
// "1.5" or "12abc"); nullopt otherwise.
std::optional<int> ParsePositiveNumber(std::string_view text, int max);

// ?page=N: 1 when absent, nullopt when not 1..kMaxPageNumber.
std::optional<int> PageQueryParam(std::string_view query);

// Percent-encodes the bytes of `s` that may not stand in a header or a URI
// as they are: controls and everything past ASCII (Unicode slugs). Spaces
// stay (header values have them; paths made of slugs do not).
// Whatever else is there stays ("/articles/شركة" -> "/articles/%D8%B4%D9%83%D8%A9").
std::string EncodeNonAscii(std::string_view s);

// Why `url` is not an absolute http:// or https:// URL with a host (empty
// when it is): "must start with http:// or https://", "has no host", or
// "contains a space, quote or angle bracket".
std::string WebUrlProblem(std::string_view url);

// Escapes a string for use in a URL query value.
std::string PercentEncode(std::string_view s);

}  // namespace newsdesk::http
