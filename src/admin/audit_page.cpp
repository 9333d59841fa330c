// The audit log (admins): who did what and when, newest first, filtered by
// person or kind of action, 100 a page.
#include "admin/admin_routes.h"
#include "content/dates.h"
#include "http/url.h"
#include "storage/audit_log.h"

namespace newsdesk::admin {

using http::Request;
using http::Response;

Response AdminRoutes::AuditLogPage(const Request& req) const {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  if (!MayAdminister(session->user.role)) return Message(403, "Refused", "Only admins read the audit log.", session);
  const auto* zone = ContentReader::ZoneOf(reader_.LoadPublication());
  AuditQuery q;
  q.actor = req.QueryParam("actor").value_or("").substr(0, 300);
  q.action_prefix = req.QueryParam("action").value_or("").substr(0, 100);
  try {
    q.before_id = std::stoll(req.QueryParam("before").value_or("0"));
  } catch (const std::exception&) {
  }
  q.limit = 100;
  auto entries = store_.audit().List(q);
  TemplateData rows{TemplateData::type::list};
  for (const auto& e : entries) {
    TemplateData row;
    row.set("when", FormatDeskDateTime(e.at, zone));
    row.set("actor", e.actor.empty() ? "(not signed in)" : e.actor);
    row.set("action", e.action);
    row.set("subject", e.subject);
    row.set("detail", e.detail);
    row.set("address", e.client_addr);
    rows.push_back(row);
  }
  TemplateData d;
  d.set("entries", rows);
  d.set("has_entries", !entries.empty());
  d.set("actor", q.actor);
  d.set("action", q.action_prefix);
  if (static_cast<int>(entries.size()) == q.limit) {
    d.set("next", "/admin/audit?actor=" + http::PercentEncode(q.actor) + "&action=" +
                      http::PercentEncode(q.action_prefix) + "&before=" + std::to_string(entries.back().id));
  }
  return Render(200, "Audit log", "admin-audit", d, session);
}

}  // namespace newsdesk::admin
