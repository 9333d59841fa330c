// RFC 9112 message framing a server must refuse with 400 and a closed
// connection: request smuggling lives in the gaps between what two parsers
// accept. Used by the server on every request head, and by the fuzzer.
#pragma once

#include <boost/beast/http/fields.hpp>

namespace newsdesk::http {

// False for: an HTTP/1.1 request without exactly one Host (two Hosts in any
// version); Transfer-Encoding in HTTP/1.0, twice, beside Content-Length, or
// anything but "chunked" alone ("chunked, identity", "gzip, chunked").
bool FramingIsSafe(const boost::beast::http::fields& headers, unsigned version);

}  // namespace newsdesk::http
