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
  void AddToken(const std::string& name, Role role, const std::string& token_hash, UnixSeconds now) override;
  std::optional<Role> UseToken(const std::string& token_hash, UnixSeconds now) override;

 private:
  SqlitePool* pool_;
};

}  // namespace newsdesk
