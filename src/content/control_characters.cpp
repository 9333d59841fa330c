#include "content/control_characters.h"

namespace newsdesk {

std::string WithoutControlCharacters(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    if (!IsStrayControl(static_cast<unsigned char>(ch))) out += ch;
  }
  return out;
}

}  // namespace newsdesk
