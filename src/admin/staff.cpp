#include "admin/staff.h"

#include "admin/accounts.h"
#include "admin/two_factor.h"
#include "newsletter/email_address.h"
#include "newsletter/tokens.h"
#include "storage/audit_log.h"

namespace newsdesk {

namespace {

Error Coded(std::string code, std::string record, std::string field, std::string message) {
  return Error{std::move(record), std::move(field), std::move(message), 0, std::move(code)};
}

Status OnlyAdmins(const Editor& actor, const std::string& record) {
  if (MayAdminister(actor.role)) return Status::Ok();
  return Coded("forbidden", record, "role", "only admins manage staff");
}

Status Outcome(StaffOutcome outcome, const std::string& record, const std::string& what) {
  switch (outcome) {
    case StaffOutcome::kDone: return Status::Ok();
    case StaffOutcome::kNotFound: return Coded("not_found", record, "email", "no such account");
    case StaffOutcome::kLastAdmin:
      return Coded("conflict", record, "role", "the last admin cannot be " + what + "; make another admin first");
  }
  return Status::Ok();
}

}  // namespace

std::string AuditActor(const Editor& editor) { return editor.email.empty() ? editor.name : editor.email; }

Status PasswordProblem(const std::string& record, const std::string& password) {
  if (password.size() < 10) return Error{record, "password", "must be at least 10 characters"};
  if (password.size() > 1000) return Error{record, "password", "is longer than 1000 characters"};
  return Status::Ok();
}

void Staff::Audit(const Editor& actor, const std::string& action, const std::string& subject,
                  const std::string& detail, const Origin& origin) {
  store_.audit().Record({0, clock_.Now(), AuditActor(actor), action, subject, detail, origin.client_addr});
}

std::string Staff::BaseUrl() const {
  auto p = store_.LoadPublication();
  std::string base = p ? p->base_url : "";
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

Result<Staff::Invited> Staff::Invite(const Editor& actor, const std::string& typed_email, const std::string& role,
                                     const std::string& author_slug, const Origin& origin) {
  std::string record = "invitation " + typed_email;
  if (Status st = OnlyAdmins(actor, record); !st.ok()) return st.error();
  if (std::string problem = EmailProblem(typed_email); !problem.empty()) return Error{record, "email", problem};
  std::string email = NormaliseEmail(typed_email);
  auto r = ParseRole(role);
  if (!r) return Error{record, "role", "'" + role + "' is not one of admin, editor, author, contributor"};
  if (!author_slug.empty() && !store_.FindAuthor(author_slug)) {
    return Error{record, "author", "no author with slug '" + author_slug + "'"};
  }
  if (store_.accounts().FindUser(email)) return Coded("conflict", record, "email", "already has an account");
  std::string token = RandomToken();
  UnixSeconds now = clock_.Now();
  store_.accounts().AddInvitation({0, email, *r, author_slug, AuditActor(actor), now, now + kInvitationLifetime},
                                  HashToken(token));
  Invited out{BaseUrl() + "/admin/invitations/" + token, Status::Ok()};
  auto p = store_.LoadPublication();
  std::string site = p ? p->name : "newsdesk";
  out.mailed = mailer_ ? mailer_(email, "You are invited to " + site + "'s newsroom",
                                 actor.name + " has invited you to work on " + site + " as " + ToString(*r) +
                                     ".\n\nChoose your name and password here (the link works once, for 7 days):\n\n" +
                                     out.link + "\n\nIf you did not expect this, ignore this email.\n")
                       : Status(Error{"", "", "no mail server is configured (--smtp-url)"});
  Audit(actor, "user.invite", email, ToString(*r), origin);
  return out;
}

Status Staff::RevokeInvitation(const Editor& actor, std::int64_t id, const Origin& origin) {
  std::string record = "invitation " + std::to_string(id);
  if (Status st = OnlyAdmins(actor, record); !st.ok()) return st;
  if (!store_.accounts().RevokeInvitation(id)) return Coded("not_found", record, "id", "no pending invitation");
  Audit(actor, "user.invite.revoke", std::to_string(id), "", origin);
  return Status::Ok();
}

std::optional<Invitation> Staff::FindInvitation(const std::string& token) const {
  if (token.size() < 20 || token.size() > 100) return std::nullopt;
  return store_.accounts().FindInvitation(HashToken(token), clock_.Now());
}

Result<std::string> Staff::AcceptInvitation(const std::string& token, const std::string& name,
                                            const std::string& password, const Origin& origin) {
  auto invitation = FindInvitation(token);
  if (!invitation) {
    return Coded("not_found", "invitation", "token", "this invitation is used, expired or was never made");
  }
  std::string record = "user " + invitation->email;
  if (name.empty() || name.size() > 200) return Error{record, "name", "must be 1 to 200 characters"};
  if (Status st = PasswordProblem(record, password); !st.ok()) return st.error();
  User user{invitation->email, name, invitation->role, HashPassword(password), invitation->author_slug};
  switch (store_.accounts().AcceptInvitation(HashToken(token), user, clock_.Now())) {
    case AcceptOutcome::kAccepted: break;
    case AcceptOutcome::kGone:
      return Coded("not_found", "invitation", "token", "this invitation is used, expired or was never made");
    case AcceptOutcome::kEmailTaken: return Coded("conflict", record, "email", "already has an account");
  }
  Audit({name, invitation->email, invitation->role, {}}, "user.accept", invitation->email,
        ToString(invitation->role), origin);
  return invitation->email;
}

Status Staff::ChangeRole(const Editor& actor, const std::string& email, const std::string& role,
                         const Origin& origin) {
  std::string record = "user " + email;
  if (Status st = OnlyAdmins(actor, record); !st.ok()) return st;
  auto r = ParseRole(role);
  if (!r) return Error{record, "role", "'" + role + "' is not one of admin, editor, author, contributor"};
  auto before = store_.accounts().FindUser(email);
  if (Status st = Outcome(store_.accounts().SetRole(email, *r), record, "demoted"); !st.ok()) return st;
  Audit(actor, "user.role", email, std::string(ToString(before->role)) + " → " + ToString(*r), origin);
  return Status::Ok();
}

Status Staff::SetActive(const Editor& actor, const std::string& email, bool active, const Origin& origin) {
  std::string record = "user " + email;
  if (Status st = OnlyAdmins(actor, record); !st.ok()) return st;
  StaffOutcome outcome = store_.accounts().SetActive(email, active, clock_.Now());
  if (Status st = Outcome(outcome, record, "deactivated"); !st.ok()) return st;
  Audit(actor, active ? "user.reactivate" : "user.deactivate", email, "", origin);
  return Status::Ok();
}

Status Staff::LinkByline(const Editor& actor, const std::string& email, const std::string& author_slug,
                         const Origin& origin) {
  std::string record = "user " + email;
  if (Status st = OnlyAdmins(actor, record); !st.ok()) return st;
  if (!author_slug.empty() && !store_.FindAuthor(author_slug)) {
    return Error{record, "author", "no author with slug '" + author_slug + "'"};
  }
  if (Status st = Outcome(store_.accounts().SetByline(email, author_slug), record, ""); !st.ok()) return st;
  Audit(actor, "user.byline", email, author_slug.empty() ? "(none)" : author_slug, origin);
  return Status::Ok();
}

void Staff::RequestPasswordReset(const std::string& typed_email, const Origin& origin) {
  if (!EmailProblem(typed_email).empty()) return;
  std::string email = NormaliseEmail(typed_email);
  std::string token = RandomToken();
  UnixSeconds now = clock_.Now();
  // Unknown and deactivated addresses get no email, and the caller's answer
  // is the same either way.
  if (!store_.accounts().AddPasswordReset(email, HashToken(token), now, now + kResetLifetime)) {
    store_.audit().Record({0, now, "", "password.reset.request", email, "no active account", origin.client_addr});
    return;
  }
  auto p = store_.LoadPublication();
  std::string site = p ? p->name : "newsdesk";
  std::string link = BaseUrl() + "/admin/password-reset/" + token;
  Status mailed = mailer_ ? mailer_(email, "Reset your password for " + site,
                                    "Someone (we hope you) asked to reset the password of your account at " + site +
                                        ".\n\nChoose a new one here (the link works once, for one hour):\n\n" + link +
                                        "\n\nIf it was not you, ignore this email; your password stays as it is.\n")
                          : Status(Error{"", "", "no mail server is configured (--smtp-url)"});
  store_.audit().Record({0, now, "", "password.reset.request", email,
                         mailed.ok() ? "mailed" : "not mailed: " + mailed.error().ToString(), origin.client_addr});
}

Result<std::string> Staff::ResetPassword(const std::string& token, const std::string& password,
                                         const Origin& origin) {
  if (Status st = PasswordProblem("password reset", password); !st.ok()) return st.error();
  if (token.size() < 20 || token.size() > 100) {
    return Coded("not_found", "password reset", "token", "this link is used or expired");
  }
  auto email = store_.accounts().UsePasswordReset(HashToken(token), HashPassword(password), clock_.Now());
  if (!email) return Coded("not_found", "password reset", "token", "this link is used or expired");
  store_.audit().Record({0, clock_.Now(), *email, "password.reset", *email, "every session ended",
                         origin.client_addr});
  return *email;
}

Status Staff::ChangePassword(const Editor& actor, const std::string& current, const std::string& next,
                             const std::string& keep_session_hash, const Origin& origin) {
  std::string record = "user " + actor.email;
  auto user = store_.accounts().FindUser(actor.email);
  if (!user || !VerifyPassword(user->password_hash, current)) {
    return Error{record, "current_password", "is not your password"};
  }
  if (Status st = PasswordProblem(record, next); !st.ok()) return st;
  store_.accounts().SetPassword(actor.email, HashPassword(next), keep_session_hash);
  Audit(actor, "password.change", actor.email, "other sessions ended", origin);
  return Status::Ok();
}

Result<std::string> Staff::CreateToken(const Editor& actor, const std::string& name, const Origin& origin) {
  if (actor.email.empty()) return Coded("forbidden", "token", "name", "tokens are made by people, not tokens");
  auto token = newsdesk::CreateToken(store_.accounts(), name, "", clock_.Now(), actor.email);
  if (token.ok()) Audit(actor, "token.create", name, "", origin);
  return token;
}

Status Staff::RevokeToken(const Editor& actor, std::int64_t id, const Origin& origin) {
  std::string record = "token " + std::to_string(id);
  // Admins may revoke any token; others only their own (another's is "not found").
  std::string owner = MayAdminister(actor.role) ? "" : actor.email;
  if (!store_.accounts().RevokeToken(id, owner)) return Coded("not_found", record, "id", "no such token of yours");
  Audit(actor, "token.revoke", std::to_string(id), "", origin);
  return Status::Ok();
}

Status Staff::StartTwoFactor(const Editor& actor) {
  if (actor.email.empty()) return Coded("forbidden", "two-factor", "", "only people sign in");
  store_.accounts().SetPendingTotp(actor.email, NewTotpSecret());
  return Status::Ok();
}

Result<std::vector<std::string>> Staff::ConfirmTwoFactor(const Editor& actor, const std::string& code,
                                                         const Origin& origin) {
  std::string record = "user " + actor.email;
  auto user = store_.accounts().FindUser(actor.email);
  if (!user || user->totp_pending.empty()) return Error{record, "code", "start setting up two-factor first"};
  auto step = MatchTotp(user->totp_pending, code, clock_.Now());
  if (!step) return Error{record, "code", "is not the code your app shows now; check the phone's clock"};
  std::vector<std::string> codes = NewRecoveryCodes(kRecoveryCodes);
  std::vector<std::string> hashes;
  for (const auto& c : codes) hashes.push_back(HashToken("recovery:" + NormaliseRecoveryCode(c)));
  if (!store_.accounts().EnableTotp(actor.email, *step, hashes)) {
    return Error{record, "code", "start setting up two-factor first"};
  }
  Audit(actor, "two_factor.on", actor.email, "", origin);
  return codes;
}

Status Staff::DisableTwoFactor(const Editor& actor, const std::string& password, const Origin& origin) {
  std::string record = "user " + actor.email;
  auto user = store_.accounts().FindUser(actor.email);
  if (!user || !VerifyPassword(user->password_hash, password)) {
    return Error{record, "current_password", "is not your password"};
  }
  store_.accounts().DisableTotp(actor.email);
  Audit(actor, "two_factor.off", actor.email, "", origin);
  return Status::Ok();
}

bool Staff::CheckSecondFactor(const std::string& email, const std::string& code, const Origin& origin) {
  auto user = store_.accounts().FindUser(email);
  if (!user || user->totp_secret.empty() || code.size() > 100) return false;
  UnixSeconds now = clock_.Now();
  if (auto step = MatchTotp(user->totp_secret, code, now)) {
    // A code is good once, even within its 30 seconds (someone looking over a shoulder).
    return store_.accounts().UseTotpStep(email, *step);
  }
  std::string typed = NormaliseRecoveryCode(code);
  if (typed.size() != 12) return false;
  if (!store_.accounts().UseRecoveryCode(email, HashToken("recovery:" + typed), now)) return false;
  store_.audit().Record({0, now, email, "two_factor.recovery_code", email,
                         std::to_string(store_.accounts().RecoveryCodesLeft(email)) + " left", origin.client_addr});
  return true;
}

}  // namespace newsdesk
