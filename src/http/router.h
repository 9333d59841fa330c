// Maps (method, path) to a handler. Patterns are literal segments and `{name}`
// placeholders matching exactly one non-empty segment: "/columns/{slug}/feed.xml".
// HEAD is answered by the GET handler (the server drops the body). One
// trailing slash is ignored.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace newsdesk::http {

class RouteParams {
 public:
  void Add(std::string_view name, std::string_view value) { items_.emplace_back(name, value); }
  // The value of {name}; empty when the pattern had none.
  std::string_view Get(std::string_view name) const;

 private:
  std::vector<std::pair<std::string_view, std::string_view>> items_;
};

using Handler = std::function<Response(const Request&, const RouteParams&)>;

class Router {
 public:
  void Add(std::string method, std::string pattern, Handler handler);
  // Answers requests no route matches.
  void SetNotFound(Handler handler) { not_found_ = std::move(handler); }

  // Runs the matching handler; 404 (via the not-found handler) when no pattern
  // matches, 405 with Allow when the path matches but the method does not.
  Response Dispatch(const Request& request) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Handler handler;
  };
  static bool Match(const Route& route, const std::vector<std::string_view>& parts,
                    RouteParams* params);

  std::vector<Route> routes_;
  Handler not_found_;
};

}  // namespace newsdesk::http
