#include "http/router.h"

namespace newsdesk::http {
namespace {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string_view RouteParams::Get(std::string_view name) const {
  for (const auto& [k, v] : items_) {
    if (k == name) return v;
  }
  return {};
}

void Router::Add(std::string method, std::string pattern, Handler handler) {
  Route r{std::move(method), {}, std::move(handler)};
  for (auto seg : SplitPath(pattern)) r.segments.emplace_back(seg);
  if (pattern == "/") r.segments.clear();
  routes_.push_back(std::move(r));
}

bool Router::Match(const Route& route, const std::vector<std::string_view>& parts,
                   RouteParams* params) {
  if (parts.size() != route.segments.size()) return false;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string& seg = route.segments[i];
    if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
      if (parts[i].empty()) return false;
      params->Add(std::string_view(seg).substr(1, seg.size() - 2), parts[i]);
    } else if (seg != parts[i]) {
      return false;
    }
  }
  return true;
}

Response Router::Dispatch(const Request& request) const {
  std::string_view method = request.method == "HEAD" ? std::string_view("GET") : request.method;
  std::vector<std::string_view> parts;
  if (request.path != "/") parts = SplitPath(request.path);
  // "/columns/x/" is "/columns/x": static exports link with the slash.
  if (parts.size() > 1 && parts.back().empty()) parts.pop_back();
  std::string allow;
  for (const auto& route : routes_) {
    RouteParams params;
    if (!Match(route, parts, &params)) continue;
    if (route.method == method) return route.handler(request, params);
    if (!allow.empty()) allow += ", ";
    allow += route.method;
  }
  if (!allow.empty()) {
    return Response::Text(405, "Method not allowed\n").With("Allow", allow);
  }
  if (not_found_) return not_found_(request, RouteParams{});
  return Response::Text(404, "Not found\n");
}

}  // namespace newsdesk::http
