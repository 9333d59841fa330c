// What every admin API handler does first: find the caller's role from the
// bearer token, and read the JSON body.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <variant>

#include "admin/roles.h"
#include "content/clock.h"
#include "http/message.h"
#include "storage/store.h"

namespace newsdesk::api {

// The role behind "Authorization: Bearer <token>", or the 401 answer to send.
std::variant<Role, http::Response> Authorize(Store& store, const Clock& clock, const http::Request& request);

// The body as a JSON object, or the 400 answer to send.
std::variant<nlohmann::json, http::Response> JsonObjectBody(const http::Request& request);

// ?page=N (from 1); nullopt when malformed.
std::optional<int> PageParam(const http::Request& request);

// {"page":..,"pages":..,"total":..} for a list answer.
nlohmann::json PageMeta(int page, std::int64_t total, int per_page);

constexpr int kApiPageSize = 20;

}  // namespace newsdesk::api
