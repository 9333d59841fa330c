// Percent-decoding, safe paths, query and form values, page numbers, and the
// page cache's canonical request.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/page_cache.h"
#include "http/url.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  using namespace newsdesk::http;
  if (auto decoded = PercentDecode(text, false)) {
    if (IsSafePath(*decoded)) {
      for (char c : *decoded) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) __builtin_trap();
      }
      if (decoded->find("/../") != std::string::npos || decoded->find("/./") != std::string::npos ||
          decoded->find('\\') != std::string::npos || decoded->empty() || (*decoded)[0] != '/') {
        __builtin_trap();
      }
    }
  }
  (void)PercentDecode(text, true);
  (void)FindFormValue(text, "page");
  (void)FindFormValues(text, "tags");
  if (auto page = PageQueryParam(text)) {
    if (*page < 1 || *page > kMaxPageNumber) __builtin_trap();
  }
  // Encoding round-trips (a NUL byte is refused by design when decoded).
  if (text.find('\0') == std::string_view::npos && PercentDecode(PercentEncode(text), true) != std::string(text)) {
    __builtin_trap();
  }
  Request r;
  r.method = "GET";
  r.target = "/columns/x?" + std::string(text);
  r.path = "/columns/x";
  r.query = std::string(text);
  if (auto canonical = PageCache::Canonical(r)) {
    if (canonical->query.size() > 20) __builtin_trap();  // only page=N survives
  }
  return 0;
}
