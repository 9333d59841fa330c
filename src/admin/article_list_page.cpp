// GET /admin: every article of any archive size, a page at a time, with
// search, filters and sorting; POST /admin/articles/bulk: one action on the
// articles ticked.
#include <map>

#include "admin/admin_routes.h"
#include "content/dates.h"
#include "content/search_query.h"
#include "content/slug.h"
#include "http/url.h"

namespace newsdesk::admin {

using http::Request;
using http::Response;

namespace {

constexpr int kPageSize = 50;

// The list's query string with `page` set to `page` (other parameters kept).
std::string PageLink(const Request& req, int page) {
  std::string out = "/admin?";
  for (const char* name : {"q", "status", "column", "author", "tag", "from", "until", "sort"}) {
    auto v = req.QueryParam(name);
    if (v && !v->empty()) out += std::string(name) + "=" + http::PercentEncode(*v) + "&";
  }
  return out + "page=" + std::to_string(page);
}

// A day typed in a date field ("2026-11-25") as the instant it starts in `zone`.
std::optional<UnixSeconds> DayStart(const std::string& day, const date::time_zone* zone) {
  if (day.size() != 10) return std::nullopt;
  return ParseLocalDateTime(day + "T00:00", zone);
}

}  // namespace

Response AdminRoutes::ArticleList(const Request& req) const {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  Publication p = reader_.LoadPublication();
  const auto* zone = ContentReader::ZoneOf(p);
  auto param = [&](const char* name) { return req.QueryParam(name).value_or(""); };

  AdminArticleQuery q;
  std::vector<std::string> problems;
  q.status = param("status");
  ArticleStatus ignored;
  if (!q.status.empty() && !ParseArticleStatus(q.status, &ignored)) {
    problems.push_back("status: not one of draft, review, scheduled, published");
    q.status.clear();
  }
  for (auto [name, slug] : {std::pair{"column", &q.column_slug}, std::pair{"author", &q.author_slug},
                            std::pair{"tag", &q.tag_slug}}) {
    *slug = param(name);
    if (!slug->empty() && !IsValidSlug(*slug)) {
      problems.push_back(std::string(name) + ": not a slug");
      slug->clear();
    }
  }
  std::string search = param("q");
  if (!search.empty()) q.fts_query = ToFtsQuery(search);
  if (!param("from").empty()) {
    if (auto t = DayStart(param("from"), zone)) q.from = *t;
    else problems.push_back("from: not a date");
  }
  if (!param("until").empty()) {
    // "until" includes the day named.
    if (auto t = DayStart(param("until"), zone)) q.until = *t + 24 * 3600;
    else problems.push_back("until: not a date");
  }
  std::string sort = param("sort");
  if (sort == "newest") q.sort = AdminArticleQuery::Sort::kNewest;
  else if (sort == "oldest") q.sort = AdminArticleQuery::Sort::kOldest;
  else if (sort == "title") q.sort = AdminArticleQuery::Sort::kTitle;
  else q.sort = AdminArticleQuery::Sort::kUpdated;
  int page = http::PageQueryParam(req.query).value_or(1);
  q.limit = kPageSize;
  q.offset = (page - 1) * kPageSize;

  ListingPage found;
  try {
    found = store_.ListArticles(q);
  } catch (const QueryTimeout&) {
    problems.push_back("q: matches too much to list in time; add words or filters");
  }
  std::vector<std::string> slugs;
  for (const auto& a : found.items) slugs.push_back(a.slug);
  auto editing = store_.activity().WhoIsEditing(slugs, session->user.email, clock_.Now());

  TemplateData rows{TemplateData::type::list};
  UnixSeconds now = clock_.Now();
  for (const auto& a : found.items) {
    TemplateData row;
    row.set("slug", a.slug);
    row.set("title", a.title);
    row.set("status", ToString(a.status));
    row.set("column", a.column.name);
    std::string byline;
    for (size_t i = 0; i < a.authors.size(); ++i) byline += (i ? ", " : "") + a.authors[i].name;
    row.set("authors", byline);
    row.set("when", a.published_at ? FormatDeskDateTime(a.published_at, zone) : "not set");
    row.set("updated", a.updated_at ? FormatDeskDateTime(a.updated_at, zone) : "");
    row.set("public", IsPublic(a.status, a.published_at, now));
    if (auto it = editing.find(a.slug); it != editing.end()) {
      std::string names;
      for (size_t i = 0; i < it->second.size(); ++i) names += (i ? ", " : "") + it->second[i];
      row.set("editing", names + (it->second.size() == 1 ? " is editing" : " are editing"));
    }
    rows.push_back(row);
  }
  TemplateData d;
  d.set("articles", rows);
  d.set("has_articles", !found.items.empty());
  d.set("total", std::to_string(found.total) + (found.total == 1 ? " article" : " articles"));
  d.set("q", search);
  d.set("from", param("from"));
  d.set("until", param("until"));
  if (!problems.empty()) {
    std::string all;
    for (const auto& s : problems) all += (all.empty() ? "" : "; ") + s;
    d.set("error", all);
  }
  TemplateData statuses{TemplateData::type::list};
  AddOption(&statuses, "", "Any status", q.status.empty());
  for (const char* s : {"draft", "review", "scheduled", "published"}) AddOption(&statuses, s, s, q.status == s);
  d.set("statuses", statuses);
  TemplateData columns{TemplateData::type::list}, move_to{TemplateData::type::list};
  AddOption(&columns, "", "Any column", q.column_slug.empty());
  for (const auto& c : reader_.ListColumns()) {
    AddOption(&columns, c.slug, c.name, c.slug == q.column_slug);
    AddOption(&move_to, c.slug, c.name, false);
  }
  d.set("columns", columns);
  d.set("move_to", move_to);
  TemplateData authors{TemplateData::type::list};
  AddOption(&authors, "", "Any author", q.author_slug.empty());
  for (const auto& a : store_.ListAuthors()) AddOption(&authors, a.slug, a.name, a.slug == q.author_slug);
  d.set("authors", authors);
  d.set("tag", q.tag_slug);
  TemplateData sorts{TemplateData::type::list};
  for (auto [value, label] : {std::pair{"updated", "Last changed"}, std::pair{"newest", "Newest first"},
                              std::pair{"oldest", "Oldest first"}, std::pair{"title", "Title"}}) {
    AddOption(&sorts, value, label, (sort.empty() ? "updated" : sort) == value);
  }
  d.set("sorts", sorts);
  std::int64_t pages = std::max<std::int64_t>(1, (found.total + kPageSize - 1) / kPageSize);
  if (pages > 1) {
    TemplateData nav;
    nav.set("page", std::to_string(page));
    nav.set("pages", std::to_string(pages));
    if (page > 1) nav.set("prev", PageLink(req, page - 1));
    if (page < pages) nav.set("next", PageLink(req, page + 1));
    d.set("pagination", nav);
  }
  d.set("return_to", PageLink(req, page));
  if (auto done = req.QueryParam("done"); done && done->size() < 500) d.set("done", *done);
  if (auto saved = req.QueryParam("saved"); saved && IsValidSlug(*saved)) d.set("saved", *saved);
  return Render(200, "Articles", "admin-articles", d, session);
}

// One action on every article ticked. Each is a save of its own (a revision
// each, refused one by one when not allowed); the list says what happened.
Response AdminRoutes::Bulk(const Request& req) {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  if (!CsrfOk(req, *session)) return StaleForm(*session);
  std::string action = req.FormField("action").value_or("");
  std::vector<std::string> slugs = req.FormFields("slugs");
  std::string back = req.FormField("return_to").value_or("/admin");
  if (back.rfind("/admin", 0) != 0 || back.find_first_of("\r\n") != std::string::npos) back = "/admin";
  std::string column = req.FormField("column").value_or("");
  std::string tag_name = req.FormField("tag").value_or("");
  std::string tag_slug = Slugify(tag_name);
  static const std::map<std::string, std::string> kDone = {
      {"publish", "published"}, {"unpublish", "unpublished"}, {"move", "moved"},
      {"add_tag", "tagged"}, {"remove_tag", "untagged"}, {"trash", "moved to the trash"}};
  auto known = kDone.find(action);
  if (known == kDone.end()) return Message(400, "Nothing done", "Choose an action for the articles ticked.", session);
  if ((action == "add_tag" || action == "remove_tag") && tag_slug.empty()) {
    return Message(400, "Nothing done", "Type the tag to add or remove.", session);
  }
  int done = 0;
  std::vector<std::string> refused;
  newsdesk::Editor editor = session->editor();
  for (const auto& slug : slugs) {
    if (!IsValidSlug(slug)) continue;
    Status st = Status::Ok();
    if (action == "trash") {
      st = desk_.Trash(editor, slug);
    } else if (auto a = store_.FindAnyArticle(slug)) {
      Article next = *a;
      if (action == "publish") {
        next.status = ArticleStatus::kPublished;
        if (!next.published_at) next.published_at = clock_.Now();
      } else if (action == "unpublish") {
        next.status = ArticleStatus::kDraft;
      } else if (action == "move") {
        next.column = {column, {}};
      } else if (action == "add_tag") {
        bool has = false;
        for (const auto& t : next.tags) has = has || t.slug == tag_slug;
        if (!has) next.tags.push_back({tag_slug, tag_name});
      } else if (action == "remove_tag") {
        std::erase_if(next.tags, [&](const NamedRef& t) { return t.slug == tag_slug; });
      }
      st = desk_.Update(editor, slug, next, a->revision, "bulk: " + known->second).status();
    } else {
      st = Error{"article " + slug, "", "no longer exists"};
    }
    if (st.ok()) ++done;
    else refused.push_back(st.error().ToString());
  }
  std::string message = std::to_string(done) + (done == 1 ? " article " : " articles ") + known->second + ".";
  if (!refused.empty()) {
    message += " Refused: ";
    for (size_t i = 0; i < refused.size() && i < 5; ++i) message += (i ? "; " : "") + refused[i];
  }
  back += (back.find('?') == std::string::npos ? "?" : "&");
  return SeeOther(back + "done=" + http::PercentEncode(message));
}

}  // namespace newsdesk::admin
