// Accounts: adding editors and issuing API tokens, and checking a bearer token.
#pragma once

#include <optional>
#include <string>

#include "admin/account_store.h"
#include "base/status.h"

namespace newsdesk {

// Argon2id with libsodium's interactive limits (about 170 ms and 64 MiB).
std::string HashPassword(const std::string& password);
bool VerifyPassword(const std::string& hash, const std::string& password);

// Adds an editor; errors name the field (email, name, role, password).
// `author_slug` (may be empty) links the account to its byline; the caller
// checks that the author exists.
Status AddUser(AccountStore& store, const std::string& email, const std::string& name, const std::string& role,
               const std::string& password, UnixSeconds now, const std::string& author_slug = {});

// Makes a token for `role`, or acting as the account `user` when given, and
// returns it; only its hash is kept.
Result<std::string> CreateToken(AccountStore& store, const std::string& name, const std::string& role,
                                UnixSeconds now, const std::string& user = {});

// The token behind "Bearer <token>", if it exists.
// `*noted`: whether this use was written down (AccountStore::UseToken).
std::optional<TokenInfo> Authenticate(AccountStore& store, const std::string& token, UnixSeconds now,
                                      bool* noted = nullptr);

}  // namespace newsdesk
