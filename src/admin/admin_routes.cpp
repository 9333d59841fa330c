#include "admin/admin_routes.h"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include "admin/accounts.h"
#include "content/dates.h"
#include "content/slug.h"
#include "http/url.h"
#include "newsletter/tokens.h"
#include "transfer/bundle.h"

namespace newsdesk::admin {

using http::Request;
using http::Response;
using http::RouteParams;
using nlohmann::json;

namespace {

constexpr const char* kSessionCookie = "newsdesk_session";
constexpr UnixSeconds kSessionLifetime = 14 * 24 * 3600;

std::string CsrfFor(const std::string& session_token) { return HashToken("csrf:" + session_token); }

std::string SessionCookie(const std::string& value, long max_age, bool secure) {
  return std::string(kSessionCookie) + "=" + value + "; Max-Age=" + std::to_string(max_age) +
         "; Path=/admin; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
}

Response SeeOther(const std::string& location) {
  return Response::Redirect(303, location).With("Cache-Control", "no-store");
}

std::vector<std::string> SplitTags(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string tag = text.substr(start, comma - start);
    tag.erase(0, tag.find_first_not_of(" \t"));
    tag.erase(tag.find_last_not_of(" \t") + 1);
    if (!tag.empty()) out.push_back(tag);
    start = comma + 1;
  }
  return out;
}

}  // namespace

void AdminRoutes::Register(http::Router& router) {
  router.Add("GET", "/admin", [this](const Request& r, const RouteParams&) { return Dashboard(r); });
  router.Add("GET", "/admin/sign-in", [this](const Request& r, const RouteParams&) { return SignInForm(r, 200, ""); });
  router.Add("POST", "/admin/sign-in", [this](const Request& r, const RouteParams&) { return SignIn(r); });
  router.Add("POST", "/admin/sign-out", [this](const Request& r, const RouteParams&) { return SignOut(r); });
  router.Add("GET", "/admin/articles/new", [this](const Request& r, const RouteParams&) { return Editor(r, ""); });
  router.Add("GET", "/admin/articles/{slug}",
             [this](const Request& r, const RouteParams& p) { return Editor(r, p.Get("slug")); });
  router.Add("POST", "/admin/articles", [this](const Request& r, const RouteParams&) { return Save(r); });
}

std::optional<AdminRoutes::Session> AdminRoutes::CurrentSession(const Request& req) const {
  auto token = req.Cookie(kSessionCookie);
  if (!token || token->size() < 20 || token->size() > 100) return std::nullopt;
  auto user = store_.accounts().FindSession(HashToken(*token), clock_.Now());
  if (!user) return std::nullopt;
  return Session{*user, CsrfFor(*token)};
}

bool AdminRoutes::CsrfOk(const Request& req, const Session& session) const {
  std::string given = req.FormField("csrf").value_or("");
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
    data.set("session", who);
  }
  TemplateData frame;
  frame.set("site_name", p.name);
  frame.set("title", title);
  frame.set("asset_version", theme_.asset_version());
  frame.set("content", theme_.Render({page}, data));
  Response res = Response::Html(status, theme_.Render({"admin-layout"}, frame));
  return res.With("Cache-Control", "no-store").With("X-Frame-Options", "DENY").With("X-Robots-Tag", "noindex");
}

Response AdminRoutes::SignInForm(const Request&, int status, const std::string& error) const {
  TemplateData d;
  if (!error.empty()) d.set("error", error);
  return Render(status, "Sign in", "admin-sign-in", d, std::nullopt);
}

Response AdminRoutes::SignIn(const Request& req) {
  if (!sign_in_limiter_.Allow(req.remote_addr)) {
    return SignInForm(req, 429, "Too many attempts. Wait a quarter of an hour and try again.");
  }
  std::string email = req.FormField("email").value_or("");
  std::string password = req.FormField("password").value_or("");
  auto user = email.size() <= 254 ? store_.accounts().FindUser(email) : std::nullopt;
  // Hash even for an unknown address, so timing does not tell which exist.
  static const std::string dummy = HashPassword("not the password of anyone");
  bool ok = VerifyPassword(user ? user->password_hash : dummy, password) && user;
  if (!ok) return SignInForm(req, 401, "That email and password do not match an editor's account.");
  std::string token = RandomToken();
  UnixSeconds now = clock_.Now();
  store_.accounts().AddSession(user->email, HashToken(token), now, now + kSessionLifetime);
  bool secure = reader_.LoadPublication().base_url.rfind("https://", 0) == 0;
  return SeeOther("/admin").With("Set-Cookie", SessionCookie(token, kSessionLifetime, secure));
}

Response AdminRoutes::SignOut(const Request& req) {
  auto session = CurrentSession(req);
  // A sign-out another site forged (no valid CSRF token) changes nothing: the
  // session stays, and so does its cookie, rather than a cookie cleared over a
  // session that still works.
  if (session && !CsrfOk(req, *session)) {
    return Render(403, "Refused", "admin-message",
                  TemplateData("message", "This sign-out form is out of date (or was not sent from this site). "
                                          "Open the page again and sign out from there."),
                  session);
  }
  if (session) store_.accounts().DeleteSession(HashToken(req.Cookie(kSessionCookie).value_or("")));
  return SeeOther("/admin/sign-in").With("Set-Cookie", SessionCookie("", 0, false));
}

Response AdminRoutes::Dashboard(const Request& req) const {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  Publication p = reader_.LoadPublication();
  const auto* zone = ContentReader::ZoneOf(p);
  AdminArticleQuery q;
  q.limit = 100;
  TemplateData rows{TemplateData::type::list};
  for (const auto& a : store_.ListArticles(q).items) {
    TemplateData row;
    row.set("slug", a.slug);
    row.set("title", a.title);
    row.set("status", ToString(a.status));
    row.set("column", a.column.name);
    row.set("when", a.published_at ? FormatLocalDateTime(a.published_at, zone) : "");
    row.set("public", IsPublic(a.status, a.published_at, clock_.Now()));
    rows.push_back(row);
  }
  TemplateData d;
  d.set("articles", rows);
  if (auto saved = req.QueryParam("saved"); saved && IsValidSlug(*saved)) d.set("saved", *saved);
  return Render(200, "Articles", "admin-articles", d, session);
}

Response AdminRoutes::Editor(const Request& req, std::string_view slug) const {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  if (slug.empty()) return EditorPage(*session, Article{}, true, "", "", 200);
  auto article = IsValidSlug(slug) ? store_.FindAnyArticle(std::string(slug)) : std::nullopt;
  if (!article) {
    return Render(404, "Not found", "admin-message", TemplateData("message", "No such article."), session);
  }
  const auto* zone = ContentReader::ZoneOf(reader_.LoadPublication());
  std::string when = article->published_at ? FormatLocalDateTime(article->published_at, zone) : "";
  return EditorPage(*session, *article, false, when, "", 200);
}

Response AdminRoutes::EditorPage(const Session& session, const Article& a, bool is_new, const std::string& when,
                                 const std::string& error, int status) const {
  Publication p = reader_.LoadPublication();
  TemplateData d;
  d.set("is_new", is_new);
  d.set("slug", a.slug);
  d.set("revision", std::to_string(a.revision));
  d.set("article_title", a.title);
  d.set("summary", a.summary);
  d.set("body", a.body);
  d.set("body_format", ToString(a.body_format));
  d.set("body_is_html", a.body_format == BodyFormat::kHtml);
  std::string tags;
  for (const auto& t : a.tags) tags += (tags.empty() ? "" : ", ") + t.slug;
  d.set("tags", tags);
  d.set("published_at", when);
  d.set("timezone", p.timezone);
  if (!error.empty()) d.set("error", error);
  // <option> lists: value, label, selected.
  auto options = [](TemplateData* list, const std::string& value, const std::string& label, bool selected) {
    TemplateData o;
    o.set("value", value);
    o.set("label", label);
    o.set("selected", selected);
    list->push_back(o);
  };
  TemplateData statuses{TemplateData::type::list};
  for (auto s : {ArticleStatus::kDraft, ArticleStatus::kScheduled, ArticleStatus::kPublished}) {
    options(&statuses, ToString(s), ToString(s), s == a.status);
  }
  d.set("statuses", statuses);
  TemplateData columns{TemplateData::type::list};
  for (const auto& c : reader_.ListColumns()) options(&columns, c.slug, c.name, c.slug == a.column.slug);
  d.set("columns", columns);
  TemplateData authors{TemplateData::type::list};
  for (const auto& au : store_.ListAuthors()) {
    bool selected = false;
    for (const auto& x : a.authors) selected = selected || x.slug == au.slug;
    options(&authors, au.slug, au.name, selected);
  }
  d.set("authors", authors);
  return Render(status, is_new ? "New article" : "Edit: " + a.title, "admin-article", d, session);
}

// Create and update both post here; "is_new" tells which. The form becomes an
// article object and goes through the same checks as the API and imports.
Response AdminRoutes::Save(const Request& req) {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  if (!CsrfOk(req, *session)) {
    return Render(403, "Refused", "admin-message",
                  TemplateData("message", "This form is out of date (or was not sent from this site). Open it again."),
                  session);
  }
  Publication p = reader_.LoadPublication();
  const auto* zone = ContentReader::ZoneOf(p);
  std::string slug = req.FormField("slug").value_or("");
  bool is_new = req.FormField("is_new").value_or("") == "1";
  json object = {{"slug", slug},
                 {"title", req.FormField("title").value_or("")},
                 {"summary", req.FormField("summary").value_or("")},
                 {"body", req.FormField("body").value_or("")},
                 {"body_format", req.FormField("body_format").value_or("markdown")},
                 {"authors", req.FormFields("authors")},
                 {"column", req.FormField("column").value_or("")},
                 {"tags", SplitTags(req.FormField("tags").value_or(""))},
                 {"status", req.FormField("status").value_or("draft")}};
  std::string when = req.FormField("published_at").value_or("");
  // On any problem the form comes back as it was sent, with the reason.
  auto fail = [&](const std::string& message) {
    Article typed;
    typed.slug = slug;
    typed.title = object["title"];
    typed.summary = object["summary"];
    typed.body = object["body"];
    typed.column.slug = object["column"];
    for (const auto& s : object["authors"]) typed.authors.push_back({s, {}});
    for (const auto& s : object["tags"]) typed.tags.push_back({s, {}});
    ParseArticleStatus(object["status"], &typed.status);
    ParseBodyFormat(object["body_format"], &typed.body_format);
    typed.revision = http::ParsePositiveNumber(req.FormField("revision").value_or(""), 2000000000).value_or(0);
    return EditorPage(*session, typed, is_new, when, message, 400);
  };
  if (!when.empty()) {
    auto t = ParseLocalDateTime(when, zone);
    if (!t) return fail("published_at: '" + when + "' is not a date and time in " + p.timezone);
    object["published_at"] = FormatRfc3339Utc(*t);
  } else if (object["status"] == "published") {
    object["published_at"] = FormatRfc3339Utc(clock_.Now());
  }
  auto article = ArticleFromJson(object);
  if (!article.ok()) return fail(article.error().field + ": " + article.error().message);
  auto existing = store_.FindAnyArticle(article.value().slug);
  if (is_new && existing) return fail("slug: an article with this slug exists");
  if (!is_new && !existing) return fail("slug: no article with this slug");
  std::optional<ArticleStatus> current;
  if (existing) current = existing->status;
  if (!MayWriteArticle(session->user.role, article.value().status, current)) {
    return fail("status: a contributor may only write drafts");
  }
  Bundle bundle;
  bundle.articles.push_back(article.value());
  // The form carries the revision it was opened at: a save by someone else in
  // between is not overwritten.
  if (existing) {
    auto base = http::ParsePositiveNumber(req.FormField("revision").value_or(""), 2000000000);
    bundle.articles.back().base_revision = base ? *base : existing->revision;
  }
  if (Status st = store_.ApplyBundle(bundle, clock_.Now()); !st.ok()) {
    return fail(st.error().field + ": " + st.error().message);
  }
  return SeeOther("/admin?saved=" + article.value().slug);
}

}  // namespace newsdesk::admin
