#include "http/multipart.h"

#include <cctype>

namespace newsdesk::http {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The value of `param` in a header value ("form-data; name=\"file\""), unquoted.
std::string Param(std::string_view header, std::string_view param) {
  size_t pos = 0;
  while ((pos = header.find(';', pos)) != std::string_view::npos) {
    ++pos;
    std::string_view rest = Trim(header.substr(pos));
    size_t eq = rest.find('=');
    if (eq == std::string_view::npos) continue;
    if (Lower(Trim(rest.substr(0, eq))) != param) continue;
    std::string_view value = Trim(rest.substr(eq + 1));
    std::string out;
    if (!value.empty() && value.front() == '"') {
      for (size_t i = 1; i < value.size() && value[i] != '"'; ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) ++i;
        out += value[i];
      }
      return out;
    }
    return std::string(value.substr(0, value.find(';')));
  }
  return "";
}

}  // namespace

Result<std::vector<FormPart>> ParseMultipart(std::string_view content_type, std::string_view body) {
  Error bad{"request", "body", ""};
  if (Lower(content_type).rfind("multipart/form-data", 0) != 0) {
    bad.message = "must be multipart/form-data";
    return bad;
  }
  std::string boundary = Param(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 70) {
    bad.message = "multipart/form-data without a boundary of 1 to 70 characters";
    return bad;
  }
  std::string delimiter = "--" + boundary;
  size_t pos = body.find(delimiter);
  if (pos == std::string_view::npos) {
    bad.message = "no part starts with the boundary";
    return bad;
  }
  std::vector<FormPart> parts;
  while (true) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") return parts;  // the closing delimiter
    if (body.substr(pos, 2) != "\r\n") break;
    pos += 2;
    size_t head_end = body.find("\r\n\r\n", pos);
    if (head_end == std::string_view::npos) break;
    FormPart part;
    std::string_view head = body.substr(pos, head_end - pos);
    while (!head.empty()) {
      size_t eol = head.find("\r\n");
      std::string_view line = head.substr(0, eol);
      head = eol == std::string_view::npos ? std::string_view() : head.substr(eol + 2);
      size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      std::string name = Lower(Trim(line.substr(0, colon)));
      std::string_view value = Trim(line.substr(colon + 1));
      if (name == "content-disposition") {
        part.name = Param(value, "name");
        part.file_name = Param(value, "filename");
      } else if (name == "content-type") {
        part.content_type = std::string(value);
      }
    }
    size_t data_start = head_end + 4;
    size_t next = body.find("\r\n" + delimiter, data_start);
    if (next == std::string_view::npos) break;
    part.data = body.substr(data_start, next - data_start);
    if (part.name.empty()) {
      bad.message = "a part has no name";
      return bad;
    }
    parts.push_back(std::move(part));
    pos = next + 2;
    if (parts.size() > 100) {
      bad.message = "more than 100 parts";
      return bad;
    }
  }
  bad.message = "the multipart body is cut short or malformed";
  return bad;
}

}  // namespace newsdesk::http
