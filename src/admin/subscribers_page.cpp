// Subscribers (admins): search and page through them, each one's history,
// export everyone as CSV, erase one for good; and per-issue statistics.
#include "admin/admin_routes.h"
#include "content/dates.h"
#include "http/url.h"
#include "newsletter/newsletter_store.h"
#include "newsletter/subscriber_records.h"
#include "storage/audit_log.h"

namespace newsdesk::admin {

using http::Request;
using http::Response;

namespace {

constexpr int kPerPage = 50;
constexpr int kIssuesShown = 20;
constexpr int kHistoryShown = 500;

std::optional<std::int64_t> IdOf(std::string_view text) {
  auto n = http::ParsePositiveNumber(text, std::numeric_limits<int>::max());
  if (!n) return std::nullopt;
  return *n;
}

}  // namespace

Response AdminRoutes::Subscribers(const Request& req) const {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  if (!MayAdminister(session->user.role)) return Message(403, "Refused", "Only admins see subscribers.", session);
  const auto* zone = ContentReader::ZoneOf(reader_.LoadPublication());
  std::string q = req.QueryParam("q").value_or("").substr(0, 254);
  int page = http::PageQueryParam(req.query).value_or(1);
  auto found = store_.newsletter().ListSubscribers(q, kPerPage, (page - 1) * kPerPage);
  TemplateData rows{TemplateData::type::list};
  for (const auto& s : found.items) {
    TemplateData row;
    row.set("id", std::to_string(s.id));
    row.set("email", s.email);
    row.set("state", s.state);
    row.set("scopes", s.scopes);
    row.set("since", FormatDayDate(s.created_at, zone));
    rows.push_back(row);
  }
  TemplateData issues{TemplateData::type::list};
  for (const auto& i : store_.newsletter().Stats(kIssuesShown)) {
    TemplateData row;
    row.set("title", i.title);
    row.set("when", FormatDeskDateTime(i.first_queued_at, zone));
    row.set("queued", std::to_string(i.queued));
    row.set("sent", std::to_string(i.sent));
    row.set("failed", std::to_string(i.failed));
    row.set("unsubscribed", std::to_string(i.unsubscribed_after));
    issues.push_back(row);
  }
  TemplateData d;
  d.set("subscribers", rows);
  d.set("has_subscribers", !found.items.empty());
  d.set("total", std::to_string(found.total));
  d.set("q", q);
  d.set("issues", issues);
  d.set("has_issues", !issues.is_empty_list());
  std::string query = q.empty() ? "" : "q=" + http::PercentEncode(q) + "&";
  if (found.total > static_cast<std::int64_t>(page) * kPerPage) {
    d.set("next", "/admin/subscribers?" + query + "page=" + std::to_string(page + 1));
  }
  if (page > 1) d.set("prev", "/admin/subscribers?" + query + "page=" + std::to_string(page - 1));
  if (auto done = req.QueryParam("done"); done && done->size() < 300) d.set("done", *done);
  return Render(200, "Subscribers", "admin-subscribers", d, session);
}

Response AdminRoutes::SubscriberHistory(const Request& req, std::string_view id_text) const {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  if (!MayAdminister(session->user.role)) return Message(403, "Refused", "Only admins see subscribers.", session);
  auto id = IdOf(id_text);
  auto subscriber = id ? store_.newsletter().FindSubscriber(*id) : std::nullopt;
  if (!subscriber) return Message(404, "Not found", "There is no such subscriber (they may have been erased).", session);
  const auto* zone = ContentReader::ZoneOf(reader_.LoadPublication());
  TemplateData events{TemplateData::type::list};
  for (const auto& e : store_.newsletter().History(*id, kHistoryShown)) {
    TemplateData row;
    row.set("when", FormatDeskDateTime(e.at, zone));
    row.set("what", e.what);
    row.set("detail", e.detail);
    events.push_back(row);
  }
  TemplateData d;
  d.set("id", std::to_string(subscriber->id));
  d.set("email", subscriber->email);
  d.set("state", subscriber->state);
  d.set("scopes", subscriber->scopes);
  d.set("events", events);
  return Render(200, "Subscriber " + subscriber->email, "admin-subscriber", d, session);
}

Response AdminRoutes::ExportSubscribers(const Request& req) const {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  if (!MayAdminister(session->user.role)) return Message(403, "Refused", "Only admins export subscribers.", session);
  // A GET that changes nothing; it is in the audit log because it hands out every address.
  store_.audit().Record({0, clock_.Now(), session->user.email, "subscribers.export", "subscribers", "",
                         OriginOf(req).client_addr});
  Response res;
  res.status = 200;
  res.content_type = "text/csv; charset=utf-8";
  res.body = SubscribersCsv(store_.newsletter());
  return res.With("Content-Disposition", "attachment; filename=\"subscribers.csv\"")
      .With("Cache-Control", "no-store");
}

Response AdminRoutes::EraseSubscriberPost(const Request& req, std::string_view id_text) {
  auto s = FormSession(req);
  if (auto* r = std::get_if<Response>(&s)) return std::move(*r);
  const Session& session = std::get<Session>(s);
  if (!MayAdminister(session.user.role)) return Message(403, "Refused", "Only admins erase subscribers.", session);
  auto id = IdOf(id_text);
  if (!id || !EraseSubscriber(store_.newsletter(), *id, clock_.Now())) {
    return Message(404, "Not found", "There is no such subscriber (they may have been erased already).", session);
  }
  // The log names the record, never the address it erased.
  staff_.Audit(session.editor(), "subscriber.erase", "subscriber " + std::to_string(*id), "", OriginOf(req));
  return SeeOther("/admin/subscribers?done=" +
                  http::PercentEncode("Subscriber " + std::to_string(*id) + " is erased, with their history."));
}

}  // namespace newsdesk::admin
