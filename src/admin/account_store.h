// AccountStore: editors' accounts, their sessions, API tokens, invitations and
// password resets, implemented by each storage back end. Secrets arrive
// already hashed; nothing here decides who may do what (admin/staff.h does).
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
  UnixSeconds created_at = 0;
  UnixSeconds deactivated_at = 0;  // 0: active
  bool two_factor = false;         // TOTP is on
  std::string totp_secret = {};    // hex; FindUser only
  std::string totp_pending = {};   // hex, being set up; FindUser only
};

// An API token as listed: never the token itself. A token made in the admin
// belongs to an account and acts as it (its role and byline now); one made
// on the command line has no owner and keeps its own role.
struct TokenInfo {
  std::int64_t id;
  std::string name;
  Role role;
  UnixSeconds created_at;
  UnixSeconds last_used_at;  // 0: never used
  std::string owner_email;   // empty: made on the command line
  std::string owner_name;
  std::string author_slug;   // the owner's byline
};

// A sign-in session as "your sessions" lists it.
struct SessionInfo {
  std::int64_t id;
  UnixSeconds created_at;
  UnixSeconds last_seen_at;
  UnixSeconds expires_at;
  std::string client_addr;
  std::string user_agent;
  bool current = false;  // the session asking
};

struct Invitation {
  std::int64_t id = 0;
  std::string email;
  Role role = Role::kContributor;
  std::string author_slug;
  std::string invited_by;
  UnixSeconds created_at = 0;
  UnixSeconds expires_at = 0;
};

enum class RemoveUserOutcome { kRemoved, kNotFound, kLastAdmin };
// What a change to an account did. The last active admin is never demoted,
// deactivated or removed.
enum class StaffOutcome { kDone, kNotFound, kLastAdmin };
enum class AcceptOutcome { kAccepted, kGone, kEmailTaken };

class AccountStore {
 public:
  virtual ~AccountStore() = default;
  // false when the email is taken.
  virtual bool AddUser(const User& user, UnixSeconds now) = 0;
  virtual std::optional<User> FindUser(const std::string& email) = 0;
  virtual std::vector<User> ListUsers() = 0;  // by email; password hashes left empty
  // Removes the account with its sessions at once; the last admin stays.
  virtual RemoveUserOutcome RemoveUser(const std::string& email) = 0;
  virtual StaffOutcome SetRole(const std::string& email, Role role) = 0;
  // Deactivating ends the account's sessions and deletes its tokens, at once.
  virtual StaffOutcome SetActive(const std::string& email, bool active, UnixSeconds now) = 0;
  // An empty slug unlinks the byline.
  virtual StaffOutcome SetByline(const std::string& email, const std::string& author_slug) = 0;
  // Sets the password and ends every session but `keep_session_hash` (may be empty).
  virtual bool SetPassword(const std::string& email, const std::string& password_hash,
                           const std::string& keep_session_hash) = 0;

  // API tokens. `owner_email` empty: every token (ListTokens) or any (RevokeToken).
  virtual std::vector<TokenInfo> ListTokens(const std::string& owner_email = {}) = 0;  // oldest first
  // false when there is no such token (of that owner); it stops working at once.
  virtual bool RevokeToken(std::int64_t id, const std::string& owner_email = {}) = 0;
  virtual void AddToken(const std::string& name, Role role, const std::string& token_hash, UnixSeconds now,
                        const std::string& owner_email = {}) = 0;
  // The token, if it works (an owned token works while its owner is active),
  // noting its use; `*noted` says whether this use was written down (at most
  // once a minute per token).
  virtual std::optional<TokenInfo> UseToken(const std::string& token_hash, UnixSeconds now,
                                            bool* noted = nullptr) = 0;

  // Sign-in sessions; expired ones are removed as new ones are made.
  virtual void AddSession(const std::string& email, const std::string& token_hash, UnixSeconds now,
                          UnixSeconds expires_at, const std::string& client_addr = {},
                          const std::string& user_agent = {}) = 0;
  // The session's user while both are live; notes it as seen (at most once a minute).
  virtual std::optional<User> FindSession(const std::string& token_hash, UnixSeconds now) = 0;
  virtual void DeleteSession(const std::string& token_hash) = 0;
  // The account's live sessions, newest first; `current_hash` marks the asking one.
  virtual std::vector<SessionInfo> ListSessions(const std::string& email, const std::string& current_hash,
                                                UnixSeconds now) = 0;
  // false when the account has no session with that id.
  virtual bool DeleteSessionById(const std::string& email, std::int64_t id) = 0;

  // Invitations: pending until accepted, revoked or expired.
  virtual void AddInvitation(const Invitation& invitation, const std::string& token_hash) = 0;
  virtual std::optional<Invitation> FindInvitation(const std::string& token_hash, UnixSeconds now) = 0;
  virtual std::vector<Invitation> ListInvitations(UnixSeconds now) = 0;  // pending, newest first
  virtual bool RevokeInvitation(std::int64_t id) = 0;
  // Makes the account and uses up the invitation, in one transaction.
  virtual AcceptOutcome AcceptInvitation(const std::string& token_hash, const User& user, UnixSeconds now) = 0;

  // Two-factor sign-in (admin/two_factor.h). A secret being set up waits as
  // pending until a code from it is typed back.
  virtual void SetPendingTotp(const std::string& email, const std::string& hex_secret) = 0;
  // Turns two-factor on with the pending secret, its first code's time step
  // used, and these recovery codes (hashes) replacing any; false without a
  // pending secret.
  virtual bool EnableTotp(const std::string& email, std::int64_t step,
                          const std::vector<std::string>& recovery_code_hashes) = 0;
  virtual void DisableTotp(const std::string& email) = 0;
  // Accepts a code's time step once: false when it is not after the last one accepted.
  virtual bool UseTotpStep(const std::string& email, std::int64_t step) = 0;
  // Uses a recovery code once; false when it is not one of the account's unused ones.
  virtual bool UseRecoveryCode(const std::string& email, const std::string& code_hash, UnixSeconds now) = 0;
  virtual int RecoveryCodesLeft(const std::string& email) = 0;
  // A right password waiting for its second factor.
  virtual void AddSignInChallenge(const std::string& email, const std::string& token_hash, UnixSeconds now,
                                  UnixSeconds expires_at) = 0;
  virtual std::optional<std::string> FindSignInChallenge(const std::string& token_hash, UnixSeconds now) = 0;
  virtual void DeleteSignInChallenge(const std::string& token_hash) = 0;

  // Password resets: false (nothing stored) when no active account has that email.
  virtual bool AddPasswordReset(const std::string& email, const std::string& token_hash, UnixSeconds now,
                                UnixSeconds expires_at) = 0;
  // Uses the reset once: sets the password, ends every session of the account;
  // the account's email, or nullopt when the token is unknown, used or expired.
  virtual std::optional<std::string> UsePasswordReset(const std::string& token_hash,
                                                      const std::string& password_hash, UnixSeconds now) = 0;
};

}  // namespace newsdesk
