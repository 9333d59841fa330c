// /api/admin/redirects: old paths that answer 301 (storage/redirect_store.h).
//   GET    /api/admin/redirects?q=&page=   list (q: part of either path)
//   POST   /api/admin/redirects            {"from", "to"} -> 201; a loop is 400
//   DELETE /api/admin/redirects?from=PATH  -> 204
#include <nlohmann/json.hpp>

#include "api/admin_api.h"
#include "api/api_request.h"
#include "api/api_response.h"
#include "content/dates.h"
#include "storage/redirect_store.h"

namespace newsdesk::api {

using http::Request;
using http::Response;
using http::RouteParams;
using nlohmann::json;

namespace {

json RedirectJson(const Redirect& r) {
  return {{"from", r.from}, {"to", r.to}, {"source", r.source}, {"created_at", FormatRfc3339Utc(r.created_at)}};
}

Response MayNot() { return ApiError(403, "forbidden", "", "only editors and admins edit redirects"); }

}  // namespace

void AdminApi::RegisterRedirects(http::Router& router) {
  router.Add("GET", "/api/admin/redirects",
             Authorized(store_, clock_, [this](const Request& req, const RouteParams&, const Editor&) -> Response {
    auto page = PageParam(req);
    if (!page) return ApiError(400, "validation", "page", "must be a whole number from 1");
    std::string q = req.QueryParam("q").value_or("");
    if (q.size() > kMaxRedirectPath) return ApiError(400, "validation", "q", "longer than 2000 characters");
    RedirectPage found = store_.redirects().ListRedirects(q, kApiPageSize, (*page - 1) * kApiPageSize);
    json items = json::array();
    for (const auto& r : found.items) items.push_back(RedirectJson(r));
    return Json(200, {{"redirects", items}, {"meta", PageMeta(*page, found.total, kApiPageSize)}});
  }));

  router.Add("POST", "/api/admin/redirects",
             Authorized(store_, clock_, [this](const Request& req, const RouteParams&, const Editor& caller) -> Response {
    if (!MayManageTaxonomy(caller.role)) return MayNot();
    auto body = JsonObjectBody(req);
    if (auto* bad = std::get_if<Response>(&body)) return *bad;
    const json& o = std::get<json>(body);
    for (const auto& [key, value] : o.items()) {
      if (key != "from" && key != "to") return ApiError(400, "validation", key.substr(0, 60), "is not a known field of a redirect");
    }
    auto text = [&](const char* field) -> std::optional<std::string> {
      auto it = o.find(field);
      if (it == o.end() || !it->is_string()) return std::nullopt;
      return it->get<std::string>();
    };
    auto from = text("from");
    auto to = text("to");
    if (!from) return ApiError(400, "validation", "from", "is required (a path)");
    if (!to) return ApiError(400, "validation", "to", "is required (a path or URL)");
    Redirect r;
    r.to = *to;
    r.source = "editor";
    r.created_at = clock_.Now();
    if (std::string problem = RedirectFromProblem(*from, &r.from); !problem.empty()) {
      return ApiError(400, "validation", "from", problem);
    }
    if (std::string problem = RedirectToProblem(r.to); !problem.empty()) return ApiError(400, "validation", "to", problem);
    if (Status st = store_.redirects().PutRedirect(r); !st.ok()) return ValidationError(st.error());
    return Json(201, RedirectJson(r));
  }));

  router.Add("DELETE", "/api/admin/redirects",
             Authorized(store_, clock_, [this](const Request& req, const RouteParams&, const Editor& caller) -> Response {
    if (!MayManageTaxonomy(caller.role)) return MayNot();
    std::string from = req.QueryParam("from").value_or("");
    if (from.empty() || !store_.redirects().DeleteRedirect(from)) {
      return ApiError(404, "not_found", "from", "no redirect from that path");
    }
    return NoContent();
  }));
}

}  // namespace newsdesk::api
