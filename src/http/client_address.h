// Which address a request comes from, for per-client limits (sign-in, search,
// subscribe). Behind a reverse proxy every request's peer is the proxy, so its
// X-Forwarded-For is believed, but only when the peer is a proxy the operator
// named (--trusted-proxy): anyone else could write any address there.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsdesk::http {

// `peer` unless it is one of `trusted`; then the rightmost address of
// `forwarded_for` ("client, proxy1, proxy2") that is not itself trusted (each
// trusted proxy appends the address it got the request from). Falls back to
// `peer` when the header is absent or holds nothing that looks like an address.
std::string ClientAddress(const std::string& peer, std::string_view forwarded_for,
                          const std::vector<std::string>& trusted);

}  // namespace newsdesk::http
