// WordPress WXR exports: any bytes give a bundle or an error, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "transfer/bundle.h"
#include "transfer/wxr_import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto bundle = newsdesk::ParseWxr(newsdesk::WxrSource{{}, text}, /*with_publication=*/true);
  (void)bundle;
  return 0;
}
