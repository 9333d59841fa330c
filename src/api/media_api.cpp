// /api/admin/media: uploaded images (media/media_library.h).
//   POST   /api/admin/media              multipart: file, alt, caption, credit -> 201
//   GET    /api/admin/media?q=&page=     list, newest first (q: alt, caption, credit, file name)
//   GET    /api/admin/media/{id}         one, with where it is used
//   PATCH  /api/admin/media/{id}         {"alt", "caption", "credit", "focal_x", "focal_y"}
//   DELETE /api/admin/media/{id}         204; 409 while an article or author uses it
#include <nlohmann/json.hpp>

#include "api/admin_api.h"
#include "api/api_request.h"
#include "api/api_response.h"
#include "content/dates.h"
#include "http/multipart.h"
#include "media/media_library.h"
#include "media/upload_form.h"

namespace newsdesk::api {

using http::Request;
using http::Response;
using http::RouteParams;
using nlohmann::json;

namespace {

json MediaJson(const MediaItem& m, const std::vector<std::string>* uses = nullptr) {
  json derivatives = json::array();
  for (int w : media::WidthsOf(m)) {
    derivatives.push_back({{"width", w},
                           {"webp", "/media/" + media::DerivativeName(m.id, w, "webp")},
                           {"jpeg", "/media/" + media::DerivativeName(m.id, w, "jpeg")}});
  }
  json out = {{"id", m.id},           {"url", "/media/" + media::MasterName(m)},
              {"width", m.width},     {"height", m.height},
              {"format", m.format},   {"bytes", m.bytes},
              {"file_name", m.file_name}, {"alt", m.alt},
              {"caption", m.caption}, {"credit", m.credit},
              {"focal_x", m.focal_x}, {"focal_y", m.focal_y},
              {"created_at", FormatRfc3339Utc(m.created_at)}, {"derivatives", derivatives},
              {"share", "/media/" + media::CropName(m, media::CropShape::kOpenGraph)}};
  if (uses) out["used_by"] = *uses;
  return out;
}

Response NoMedia() { return ApiError(404, "not_found", "id", "no media with that id"); }

}  // namespace

void AdminApi::RegisterMedia(http::Router& router) {
  router.Add("POST", "/api/admin/media",
             Authorized(store_, clock_, [this](const Request& req, const RouteParams&, const Editor& caller) -> Response {
    if (!media_) return ApiError(503, "unavailable", "", "media uploads are not configured on this server");
    auto parts = http::ParseMultipart(req.Header("content-type"), req.body);
    if (!parts.ok()) return ValidationError(parts.error());
    auto form = media::UploadFromForm(parts.value(), media_->limits().max_bytes);
    if (!form.ok()) {
      if (form.error().code == "too_large") return ApiError(413, "too_large", "file", form.error().message);
      return ApiError(400, "validation", form.error().field, form.error().message);
    }
    media::Upload upload = std::move(form).value();
    upload.by = caller.email.empty() ? caller.name : caller.email;
    auto item = media_->Add(std::move(upload));
    if (!item.ok()) return ValidationError(item.error());
    return Json(201, MediaJson(item.value())).With("Location", "/api/admin/media/" + item.value().id);
  }));

  router.Add("GET", "/api/admin/media",
             Authorized(store_, clock_, [this](const Request& req, const RouteParams&, const Editor&) -> Response {
    auto page = PageParam(req);
    if (!page) return ApiError(400, "validation", "page", "must be a whole number from 1");
    std::string q = req.QueryParam("q").value_or("");
    if (q.size() > 300) return ApiError(400, "validation", "q", "longer than 300 characters");
    MediaPage found = store_.media().ListMedia(q, kApiPageSize, (*page - 1) * kApiPageSize);
    json items = json::array();
    for (const auto& m : found.items) items.push_back(MediaJson(m));
    return Json(200, {{"media", items}, {"meta", PageMeta(*page, found.total, kApiPageSize)}});
  }));

  router.Add("GET", "/api/admin/media/{id}",
             Authorized(store_, clock_, [this](const Request&, const RouteParams& p, const Editor&) -> Response {
    std::string id(p.Get("id"));
    auto item = media::IsMediaId(id) ? store_.media().FindMedia(id) : std::nullopt;
    if (!item) return NoMedia();
    auto uses = store_.media().MediaUses(id);
    return Json(200, MediaJson(*item, &uses));
  }));

  router.Add("PATCH", "/api/admin/media/{id}",
             Authorized(store_, clock_, [this](const Request& req, const RouteParams& p, const Editor&) -> Response {
    std::string id(p.Get("id"));
    auto item = media::IsMediaId(id) ? store_.media().FindMedia(id) : std::nullopt;
    if (!item) return NoMedia();
    auto body = JsonObjectBody(req);
    if (auto* bad = std::get_if<Response>(&body)) return *bad;
    for (const auto& [key, value] : std::get<json>(body).items()) {
      if (key == "alt" || key == "caption" || key == "credit") {
        if (!value.is_string()) return ApiError(400, "validation", key, "must be a string");
        (key == "alt" ? item->alt : key == "caption" ? item->caption : item->credit) = value.get<std::string>();
      } else if (key == "focal_x" || key == "focal_y") {
        if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > 1) {
          return ApiError(400, "validation", key, "must be a number from 0 to 1");
        }
        (key == "focal_x" ? item->focal_x : item->focal_y) = value.get<double>();
      } else {
        return ApiError(400, "validation", key.substr(0, 60), "is not a field media may change");
      }
    }
    if (Status st = media::CheckWords(item->alt, item->caption, item->credit); !st.ok()) {
      return ApiError(400, "validation", st.error().field, st.error().message);
    }
    store_.media().UpdateMedia(*item);
    return Json(200, MediaJson(*item));
  }));

  router.Add("DELETE", "/api/admin/media/{id}",
             Authorized(store_, clock_, [this](const Request&, const RouteParams& p, const Editor& caller) -> Response {
    if (!MayDeleteArticles(caller.role)) return ApiError(403, "forbidden", "", "only editors and admins delete media");
    std::string id(p.Get("id"));
    if (!media::IsMediaId(id)) return NoMedia();
    switch (store_.media().DeleteMedia(id)) {
      case MediaDeleteOutcome::kNotFound: return NoMedia();
      case MediaDeleteOutcome::kInUse: return ApiError(409, "conflict", "id", "it is in use; see used_by");
      case MediaDeleteOutcome::kDeleted: break;
    }
    if (media_) media_->RemoveFiles(id);
    return NoContent();
  }));
}

}  // namespace newsdesk::api
