// multipart/form-data bodies (RFC 7578), as browsers and curl send uploads.
// Written by hand: Beast has no parser for it and the format is small; parts
// are views into the body, nothing is copied.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace newsdesk::http {

struct FormPart {
  std::string name;          // the form field
  std::string file_name;     // empty unless a file
  std::string content_type;  // as the client said (not trusted)
  std::string_view data;
};

// The parts of `body` given its Content-Type header ("multipart/form-data;
// boundary=..."). Errors name what is malformed.
Result<std::vector<FormPart>> ParseMultipart(std::string_view content_type, std::string_view body);

}  // namespace newsdesk::http
