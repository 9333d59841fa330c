#include "api/api_response.h"

namespace newsdesk::api {

http::Response Json(int status, const nlohmann::json& body) {
  http::Response r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

http::Response NoContent() {
  http::Response r;
  r.status = 204;
  r.content_type = "application/json; charset=utf-8";
  return r;
}

http::Response ApiError(int status, const std::string& code, const std::string& field, const std::string& message) {
  return Json(status, {{"error", {{"code", code}, {"field", field}, {"message", message}}}});
}

http::Response ValidationError(const Error& e) {
  std::string message = e.record.empty() ? e.message : e.record + ": " + e.message;
  return ApiError(400, "validation", e.field, message);
}

}  // namespace newsdesk::api
