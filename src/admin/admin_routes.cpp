#include "admin/admin_routes.h"

#include <sodium.h>

#include <limits>

#include "admin/accounts.h"
#include "http/url.h"
#include "newsletter/tokens.h"
#include "storage/audit_log.h"

namespace newsdesk::admin {

using http::Request;
using http::Response;
using http::RouteParams;

namespace {

constexpr const char* kSessionCookie = "newsdesk_session";
// A right password waiting for its second factor.
constexpr const char* kChallengeCookie = "newsdesk_2fa";
constexpr UnixSeconds kChallengeLifetime = 5 * 60;
constexpr UnixSeconds kSessionLifetime = 14 * 24 * 3600;

std::string CsrfFor(const std::string& session_token) { return HashToken("csrf:" + session_token); }

// Every admin cookie: scoped to /admin, HttpOnly, SameSite=Strict, Secure on https.
std::string AdminCookie(const char* name, const std::string& value, long max_age, bool secure) {
  return std::string(name) + "=" + value + "; Max-Age=" + std::to_string(max_age) +
         "; Path=/admin; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
}

}  // namespace

Response SeeOther(const std::string& location) {
  return Response::Redirect(303, location).With("Cache-Control", "no-store");
}

void AddOption(TemplateData* list, const std::string& value, const std::string& label, bool selected) {
  TemplateData o;
  o.set("value", value);
  o.set("label", label);
  o.set("selected", selected);
  list->push_back(o);
}

void AdminRoutes::Register(http::Router& router) {
  auto get = [&](const char* pattern, auto handler) { router.Add("GET", pattern, handler); };
  auto post = [&](const char* pattern, auto handler) { router.Add("POST", pattern, handler); };
  get("/admin", [this](const Request& r, const RouteParams&) { return ArticleList(r); });
  get("/admin/sign-in", [this](const Request& r, const RouteParams&) { return SignInForm(r, 200, ""); });
  post("/admin/sign-in", [this](const Request& r, const RouteParams&) { return SignIn(r); });
  post("/admin/sign-in/code", [this](const Request& r, const RouteParams&) { return SignInCode(r); });
  post("/admin/sign-out", [this](const Request& r, const RouteParams&) { return SignOut(r); });
  post("/admin/articles/bulk", [this](const Request& r, const RouteParams&) { return Bulk(r); });
  get("/admin/articles/new", [this](const Request& r, const RouteParams&) { return Editor(r, ""); });
  get("/admin/articles/{slug}", [this](const Request& r, const RouteParams& p) { return Editor(r, p.Get("slug")); });
  post("/admin/articles", [this](const Request& r, const RouteParams&) { return Save(r); });
  post("/admin/preview", [this](const Request& r, const RouteParams&) { return Preview(r); });
  post("/admin/test-email", [this](const Request& r, const RouteParams&) { return SendTest(r); });
  post("/admin/autosave", [this](const Request& r, const RouteParams&) { return AutosavePost(r); });
  post("/admin/autosave/discard", [this](const Request& r, const RouteParams&) { return AutosaveDiscard(r); });
  post("/admin/presence", [this](const Request& r, const RouteParams&) { return Presence(r); });
  post("/admin/articles/{slug}/notes",
       [this](const Request& r, const RouteParams& p) { return AddNote(r, p.Get("slug")); });
  get("/admin/articles/{slug}/revisions",
      [this](const Request& r, const RouteParams& p) { return Revisions(r, p.Get("slug")); });
  get("/admin/articles/{slug}/revisions/{n}",
      [this](const Request& r, const RouteParams& p) { return RevisionView(r, p.Get("slug"), p.Get("n")); });
  post("/admin/articles/{slug}/revisions/{n}/restore",
       [this](const Request& r, const RouteParams& p) { return RestoreRevision(r, p.Get("slug"), p.Get("n")); });
  get("/admin/trash", [this](const Request& r, const RouteParams&) { return Trash(r); });
  post("/admin/articles/{slug}/trash",
       [this](const Request& r, const RouteParams& p) { return TrashArticle(r, p.Get("slug")); });
  post("/admin/articles/{slug}/restore",
       [this](const Request& r, const RouteParams& p) { return RestoreArticle(r, p.Get("slug")); });
  post("/admin/trash/empty", [this](const Request& r, const RouteParams&) { return EmptyTrash(r); });
  get("/admin/pages", [this](const Request& r, const RouteParams&) { return Pages(r); });
  get("/admin/pages/new", [this](const Request& r, const RouteParams&) { return PageEditor(r, ""); });
  get("/admin/pages/{slug}", [this](const Request& r, const RouteParams& p) { return PageEditor(r, std::string(p.Get("slug"))); });
  post("/admin/pages", [this](const Request& r, const RouteParams&) { return SavePage(r); });
  post("/admin/pages/delete", [this](const Request& r, const RouteParams&) { return DeletePage(r); });
  get("/admin/redirects", [this](const Request& r, const RouteParams&) { return Redirects(r); });
  post("/admin/redirects", [this](const Request& r, const RouteParams&) { return AddRedirect(r); });
  post("/admin/redirects/delete", [this](const Request& r, const RouteParams&) { return DeleteRedirect(r); });
  get("/admin/staff", [this](const Request& r, const RouteParams&) { return StaffList(r); });
  post("/admin/staff/invite", [this](const Request& r, const RouteParams&) { return Invite(r); });
  post("/admin/staff/invitations/revoke", [this](const Request& r, const RouteParams&) { return RevokeInvitation(r); });
  for (const char* what : {"role", "byline", "deactivate", "reactivate"}) {
    post((std::string("/admin/staff/") + what).c_str(),
         [this, what](const Request& r, const RouteParams&) { return StaffChange(r, what); });
  }
  get("/admin/invitations/{token}",
      [this](const Request& r, const RouteParams& p) { return InvitationForm(r, p.Get("token")); });
  post("/admin/invitations/{token}",
       [this](const Request& r, const RouteParams& p) { return AcceptInvitation(r, p.Get("token")); });
  get("/admin/password-reset", [this](const Request& r, const RouteParams&) { return ResetRequestForm(r); });
  post("/admin/password-reset", [this](const Request& r, const RouteParams&) { return RequestReset(r); });
  get("/admin/password-reset/{token}",
      [this](const Request& r, const RouteParams& p) { return ResetForm(r, p.Get("token")); });
  post("/admin/password-reset/{token}",
       [this](const Request& r, const RouteParams& p) { return Reset(r, p.Get("token")); });
  get("/admin/account", [this](const Request& r, const RouteParams&) { return Account(r); });
  post("/admin/account/password", [this](const Request& r, const RouteParams&) { return ChangePassword(r); });
  post("/admin/account/sessions/end", [this](const Request& r, const RouteParams&) { return EndSession(r); });
  post("/admin/account/tokens", [this](const Request& r, const RouteParams&) { return CreateToken(r); });
  post("/admin/account/tokens/revoke", [this](const Request& r, const RouteParams&) { return RevokeToken(r); });
  post("/admin/account/two-factor/start", [this](const Request& r, const RouteParams&) { return StartTwoFactor(r); });
  post("/admin/account/two-factor/confirm",
       [this](const Request& r, const RouteParams&) { return ConfirmTwoFactor(r); });
  post("/admin/account/two-factor/off", [this](const Request& r, const RouteParams&) { return DisableTwoFactor(r); });
  get("/admin/audit", [this](const Request& r, const RouteParams&) { return AuditLogPage(r); });
  for (const char* kind : {"authors", "columns", "tags"}) {
    std::string base = std::string("/admin/") + kind;
    get(base.c_str(), [this, kind](const Request& r, const RouteParams&) { return Taxonomy(r, kind); });
    post(base.c_str(), [this, kind](const Request& r, const RouteParams&) { return ChangeTaxonomy(r, kind, false); });
    post((base + "/delete").c_str(),
         [this, kind](const Request& r, const RouteParams&) { return ChangeTaxonomy(r, kind, true); });
  }
  get("/admin/subscribers", [this](const Request& r, const RouteParams&) { return Subscribers(r); });
  get("/admin/subscribers/export.csv", [this](const Request& r, const RouteParams&) { return ExportSubscribers(r); });
  get("/admin/subscribers/{id}",
      [this](const Request& r, const RouteParams& p) { return SubscriberHistory(r, p.Get("id")); });
  post("/admin/subscribers/{id}/erase",
       [this](const Request& r, const RouteParams& p) { return EraseSubscriberPost(r, p.Get("id")); });
  get("/admin/media", [this](const Request& r, const RouteParams&) { return MediaLibraryPage(r); });
  post("/admin/media", [this](const Request& r, const RouteParams&) { return MediaUpload(r); });
  get("/admin/media/{id}", [this](const Request& r, const RouteParams& p) { return MediaItemPage(r, p.Get("id")); });
  post("/admin/media/{id}", [this](const Request& r, const RouteParams& p) { return SaveMediaItem(r, p.Get("id")); });
  post("/admin/media/{id}/delete",
       [this](const Request& r, const RouteParams& p) { return DeleteMediaItem(r, p.Get("id")); });
  get("/admin/settings", [this](const Request& r, const RouteParams&) { return Settings(r); });
  post("/admin/settings", [this](const Request& r, const RouteParams&) { return SaveSettings(r); });
}

std::optional<AdminRoutes::Session> AdminRoutes::CurrentSession(const Request& req) const {
  auto token = req.Cookie(kSessionCookie);
  if (!token || token->size() < 20 || token->size() > 100) return std::nullopt;
  auto user = store_.accounts().FindSession(HashToken(*token), clock_.Now());
  if (!user) return std::nullopt;
  return Session{*user, CsrfFor(*token), HashToken(*token)};
}

std::variant<AdminRoutes::Session, Response> AdminRoutes::FormSession(const Request& req) const {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  if (!CsrfOk(req, *session)) return StaleForm(*session);
  return *session;
}

Origin AdminRoutes::OriginOf(const Request& req) {
  return {req.client_addr.empty() ? req.remote_addr : req.client_addr, std::string(req.Header("user-agent"))};
}

Response AdminRoutes::Refused(const Error& e, const Session& session) const {
  int status = e.code == "forbidden" ? 403 : e.code == "not_found" ? 404 : e.code == "conflict" ? 409 : 400;
  return Message(status, status == 403 ? "Refused" : "Not done", e.ToString(), session);
}

bool AdminRoutes::CsrfOk(const Request& req, const Session& session) const {
  return CsrfMatches(req.FormField("csrf").value_or(""), session);
}

bool AdminRoutes::CsrfMatches(std::string_view given, const Session& session) const {
  return given.size() == session.csrf.size() &&
         sodium_memcmp(given.data(), session.csrf.data(), given.size()) == 0;
}

Response AdminRoutes::Render(int status, const std::string& title, const char* page, TemplateData data,
                             const std::optional<Session>& session) const {
  Publication p = reader_.LoadPublication();
  data.set("site_name", p.name);
  data.set("title", title);
  if (session) {
    TemplateData who;
    who.set("name", session->user.name);
    who.set("role", ToString(session->user.role));
    who.set("csrf", session->csrf);
    who.set("may_delete", MayDeleteArticles(session->user.role));
    who.set("is_admin", MayAdminister(session->user.role));
    data.set("session", who);
  }
  TemplateData frame;
  frame.set("site_name", p.name);
  frame.set("title", title);
  frame.set("asset_version", theme_.asset_version());
  frame.set("content", theme_.Render({page}, data));
  if (session) {
    frame.set("signed_in", true);
    frame.set("is_admin", MayAdminister(session->user.role));
    frame.set("may_manage", MayManageTaxonomy(session->user.role));
  }
  // The Markdown editor bundle, where the editor is and the build made it.
  if (std::string_view(page) == "admin-article" && theme_.FindAsset("editor.js")) frame.set("has_editor", true);
  Response res = Response::Html(status, theme_.Render({"admin-layout"}, frame));
  return res.With("Cache-Control", "no-store").With("X-Frame-Options", "DENY").With("X-Robots-Tag", "noindex");
}

bool AdminRoutes::SecureCookies() const {
  return reader_.LoadPublication().base_url.rfind("https://", 0) == 0;
}

std::int64_t FormId(const Request& req) {
  return http::ParsePositiveNumber(req.FormField("id").value_or(""), std::numeric_limits<int>::max()).value_or(0);
}

Response AdminRoutes::SignInForm(const Request&, int status, const std::string& error) const {
  TemplateData d;
  if (!error.empty()) d.set("error", error);
  return Render(status, "Sign in", "admin-sign-in", d, std::nullopt);
}

// Failed sign-ins are counted, successes are not: per account (someone
// guessing one editor's password) and per client address (someone trying many
// accounts); a newsroom behind one office address never locks itself out by
// signing in. Behind a proxy the address is the client's (--trusted-proxy).
Response AdminRoutes::SignIn(const Request& req) {
  std::string email = req.FormField("email").value_or("");
  std::string password = req.FormField("password").value_or("");
  std::string account_key = "account:" + email.substr(0, 254);
  for (char& c : account_key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  Origin origin = OriginOf(req);
  std::string address_key = "address:" + origin.client_addr;
  auto wait = std::max(account_failures_.Wait(account_key), address_failures_.Wait(address_key));
  if (wait.count() > 0) {
    long minutes = (wait.count() + 59) / 60;
    return SignInForm(req, 429,
                      "Too many failed sign-ins. Try again in " + std::to_string(minutes) +
                          (minutes == 1 ? " minute." : " minutes."))
        .With("Retry-After", std::to_string(wait.count()));
  }
  auto user = email.size() <= 254 ? store_.accounts().FindUser(email) : std::nullopt;
  // Hash even for an unknown address, so timing does not tell which exist.
  static const std::string dummy = HashPassword("not the password of anyone");
  // A deactivated account is refused with the same words as a wrong password.
  bool ok = VerifyPassword(user ? user->password_hash : dummy, password) && user && user->deactivated_at == 0;
  if (!ok) {
    account_failures_.Note(account_key);
    address_failures_.Note(address_key);
    store_.audit().Record({0, clock_.Now(), "", "sign_in.failed", email.substr(0, 254), "", origin.client_addr});
    return SignInForm(req, 401, "That email and password do not match an editor's account.");
  }
  account_failures_.Clear(account_key);
  if (user->two_factor) {
    // The password was right; the session waits for the code.
    std::string token = RandomToken();
    UnixSeconds now = clock_.Now();
    store_.accounts().AddSignInChallenge(user->email, HashToken(token), now, now + kChallengeLifetime);
    return SignInCodeForm(req, 200, "")
        .With("Set-Cookie", AdminCookie(kChallengeCookie, token, kChallengeLifetime, SecureCookies()));
  }
  return StartSession(req, user->email);
}

Response AdminRoutes::SignInCodeForm(const Request&, int status, const std::string& error) const {
  TemplateData d;
  d.set("code_step", true);
  if (!error.empty()) d.set("error", error);
  return Render(status, "Sign in", "admin-sign-in", d, std::nullopt);
}

// Failures count against the account as wrong passwords do, so codes cannot
// be guessed any faster than passwords.
Response AdminRoutes::SignInCode(const Request& req) {
  auto token = req.Cookie(kChallengeCookie);
  auto email = token && token->size() >= 20 && token->size() <= 100
                   ? store_.accounts().FindSignInChallenge(HashToken(*token), clock_.Now())
                   : std::nullopt;
  if (!email) return SignInForm(req, 401, "That took too long. Sign in again.");
  std::string account_key = "account:" + *email;
  Origin origin = OriginOf(req);
  if (auto wait = account_failures_.Wait(account_key); wait.count() > 0) {
    store_.accounts().DeleteSignInChallenge(HashToken(*token));
    return SignInForm(req, 429, "Too many failed sign-ins. Try again later.")
        .With("Retry-After", std::to_string(wait.count()));
  }
  if (!staff_.CheckSecondFactor(*email, req.FormField("code").value_or(""), origin)) {
    account_failures_.Note(account_key);
    address_failures_.Note("address:" + origin.client_addr);
    store_.audit().Record({0, clock_.Now(), "", "sign_in.failed", *email, "wrong second factor", origin.client_addr});
    return SignInCodeForm(req, 401, "That code is not right (or was used already). Try the newest one.");
  }
  store_.accounts().DeleteSignInChallenge(HashToken(*token));
  account_failures_.Clear(account_key);
  return StartSession(req, *email);
}

Response AdminRoutes::StartSession(const Request& req, const std::string& email) {
  Origin origin = OriginOf(req);
  std::string token = RandomToken();
  UnixSeconds now = clock_.Now();
  store_.accounts().AddSession(email, HashToken(token), now, now + kSessionLifetime, origin.client_addr,
                               origin.user_agent);
  store_.audit().Record({0, now, email, "sign_in", email, "", origin.client_addr});
  return SeeOther("/admin").With("Set-Cookie", AdminCookie(kSessionCookie, token, kSessionLifetime, SecureCookies()));
}

Response AdminRoutes::SignOut(const Request& req) {
  auto session = CurrentSession(req);
  // A sign-out another site forged (no valid CSRF token) changes nothing: the
  // session stays, and so does its cookie, rather than a cookie cleared over a
  // session that still works.
  if (session && !CsrfOk(req, *session)) {
    return Message(403, "Refused",
                   "This sign-out form is out of date (or was not sent from this site). "
                   "Open the page again and sign out from there.",
                   session);
  }
  if (session) {
    store_.accounts().DeleteSession(session->token_hash);
    store_.audit().Record({0, clock_.Now(), session->user.email, "sign_out", session->user.email, "",
                           OriginOf(req).client_addr});
  }
  return SeeOther("/admin/sign-in").With("Set-Cookie", AdminCookie(kSessionCookie, "", 0, false));
}

Response AdminRoutes::StaleForm(const Session& session) const {
  return Message(403, "Refused", "This form is out of date (or was not sent from this site). Open it again.", session);
}

Response AdminRoutes::Message(int status, const std::string& title, const std::string& message,
                              const std::optional<Session>& session) const {
  return Render(status, title, "admin-message", TemplateData("message", message), session);
}

}  // namespace newsdesk::admin
