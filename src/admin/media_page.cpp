// The media library (/admin/media): every uploaded image in a grid, found by
// its alt text, caption, credit or file name; an image's page to describe it,
// set its focal point (for crops in shares), see where it is used and delete
// it when nothing uses it. Uploads come from its form and from the editor
// (admin.js posts the same form and asks for JSON back).
#include <nlohmann/json.hpp>

#include "admin/admin_routes.h"
#include "admin/roles.h"
#include "api/api_response.h"
#include "content/dates.h"
#include "http/multipart.h"
#include "http/url.h"
#include "media/image_urls.h"
#include "media/media_library.h"
#include "media/upload_form.h"
#include "storage/audit_log.h"

namespace newsdesk::admin {

using http::Request;
using http::Response;

namespace {

constexpr int kPerPage = 24;

// "article:slug" -> a link to its editor; "author:slug" -> the authors screen.
TemplateData UseData(const std::string& use) {
  TemplateData d;
  size_t colon = use.find(':');
  std::string kind = use.substr(0, colon), slug = use.substr(colon + 1);
  d.set("label", (kind == "article" ? "Article " : "Author ") + slug);
  d.set("href", kind == "article" ? "/admin/articles/" + http::PercentEncode(slug) : "/admin/authors");
  return d;
}

TemplateData ItemData(const MediaItem& m) {
  TemplateData d;
  d.set("id", m.id);
  d.set("file_name", m.file_name);
  d.set("alt", m.alt);
  d.set("caption", m.caption);
  d.set("credit", m.credit);
  d.set("size", std::to_string(m.width) + " × " + std::to_string(m.height));
  d.set("thumb", "/media/" + media::NameForWidth(m, 320));
  d.set("preview", "/media/" + media::NameForWidth(m, 640));
  d.set("url", "/media/" + media::MasterName(m));
  d.set("markdown", "![" + m.alt + "](/media/" + media::MasterName(m) + ")");
  d.set("no_alt", m.alt.find_first_not_of(" \t") == std::string::npos);
  d.set("focal_x", std::to_string(media::FocalPercent(m.focal_x)));
  d.set("focal_y", std::to_string(media::FocalPercent(m.focal_y)));
  return d;
}

}  // namespace

Response AdminRoutes::MediaLibraryPage(const Request& req, const std::string& error, int status) const {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  std::string contains = req.QueryParam("q").value_or("");
  if (contains.size() > 300) contains.clear();
  int page = http::PageQueryParam(req.query).value_or(1);
  MediaPage found = store_.media().ListMedia(contains, kPerPage, (page - 1) * kPerPage);
  TemplateData items{TemplateData::type::list};
  for (const auto& m : found.items) items.push_back(ItemData(m));
  TemplateData d;
  d.set("items", items);
  d.set("has_items", !found.items.empty());
  d.set("total", std::to_string(found.total));
  d.set("q", contains);
  d.set("max_mb", std::to_string(media_ ? media_->limits().max_bytes / (1024 * 1024) : 0));
  d.set("uploads", media_ != nullptr);
  std::string query = contains.empty() ? "" : "q=" + http::PercentEncode(contains) + "&";
  if (found.total > page * kPerPage) d.set("next", "/admin/media?" + query + "page=" + std::to_string(page + 1));
  if (page > 1) d.set("prev", "/admin/media?" + query + "page=" + std::to_string(page - 1));
  if (!error.empty()) d.set("error", error);
  if (auto done = req.QueryParam("done"); done && done->size() < 300) d.set("done", *done);
  return Render(status, "Media", "admin-media", d, session);
}

Response AdminRoutes::MediaUpload(const Request& req) {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  bool wants_json = req.Header("accept").find("application/json") != std::string_view::npos;
  auto answer = [&](int status, const std::string& field, const std::string& message) {
    if (wants_json) {
      return api::Json(status, {{"error", {{"field", field}, {"message", message}}}});
    }
    return MediaLibraryPage(req, field + ": " + message, status);
  };
  if (!media_) return answer(503, "file", "uploads are not configured on this server");
  auto parts = http::ParseMultipart(req.Header("content-type"), req.body);
  if (!parts.ok()) return answer(400, "file", parts.error().message);
  std::map<std::string, std::string> others;
  auto form = media::UploadFromForm(parts.value(), media_->limits().max_bytes, {"csrf"}, &others);
  // The token travels inside the multipart body; checked before the upload is looked at.
  if (!CsrfMatches(others["csrf"], *session)) return wants_json ? answer(403, "csrf", "the form is stale; reload the page")
                                                       : StaleForm(*session);
  if (!form.ok()) return answer(form.error().code == "too_large" ? 413 : 400, form.error().field,
                                form.error().message);
  media::Upload upload = std::move(form).value();
  upload.by = session->user.email;
  auto item = media_->Add(std::move(upload));
  if (!item.ok()) return answer(400, item.error().field, item.error().message);
  store_.audit().Record({0, clock_.Now(), session->user.email, "media.upload", "media:" + item.value().id,
                         item.value().file_name, OriginOf(req).client_addr});
  if (wants_json) {
    const MediaItem& m = item.value();
    nlohmann::json body = {{"id", m.id}, {"url", "/media/" + media::MasterName(m)},
                           {"thumb", "/media/" + media::NameForWidth(m, 320)}, {"alt", m.alt},
                           {"width", m.width}, {"height", m.height}, {"file_name", m.file_name}};
    return api::Json(201, body);
  }
  return SeeOther("/admin/media/" + item.value().id + "?done=" + http::PercentEncode("Uploaded."));
}

Response AdminRoutes::MediaItemPage(const Request& req, std::string_view id, const std::string& error,
                                    int status) const {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  auto item = media::IsMediaId(id) ? store_.media().FindMedia(std::string(id)) : std::nullopt;
  if (!item) return Message(404, "Not found", "No such image.", session);
  const auto* zone = ContentReader::ZoneOf(reader_.LoadPublication());
  TemplateData d = ItemData(*item);
  d.set("uploaded", FormatDeskDateTime(item->created_at, zone));
  d.set("uploaded_by", item->created_by);
  TemplateData uses{TemplateData::type::list};
  auto used = store_.media().MediaUses(item->id);
  for (const auto& u : used) uses.push_back(UseData(u));
  d.set("uses", uses);
  d.set("in_use", !used.empty());
  d.set("may_delete", MayDeleteArticles(session->user.role));
  d.set("share", "/media/" + media::CropName(*item, media::CropShape::kOpenGraph));
  if (!error.empty()) d.set("error", error);
  if (auto done = req.QueryParam("done"); done && done->size() < 300) d.set("done", *done);
  return Render(status, item->file_name.empty() ? "Image" : item->file_name, "admin-media-item", d, session);
}

Response AdminRoutes::SaveMediaItem(const Request& req, std::string_view id) {
  auto form_session = FormSession(req);
  if (auto* r = std::get_if<Response>(&form_session)) return *r;
  const Session& session = std::get<Session>(form_session);
  auto item = media::IsMediaId(id) ? store_.media().FindMedia(std::string(id)) : std::nullopt;
  if (!item) return Message(404, "Not found", "No such image.", session);
  MediaItem next = *item;
  next.alt = req.FormField("alt").value_or("");
  next.caption = req.FormField("caption").value_or("");
  next.credit = req.FormField("credit").value_or("");
  if (Status st = media::CheckWords(next.alt, next.caption, next.credit); !st.ok()) {
    return MediaItemPage(req, id, st.error().field + ": " + st.error().message, 400);
  }
  for (auto [field, out] : {std::pair{"focal_x", &next.focal_x}, std::pair{"focal_y", &next.focal_y}}) {
    std::string typed = req.FormField(field).value_or("");
    auto percent = typed == "0" ? std::optional<int>(0) : http::ParsePositiveNumber(typed, 100);
    if (!percent || *percent > 100) {
      return MediaItemPage(req, id, std::string(field) + ": a whole number from 0 to 100 (percent)", 400);
    }
    *out = static_cast<double>(*percent) / 100.0;
  }
  store_.media().UpdateMedia(next);
  store_.audit().Record({0, clock_.Now(), session.user.email, "media.update", "media:" + next.id, next.file_name,
                         OriginOf(req).client_addr});
  return SeeOther("/admin/media/" + next.id + "?done=" + http::PercentEncode("Saved."));
}

Response AdminRoutes::DeleteMediaItem(const Request& req, std::string_view id) {
  auto form_session = FormSession(req);
  if (auto* r = std::get_if<Response>(&form_session)) return *r;
  const Session& session = std::get<Session>(form_session);
  if (!MayDeleteArticles(session.user.role)) {
    return Message(403, "Refused", "Only editors and admins delete images.", session);
  }
  auto item = media::IsMediaId(id) ? store_.media().FindMedia(std::string(id)) : std::nullopt;
  if (!item) return Message(404, "Not found", "No such image.", session);
  switch (store_.media().DeleteMedia(item->id)) {
    case MediaDeleteOutcome::kInUse:
      return MediaItemPage(req, id, "It is in use: take it out of what uses it first.", 409);
    case MediaDeleteOutcome::kNotFound:
      return Message(404, "Not found", "No such image.", session);
    case MediaDeleteOutcome::kDeleted:
      break;
  }
  if (media_) media_->RemoveFiles(item->id);
  store_.audit().Record({0, clock_.Now(), session.user.email, "media.delete", "media:" + item->id, item->file_name,
                         OriginOf(req).client_addr});
  return SeeOther("/admin/media?done=" + http::PercentEncode(item->file_name + " was deleted."));
}

}  // namespace newsdesk::admin
