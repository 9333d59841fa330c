// The request path as the server runs it: Beast's parser with the server's
// limits, the framing rules, then target decoding.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/framing.h"
#include "http/url.h"

namespace bhttp = boost::beast::http;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(16 * 1024);
  parser.body_limit(1024 * 1024);
  boost::beast::error_code ec;
  size_t used = 0;
  while (used < size && !parser.is_done()) {
    size_t n = parser.put(boost::asio::buffer(data + used, size - used), ec);
    if (ec == bhttp::error::need_more) break;
    if (ec) return 0;
    if (n == 0) break;
    used += n;
    if (parser.is_header_done() && !newsdesk::http::FramingIsSafe(parser.get().base(), parser.get().version())) {
      return 0;  // refused with 400, connection closed
    }
  }
  if (!parser.is_header_done()) return 0;
  auto raw_target = parser.get().target();
  std::string_view target(raw_target.data(), raw_target.size());
  size_t q = target.find('?');
  auto path = newsdesk::http::PercentDecode(target.substr(0, q), false);
  if (path && newsdesk::http::IsSafePath(*path)) {
    if (path->find("/../") != std::string::npos) __builtin_trap();
  }
  return 0;
}
