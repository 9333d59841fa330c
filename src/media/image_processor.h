// Image processing with libvips: what an upload is really (decoded, not
// trusted from its name or type), its normalised master (orientation
// applied, sRGB, every piece of metadata stripped: EXIF, GPS, IPTC, XMP),
// and resized derivatives. Limits are checked on the header, before any
// pixel is decoded, so a decompression bomb costs nothing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace newsdesk::media {

struct ImageLimits {
  std::size_t max_bytes = 25 * 1024 * 1024;
  std::int64_t max_pixels = 100'000'000;
};

// An upload turned into what is kept: the master image, metadata-free.
struct Master {
  std::string bytes;
  std::string format;     // "jpeg" or "png" (kept when the image has transparency)
  std::string source_format;  // what was uploaded: "jpeg", "png", "webp", "gif", "heif"
  int width = 0;
  int height = 0;
};

// Errors name the field "file" and say what was wrong ("not an image", "SVG
// images are refused", "100000 × 100000 pixels is more than 100 megapixels").
Result<Master> NormaliseUpload(std::string_view bytes, const ImageLimits& limits);

// A derivative of `master` at most `width` pixels wide (never upscaled), as
// "webp" or "jpeg", metadata-free.
Result<std::string> Derivative(std::string_view master, int width, const std::string& format);

// Every size at once, for the background worker: the master decoded once (to
// the largest width), each smaller size made from that; WebP and JPEG of each.
struct MadeDerivative {
  int width = 0;
  std::string format;  // "webp" or "jpeg"
  std::string bytes;
};
Result<std::vector<MadeDerivative>> AllDerivatives(std::string_view master, std::vector<int> widths);

// A crop of `master` to exactly width × height around the focal point (0..1).
Result<std::string> Crop(std::string_view master, int width, int height, double focal_x, double focal_y,
                         const std::string& format);

}  // namespace newsdesk::media
