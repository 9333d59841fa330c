#include "http/url.h"

#include <cctype>
#include <charconv>

namespace newsdesk::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      int hi = HexValue(s[i + 1]);
      int lo = HexValue(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      c = static_cast<char>(hi * 16 + lo);
      if (c == '\0') return std::nullopt;
      i += 2;
    } else if (c == '+' && plus_is_space) {
      c = ' ';
    }
    out += c;
  }
  return out;
}

namespace {

// Calls `found(raw value)` for each pair whose decoded key is `name`, until it returns false.
template <typename Found>
void ForEachFormValue(std::string_view encoded, std::string_view name, Found found) {
  while (!encoded.empty()) {
    size_t amp = encoded.find('&');
    std::string_view pair = encoded.substr(0, amp);
    encoded = amp == std::string_view::npos ? std::string_view{} : encoded.substr(amp + 1);
    size_t eq = pair.find('=');
    std::string_view key = pair.substr(0, eq);
    std::string_view value = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
    auto decoded_key = PercentDecode(key, true);
    if (decoded_key && *decoded_key == name && !found(value)) return;
  }
}

}  // namespace

std::optional<std::string> FindFormValue(std::string_view encoded, std::string_view name) {
  std::optional<std::string> out;
  ForEachFormValue(encoded, name, [&](std::string_view raw) {
    out = PercentDecode(raw, true);
    return false;
  });
  return out;
}

std::vector<std::string> FindFormValues(std::string_view encoded, std::string_view name) {
  std::vector<std::string> out;
  ForEachFormValue(encoded, name, [&](std::string_view raw) {
    if (auto v = PercentDecode(raw, true)) out.push_back(std::move(*v));
    return true;
  });
  return out;
}

bool IsSafePath(std::string_view p) {
  if (p.empty() || p[0] != '/') return false;
  size_t start = 1;
  while (start <= p.size()) {
    size_t end = p.find('/', start);
    if (end == std::string_view::npos) end = p.size();
    std::string_view seg = p.substr(start, end - start);
    if (seg == "." || seg == "..") return false;
    start = end + 1;
  }
  for (unsigned char c : p) {
    if (c < 0x20 || c == 0x7f || c == '\\') return false;
  }
  return true;
}

std::optional<int> ParsePositiveNumber(std::string_view text, int max) {
  int n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || n < 1 || n > max) {
    return std::nullopt;
  }
  return n;
}

std::optional<int> PageQueryParam(std::string_view query) {
  auto raw = FindFormValue(query, "page");
  if (!raw) return 1;
  return ParsePositiveNumber(*raw, kMaxPageNumber);
}

namespace {

// `s` with every byte that `keep` refuses written as %XX.
template <typename Keep>
std::string EscapeBytes(std::string_view s, Keep keep) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (keep(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string PercentEncode(std::string_view s) {
  return EscapeBytes(s, [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~'; });
}

std::string EncodeNonAscii(std::string_view s) {
  return EscapeBytes(s, [](unsigned char c) { return c >= 0x20 && c < 0x7f; });
}

std::string WebUrlProblem(std::string_view url) {
  std::string_view rest;
  if (url.rfind("https://", 0) == 0) rest = url.substr(8);
  else if (url.rfind("http://", 0) == 0) rest = url.substr(7);
  else return "must start with http:// or https://";
  for (unsigned char c : url) {
    if (c <= 0x20 || c == 0x7f || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\') {
      return "contains a space, quote or angle bracket";
    }
  }
  std::string_view host = rest.substr(0, rest.find_first_of("/?#"));
  if (host.empty() || host.front() == ':' || host.front() == '@') return "has no host";
  return "";
}

}  // namespace newsdesk::http
