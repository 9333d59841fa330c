#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace newsdesk {

// FNV-1a 64: a fast content fingerprint for ETags and cache busting, not security.
inline std::uint64_t Fingerprint(std::string_view s, std::uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

inline std::string Hex(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

}  // namespace newsdesk
