// An article's history: every save with who and when, a word-level diff of any
// two, and restoring one (which is a new save).
#include "admin/admin_routes.h"
#include "content/dates.h"
#include "content/slug.h"
#include "http/url.h"

namespace newsdesk::admin {

using http::Request;
using http::Response;

namespace {

std::optional<std::int64_t> RevisionNumber(std::string_view text) {
  auto n = http::ParsePositiveNumber(text, 1 << 30);
  if (!n) return std::nullopt;
  return *n;
}

}  // namespace

TemplateData DiffData(const std::vector<DiffPiece>& pieces) {
  TemplateData list{TemplateData::type::list};
  for (const auto& p : pieces) {
    TemplateData piece;
    piece.set("text", p.text);
    piece.set(p.kind == DiffPiece::Kind::kAdded ? "added" : p.kind == DiffPiece::Kind::kRemoved ? "removed" : "same",
              true);
    list.push_back(piece);
  }
  return list;
}

Response AdminRoutes::Revisions(const Request& req, std::string_view slug_in) const {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  std::string slug(slug_in);
  auto article = IsValidSlug(slug) ? store_.FindAnyArticle(slug) : std::nullopt;
  if (!article) return Message(404, "Not found", "No such article.", session);
  const auto* zone = ContentReader::ZoneOf(reader_.LoadPublication());
  int page = http::PageQueryParam(req.query).value_or(1);
  constexpr int kPerPage = 50;
  RevisionPage found = store_.revisions().ListRevisions(slug, kPerPage, (page - 1) * kPerPage);
  TemplateData rows{TemplateData::type::list};
  for (size_t i = 0; i < found.items.size(); ++i) {
    const auto& r = found.items[i];
    TemplateData row;
    row.set("revision", std::to_string(r.revision));
    row.set("when", FormatDeskDateTime(r.saved_at, zone));
    row.set("by", r.saved_by);
    row.set("note", r.note);
    row.set("title", r.title);
    row.set("words", std::to_string(r.words));
    row.set("current", r.revision == article->revision);
    // Compared with the one before it in the list (the previous save).
    if (i + 1 < found.items.size()) row.set("previous", std::to_string(found.items[i + 1].revision));
    rows.push_back(row);
  }
  TemplateData d;
  d.set("slug", slug);
  d.set("article_title", article->title);
  d.set("revisions", rows);
  d.set("has_revisions", !found.items.empty());
  d.set("total", std::to_string(found.total));
  if (found.total > page * kPerPage) d.set("next", "/admin/articles/" + slug + "/revisions?page=" + std::to_string(page + 1));
  if (page > 1) d.set("prev", "/admin/articles/" + slug + "/revisions?page=" + std::to_string(page - 1));
  return Render(200, "Revisions: " + article->title, "admin-revisions", d, session);
}

Response AdminRoutes::RevisionView(const Request& req, std::string_view slug_in, std::string_view number) const {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  std::string slug(slug_in);
  auto n = RevisionNumber(number);
  auto rev = n && IsValidSlug(slug) ? store_.revisions().FindRevision(slug, *n) : std::nullopt;
  auto article = rev ? store_.FindAnyArticle(slug) : std::nullopt;
  if (!rev || !article) return Message(404, "Not found", "No such revision.", session);
  const auto* zone = ContentReader::ZoneOf(reader_.LoadPublication());
  TemplateData d;
  d.set("slug", slug);
  d.set("revision", std::to_string(rev->info.revision));
  d.set("when", FormatDeskDateTime(rev->info.saved_at, zone));
  d.set("by", rev->info.saved_by);
  d.set("article_title", rev->article.title);
  d.set("summary", rev->article.summary);
  d.set("body", rev->article.body);
  d.set("current_revision", std::to_string(article->revision));
  d.set("is_current", rev->info.revision == article->revision);
  if (auto compare = req.QueryParam("compare")) {
    auto from = RevisionNumber(*compare);
    auto diff = from ? desk_.Diff(slug, *from, *n) : Result<RevisionDiff>(Error{"", "compare", "not a revision"});
    if (!diff.ok()) return Message(404, "Not found", diff.error().ToString(), session);
    TemplateData cmp;
    cmp.set("from", std::to_string(*from));
    cmp.set("title", DiffData(diff.value().title));
    cmp.set("summary", DiffData(diff.value().summary));
    cmp.set("body", DiffData(diff.value().body));
    d.set("compare", cmp);
  }
  return Render(200, "Revision " + std::to_string(*n) + ": " + rev->article.title, "admin-revision", d, session);
}

Response AdminRoutes::RestoreRevision(const Request& req, std::string_view slug_in, std::string_view number) {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  if (!CsrfOk(req, *session)) return StaleForm(*session);
  std::string slug(slug_in);
  auto n = RevisionNumber(number);
  if (!n || !IsValidSlug(slug)) return Message(404, "Not found", "No such revision.", session);
  auto base = http::ParsePositiveNumber(req.FormField("revision").value_or(""), 1 << 30);
  auto saved = desk_.RestoreRevision(session->editor(), slug, *n, base.value_or(0));
  if (!saved.ok()) {
    const Error& e = saved.error();
    int status = e.code == "stale" ? 409 : e.code == "not_found" ? 404 : e.code == "forbidden" ? 403 : 400;
    std::string message = e.code == "stale"
                              ? "The article was saved again since this page was opened; open its revisions again."
                              : e.ToString();
    return Message(status, "Not restored", message, session);
  }
  return SeeOther("/admin/articles/" + saved.value().slug + "?saved=1");
}

}  // namespace newsdesk::admin
