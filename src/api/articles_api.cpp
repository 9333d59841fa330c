// /api/admin/articles: create, read, update, delete and list articles.
#include <nlohmann/json.hpp>

#include "api/admin_api.h"
#include "api/api_request.h"
#include "api/api_response.h"
#include "content/dates.h"
#include "content/search_query.h"
#include "content/slug.h"
#include "http/url.h"
#include "transfer/bundle.h"

namespace newsdesk::api {

using http::Request;
using http::Response;
using http::RouteParams;
using nlohmann::json;

namespace {

// The article's ETag: its revision, which moves on every save.
std::string ETagOf(const Article& a) { return "\"r" + std::to_string(a.revision) + "\""; }

// The revision an If-Match names: 0 for none or "*", -1 for one that is not
// an ETag of ours (which can never match: 412).
std::int64_t IfMatchRevision(const Request& req) {
  std::string_view match = req.Header("if-match");
  if (match.empty() || match == "*") return 0;
  if (match.size() < 4 || match.front() != '"' || match[1] != 'r' || match.back() != '"') return -1;
  auto n = http::ParsePositiveNumber(match.substr(2, match.size() - 3), 1 << 30);
  return n ? *n : -1;
}

Response ArticleAnswer(int status, const Article& a) { return Json(status, ToJson(a)).With("ETag", ETagOf(a)); }

std::optional<std::string> SlugParam(const RouteParams& p) {
  std::string slug(p.Get("slug"));
  if (!IsValidSlug(slug)) return std::nullopt;
  return slug;
}

Response NoArticle() { return ApiError(404, "not_found", "slug", "no article with that slug"); }

json RevisionJson(const RevisionInfo& r) {
  return {{"revision", r.revision}, {"saved_at", FormatRfc3339Utc(r.saved_at)}, {"saved_by", r.saved_by},
          {"note", r.note}, {"title", r.title}, {"words", r.words}};
}

json DiffJson(const std::vector<DiffPiece>& pieces) {
  json out = json::array();
  for (const auto& p : pieces) {
    const char* op = p.kind == DiffPiece::Kind::kAdded ? "added" : p.kind == DiffPiece::Kind::kRemoved ? "removed" : "same";
    out.push_back({{"op", op}, {"text", p.text}});
  }
  return out;
}

// GET /api/admin/articles filters: errors name the parameter.
std::variant<AdminArticleQuery, Response> ListQuery(const Request& req) {
  AdminArticleQuery q;
  q.status = req.QueryParam("status").value_or("");
  ArticleStatus ignored;
  if (!q.status.empty() && !ParseArticleStatus(q.status, &ignored)) {
    return ApiError(400, "validation", "status", "must be draft, review, scheduled or published");
  }
  q.column_slug = req.QueryParam("column").value_or("");
  q.author_slug = req.QueryParam("author").value_or("");
  q.tag_slug = req.QueryParam("tag").value_or("");
  for (auto [name, value] : {std::pair{"from", &q.from}, std::pair{"until", &q.until}}) {
    std::string text = req.QueryParam(name).value_or("");
    if (text.empty()) continue;
    auto t = ParseRfc3339(text.size() == 10 ? text + "T00:00:00Z" : text);
    if (!t) return ApiError(400, "validation", name, "must be a date (2026-11-25) or an RFC 3339 date-time");
    *value = *t;
  }
  std::string search = req.QueryParam("q").value_or("");
  if (!search.empty()) {
    auto fts = ToFtsQuery(search);
    if (fts.empty()) return ApiError(400, "validation", "q", "has no words to search for");
    q.fts_query = fts;
  }
  std::string sort = req.QueryParam("sort").value_or("updated");
  if (sort == "newest") q.sort = AdminArticleQuery::Sort::kNewest;
  else if (sort == "oldest") q.sort = AdminArticleQuery::Sort::kOldest;
  else if (sort == "updated") q.sort = AdminArticleQuery::Sort::kUpdated;
  else if (sort == "title") q.sort = AdminArticleQuery::Sort::kTitle;
  else return ApiError(400, "validation", "sort", "must be updated, newest, oldest or title");
  std::string trash = req.QueryParam("trash").value_or("");
  if (!trash.empty() && trash != "0" && trash != "1") return ApiError(400, "validation", "trash", "must be 0 or 1");
  q.trash = trash == "1";
  return q;
}

}  // namespace

void AdminApi::RegisterArticles(http::Router& router) {
  router.Add("POST", "/api/admin/articles", Authorized(store_, clock_, [this](const Request& req, const RouteParams&, const Editor& caller) -> Response {
    auto body = JsonObjectBody(req);
    if (auto* bad = std::get_if<Response>(&body)) return *bad;
    auto article = ArticleFromJson(std::get<json>(body));
    if (!article.ok()) return ValidationError(article.error());
    // Not said: the column's default ("send as newsletter").
    if (!std::get<json>(body).contains("send_newsletter")) {
      if (auto column = store_.FindColumn(article.value().column.slug)) {
        article.value().send_newsletter = column->send_newsletter;
      }
    }
    auto saved = desk_.Create(caller, std::move(article).value());
    if (!saved.ok()) return ErrorAnswer(saved.error());
    return ArticleAnswer(201, saved.value()).With("Location", "/api/admin/articles/" + saved.value().slug);
  }));

  router.Add("GET", "/api/admin/articles", Authorized(store_, clock_, [this](const Request& req, const RouteParams&, const Editor&) -> Response {
    auto query = ListQuery(req);
    if (auto* bad = std::get_if<Response>(&query)) return *bad;
    AdminArticleQuery q = std::get<AdminArticleQuery>(query);
    auto page = PageParam(req);
    if (!page) return ApiError(400, "validation", "page", "must be a whole number from 1");
    q.whole = true;
    q.limit = kApiPageSize;
    q.offset = (*page - 1) * kApiPageSize;
    ListingPage found;
    try {
      found = store_.ListArticles(q);
    } catch (const QueryTimeout&) {
      return ApiError(400, "validation", "q", "matches too much to list in time; add words or filters");
    }
    json items = json::array();
    for (const auto& a : found.items) items.push_back(ToJson(a));
    return Json(200, {{"articles", items}, {"meta", PageMeta(*page, found.total, kApiPageSize)}});
  }));

  router.Add("GET", "/api/admin/articles/{slug}", Authorized(store_, clock_, [this](const Request&, const RouteParams& p, const Editor&) -> Response {
    auto slug = SlugParam(p);
    auto article = slug ? store_.FindAnyArticle(*slug) : std::nullopt;
    if (!article) return NoArticle();
    return ArticleAnswer(200, *article);
  }));

  // PATCH merges the fields given over the stored article, then validates the
  // whole as a new article would be. A "slug" renames it (the old URL answers
  // 301 from then on). The save is conditional on the revision named by
  // If-Match, or else the one read here: a save that came in between, say a
  // publish, is never undone; the caller gets 412 and reads again.
  router.Add("PATCH", "/api/admin/articles/{slug}", Authorized(store_, clock_, [this](const Request& req, const RouteParams& p, const Editor& caller) -> Response {
    auto slug = SlugParam(p);
    auto existing = slug ? store_.FindAnyArticle(*slug) : std::nullopt;
    if (!existing) return NoArticle();
    std::int64_t base = IfMatchRevision(req);
    if (base != 0 && base != existing->revision) {
      return ApiError(412, "stale", "revision",
                      "the article was saved by someone else since " + std::string(req.Header("if-match")) +
                          " was read (now " + ETagOf(*existing) + "); reload it and save again");
    }
    auto body = JsonObjectBody(req);
    if (auto* bad = std::get_if<Response>(&body)) return *bad;
    json merged = ToJson(*existing);
    for (auto& [key, value] : std::get<json>(body).items()) merged[key] = value;
    auto article = ArticleFromJson(merged);
    if (!article.ok()) return ValidationError(article.error());
    auto saved = desk_.Update(caller, *slug, std::move(article).value(), existing->revision);
    if (!saved.ok()) return ErrorAnswer(saved.error());
    Response res = ArticleAnswer(200, saved.value());
    if (saved.value().slug != *slug) res = res.With("Location", "/api/admin/articles/" + saved.value().slug);
    return res;
  }));

  // DELETE moves to the trash; ?force=true deletes an article in the trash for good.
  router.Add("DELETE", "/api/admin/articles/{slug}", Authorized(store_, clock_, [this](const Request& req, const RouteParams& p, const Editor& caller) -> Response {
    auto slug = SlugParam(p);
    if (!slug) return NoArticle();
    std::string force = req.QueryParam("force").value_or("");
    if (force == "true") {
      Status st = desk_.Delete(caller, *slug);
      if (!st.ok()) return ErrorAnswer(st.error());
      return NoContent();
    }
    if (!force.empty()) return ApiError(400, "validation", "force", "must be true or absent");
    Status st = desk_.Trash(caller, *slug);
    if (!st.ok()) return ErrorAnswer(st.error());
    return NoContent();
  }));

  router.Add("POST", "/api/admin/articles/{slug}/restore", Authorized(store_, clock_, [this](const Request&, const RouteParams& p, const Editor& caller) -> Response {
    auto slug = SlugParam(p);
    if (!slug) return NoArticle();
    Status st = desk_.Restore(caller, *slug);
    if (!st.ok()) return ErrorAnswer(st.error());
    return ArticleAnswer(200, *store_.FindAnyArticle(*slug));
  }));

  router.Add("DELETE", "/api/admin/trash", Authorized(store_, clock_, [this](const Request&, const RouteParams&, const Editor& caller) -> Response {
    auto emptied = desk_.EmptyTrash(caller);
    if (!emptied.ok()) return ErrorAnswer(emptied.error());
    return Json(200, {{"deleted", emptied.value()}});
  }));

  router.Add("GET", "/api/admin/articles/{slug}/revisions", Authorized(store_, clock_, [this](const Request& req, const RouteParams& p, const Editor&) -> Response {
    auto slug = SlugParam(p);
    if (!slug || !store_.FindAnyArticle(*slug)) return NoArticle();
    auto page = PageParam(req);
    if (!page) return ApiError(400, "validation", "page", "must be a whole number from 1");
    RevisionPage found = store_.revisions().ListRevisions(*slug, kApiPageSize, (*page - 1) * kApiPageSize);
    json items = json::array();
    for (const auto& r : found.items) items.push_back(RevisionJson(r));
    return Json(200, {{"revisions", items}, {"meta", PageMeta(*page, found.total, kApiPageSize)}});
  }));

  // Staff notes on an article: GET lists them, POST {"text"} adds one.
  router.Add("GET", "/api/admin/articles/{slug}/notes",
             Authorized(store_, clock_, [this](const Request&, const RouteParams& p, const Editor&) -> Response {
    auto slug = SlugParam(p);
    if (!slug || !store_.FindAnyArticle(*slug)) return NoArticle();
    json items = json::array();
    for (const auto& n : store_.activity().ListNotes(*slug)) {
      items.push_back({{"id", n.id}, {"author", n.author}, {"created_at", FormatRfc3339Utc(n.created_at)},
                       {"text", n.text}});
    }
    return Json(200, {{"notes", items}});
  }));
  router.Add("POST", "/api/admin/articles/{slug}/notes",
             Authorized(store_, clock_, [this](const Request& req, const RouteParams& p, const Editor& caller) -> Response {
    auto slug = SlugParam(p);
    if (!slug) return NoArticle();
    auto body = JsonObjectBody(req);
    if (auto* bad = std::get_if<Response>(&body)) return *bad;
    const json& o = std::get<json>(body);
    for (const auto& [key, value] : o.items()) {
      if (key != "text") return ApiError(400, "validation", key.substr(0, 60), "is not a known field of a note");
    }
    auto note = NoteText(o.contains("text") && o["text"].is_string() ? o["text"].get<std::string>() : "");
    if (!note.ok()) return ValidationError(note.error());
    if (!store_.activity().AddNote(*slug, caller.name, note.value(), clock_.Now())) return NoArticle();
    return Json(201, {{"author", caller.name}, {"text", note.value()}});
  }));

  auto revision_param = [](const RouteParams& p, const char* name) {
    return http::ParsePositiveNumber(p.Get(name), 1 << 30);
  };

  router.Add("GET", "/api/admin/articles/{slug}/revisions/{revision}",
             Authorized(store_, clock_, [this, revision_param](const Request& req, const RouteParams& p, const Editor&) -> Response {
    auto slug = SlugParam(p);
    auto number = revision_param(p, "revision");
    auto found = slug && number ? store_.revisions().FindRevision(*slug, *number) : std::nullopt;
    if (!found) return ApiError(404, "not_found", "revision", "no such revision of that article");
    json out = RevisionJson(found->info);
    out["article"] = ToJson(found->article);
    // ?compare=N: a word-level diff from revision N to this one.
    if (auto compare = req.QueryParam("compare")) {
      auto from = http::ParsePositiveNumber(*compare, 1 << 30);
      if (!from) return ApiError(400, "validation", "compare", "must be a revision number");
      auto diff = desk_.Diff(*slug, *from, *number);
      if (!diff.ok()) return ErrorAnswer(diff.error());
      out["diff"] = {{"from", *from}, {"title", DiffJson(diff.value().title)},
                     {"summary", DiffJson(diff.value().summary)}, {"body", DiffJson(diff.value().body)}};
    }
    return Json(200, out);
  }));

  router.Add("POST", "/api/admin/articles/{slug}/revisions/{revision}/restore",
             Authorized(store_, clock_, [this, revision_param](const Request& req, const RouteParams& p, const Editor& caller) -> Response {
    auto slug = SlugParam(p);
    auto number = revision_param(p, "revision");
    if (!slug || !number) return ApiError(404, "not_found", "revision", "no such revision of that article");
    std::int64_t base = IfMatchRevision(req);
    if (base < 0) return ApiError(412, "stale", "revision", "If-Match is not an ETag of this article");
    auto saved = desk_.RestoreRevision(caller, *slug, *number, base);
    if (!saved.ok()) return ErrorAnswer(saved.error());
    return ArticleAnswer(200, saved.value());
  }));
}

}  // namespace newsdesk::api
