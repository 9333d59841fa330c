#include "media/upload_form.h"

namespace newsdesk::media {

Result<Upload> UploadFromForm(const std::vector<http::FormPart>& parts, size_t max_bytes,
                              const std::set<std::string>& also, std::map<std::string, std::string>* others) {
  Upload upload;
  bool has_file = false;
  for (const auto& p : parts) {
    if (p.name == "file") {
      has_file = true;
      upload.bytes = std::string(p.data);
      upload.file_name = p.file_name;
    } else if (p.name == "alt") {
      upload.alt = std::string(p.data);
    } else if (p.name == "caption") {
      upload.caption = std::string(p.data);
    } else if (p.name == "credit") {
      upload.credit = std::string(p.data);
    } else if (also.count(p.name) && others) {
      (*others)[p.name] = std::string(p.data);
    } else {
      return Error{"upload", p.name.substr(0, 60), "is not a known field of an upload"};
    }
  }
  if (!has_file || (upload.bytes.empty() && upload.file_name.empty())) {
    return Error{"upload", "file", "is required: choose an image"};
  }
  if (upload.bytes.size() > max_bytes) {
    Error e{"upload", "file", "is larger than " + std::to_string(max_bytes / (1024 * 1024)) + " MB"};
    e.code = "too_large";
    return e;
  }
  return upload;
}

}  // namespace newsdesk::media
