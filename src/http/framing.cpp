#include "http/framing.h"

#include <cctype>
#include <string>

namespace newsdesk::http {

namespace bhttp = boost::beast::http;

bool FramingIsSafe(const bhttp::fields& h, unsigned version) {
  size_t hosts = h.count(bhttp::field::host);
  if (hosts > 1 || (version >= 11 && hosts != 1)) return false;
  size_t codings = h.count(bhttp::field::transfer_encoding);
  if (codings == 0) return true;
  if (codings > 1 || version < 11 || h.count(bhttp::field::content_length) > 0) return false;
  std::string value(h[bhttp::field::transfer_encoding]);
  for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto first = value.find_first_not_of(" \t");
  auto last = value.find_last_not_of(" \t");
  return first != std::string::npos && value.substr(first, last - first + 1) == "chunked";
}

}  // namespace newsdesk::http
