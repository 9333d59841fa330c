// Secrets in links. Confirmation tokens are random (256 bits) and stored only
// as a hash. Unsubscribe tokens are signed, not stored: the subscription id
// plus a keyed BLAKE2b MAC, so a link works for as long as the subscription
// exists and cannot be guessed for another one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace newsdesk {

// 32 random bytes, base64url without padding (43 characters).
std::string RandomToken();
// Hex BLAKE2b-256 of a token, as stored.
std::string HashToken(std::string_view token);

std::string UnsubscribeToken(std::int64_t subscription_id, std::string_view secret);
// The subscription id, when the token's signature is right.
std::optional<std::int64_t> VerifyUnsubscribeToken(std::string_view token, std::string_view secret);

// What is kept of an address erased while suppressed (it bounced for good):
// a keyed BLAKE2b of the address in lower case, so it is never mailed again
// yet cannot be read back or looked up without the secret.
std::string SuppressionHash(std::string_view normalised_email, std::string_view secret);

}  // namespace newsdesk
