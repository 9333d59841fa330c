// Markdown rendering (cmark-gfm): raw HTML never passes through.
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "render/markdown.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view md(reinterpret_cast<const char*>(data), size);
  std::string out = newsdesk::RenderMarkdown(md);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  if (out.find("<script") != std::string::npos) __builtin_trap();
  if (out.find("href=\"javascript:") != std::string::npos) __builtin_trap();
  return 0;
}
