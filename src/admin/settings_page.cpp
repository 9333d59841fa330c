// The publication's settings (admins): name, base URL, language, time zone,
// copyright line, newsletter pitch, cookie notice and its "Learn more"
// target, the sender of every email, and its identity (logo, icon, theme colour). Checked exactly as a bundle's publication is (transfer/bundle.h)
// and stored the same way, so every page shows the change at once: the
// change log drops every cached page, on every node.
#include <nlohmann/json.hpp>

#include "admin/admin_routes.h"
#include "http/url.h"
#include "transfer/bundle.h"

namespace newsdesk::admin {

using http::Request;
using http::Response;

namespace {

// The settings form's fields, in the order the form shows them.
const char* const kFields[] = {"name",          "base_url",      "language",          "timezone",
                               "copyright",     "newsletter_pitch", "cookie_notice", "cookie_policy_url",
                               "mail_from",     "logo",          "icon",              "theme_color"};

std::string FieldOf(const Publication& p, std::string_view field) {
  if (field == "name") return p.name;
  if (field == "base_url") return p.base_url;
  if (field == "language") return p.language;
  if (field == "timezone") return p.timezone;
  if (field == "copyright") return p.copyright;
  if (field == "newsletter_pitch") return p.newsletter_pitch;
  if (field == "cookie_policy_url") return p.cookie_policy_url;
  if (field == "mail_from") return p.mail_from;
  if (field == "logo") return p.logo_id;
  if (field == "icon") return p.icon_id;
  if (field == "theme_color") return p.theme_color;
  return p.cookie_notice;
}

}  // namespace

Response AdminRoutes::Settings(const Request& req, const std::string& error, int status) const {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  if (!MayAdminister(session->user.role)) return Message(403, "Refused", "Only admins change the settings.", session);
  Publication p = reader_.LoadPublication();
  TemplateData d;
  for (const char* f : kFields) d.set(f, error.empty() ? FieldOf(p, f) : req.FormField(f).value_or(""));
  if (!error.empty()) d.set("error", error);
  if (auto done = req.QueryParam("done"); done && done->size() < 300) d.set("done", *done);
  return Render(status, "Settings", "admin-settings", d, session);
}

Response AdminRoutes::SaveSettings(const Request& req) {
  auto s = FormSession(req);
  if (auto* r = std::get_if<Response>(&s)) return std::move(*r);
  const Session& session = std::get<Session>(s);
  if (!MayAdminister(session.user.role)) return Message(403, "Refused", "Only admins change the settings.", session);
  nlohmann::json publication = nlohmann::json::object();
  for (const char* f : kFields) publication[f] = req.FormField(f).value_or("");
  auto bundle = BundleHeaderFromJson({{"newsdesk_bundle", 1}, {"publication", publication}});
  if (!bundle.ok()) return Settings(req, bundle.error().ToString(), 400);
  Publication before = reader_.LoadPublication();
  if (Status st = store_.ApplyBundle(bundle.value(), clock_.Now()); !st.ok()) {
    return Settings(req, st.error().ToString(), 400);
  }
  std::string changed;
  for (const char* f : kFields) {
    if (FieldOf(before, f) != FieldOf(*bundle.value().publication, f)) changed += (changed.empty() ? "" : ", ") + std::string(f);
  }
  staff_.Audit(session.editor(), "settings.update", "publication", changed.empty() ? "nothing changed" : changed,
               OriginOf(req));
  return SeeOther("/admin/settings?done=" + http::PercentEncode("Saved. Every page shows the change now."));
}

}  // namespace newsdesk::admin
