#include "base/status.h"

namespace newsdesk {

std::string Error::ToString() const {
  std::string out;
  for (const std::string* part : {&record, &field, &message}) {
    if (part->empty()) continue;
    if (!out.empty()) out += ": ";
    out += *part;
  }
  return out;
}

}  // namespace newsdesk
