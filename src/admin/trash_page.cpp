// The trash: articles moved there stay restorable for 30 days (the server
// deletes them after that), or until an editor empties it.
#include "admin/admin_routes.h"
#include "content/dates.h"
#include "content/slug.h"
#include "http/url.h"

namespace newsdesk::admin {

using http::Request;
using http::Response;

Response AdminRoutes::Trash(const Request& req) const {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  const auto* zone = ContentReader::ZoneOf(reader_.LoadPublication());
  int page = http::PageQueryParam(req.query).value_or(1);
  constexpr int kPerPage = 50;
  AdminArticleQuery q;
  q.trash = true;
  q.limit = kPerPage;
  q.offset = (page - 1) * kPerPage;
  ListingPage found = store_.ListArticles(q);
  TemplateData rows{TemplateData::type::list};
  for (const auto& a : found.items) {
    TemplateData row;
    row.set("slug", a.slug);
    row.set("title", a.title);
    row.set("column", a.column.name);
    row.set("trashed", FormatDeskDateTime(a.trashed_at, zone));
    row.set("purged", FormatDayDate(a.trashed_at + ArticleDesk::kTrashKeptFor, zone));
    rows.push_back(row);
  }
  TemplateData d;
  d.set("articles", rows);
  d.set("has_articles", !found.items.empty());
  d.set("total", std::to_string(found.total));
  if (found.total > page * kPerPage) d.set("next", "/admin/trash?page=" + std::to_string(page + 1));
  if (page > 1) d.set("prev", "/admin/trash?page=" + std::to_string(page - 1));
  if (auto done = req.QueryParam("done"); done && done->size() < 300) d.set("done", *done);
  return Render(200, "Trash", "admin-trash", d, session);
}

Response AdminRoutes::TrashArticle(const Request& req, std::string_view slug) {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  if (!CsrfOk(req, *session)) return StaleForm(*session);
  Status st = IsValidSlug(slug) ? desk_.Trash(session->editor(), std::string(slug))
                                : Status(Error{"article", "slug", "no such article"});
  if (!st.ok()) return Message(st.error().code == "forbidden" ? 403 : 400, "Not moved", st.error().ToString(), session);
  store_.activity().EndPresence(std::string(slug), session->user.email);
  return SeeOther("/admin/trash?done=" + http::PercentEncode("Moved " + std::string(slug) + " to the trash."));
}

Response AdminRoutes::RestoreArticle(const Request& req, std::string_view slug) {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  if (!CsrfOk(req, *session)) return StaleForm(*session);
  Status st = IsValidSlug(slug) ? desk_.Restore(session->editor(), std::string(slug))
                                : Status(Error{"article", "slug", "no such article"});
  if (!st.ok()) {
    return Message(st.error().code == "forbidden" ? 403 : 400, "Not restored", st.error().ToString(), session);
  }
  return SeeOther("/admin/articles/" + std::string(slug) + "?saved=1");
}

Response AdminRoutes::EmptyTrash(const Request& req) {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  if (!CsrfOk(req, *session)) return StaleForm(*session);
  auto emptied = desk_.EmptyTrash(session->editor());
  if (!emptied.ok()) return Message(403, "Not emptied", emptied.error().ToString(), session);
  return SeeOther("/admin/trash?done=" +
                  http::PercentEncode(std::to_string(emptied.value()) + " article(s) deleted for good."));
}

}  // namespace newsdesk::admin
