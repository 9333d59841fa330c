#include "newsletter/tokens.h"

#include <sodium.h>

#include <cctype>
#include <stdexcept>

namespace newsdesk {
namespace {

void EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium failed to initialise");
}

std::string Base64Url(const unsigned char* data, size_t n) {
  std::string out(sodium_base64_encoded_len(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), data, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

std::string KeyedHash(std::string_view message, std::string_view secret, size_t bytes) {
  unsigned char mac[32];
  crypto_generichash(mac, bytes, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                     reinterpret_cast<const unsigned char*>(secret.data()),
                     std::min<size_t>(secret.size(), crypto_generichash_KEYBYTES_MAX));
  return Base64Url(mac, bytes);
}

std::string Mac(std::int64_t id, std::string_view secret) {
  std::string message = "unsubscribe:" + std::to_string(id);
  return KeyedHash(message, secret, 16);
}

}  // namespace

std::string RandomToken() {
  EnsureSodium();
  unsigned char buf[32];
  randombytes_buf(buf, sizeof buf);
  return Base64Url(buf, sizeof buf);
}

std::string HashToken(std::string_view token) {
  EnsureSodium();
  unsigned char hash[32];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                     nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

std::string UnsubscribeToken(std::int64_t subscription_id, std::string_view secret) {
  EnsureSodium();
  return std::to_string(subscription_id) + "." + Mac(subscription_id, secret);
}

std::optional<std::int64_t> VerifyUnsubscribeToken(std::string_view token, std::string_view secret) {
  EnsureSodium();
  size_t dot = token.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot > 18) return std::nullopt;
  std::int64_t id = 0;
  for (char c : token.substr(0, dot)) {
    if (c < '0' || c > '9') return std::nullopt;
    id = id * 10 + (c - '0');
  }
  std::string expected = Mac(id, secret);
  std::string_view given = token.substr(dot + 1);
  if (given.size() != expected.size() ||
      sodium_memcmp(given.data(), expected.data(), expected.size()) != 0) {
    return std::nullopt;
  }
  return id;
}

std::string SuppressionHash(std::string_view normalised_email, std::string_view secret) {
  EnsureSodium();
  // Addresses compare without regard to case (subscribers.email is NOCASE), so does this.
  std::string key = "suppressed:";
  for (char c : normalised_email) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return KeyedHash(key, secret, 32);
}

}  // namespace newsdesk
