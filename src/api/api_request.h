// What every admin API handler does first: find the caller's role from the
// bearer token, and read the JSON body.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <variant>

#include "admin/roles.h"
#include "desk/editor.h"
#include "content/clock.h"
#include "http/message.h"
#include "http/router.h"
#include "storage/store.h"

namespace newsdesk::api {

// Who is behind "Authorization: Bearer <token>" (named after the token), or
// the 401 answer to send.
std::variant<Editor, http::Response> Authorize(Store& store, const Clock& clock, const http::Request& request);

// A route handler that runs only for a caller with a valid token:
// handler(request, params, caller).
template <typename Handler>
http::Handler Authorized(Store& store, const Clock& clock, Handler handler) {
  return [&store, &clock, handler](const http::Request& req, const http::RouteParams& params) -> http::Response {
    auto caller = Authorize(store, clock, req);
    if (auto* denied = std::get_if<http::Response>(&caller)) return *denied;
    return handler(req, params, std::get<Editor>(caller));
  };
}

// The body as a JSON object, or the 400 answer to send.
std::variant<nlohmann::json, http::Response> JsonObjectBody(const http::Request& request);

// ?page=N (from 1); nullopt when malformed.
std::optional<int> PageParam(const http::Request& request);

// {"page":..,"pages":..,"total":..} for a list answer.
nlohmann::json PageMeta(int page, std::int64_t total, int per_page);

constexpr int kApiPageSize = 20;

// The answer for an error a service returned, by its code: validation 400,
// forbidden 403, not_found 404, conflict 409, stale 412.
http::Response ErrorAnswer(const Error& error);

}  // namespace newsdesk::api
