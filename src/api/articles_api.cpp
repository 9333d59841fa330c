// /api/admin/articles: create, read, update, delete and list articles.
#include <nlohmann/json.hpp>

#include "api/admin_api.h"
#include "api/api_request.h"
#include "api/api_response.h"
#include "content/slug.h"
#include "transfer/bundle.h"

namespace newsdesk::api {

using http::Request;
using http::Response;
using http::RouteParams;
using nlohmann::json;

namespace {

// The article's ETag: its revision, which moves on every save.
std::string ETagOf(const Article& a) { return "\"r" + std::to_string(a.revision) + "\""; }

Response Stale(const std::string& message) { return ApiError(412, "stale", "revision", message); }

// Saves one article in its own transaction; store errors (unknown author or
// column) are the caller's mistakes.
std::optional<Response> Save(Store& store, const Article& article, UnixSeconds now) {
  Bundle bundle;
  bundle.articles.push_back(article);
  Status st = store.ApplyBundle(bundle, now);
  if (!st.ok() && st.error().code == "stale") return Stale(st.error().message);
  if (!st.ok()) return ValidationError(st.error());
  return std::nullopt;
}

Response Forbidden(const std::string& field, const std::string& message) {
  return ApiError(403, "forbidden", field, message);
}


}  // namespace

void AdminApi::RegisterArticles(http::Router& router) {
  router.Add("POST", "/api/admin/articles", [this](const Request& req, const RouteParams&) -> Response {
    auto caller = Authorize(store_, clock_, req);
    if (auto* denied = std::get_if<Response>(&caller)) return *denied;
    Role role = std::get<Role>(caller);
    auto body = JsonObjectBody(req);
    if (auto* bad = std::get_if<Response>(&body)) return *bad;
    auto article = ArticleFromJson(std::get<json>(body));
    if (!article.ok()) return ValidationError(article.error());
    if (!MayWriteArticle(role, article.value().status, std::nullopt)) {
      return Forbidden("status", "a contributor may only write drafts");
    }
    if (store_.FindAnyArticle(article.value().slug)) {
      return ApiError(409, "conflict", "slug", "an article with slug '" + article.value().slug + "' exists");
    }
    if (auto err = Save(store_, article.value(), clock_.Now())) return *err;
    return Json(201, ToJson(*store_.FindAnyArticle(article.value().slug)))
        .With("Location", "/api/admin/articles/" + article.value().slug);
  });

  router.Add("GET", "/api/admin/articles", [this](const Request& req, const RouteParams&) -> Response {
    auto caller = Authorize(store_, clock_, req);
    if (auto* denied = std::get_if<Response>(&caller)) return *denied;
    AdminArticleQuery q;
    q.status = req.QueryParam("status").value_or("");
    ArticleStatus ignored;
    if (!q.status.empty() && !ParseArticleStatus(q.status, &ignored)) {
      return ApiError(400, "validation", "status", "must be draft, scheduled or published");
    }
    q.column_slug = req.QueryParam("column").value_or("");
    q.author_slug = req.QueryParam("author").value_or("");
    auto page = PageParam(req);
    if (!page) return ApiError(400, "validation", "page", "must be a whole number from 1");
    q.limit = kApiPageSize;
    q.offset = (*page - 1) * kApiPageSize;
    ListingPage found = store_.ListArticles(q);
    json items = json::array();
    for (const auto& a : found.items) items.push_back(ToJson(a));
    return Json(200, {{"articles", items}, {"meta", PageMeta(*page, found.total, kApiPageSize)}});
  });

  router.Add("GET", "/api/admin/articles/{slug}", [this](const Request& req, const RouteParams& p) -> Response {
    auto caller = Authorize(store_, clock_, req);
    if (auto* denied = std::get_if<Response>(&caller)) return *denied;
    auto article = IsValidSlug(p.Get("slug")) ? store_.FindAnyArticle(std::string(p.Get("slug"))) : std::nullopt;
    if (!article) return ApiError(404, "not_found", "slug", "no article with that slug");
    return Json(200, ToJson(*article)).With("ETag", ETagOf(*article));
  });

  // PATCH merges the fields given over the stored article, then validates the
  // whole as a new article would be. The save is conditional on the revision
  // read here (or the one named by If-Match): a save that came in between,
  // say a publish, is never undone; the caller gets 412 and reads again.
  router.Add("PATCH", "/api/admin/articles/{slug}", [this](const Request& req, const RouteParams& p) -> Response {
    auto caller = Authorize(store_, clock_, req);
    if (auto* denied = std::get_if<Response>(&caller)) return *denied;
    Role role = std::get<Role>(caller);
    std::string slug(p.Get("slug"));
    auto existing = IsValidSlug(slug) ? store_.FindAnyArticle(slug) : std::nullopt;
    if (!existing) return ApiError(404, "not_found", "slug", "no article with that slug");
    if (std::string_view match = req.Header("if-match"); !match.empty() && match != "*" &&
                                                         match != ETagOf(*existing)) {
      return Stale("the article was saved by someone else since " + std::string(match) +
                   " was read (now " + ETagOf(*existing) + "); reload it and save again");
    }
    auto body = JsonObjectBody(req);
    if (auto* bad = std::get_if<Response>(&body)) return *bad;
    json merged = ToJson(*existing);
    merged.erase("updated_at");
    for (auto& [key, value] : std::get<json>(body).items()) {
      if (key == "updated_at") continue;
      merged[key] = value;
    }
    if (merged["slug"] != slug) return ApiError(400, "validation", "slug", "a slug cannot be changed");
    auto article = ArticleFromJson(merged);
    if (!article.ok()) return ValidationError(article.error());
    if (!MayWriteArticle(role, article.value().status, existing->status)) {
      return Forbidden("status", "a contributor may only edit drafts and keep them drafts");
    }
    article.value().base_revision = existing->revision;
    if (auto err = Save(store_, article.value(), clock_.Now())) return *err;
    auto saved = store_.FindAnyArticle(slug);
    return Json(200, ToJson(*saved)).With("ETag", ETagOf(*saved));
  });

  router.Add("DELETE", "/api/admin/articles/{slug}", [this](const Request& req, const RouteParams& p) -> Response {
    auto caller = Authorize(store_, clock_, req);
    if (auto* denied = std::get_if<Response>(&caller)) return *denied;
    if (!MayDeleteArticles(std::get<Role>(caller))) return Forbidden("", "only editors and admins delete articles");
    std::string slug(p.Get("slug"));
    if (!IsValidSlug(slug) || !store_.DeleteArticle(slug)) {
      return ApiError(404, "not_found", "slug", "no article with that slug");
    }
    return NoContent();
  });
}

}  // namespace newsdesk::api
