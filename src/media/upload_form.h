// The form of an image upload (multipart: `file`, `alt`, `caption`,
// `credit`), read the same way for the admin API and the admin's own pages.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/status.h"
#include "http/multipart.h"
#include "media/media_library.h"

namespace newsdesk::media {

// The upload in `parts`. Fields named in `also` (a CSRF token) go to `*others`;
// any other unknown field is an error naming it. Errors: code "too_large"
// (field "file") beyond `max_bytes`, else "validation".
Result<Upload> UploadFromForm(const std::vector<http::FormPart>& parts, size_t max_bytes,
                              const std::set<std::string>& also = {}, std::map<std::string, std::string>* others = nullptr);

}  // namespace newsdesk::media
