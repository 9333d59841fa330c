#include "site/newsletter_routes.h"

namespace newsdesk::site {

using http::Request;
using http::Response;
using http::RouteParams;

namespace {

// The token from the query string, or from a form field of the same name.
std::string TokenOf(const Request& req) {
  if (auto t = req.QueryParam("token")) return *t;
  return req.FormField("token").value_or("");
}

}  // namespace

void NewsletterRoutes::Register(http::Router& router) {
  router.Add("GET", "/newsletter", [this](const Request& r, const RouteParams&) { return Form(r); });
  if (!service_) return;
  router.Add("POST", "/newsletter/subscribe", [this](const Request& r, const RouteParams&) { return Subscribe(r); });
  router.Add("GET", "/newsletter/confirm", [this](const Request& r, const RouteParams&) { return Confirm(r, false); });
  router.Add("POST", "/newsletter/confirm", [this](const Request& r, const RouteParams&) { return Confirm(r, true); });
  router.Add("GET", "/newsletter/unsubscribe",
             [this](const Request& r, const RouteParams&) { return Unsubscribe(r, false); });
  router.Add("POST", "/newsletter/unsubscribe",
             [this](const Request& r, const RouteParams&) { return Unsubscribe(r, true); });
}

Response NewsletterRoutes::Render(const Request& req, int status, const std::string& title,
                                  TemplateData data) const {
  Publication p = reader_.LoadPublication();
  data.set("site_name", p.name);
  data.set("pitch", p.newsletter_pitch.empty() ? "Get " + p.name + " by email" : p.newsletter_pitch);
  data.set("title", title);
  Response res = site_.Page(req, p, status, MakeMeta(title, p.newsletter_pitch, req.path), theme_.Render({"newsletter"}, data));
  return res.With("Cache-Control", "no-store").With("X-Robots-Tag", "noindex");
}

TemplateData NewsletterRoutes::FormData(const std::string& email, const std::string& column,
                                        const std::string& error) const {
  TemplateData form;
  form.set("email", email);
  if (!error.empty()) form.set("error", error);
  TemplateData columns{TemplateData::type::list};
  for (const auto& c : reader_.ListColumns()) {
    TemplateData one;
    one.set("slug", c.slug);
    one.set("title", c.title);
    if (c.slug == column) one.set("selected", true);
    columns.push_back(one);
  }
  form.set("columns", columns);
  form.set("everything_selected", column.empty());
  TemplateData d;
  d.set("form", form);
  return d;
}

Response NewsletterRoutes::Form(const Request& req) const {
  return Render(req, 200, "Newsletter", FormData("", req.QueryParam("column").value_or(""), ""));
}

Response NewsletterRoutes::Subscribe(const Request& req) {
  std::string email = req.FormField("email").value_or("");
  std::string column = req.FormField("column").value_or("");
  if (limiter_ && !limiter_->Allow(req.client_addr)) {
    TemplateData d;
    d.set("message", "Too many sign-ups from your network in the last hour. Please try again later.");
    return Render(req, 429, "Newsletter", d).With("Retry-After", "3600");
  }
  std::string problem;
  switch (service_->Subscribe(email, column, &problem)) {
    case SubscriptionService::SubscribeOutcome::kInvalidEmail:
      return Render(req, 400, "Newsletter", FormData(email.substr(0, 300), column, problem));
    case SubscriptionService::SubscribeOutcome::kUnknownColumn:
      return Render(req, 400, "Newsletter", FormData(email.substr(0, 300), "", "Please choose one of the columns listed."));
    case SubscriptionService::SubscribeOutcome::kAccepted:
      break;
  }
  // The same answer for new, pending and existing subscribers: nobody learns
  // from this page whether an address is on the list.
  TemplateData d;
  d.set("message", "Thank you. Unless this address is already subscribed, we have sent it an email with a "
                   "link to confirm your subscription. The link works for 7 days.");
  return Render(req, 200, "Check your inbox", d);
}

Response NewsletterRoutes::Confirm(const Request& req, bool apply) {
  std::string token = TokenOf(req);
  TemplateData d;
  if (!apply) {
    // Mail scanners follow links: a GET only shows the button.
    TemplateData form;
    form.set("token", token);
    d.set("confirm_form", form);
    return Render(req, 200, "Confirm your subscription", d);
  }
  switch (service_->Confirm(token)) {
    case ConfirmOutcome::kConfirmed:
    case ConfirmOutcome::kAlreadyConfirmed:
      d.set("message", "You are subscribed. New articles will arrive in your inbox.");
      return Render(req, 200, "Subscribed", d);
    case ConfirmOutcome::kExpired:
      d.set("message", "This confirmation link has expired. Please subscribe again to get a new one.");
      return Render(req, 410, "Link expired", d);
    case ConfirmOutcome::kInvalid:
      break;
  }
  d.set("message", "This confirmation link is not valid, or has been used already.");
  return Render(req, 400, "Link not valid", d);
}

Response NewsletterRoutes::Unsubscribe(const Request& req, bool apply) {
  std::string token = TokenOf(req);
  TemplateData d;
  if (!apply) {
    if (!service_->CheckUnsubscribeToken(token)) {
      d.set("message", "This unsubscribe link is not valid.");
      return Render(req, 400, "Link not valid", d);
    }
    TemplateData form;
    form.set("token", token);
    d.set("unsubscribe_form", form);
    return Render(req, 200, "Unsubscribe", d);
  }
  // RFC 8058: a POST with "List-Unsubscribe=One-Click" (or our own button)
  // unsubscribes at once, no further questions.
  if (!service_->Unsubscribe(token)) {
    d.set("message", "This unsubscribe link is not valid.");
    return Render(req, 400, "Link not valid", d);
  }
  d.set("message", "You are unsubscribed and will get no more newsletter emails from us.");
  return Render(req, 200, "Unsubscribed", d);
}

}  // namespace newsdesk::site
