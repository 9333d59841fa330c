// One upload's processing as newsdesk does it, as a command for bench/media:
// the master (decoded, checked, oriented, sRGB, metadata stripped) and every
// derivative (320..1920 px, WebP and JPEG), written to a folder, so /usr/bin/time
// can measure it beside ImageMagick's convert and vipsthumbnail doing the same.
// Usage: media_derivatives FILE OUT_DIR
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "media/image_processor.h"
#include "media/image_urls.h"

int main(int argc, char** argv) {
  using namespace newsdesk;
  if (argc != 3) {
    fmt::print(stderr, "usage: media_derivatives FILE OUT_DIR\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  media::ImageLimits limits;
  limits.max_bytes = 200 * 1024 * 1024;
  auto master = media::NormaliseUpload(bytes.str(), limits);
  if (!master.ok()) {
    fmt::print(stderr, "{}\n", master.error().ToString());
    return 1;
  }
  std::filesystem::path out(argv[2]);
  std::ofstream(out / ("master." + master.value().format), std::ios::binary) << master.value().bytes;
  MediaItem item;
  item.width = master.value().width;
  auto made = media::AllDerivatives(master.value().bytes, media::WidthsOf(item));
  if (!made.ok()) {
    fmt::print(stderr, "{}\n", made.error().ToString());
    return 1;
  }
  for (const auto& d : made.value()) {
    std::ofstream(out / fmt::format("{}.{}", d.width, d.format), std::ios::binary) << d.bytes;
  }
  return 0;
}
