// Request and Response as the rest of newsdesk sees them: plain structs with no
// Beast types, so handlers and services compile fast and can be tested without a
// socket. The server (server.cpp) converts to and from the wire.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsdesk::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;       // "GET", "HEAD", "POST", ...
  std::string target;       // as sent: "/columns/x?page=2"
  std::string path;         // percent-decoded path without the query: "/columns/x"
  std::string query;        // raw query string after '?', if any
  Headers headers;          // names in lowercase
  std::string body;
  std::string remote_addr;  // the peer's IP address
  // The client's address, for limits: remote_addr, or, when the peer is a
  // trusted proxy (--trusted-proxy), the address it says it forwarded for.
  std::string client_addr;

  // Case-insensitive; empty when absent.
  std::string_view Header(std::string_view name) const;
  // The first value of `name` in the query string, decoded ('+' is a space).
  std::optional<std::string> QueryParam(std::string_view name) const;
  // The value of an application/x-www-form-urlencoded body field.
  std::optional<std::string> FormField(std::string_view name) const;
  // Every value of a repeated field (a multiple <select>), in order.
  std::vector<std::string> FormFields(std::string_view name) const;
  std::optional<std::string> Cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  Headers headers;  // extra headers: Location, Set-Cookie, Cache-Control, ...
  // What the page shows besides what its path names, as change-log scopes
  // (PageCache::ScopeOf: "article:<slug>", "list:column:<slug>"...): an
  // article page lists its column's newest and related articles. For caches and
  // export-static --incremental; never sent.
  std::vector<std::string> scopes;

  static Response Html(int status, std::string body);
  static Response Text(int status, std::string body);
  static Response Redirect(int status, std::string location);
  Response& With(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  // Sets a header, replacing any of that name (compared without case).
  Response& Replacing(const std::string& name, std::string value);
};

}  // namespace newsdesk::http
