#pragma once

#include "http/message.h"

namespace newsdesk::http {

// Compresses a text response (HTML, CSS, JS, XML, JSON, plain text) of at least
// 1 KiB with brotli or gzip when the request's Accept-Encoding allows it, and
// sets Content-Encoding and Vary. A strong ETag gets the coding appended
// ("abc" -> "abc-br"), since the bytes differ; WithValidators accepts both.
// The application calls it on every answer (before the page cache keeps one).
void CompressResponse(const Request& request, Response* response);

}  // namespace newsdesk::http
