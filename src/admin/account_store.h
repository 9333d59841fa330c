// AccountStore: editors' accounts and API tokens, implemented by each storage
// back end. Secrets arrive already hashed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "admin/roles.h"
#include "content/model.h"

namespace newsdesk {

struct User {
  std::string email;
  std::string name;
  Role role;
  std::string password_hash;  // Argon2id string
  std::string author_slug;    // the byline this account writes under; empty: none
};

// An API token as listed: never the token itself.
struct TokenInfo {
  std::int64_t id;
  std::string name;
  Role role;
  UnixSeconds created_at;
  UnixSeconds last_used_at;  // 0: never used
};

enum class RemoveUserOutcome { kRemoved, kNotFound, kLastAdmin };

class AccountStore {
 public:
  virtual ~AccountStore() = default;
  // false when the email is taken.
  virtual bool AddUser(const User& user, UnixSeconds now) = 0;
  virtual std::optional<User> FindUser(const std::string& email) = 0;
  virtual std::vector<User> ListUsers() = 0;  // by email; password hashes left empty
  // Removes the account with its sessions at once; the last admin stays.
  virtual RemoveUserOutcome RemoveUser(const std::string& email) = 0;
  virtual std::vector<TokenInfo> ListTokens() = 0;  // oldest first
  // false when there is no token with that id; it stops working at once.
  virtual bool RevokeToken(std::int64_t id) = 0;
  virtual void AddToken(const std::string& name, Role role, const std::string& token_hash, UnixSeconds now) = 0;
  // The token (its name and role), noting its use.
  virtual std::optional<TokenInfo> UseToken(const std::string& token_hash, UnixSeconds now) = 0;

  // Sign-in sessions; expired ones are removed as new ones are made.
  virtual void AddSession(const std::string& email, const std::string& token_hash, UnixSeconds now,
                          UnixSeconds expires_at) = 0;
  virtual std::optional<User> FindSession(const std::string& token_hash, UnixSeconds now) = 0;
  virtual void DeleteSession(const std::string& token_hash) = 0;
};

}  // namespace newsdesk
