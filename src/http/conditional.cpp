#include "http/conditional.h"

#include <ctime>
#include <functional>
#include <string_view>

#include "base/fingerprint.h"
#include "content/dates.h"

namespace newsdesk::http {
namespace {

// True when `header` (an If-None-Match list, or "*") names `etag`; weak
// comparison, as RFC 9110 asks for If-None-Match.
bool EtagMatches(std::string_view header, std::string_view etag) {
  if (header == "*") return true;
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.substr(0, 2) == "W/") item.remove_prefix(2);
    if (item == etag) return true;
    // The same representation, compressed (see compression.h).
    for (std::string_view suffix : {"-br\"", "-gz\""}) {
      if (item.size() == etag.size() + 3 && item.ends_with(suffix) &&
          item.substr(0, etag.size() - 1) == etag.substr(0, etag.size() - 1)) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

std::string FormatHttpDate(UnixSeconds t) { return FormatImfDate(t, "GMT"); }

UnixSeconds ParseHttpDate(std::string_view text) {
  std::tm tm{};
  std::string s(text);
  const char* end = strptime(s.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (!end || *end != '\0') return -1;
  return static_cast<UnixSeconds>(timegm(&tm));
}

Response WithValidators(const Request& request, Response response, UnixSeconds last_modified) {
  if (response.status != 200) return response;
  // std::hash of the body: libstdc++'s is fixed (MurmurHash2 64A, no random
  // seed), so every node of one release gives one body the same ETag, and it
  // reads eight bytes a step; FNV-1a, a byte at a time, was a fifth of a feed
  // request (a feed holds its entries' whole bodies).
  std::string etag = "\"" + Hex(std::hash<std::string_view>{}(response.body)) + "\"";
  bool current = false;
  std::string_view inm = request.Header("if-none-match");
  if (!inm.empty()) {
    current = EtagMatches(inm, etag);
  } else if (last_modified > 0) {
    std::string_view ims = request.Header("if-modified-since");
    UnixSeconds since = ims.empty() ? -1 : ParseHttpDate(ims);
    current = since >= 0 && last_modified <= since;
  }
  if (current) {
    response.status = 304;
    response.body.clear();
  }
  response.headers.emplace_back("ETag", etag);
  if (last_modified > 0) response.headers.emplace_back("Last-Modified", FormatHttpDate(last_modified));
  return response;
}

}  // namespace newsdesk::http
