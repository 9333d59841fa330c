// Content bundles (JSON): any bytes give a bundle or an error naming the problem.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "transfer/bundle.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto bundle = newsdesk::ParseBundle(text);
  if (!bundle.ok()) {
    // Errors are for people: never empty.
    if (bundle.error().ToString().empty()) __builtin_trap();
  }
  return 0;
}
