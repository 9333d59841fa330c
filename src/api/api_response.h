// JSON answers of the admin API, errors as CONTRACT.md has them:
// {"error": {"code": "...", "field": "...", "message": "..."}}.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "base/status.h"
#include "http/message.h"

namespace newsdesk::api {

http::Response Json(int status, const nlohmann::json& body);
http::Response NoContent();  // 204, after a delete
http::Response ApiError(int status, const std::string& code, const std::string& field, const std::string& message);
// 400 "validation" from an Error that names a field.
http::Response ValidationError(const Error& error);

}  // namespace newsdesk::api
