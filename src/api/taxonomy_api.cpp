// /api/admin/{authors,columns,tags}: the same five operations for each kind,
// described once by a table.
#include <nlohmann/json.hpp>

#include <functional>

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

struct Kind {
  std::string plural;    // "authors": the path and the list's key
  std::string singular;  // "author": messages
  std::function<std::optional<json>(Store&, const std::string&)> find;
  std::function<std::vector<json>(Store&)> list;
  // Validates `object` and adds the record to `bundle`.
  std::function<std::optional<Error>(const json&, Bundle*)> parse;
  std::function<DeleteOutcome(Store&, const std::string&)> remove;
};

template <typename T>
std::optional<json> AsJson(const std::optional<T>& value) {
  if (!value) return std::nullopt;
  return ToJson(*value);
}

template <typename T>
std::vector<json> AllAsJson(const std::vector<T>& values) {
  std::vector<json> out;
  for (const auto& v : values) out.push_back(ToJson(v));
  return out;
}

std::vector<Kind> Kinds() {
  return {
      {"authors", "author", [](Store& s, const std::string& slug) { return AsJson(s.FindAuthor(slug)); },
       [](Store& s) { return AllAsJson(s.ListAuthors()); },
       [](const json& o, Bundle* b) -> std::optional<Error> {
         auto r = AuthorFromJson(o);
         if (!r.ok()) return r.error();
         b->authors.push_back(r.value());
         return std::nullopt;
       },
       [](Store& s, const std::string& slug) { return s.DeleteAuthor(slug); }},
      {"columns", "column", [](Store& s, const std::string& slug) { return AsJson(s.FindColumn(slug)); },
       [](Store& s) { return AllAsJson(s.ListColumns()); },
       [](const json& o, Bundle* b) -> std::optional<Error> {
         auto r = ColumnFromJson(o);
         if (!r.ok()) return r.error();
         b->columns.push_back(r.value());
         return std::nullopt;
       },
       [](Store& s, const std::string& slug) { return s.DeleteColumn(slug); }},
      {"tags", "tag", [](Store& s, const std::string& slug) { return AsJson(s.FindTag(slug)); },
       [](Store& s) { return AllAsJson(s.ListTags()); },
       [](const json& o, Bundle* b) -> std::optional<Error> {
         auto r = TagFromJson(o);
         if (!r.ok()) return r.error();
         b->tags.push_back(r.value());
         return std::nullopt;
       },
       [](Store& s, const std::string& slug) { return s.DeleteTag(slug); }},
  };
}

// Validates and stores one record in its own transaction.
std::optional<Response> Save(Store& store, const Kind& kind, const json& object, UnixSeconds now) {
  Bundle bundle;
  if (auto err = kind.parse(object, &bundle)) return ValidationError(*err);
  Status st = store.ApplyBundle(bundle, now);
  if (!st.ok()) return ValidationError(st.error());
  return std::nullopt;
}

}  // namespace

void AdminApi::RegisterTaxonomy(http::Router& router) {
  for (const Kind& k : Kinds()) {
    std::string base = "/api/admin/" + k.plural;
    auto may_write = [](const Request&, Role role) -> std::optional<Response> {
      if (MayManageTaxonomy(role)) return std::nullopt;
      return ApiError(403, "forbidden", "", "only editors and admins change authors, columns and tags");
    };

    router.Add("GET", base, [this, k](const Request& req, const RouteParams&) -> Response {
      auto caller = Authorize(store_, clock_, req);
      if (auto* denied = std::get_if<Response>(&caller)) return *denied;
      auto page = PageParam(req);
      if (!page) return ApiError(400, "validation", "page", "must be a whole number from 1");
      std::vector<json> all = k.list(store_);
      json items = json::array();
      for (size_t i = static_cast<size_t>(*page - 1) * kApiPageSize;
           i < all.size() && i < static_cast<size_t>(*page) * kApiPageSize; ++i) {
        items.push_back(all[i]);
      }
      return Json(200, {{k.plural, items}, {"meta", PageMeta(*page, static_cast<std::int64_t>(all.size()), kApiPageSize)}});
    });

    router.Add("POST", base, [this, k, may_write](const Request& req, const RouteParams&) -> Response {
      auto caller = Authorize(store_, clock_, req);
      if (auto* denied = std::get_if<Response>(&caller)) return *denied;
      if (auto no = may_write(req, std::get<Editor>(caller).role)) return *no;
      auto body = JsonObjectBody(req);
      if (auto* bad = std::get_if<Response>(&body)) return *bad;
      const json& object = std::get<json>(body);
      std::string slug = object.contains("slug") && object["slug"].is_string() ? object["slug"].get<std::string>() : "";
      if (IsValidSlug(slug) && k.find(store_, slug)) {
        return ApiError(409, "conflict", "slug", "a " + k.singular + " with slug '" + slug + "' exists");
      }
      if (auto err = Save(store_, k, object, clock_.Now())) return *err;
      return Json(201, *k.find(store_, slug)).With("Location", "/api/admin/" + k.plural + "/" + slug);
    });

    router.Add("GET", base + "/{slug}", [this, k](const Request& req, const RouteParams& p) -> Response {
      auto caller = Authorize(store_, clock_, req);
      if (auto* denied = std::get_if<Response>(&caller)) return *denied;
      std::string slug(p.Get("slug"));
      auto found = IsValidSlug(slug) ? k.find(store_, slug) : std::nullopt;
      if (!found) return ApiError(404, "not_found", "slug", "no " + k.singular + " with that slug");
      return Json(200, *found);
    });

    router.Add("PATCH", base + "/{slug}", [this, k, may_write](const Request& req, const RouteParams& p) -> Response {
      auto caller = Authorize(store_, clock_, req);
      if (auto* denied = std::get_if<Response>(&caller)) return *denied;
      if (auto no = may_write(req, std::get<Editor>(caller).role)) return *no;
      std::string slug(p.Get("slug"));
      auto found = IsValidSlug(slug) ? k.find(store_, slug) : std::nullopt;
      if (!found) return ApiError(404, "not_found", "slug", "no " + k.singular + " with that slug");
      auto body = JsonObjectBody(req);
      if (auto* bad = std::get_if<Response>(&body)) return *bad;
      json merged = *found;
      for (auto& [key, value] : std::get<json>(body).items()) merged[key] = value;
      if (merged["slug"] != slug) return ApiError(400, "validation", "slug", "a slug cannot be changed");
      if (auto err = Save(store_, k, merged, clock_.Now())) return *err;
      return Json(200, *k.find(store_, slug));
    });

    router.Add("DELETE", base + "/{slug}", [this, k, may_write](const Request& req, const RouteParams& p) -> Response {
      auto caller = Authorize(store_, clock_, req);
      if (auto* denied = std::get_if<Response>(&caller)) return *denied;
      if (auto no = may_write(req, std::get<Editor>(caller).role)) return *no;
      std::string slug(p.Get("slug"));
      DeleteOutcome outcome = IsValidSlug(slug) ? k.remove(store_, slug) : DeleteOutcome::kNotFound;
      if (outcome == DeleteOutcome::kNotFound) {
        return ApiError(404, "not_found", "slug", "no " + k.singular + " with that slug");
      }
      if (outcome == DeleteOutcome::kInUse) {
        return ApiError(409, "conflict", "slug", "articles still refer to this " + k.singular);
      }
      return NoContent();
    });
  }
}

http::Response AdminApi::NotFound(const http::Request& request) {
  return ApiError(404, "not_found", "", "no API endpoint at " + request.path);
}

void AdminApi::Register(http::Router& router) {
  RegisterArticles(router);
  RegisterTaxonomy(router);
  RegisterRedirects(router);
  RegisterMedia(router);
  RegisterPages(router);
}

}  // namespace newsdesk::api
