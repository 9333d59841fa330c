#include "http/client_address.h"

#include <algorithm>

namespace newsdesk::http {

namespace {

bool Trusted(std::string_view addr, const std::vector<std::string>& trusted) {
  return std::find(trusted.begin(), trusted.end(), addr) != trusted.end();
}

// An IPv4 or IPv6 address as written in X-Forwarded-For: hex digits, '.', ':'.
bool LooksLikeAddress(std::string_view s) {
  if (s.empty() || s.size() > 45) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':';
  });
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string ClientAddress(const std::string& peer, std::string_view forwarded_for,
                          const std::vector<std::string>& trusted) {
  if (trusted.empty() || !Trusted(peer, trusted)) return peer;
  // Right to left: the nearest hop first; skip the proxies we trust.
  while (!forwarded_for.empty()) {
    size_t comma = forwarded_for.rfind(',');
    std::string_view hop = Trim(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
    forwarded_for = comma == std::string_view::npos ? std::string_view{} : forwarded_for.substr(0, comma);
    if (!LooksLikeAddress(hop)) return peer;
    if (!Trusted(hop, trusted)) return std::string(hop);
  }
  return peer;
}

}  // namespace newsdesk::http
