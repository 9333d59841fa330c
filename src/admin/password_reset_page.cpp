// Password reset: ask with an address (the answer is the same whether or not
// it has an account), then the emailed link opens a form for a new password.
#include "admin/admin_routes.h"

namespace newsdesk::admin {

using http::Request;
using http::Response;

Response AdminRoutes::ResetRequestForm(const Request&) const {
  return Render(200, "Reset your password", "admin-password-reset", TemplateData("asking", true), std::nullopt);
}

Response AdminRoutes::RequestReset(const Request& req) {
  // Counted like failed sign-ins per client address, so the form cannot be
  // used to mail someone a flood of links.
  std::string address_key = "reset:" + OriginOf(req).client_addr;
  if (auto wait = address_failures_.Wait(address_key); wait.count() > 0) {
    return Message(429, "Too many requests", "Too many password resets were asked for from here. Try again later.",
                   std::nullopt)
        .With("Retry-After", std::to_string(wait.count()));
  }
  address_failures_.Note(address_key);
  staff_.RequestPasswordReset(req.FormField("email").value_or("").substr(0, 254), OriginOf(req));
  TemplateData d;
  d.set("asked", true);
  return Render(200, "Reset your password", "admin-password-reset", d, std::nullopt);
}

Response AdminRoutes::ResetForm(const Request&, std::string_view token, const std::string& error,
                                int status) const {
  TemplateData d;
  d.set("setting", true);
  d.set("action", "/admin/password-reset/" + std::string(token));
  if (!error.empty()) d.set("error", error);
  return Render(status, "Choose a new password", "admin-password-reset", d, std::nullopt)
      .With("Referrer-Policy", "no-referrer");
}

Response AdminRoutes::Reset(const Request& req, std::string_view token) {
  std::string password = req.FormField("password").value_or("");
  if (password != req.FormField("password_again").value_or("")) {
    return ResetForm(req, token, "password: the two passwords differ", 400);
  }
  auto email = staff_.ResetPassword(std::string(token), password, OriginOf(req));
  if (!email.ok()) {
    if (email.error().code == "not_found") {
      return Message(404, "Link not valid",
                     "This reset link has been used or has expired (they last one hour). "
                     "Ask for a new one at /admin/password-reset.",
                     std::nullopt);
    }
    return ResetForm(req, token, email.error().ToString(), 400);
  }
  // An emailed link is one factor: with two-factor on, the code is still asked.
  auto user = store_.accounts().FindUser(email.value());
  if (user && user->two_factor) {
    return SignInForm(req, 200, "Your new password is set. Sign in with it and a code from your app.");
  }
  return StartSession(req, email.value());
}

}  // namespace newsdesk::admin
