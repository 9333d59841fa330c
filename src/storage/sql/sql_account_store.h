#pragma once

#include "admin/account_store.h"

namespace newsdesk {

class SqlConnection;
class SqlPool;

// AccountStore in SQL, for SQLite and PostgreSQL, on the same pool as SqlStore:
// accounts in sql_account_store.cpp, sessions and tokens in
// sql_account_sessions.cpp, invitations and resets in
// sql_account_invitations.cpp, two-factor in sql_account_two_factor.cpp.
class SqlAccountStore : public AccountStore {
 public:
  explicit SqlAccountStore(SqlPool* pool) : pool_(pool) {}
  bool AddUser(const User& user, UnixSeconds now) override;
  std::optional<User> FindUser(const std::string& email) override;
  std::vector<User> ListUsers() override;
  RemoveUserOutcome RemoveUser(const std::string& email) override;
  StaffOutcome SetRole(const std::string& email, Role role) override;
  StaffOutcome SetActive(const std::string& email, bool active, UnixSeconds now) override;
  StaffOutcome SetByline(const std::string& email, const std::string& author_slug) override;
  bool SetPassword(const std::string& email, const std::string& password_hash,
                   const std::string& keep_session_hash) override;

  std::vector<TokenInfo> ListTokens(const std::string& owner_email) override;
  bool RevokeToken(std::int64_t id, const std::string& owner_email) override;
  void AddToken(const std::string& name, Role role, const std::string& token_hash, UnixSeconds now,
                const std::string& owner_email) override;
  std::optional<TokenInfo> UseToken(const std::string& token_hash, UnixSeconds now, bool* noted) override;
  void AddSession(const std::string& email, const std::string& token_hash, UnixSeconds now, UnixSeconds expires_at,
                  const std::string& client_addr, const std::string& user_agent) override;
  std::optional<User> FindSession(const std::string& token_hash, UnixSeconds now) override;
  void DeleteSession(const std::string& token_hash) override;
  std::vector<SessionInfo> ListSessions(const std::string& email, const std::string& current_hash,
                                        UnixSeconds now) override;
  bool DeleteSessionById(const std::string& email, std::int64_t id) override;

  void AddInvitation(const Invitation& invitation, const std::string& token_hash) override;
  std::optional<Invitation> FindInvitation(const std::string& token_hash, UnixSeconds now) override;
  std::vector<Invitation> ListInvitations(UnixSeconds now) override;
  bool RevokeInvitation(std::int64_t id) override;
  AcceptOutcome AcceptInvitation(const std::string& token_hash, const User& user, UnixSeconds now) override;
  // sql_account_two_factor.cpp
  void SetPendingTotp(const std::string& email, const std::string& hex_secret) override;
  bool EnableTotp(const std::string& email, std::int64_t step,
                  const std::vector<std::string>& recovery_code_hashes) override;
  void DisableTotp(const std::string& email) override;
  bool UseTotpStep(const std::string& email, std::int64_t step) override;
  bool UseRecoveryCode(const std::string& email, const std::string& code_hash, UnixSeconds now) override;
  int RecoveryCodesLeft(const std::string& email) override;
  void AddSignInChallenge(const std::string& email, const std::string& token_hash, UnixSeconds now,
                          UnixSeconds expires_at) override;
  std::optional<std::string> FindSignInChallenge(const std::string& token_hash, UnixSeconds now) override;
  void DeleteSignInChallenge(const std::string& token_hash) override;

  bool AddPasswordReset(const std::string& email, const std::string& token_hash, UnixSeconds now,
                        UnixSeconds expires_at) override;
  std::optional<std::string> UsePasswordReset(const std::string& token_hash, const std::string& password_hash,
                                              UnixSeconds now) override;

 private:
  // Inside the caller's transaction; false when the email is taken.
  static bool InsertUser(SqlConnection* db, const User& user, UnixSeconds now);

  SqlPool* pool_;
};

}  // namespace newsdesk
