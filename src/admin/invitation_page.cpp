// Accepting an invitation: the emailed link opens a form for the new
// account's name and password; the account is made and signed in.
#include "admin/admin_routes.h"

namespace newsdesk::admin {

using http::Request;
using http::Response;

Response AdminRoutes::InvitationForm(const Request& req, std::string_view token, const std::string& error,
                                     int status) const {
  auto invitation = staff_.FindInvitation(std::string(token));
  if (!invitation) {
    return Message(404, "Invitation not valid",
                   "This invitation has been used, has expired (they last 7 days) or was withdrawn. "
                   "Ask an admin for a new one.",
                   std::nullopt);
  }
  TemplateData d;
  d.set("email", invitation->email);
  d.set("role", ToString(invitation->role));
  d.set("action", "/admin/invitations/" + std::string(token));
  d.set("typed_name", req.FormField("name").value_or(""));
  if (!error.empty()) d.set("error", error);
  return Render(status, "Join the newsroom", "admin-invitation", d, std::nullopt)
      .With("Referrer-Policy", "no-referrer");
}

Response AdminRoutes::AcceptInvitation(const Request& req, std::string_view token) {
  std::string password = req.FormField("password").value_or("");
  if (password != req.FormField("password_again").value_or("")) {
    return InvitationForm(req, token, "password: the two passwords differ", 400);
  }
  auto email = staff_.AcceptInvitation(std::string(token), req.FormField("name").value_or(""), password,
                                       OriginOf(req));
  if (!email.ok()) {
    if (email.error().code == "not_found") return InvitationForm(req, token);
    return InvitationForm(req, token, email.error().ToString(), email.error().code == "conflict" ? 409 : 400);
  }
  return StartSession(req, email.value());
}

}  // namespace newsdesk::admin
