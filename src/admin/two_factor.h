// Two-factor sign-in: TOTP codes (RFC 6238: HMAC-SHA1, 6 digits, 30-second
// steps, one step of clock drift either way) computed by liboath, and
// one-time recovery codes. What is stored and when is admin/staff.h's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "content/model.h"

namespace newsdesk {

// 20 random bytes (160 bits, as RFC 4226 recommends), hex-encoded.
std::string NewTotpSecret();
// The secret as authenticator apps take it typed in: base32, no padding.
std::string TotpKeyForPeople(const std::string& hex_secret);
// otpauth://totp/Issuer:account?secret=...&issuer=... (Google's key URI format).
std::string OtpauthUri(const std::string& issuer, const std::string& account, const std::string& hex_secret);
// The time step `code` belongs to, when it is right for `now` (± one step).
std::optional<std::int64_t> MatchTotp(const std::string& hex_secret, const std::string& code, UnixSeconds now);
// The code for `now` (tests and the setup page's self-check).
std::string TotpAt(const std::string& hex_secret, UnixSeconds now);

// `count` recovery codes, "abcd-efgh-jkmn" (no look-alike characters).
std::vector<std::string> NewRecoveryCodes(int count);
// A typed recovery code as stored: lower case, without spaces or dashes.
std::string NormaliseRecoveryCode(const std::string& typed);

}  // namespace newsdesk
