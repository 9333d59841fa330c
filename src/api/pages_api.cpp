// /api/admin/pages: static pages (content/static_page.h), in the bundle's
// page format ({"slug", "title", "body", ...}).
//   GET    /api/admin/pages               every page, drafts too
//   GET    /api/admin/pages/{slug}        one page
//   PUT    /api/admin/pages/{slug}        adds or replaces it -> 200; a "slug" in the
//                                         body that differs renames it (the old path redirects)
//   DELETE /api/admin/pages/{slug}        -> 204
// Editors and admins write; any token reads.
#include <nlohmann/json.hpp>

#include "api/admin_api.h"
#include "api/api_request.h"
#include "api/api_response.h"
#include "admin/staff.h"
#include "storage/audit_log.h"
#include "storage/page_store.h"
#include "transfer/bundle.h"

namespace newsdesk::api {

using http::Request;
using http::Response;
using http::RouteParams;
using nlohmann::json;

namespace {

Response MayNot() { return ApiError(403, "forbidden", "", "only editors and admins edit pages"); }

std::string ClientOf(const Request& req) { return req.client_addr.empty() ? req.remote_addr : req.client_addr; }

}  // namespace

void AdminApi::RegisterPages(http::Router& router) {
  router.Add("GET", "/api/admin/pages",
             Authorized(store_, clock_, [this](const Request&, const RouteParams&, const Editor&) -> Response {
    json items = json::array();
    for (const auto& p : store_.pages().ListPages(false)) items.push_back(ToJson(p));
    return Json(200, {{"pages", items}});
  }));

  router.Add("GET", "/api/admin/pages/{slug}",
             Authorized(store_, clock_, [this](const Request&, const RouteParams& params, const Editor&) -> Response {
    auto page = store_.pages().FindPage(std::string(params.Get("slug")));
    if (!page) return ApiError(404, "not_found", "slug", "no page with that slug");
    return Json(200, ToJson(*page));
  }));

  router.Add("PUT", "/api/admin/pages/{slug}",
             Authorized(store_, clock_, [this](const Request& req, const RouteParams& params, const Editor& caller) -> Response {
    if (!MayManageTaxonomy(caller.role)) return MayNot();
    auto body = JsonObjectBody(req);
    if (auto* bad = std::get_if<Response>(&body)) return *bad;
    json record = std::get<json>(body);
    std::string slug(params.Get("slug"));
    if (!record.contains("slug")) record["slug"] = slug;
    auto parsed = PageFromJson(record);
    if (!parsed.ok()) return ValidationError(parsed.error());
    StaticPage page = std::move(parsed).value();
    page.updated_at = clock_.Now();
    bool existed = store_.pages().FindPage(slug).has_value();
    if (!existed && page.slug != slug) {
      return ApiError(404, "not_found", "slug", "no page '" + slug + "' to rename");
    }
    if (Status st = store_.pages().PutPage(page, existed ? slug : ""); !st.ok()) return ValidationError(st.error());
    store_.audit().Record({0, clock_.Now(), AuditActor(caller), "page.save", page.slug,
                           existed ? "edited" : "added", ClientOf(req)});
    return Json(200, ToJson(*store_.pages().FindPage(page.slug)));
  }));

  router.Add("DELETE", "/api/admin/pages/{slug}",
             Authorized(store_, clock_, [this](const Request& req, const RouteParams& params, const Editor& caller) -> Response {
    if (!MayManageTaxonomy(caller.role)) return MayNot();
    std::string slug(params.Get("slug"));
    if (!store_.pages().DeletePage(slug)) return ApiError(404, "not_found", "slug", "no page with that slug");
    store_.audit().Record({0, clock_.Now(), AuditActor(caller), "page.delete", slug, "", ClientOf(req)});
    return NoContent();
  }));
}

}  // namespace newsdesk::api
