// Old paths that answer 301: the ones slug changes and imports left, and any
// an editor adds (a moved section, a campaign link).
#include "admin/admin_routes.h"
#include "content/dates.h"
#include "http/url.h"
#include "storage/redirect_store.h"

namespace newsdesk::admin {

using http::Request;
using http::Response;

Response AdminRoutes::Redirects(const Request& req, const std::string& error, int status) const {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  const auto* zone = ContentReader::ZoneOf(reader_.LoadPublication());
  std::string contains = req.QueryParam("q").value_or("");
  if (contains.size() > kMaxRedirectPath) contains.clear();
  int page = http::PageQueryParam(req.query).value_or(1);
  constexpr int kPerPage = 100;
  RedirectPage found = store_.redirects().ListRedirects(contains, kPerPage, (page - 1) * kPerPage);
  TemplateData rows{TemplateData::type::list};
  for (const auto& r : found.items) {
    TemplateData row;
    row.set("from", r.from);
    row.set("to", r.to);
    row.set("source", r.source);
    row.set("when", FormatDeskDateTime(r.created_at, zone));
    rows.push_back(row);
  }
  TemplateData d;
  d.set("redirects", rows);
  d.set("has_redirects", !found.items.empty());
  d.set("total", std::to_string(found.total));
  d.set("q", contains);
  d.set("may_edit", MayManageTaxonomy(session->user.role));
  std::string query = contains.empty() ? "" : "q=" + http::PercentEncode(contains) + "&";
  if (found.total > page * kPerPage) d.set("next", "/admin/redirects?" + query + "page=" + std::to_string(page + 1));
  if (page > 1) d.set("prev", "/admin/redirects?" + query + "page=" + std::to_string(page - 1));
  if (!error.empty()) {
    d.set("error", error);
    d.set("typed_from", req.FormField("from").value_or(""));
    d.set("typed_to", req.FormField("to").value_or(""));
  }
  if (auto done = req.QueryParam("done"); done && done->size() < 300) d.set("done", *done);
  return Render(status, "Redirects", "admin-redirects", d, session);
}

Response AdminRoutes::AddRedirect(const Request& req) {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  if (!CsrfOk(req, *session)) return StaleForm(*session);
  if (!MayManageTaxonomy(session->user.role)) return Message(403, "Refused", "Only editors and admins edit redirects.", session);
  std::string from = req.FormField("from").value_or("");
  Redirect r;
  r.to = req.FormField("to").value_or("");
  r.source = "editor";
  r.created_at = clock_.Now();
  if (std::string problem = RedirectFromProblem(from, &r.from); !problem.empty()) {
    return Redirects(req, "from: " + problem, 400);
  }
  if (std::string problem = RedirectToProblem(r.to); !problem.empty()) return Redirects(req, "to: " + problem, 400);
  if (Status st = store_.redirects().PutRedirect(r); !st.ok()) {
    return Redirects(req, st.error().field + ": " + st.error().message, 400);
  }
  return SeeOther("/admin/redirects?done=" + http::PercentEncode(r.from + " now redirects to " + r.to + "."));
}

Response AdminRoutes::DeleteRedirect(const Request& req) {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  if (!CsrfOk(req, *session)) return StaleForm(*session);
  if (!MayManageTaxonomy(session->user.role)) return Message(403, "Refused", "Only editors and admins edit redirects.", session);
  std::string from = req.FormField("from").value_or("");
  if (!store_.redirects().DeleteRedirect(from)) return Redirects(req, "from: no redirect from that path", 404);
  return SeeOther("/admin/redirects?done=" + http::PercentEncode(from + " no longer redirects."));
}

}  // namespace newsdesk::admin
