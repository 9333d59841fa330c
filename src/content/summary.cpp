#include "content/summary.h"

namespace newsdesk {

std::string ShortSummary(std::string_view text) {
  constexpr size_t kMax = 300;
  std::string flat;
  for (char c : text) {
    bool space = c == '\n' || c == '\t' || c == '\r' || c == ' ';
    if (space && (flat.empty() || flat.back() == ' ')) continue;
    flat += space ? ' ' : c;
  }
  while (!flat.empty() && flat.back() == ' ') flat.pop_back();
  if (flat.size() <= kMax) return flat;
  size_t cut = flat.rfind(' ', kMax);
  if (cut == std::string::npos || cut < kMax * 2 / 3) cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(flat[cut]) & 0xC0) == 0x80) --cut;
  return flat.substr(0, cut) + "…";
}

}  // namespace newsdesk
