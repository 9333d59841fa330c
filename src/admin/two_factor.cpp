#include "admin/two_factor.h"

#include <liboath/oath.h>
#include <sodium.h>

#include <cctype>
#include <cstdlib>
#include <mutex>
#include <stdexcept>

#include "http/url.h"

namespace newsdesk {

namespace {

constexpr unsigned kStepSeconds = 30;
constexpr int kDigits = 6;

void EnsureOath() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (oath_init() != OATH_OK) throw std::runtime_error("liboath failed to initialise");
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  });
}

std::string Unhex(const std::string& hex) {
  std::string raw(hex.size() / 2, '\0');
  size_t len = raw.size();
  if (oath_hex2bin(hex.c_str(), raw.data(), &len) != OATH_OK) throw std::runtime_error("a stored TOTP secret is not hex");
  raw.resize(len);
  return raw;
}

}  // namespace

std::string NewTotpSecret() {
  EnsureOath();
  unsigned char raw[20];
  randombytes_buf(raw, sizeof raw);
  char hex[41];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  return hex;
}

std::string TotpKeyForPeople(const std::string& hex_secret) {
  EnsureOath();
  std::string raw = Unhex(hex_secret);
  char* out = nullptr;
  size_t len = 0;
  if (oath_base32_encode(raw.data(), raw.size(), &out, &len) != OATH_OK) throw std::runtime_error("base32 failed");
  std::string key(out, len);
  std::free(out);
  while (!key.empty() && key.back() == '=') key.pop_back();
  return key;
}

std::string OtpauthUri(const std::string& issuer, const std::string& account, const std::string& hex_secret) {
  return "otpauth://totp/" + http::PercentEncode(issuer) + ":" + http::PercentEncode(account) +
         "?secret=" + TotpKeyForPeople(hex_secret) + "&issuer=" + http::PercentEncode(issuer) +
         "&algorithm=SHA1&digits=6&period=30";
}

std::optional<std::int64_t> MatchTotp(const std::string& hex_secret, const std::string& typed, UnixSeconds now) {
  EnsureOath();
  std::string code;
  for (char c : typed) {
    if (c == ' ') continue;
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    code += c;
  }
  if (code.size() != kDigits) return std::nullopt;
  std::string raw = Unhex(hex_secret);
  int position = 0;
  uint64_t counter = 0;
  int rc = oath_totp_validate3(raw.data(), raw.size(), now, kStepSeconds, 0, 1, &position, &counter, code.c_str());
  if (rc < 0) return std::nullopt;
  return static_cast<std::int64_t>(counter);
}

std::string TotpAt(const std::string& hex_secret, UnixSeconds now) {
  EnsureOath();
  std::string raw = Unhex(hex_secret);
  char out[kDigits + 1];
  if (oath_totp_generate(raw.data(), raw.size(), now, kStepSeconds, 0, kDigits, out) != OATH_OK) {
    throw std::runtime_error("TOTP generation failed");
  }
  return std::string(out, kDigits);
}

std::vector<std::string> NewRecoveryCodes(int count) {
  EnsureOath();
  // 31 letters and digits people do not confuse (no 0/o, 1/l/i): 59 bits a code.
  static constexpr char kAlphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
  std::vector<std::string> codes;
  for (int i = 0; i < count; ++i) {
    std::string code;
    for (int j = 0; j < 12; ++j) {
      if (j == 4 || j == 8) code += '-';
      code += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
    }
    codes.push_back(code);
  }
  return codes;
}

std::string NormaliseRecoveryCode(const std::string& typed) {
  std::string out;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace newsdesk
