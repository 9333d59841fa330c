#include "api/api_request.h"


#include "admin/accounts.h"
#include "admin/staff.h"
#include "storage/audit_log.h"
#include "api/api_response.h"
#include "http/url.h"

namespace newsdesk::api {

std::variant<Editor, http::Response> Authorize(Store& store, const Clock& clock, const http::Request& request) {
  std::string_view header = request.Header("authorization");
  constexpr std::string_view kBearer = "Bearer ";
  std::optional<TokenInfo> token;
  bool noted = false;
  if (header.size() > kBearer.size() && header.substr(0, kBearer.size()) == kBearer) {
    token = Authenticate(store.accounts(), std::string(header.substr(kBearer.size())), clock.Now(), &noted);
  }
  if (!token) {
    return ApiError(401, "unauthorized", "", "send a valid API token as 'Authorization: Bearer <token>'")
        .With("WWW-Authenticate", "Bearer realm=\"newsdesk\"");
  }
  Editor editor = token->owner_email.empty()
                      ? Editor{"API token " + token->name, "", token->role, ""}
                      : Editor{token->owner_name, token->owner_email, token->role, token->author_slug};
  // Token use is in the audit log as often as its last-used time is written.
  if (noted) {
    store.audit().Record({0, clock.Now(), AuditActor(editor), "token.use", token->name,
                          request.method + " " + request.path,
                          request.client_addr.empty() ? request.remote_addr : request.client_addr});
  }
  return editor;
}

http::Response ErrorAnswer(const Error& e) {
  static const std::pair<const char*, int> kStatus[] = {
      {"forbidden", 403}, {"not_found", 404}, {"conflict", 409}, {"stale", 412}};
  for (auto [code, status] : kStatus) {
    if (e.code == code) {
      return ApiError(status, code, e.field, e.record.empty() ? e.message : e.record + ": " + e.message);
    }
  }
  return ValidationError(e);
}

std::variant<nlohmann::json, http::Response> JsonObjectBody(const http::Request& request) {
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return ApiError(400, "invalid_json", "", "the body is not valid JSON (UTF-8)");
  if (!body.is_object()) return ApiError(400, "invalid_json", "", "the body must be a JSON object");
  return body;
}

std::optional<int> PageParam(const http::Request& request) { return http::PageQueryParam(request.query); }

nlohmann::json PageMeta(int page, std::int64_t total, int per_page) {
  std::int64_t pages = std::max<std::int64_t>(1, (total + per_page - 1) / per_page);
  return {{"page", page}, {"pages", pages}, {"total", total}, {"per_page", per_page}};
}

}  // namespace newsdesk::api
