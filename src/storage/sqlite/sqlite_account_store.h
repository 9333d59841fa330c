#pragma once

#include "admin/account_store.h"

namespace newsdesk {

class SqlitePool;

// The SQLite back end of AccountStore, on the same pool as SqliteStore.
class SqliteAccountStore : public AccountStore {
 public:
  explicit SqliteAccountStore(SqlitePool* pool) : pool_(pool) {}
  bool AddUser(const User& user, UnixSeconds now) override;
  std::optional<User> FindUser(const std::string& email) override;
  std::vector<User> ListUsers() override;
  RemoveUserOutcome RemoveUser(const std::string& email) override;
  std::vector<TokenInfo> ListTokens() override;
  bool RevokeToken(std::int64_t id) override;
  void AddToken(const std::string& name, Role role, const std::string& token_hash, UnixSeconds now) override;
  std::optional<TokenInfo> UseToken(const std::string& token_hash, UnixSeconds now) override;
  void AddSession(const std::string& email, const std::string& token_hash, UnixSeconds now,
                  UnixSeconds expires_at) override;
  std::optional<User> FindSession(const std::string& token_hash, UnixSeconds now) override;
  void DeleteSession(const std::string& token_hash) override;

 private:
  SqlitePool* pool_;
};

}  // namespace newsdesk
