// Staff: the newsroom's accounts as admins and each person manage them, with
// the rules in one place (the admin UI and the CLI call this):
//   - admins invite people (an emailed link, valid 7 days, used once), change
//     roles, link bylines, deactivate and reactivate; the last active admin is
//     never demoted or deactivated;
//   - a deactivated account's sessions and tokens stop at once;
//   - anyone may ask for a password reset (an emailed link, valid 1 hour, used
//     once; the same answer whether or not the address has an account); a
//     reset ends every session;
//   - everyone manages their own password, sessions and API tokens.
// Each change is written to the audit log. Errors carry Error::code
// "forbidden", "not_found" or "conflict", else they are about the input.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "admin/account_store.h"
#include "base/status.h"
#include "content/clock.h"
#include "desk/editor.h"
#include "storage/store.h"

namespace newsdesk {

// Sends a plain-text email to one person (invitations, resets).
using StaffMailer = std::function<Status(const std::string& to, const std::string& subject, const std::string& text)>;

// Where a request came from, for the audit log.
struct Origin {
  std::string client_addr;
  std::string user_agent;
};

class Staff {
 public:
  static constexpr UnixSeconds kInvitationLifetime = 7 * 24 * 3600;
  static constexpr UnixSeconds kResetLifetime = 3600;

  Staff(Store& store, const Clock& clock, StaffMailer mailer)
      : store_(store), clock_(clock), mailer_(std::move(mailer)) {}
  void SetMailer(StaffMailer mailer) { mailer_ = std::move(mailer); }

  struct Invited {
    std::string link;     // the one-time link
    Status mailed;        // whether the email went out (the link can be handed over instead)
  };
  Result<Invited> Invite(const Editor& actor, const std::string& email, const std::string& role,
                         const std::string& author_slug, const Origin& origin);
  Status RevokeInvitation(const Editor& actor, std::int64_t id, const Origin& origin);
  std::optional<Invitation> FindInvitation(const std::string& token) const;
  // Makes the account; its email.
  Result<std::string> AcceptInvitation(const std::string& token, const std::string& name, const std::string& password,
                                       const Origin& origin);

  Status ChangeRole(const Editor& actor, const std::string& email, const std::string& role, const Origin& origin);
  Status SetActive(const Editor& actor, const std::string& email, bool active, const Origin& origin);
  Status LinkByline(const Editor& actor, const std::string& email, const std::string& author_slug,
                    const Origin& origin);

  // Mails a reset link when an active account has that address; says nothing
  // about whether one does.
  void RequestPasswordReset(const std::string& email, const Origin& origin);
  // Sets the password and ends every session; the account's email.
  Result<std::string> ResetPassword(const std::string& token, const std::string& password, const Origin& origin);
  // The signed-in person's own change; every other session of theirs ends.
  Status ChangePassword(const Editor& actor, const std::string& current, const std::string& next,
                        const std::string& keep_session_hash, const Origin& origin);

  // The person's own API tokens: made with their name, acting as them.
  Result<std::string> CreateToken(const Editor& actor, const std::string& name, const Origin& origin);
  // Admins may revoke anyone's token; others their own.
  Status RevokeToken(const Editor& actor, std::int64_t id, const Origin& origin);

  // Two-factor sign-in (admin/two_factor.h) for the signed-in person: start
  // makes a new pending secret; confirming it with a code from it turns
  // two-factor on and returns 10 recovery codes, shown once.
  Status StartTwoFactor(const Editor& actor);
  Result<std::vector<std::string>> ConfirmTwoFactor(const Editor& actor, const std::string& code,
                                                    const Origin& origin);
  Status DisableTwoFactor(const Editor& actor, const std::string& password, const Origin& origin);
  // Whether `code` (a TOTP code or a recovery code) is good for `email`; a
  // good one is used up.
  bool CheckSecondFactor(const std::string& email, const std::string& code, const Origin& origin);
  static constexpr int kRecoveryCodes = 10;

  void Audit(const Editor& actor, const std::string& action, const std::string& subject,
             const std::string& detail, const Origin& origin);

 private:
  std::string BaseUrl() const;

  Store& store_;
  const Clock& clock_;
  StaffMailer mailer_;
};

// Who an editor is in the audit log: their email, or "token:<name>".
std::string AuditActor(const Editor& editor);

// A password as typed: at least 10 characters, at most 1000.
Status PasswordProblem(const std::string& record, const std::string& password);

}  // namespace newsdesk
