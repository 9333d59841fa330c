#include "content/byline.h"

namespace newsdesk {

const char* BylineSeparator(size_t index, size_t count) {
  if (index + 2 == count) return " and ";
  if (index + 2 < count) return ", ";
  return "";
}

std::string JoinByline(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    out += names[i];
    out += BylineSeparator(i, names.size());
  }
  return out;
}

std::string JoinByline(const std::vector<NamedRef>& authors) {
  std::vector<std::string> names;
  names.reserve(authors.size());
  for (const auto& a : authors) names.push_back(a.name);
  return JoinByline(names);
}

}  // namespace newsdesk
