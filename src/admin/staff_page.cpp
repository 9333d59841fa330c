// The staff screen (admins): every account with its role, byline and state,
// pending invitations, and the invitation form. The rules are admin/staff.h's.
#include "admin/admin_routes.h"
#include "content/dates.h"
#include "http/url.h"

namespace newsdesk::admin {

using http::Request;
using http::Response;

namespace {

const char* const kRoles[] = {"contributor", "author", "editor", "admin"};

TemplateData RoleOptions(const std::string& selected) {
  TemplateData list{TemplateData::type::list};
  for (const char* r : kRoles) AddOption(&list, r, r, selected == r);
  return list;
}

}  // namespace

Response AdminRoutes::StaffList(const Request& req, const std::string& error, int status, bool invite_error) const {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  if (!MayAdminister(session->user.role)) return Message(403, "Refused", "Only admins manage staff.", session);
  const auto* zone = ContentReader::ZoneOf(reader_.LoadPublication());
  auto authors = store_.ListAuthors();
  auto byline_options = [&](const std::string& selected) {
    TemplateData list{TemplateData::type::list};
    AddOption(&list, "", "(no byline)", selected.empty());
    for (const auto& a : authors) AddOption(&list, a.slug, a.name, a.slug == selected);
    return list;
  };
  TemplateData users{TemplateData::type::list};
  for (const auto& u : store_.accounts().ListUsers()) {
    TemplateData row;
    row.set("email", u.email);
    row.set("name", u.name);
    row.set("role", ToString(u.role));
    row.set("roles", RoleOptions(ToString(u.role)));
    row.set("bylines", byline_options(u.author_slug));
    row.set("since", FormatDayDate(u.created_at, zone));
    if (u.deactivated_at) row.set("deactivated", FormatDayDate(u.deactivated_at, zone));
    row.set("is_you", u.email == session->user.email);
    users.push_back(row);
  }
  TemplateData invitations{TemplateData::type::list};
  for (const auto& inv : store_.accounts().ListInvitations(clock_.Now())) {
    TemplateData row;
    row.set("id", std::to_string(inv.id));
    row.set("email", inv.email);
    row.set("role", ToString(inv.role));
    row.set("by", inv.invited_by);
    row.set("expires", FormatDeskDateTime(inv.expires_at, zone));
    invitations.push_back(row);
  }
  TemplateData d;
  d.set("users", users);
  d.set("invitations", invitations);
  d.set("has_invitations", !invitations.is_empty_list());
  auto typed = [&](const char* field, const char* otherwise) {
    return invite_error ? req.FormField(field).value_or(otherwise) : otherwise;
  };
  d.set("invite_roles", RoleOptions(typed("role", "contributor")));
  d.set("invite_bylines", byline_options(typed("author", "")));
  d.set("typed_email", typed("email", ""));
  if (!error.empty()) d.set("error", error);
  if (auto done = req.QueryParam("done"); done && done->size() < 2000) d.set("done", *done);
  return Render(status, "Staff", "admin-staff", d, session);
}

Response AdminRoutes::Invite(const Request& req) {
  auto s = FormSession(req);
  if (auto* r = std::get_if<Response>(&s)) return std::move(*r);
  const Session& session = std::get<Session>(s);
  auto invited = staff_.Invite(session.editor(), req.FormField("email").value_or(""),
                               req.FormField("role").value_or(""), req.FormField("author").value_or(""),
                               OriginOf(req));
  if (!invited.ok()) {
    if (invited.error().code == "forbidden") return Refused(invited.error(), session);
    return StaffList(req, invited.error().ToString(), invited.error().code == "conflict" ? 409 : 400, true);
  }
  std::string email = req.FormField("email").value_or("");
  std::string done = invited.value().mailed.ok()
                         ? "Invitation emailed to " + email + "."
                         : "The invitation to " + email + " could not be emailed (" +
                               invited.value().mailed.error().message + "). Give them this link: " +
                               invited.value().link;
  return SeeOther("/admin/staff?done=" + http::PercentEncode(done));
}

Response AdminRoutes::RevokeInvitation(const Request& req) {
  auto s = FormSession(req);
  if (auto* r = std::get_if<Response>(&s)) return std::move(*r);
  const Session& session = std::get<Session>(s);
  if (Status st = staff_.RevokeInvitation(session.editor(), FormId(req), OriginOf(req)); !st.ok()) {
    return Refused(st.error(), session);
  }
  return SeeOther("/admin/staff?done=" + http::PercentEncode("The invitation was withdrawn."));
}

Response AdminRoutes::StaffChange(const Request& req, std::string_view what) {
  auto s = FormSession(req);
  if (auto* r = std::get_if<Response>(&s)) return std::move(*r);
  const Session& session = std::get<Session>(s);
  std::string email = req.FormField("email").value_or("");
  Origin origin = OriginOf(req);
  Status st;
  std::string done;
  if (what == "role") {
    std::string role = req.FormField("role").value_or("");
    st = staff_.ChangeRole(session.editor(), email, role, origin);
    done = email + " is now " + role + ".";
  } else if (what == "byline") {
    std::string author = req.FormField("author").value_or("");
    st = staff_.LinkByline(session.editor(), email, author, origin);
    done = author.empty() ? email + " has no byline now." : email + " now writes as " + author + ".";
  } else {
    bool active = what == "reactivate";
    st = staff_.SetActive(session.editor(), email, active, origin);
    done = active ? email + " may sign in again." : email + " is deactivated; their sessions and tokens ended.";
  }
  if (!st.ok()) {
    if (st.error().code == "forbidden" || st.error().code == "not_found") return Refused(st.error(), session);
    return StaffList(req, st.error().ToString(), st.error().code == "conflict" ? 409 : 400);
  }
  return SeeOther("/admin/staff?done=" + http::PercentEncode(done));
}

}  // namespace newsdesk::admin
