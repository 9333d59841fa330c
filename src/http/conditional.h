#pragma once

#include "content/model.h"
#include "http/message.h"

namespace newsdesk::http {

// Gives a 200 response an ETag (from its body) and, when `last_modified` > 0, a
// Last-Modified header; answers 304 with no body when the request's
// If-None-Match (or, without it, If-Modified-Since) shows the client is current.
Response WithValidators(const Request& request, Response response, UnixSeconds last_modified);

// RFC 9110 IMF-fixdate: "Wed, 28 Sep 2016 14:00:00 GMT"; Parse returns -1 when malformed.
std::string FormatHttpDate(UnixSeconds t);
UnixSeconds ParseHttpDate(std::string_view text);

}  // namespace newsdesk::http
