// Your account: change your password, see where you are signed in and sign
// out of any of it, and make, list and revoke your API tokens (admins see
// every token, the command line's too).
#include "admin/admin_routes.h"
#include "admin/two_factor.h"
#include "content/dates.h"
#include "http/url.h"

namespace newsdesk::admin {

using http::Request;
using http::Response;

Response AdminRoutes::Account(const Request& req, const std::string& error, int status,
                              const std::string& new_token, const std::vector<std::string>& recovery_codes) const {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  const auto* zone = ContentReader::ZoneOf(reader_.LoadPublication());
  UnixSeconds now = clock_.Now();
  TemplateData sessions{TemplateData::type::list};
  for (const auto& s : store_.accounts().ListSessions(session->user.email, session->token_hash, now)) {
    TemplateData row;
    row.set("id", std::to_string(s.id));
    row.set("started", FormatDeskDateTime(s.created_at, zone));
    row.set("seen", FormatDeskDateTime(s.last_seen_at, zone));
    row.set("address", s.client_addr.empty() ? "unknown" : s.client_addr);
    row.set("agent", s.user_agent.empty() ? "unknown browser" : s.user_agent);
    row.set("current", s.current);
    sessions.push_back(row);
  }
  bool admin = MayAdminister(session->user.role);
  TemplateData tokens{TemplateData::type::list};
  for (const auto& t : store_.accounts().ListTokens(admin ? "" : session->user.email)) {
    TemplateData row;
    row.set("id", std::to_string(t.id));
    row.set("name", t.name);
    row.set("role", ToString(t.role));
    row.set("owner", t.owner_email.empty() ? "command line" : t.owner_name);
    row.set("created", FormatDeskDateTime(t.created_at, zone));
    row.set("used", t.last_used_at ? FormatDeskDateTime(t.last_used_at, zone) : "never");
    tokens.push_back(row);
  }
  TemplateData d;
  d.set("email", session->user.email);
  d.set("sessions", sessions);
  d.set("tokens", tokens);
  d.set("has_tokens", !tokens.is_empty_list());
  d.set("all_tokens", admin);
  if (!new_token.empty()) d.set("new_token", new_token);
  if (auto me = store_.accounts().FindUser(session->user.email)) {
    if (me->two_factor) {
      d.set("two_factor_on", true);
      d.set("codes_left", std::to_string(store_.accounts().RecoveryCodesLeft(me->email)));
    } else if (!me->totp_pending.empty()) {
      TemplateData pending;
      pending.set("key", TotpKeyForPeople(me->totp_pending));
      pending.set("uri", OtpauthUri(reader_.LoadPublication().name, me->email, me->totp_pending));
      d.set("pending", pending);
    }
  }
  if (!recovery_codes.empty()) {
    TemplateData codes{TemplateData::type::list};
    for (const auto& c : recovery_codes) codes.push_back(TemplateData(c));
    d.set("recovery_codes", codes);
    d.set("has_recovery_codes", true);
  }
  if (!error.empty()) d.set("error", error);
  if (auto done = req.QueryParam("done"); done && done->size() < 300) d.set("done", *done);
  return Render(status, "Your account", "admin-account", d, session);
}

Response AdminRoutes::ChangePassword(const Request& req) {
  auto s = FormSession(req);
  if (auto* r = std::get_if<Response>(&s)) return std::move(*r);
  const Session& session = std::get<Session>(s);
  std::string next = req.FormField("password").value_or("");
  if (next != req.FormField("password_again").value_or("")) {
    return Account(req, "password: the two new passwords differ", 400);
  }
  Status st = staff_.ChangePassword(session.editor(), req.FormField("current_password").value_or(""), next,
                                    session.token_hash, OriginOf(req));
  if (!st.ok()) return Account(req, st.error().ToString(), 400);
  return SeeOther("/admin/account?done=" +
                  http::PercentEncode("Your password is changed; you were signed out everywhere else."));
}

Response AdminRoutes::EndSession(const Request& req) {
  auto s = FormSession(req);
  if (auto* r = std::get_if<Response>(&s)) return std::move(*r);
  const Session& session = std::get<Session>(s);
  if (!store_.accounts().DeleteSessionById(session.user.email, FormId(req))) {
    return Account(req, "session: you have no such session (it may have ended already)", 404);
  }
  staff_.Audit(session.editor(), "session.end", req.FormField("id").value_or(""), "", OriginOf(req));
  return SeeOther("/admin/account?done=" + http::PercentEncode("That session is signed out."));
}

Response AdminRoutes::CreateToken(const Request& req) {
  auto s = FormSession(req);
  if (auto* r = std::get_if<Response>(&s)) return std::move(*r);
  const Session& session = std::get<Session>(s);
  auto token = staff_.CreateToken(session.editor(), req.FormField("name").value_or(""), OriginOf(req));
  if (!token.ok()) return Account(req, token.error().ToString(), 400);
  // Shown once, on this page, never again (only its hash is kept).
  return Account(req, "", 201, token.value());
}

Response AdminRoutes::RevokeToken(const Request& req) {
  auto s = FormSession(req);
  if (auto* r = std::get_if<Response>(&s)) return std::move(*r);
  const Session& session = std::get<Session>(s);
  if (Status st = staff_.RevokeToken(session.editor(), FormId(req), OriginOf(req)); !st.ok()) {
    return Account(req, st.error().ToString(), st.error().code == "not_found" ? 404 : 403);
  }
  return SeeOther("/admin/account?done=" + http::PercentEncode("The token is revoked; it stopped working at once."));
}

Response AdminRoutes::StartTwoFactor(const Request& req) {
  auto s = FormSession(req);
  if (auto* r = std::get_if<Response>(&s)) return std::move(*r);
  const Session& session = std::get<Session>(s);
  if (Status st = staff_.StartTwoFactor(session.editor()); !st.ok()) return Refused(st.error(), session);
  return SeeOther("/admin/account#two-factor");
}

Response AdminRoutes::ConfirmTwoFactor(const Request& req) {
  auto s = FormSession(req);
  if (auto* r = std::get_if<Response>(&s)) return std::move(*r);
  const Session& session = std::get<Session>(s);
  auto codes = staff_.ConfirmTwoFactor(session.editor(), req.FormField("code").value_or(""), OriginOf(req));
  if (!codes.ok()) return Account(req, codes.error().ToString(), 400);
  return Account(req, "", 200, "", codes.value());
}

Response AdminRoutes::DisableTwoFactor(const Request& req) {
  auto s = FormSession(req);
  if (auto* r = std::get_if<Response>(&s)) return std::move(*r);
  const Session& session = std::get<Session>(s);
  Status st = staff_.DisableTwoFactor(session.editor(), req.FormField("current_password").value_or(""), OriginOf(req));
  if (!st.ok()) return Account(req, st.error().ToString(), 400);
  return SeeOther("/admin/account?done=" + http::PercentEncode("Two-factor sign-in is off."));
}

}  // namespace newsdesk::admin
