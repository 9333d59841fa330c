#include "media/image_processor.h"

#include <vips/vips8>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <mutex>

namespace newsdesk::media {

namespace {

void EnsureVips() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("newsdesk")) throw std::runtime_error("libvips failed to initialise");
    // Nothing is cached between requests: memory stays bounded by what is in hand.
    vips_cache_set_max(0);
    vips_concurrency_set(1);
  });
}

Error FileError(const std::string& message) { return Error{"media", "file", message}; }

// The loader libvips would pick for these bytes, by their content.
std::string LoaderOf(std::string_view bytes) {
  const char* loader = vips_foreign_find_load_buffer(bytes.data(), bytes.size());
  vips_error_clear();
  return loader ? loader : "";
}

// By the loader's name ("jpegload_buffer", "VipsForeignLoadJpegBuffer"):
// only these formats are taken, whatever else this libvips reads.
std::string FormatOf(std::string loader) {
  for (char& c : loader) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* f : {"jpeg", "png", "webp", "gif", "heif", "svg"}) {
    if (loader.find(f) != std::string::npos) return f;
  }
  return "";
}

// Every metadata field goes before saving: libvips 8.14's WebP saver writes
// EXIF rebuilt from the image's fields even when asked to strip.
vips::VImage WithoutMetadata(vips::VImage image) {
  image = image.copy();
  char** fields = vips_image_get_fields(image.get_image());
  for (char** f = fields; *f; ++f) {
    std::string name = *f;
    if (name.rfind("exif-", 0) == 0 || name == "xmp-data" || name == "iptc-data" || name == "icc-profile-data" ||
        name == "orientation" || name.rfind("jpeg-", 0) == 0 || name.rfind("png-comment", 0) == 0 ||
        name == "gif-comment") {
      image.remove(name.c_str());
    }
  }
  g_strfreev(fields);
  return image;
}

// Drops the EXIF, XMP and ICC chunks of a WebP file (RIFF) and their flags
// in VP8X. Written by hand because libvips 8.14's WebP saver writes an EXIF
// chunk rebuilt from the image (orientation, resolution) even with strip set,
// and no Debian library edits WebP containers short of libwebpmux's whole API.
std::string WithoutWebpMetadata(std::string webp) {
  if (webp.size() < 12 || webp.compare(0, 4, "RIFF") != 0 || webp.compare(8, 4, "WEBP") != 0) return webp;
  auto u32 = [&](size_t at) {
    return static_cast<uint32_t>(static_cast<unsigned char>(webp[at])) |
           static_cast<uint32_t>(static_cast<unsigned char>(webp[at + 1])) << 8 |
           static_cast<uint32_t>(static_cast<unsigned char>(webp[at + 2])) << 16 |
           static_cast<uint32_t>(static_cast<unsigned char>(webp[at + 3])) << 24;
  };
  std::string out = webp.substr(0, 12);
  for (size_t at = 12; at + 8 <= webp.size();) {
    std::string tag = webp.substr(at, 4);
    size_t size = u32(at + 4);
    size_t whole = 8 + size + (size & 1);
    if (at + whole > webp.size()) return webp;  // not a shape we understand: leave it
    if (tag == "VP8X" && size >= 1) {
      std::string chunk = webp.substr(at, whole);
      chunk[8] = static_cast<char>(chunk[8] & ~(0x20 | 0x08 | 0x04));  // ICC, EXIF, XMP flags
      out += chunk;
    } else if (tag != "EXIF" && tag != "XMP " && tag != "ICCP") {
      out += webp.substr(at, whole);
    }
    at += whole;
  }
  uint32_t riff = static_cast<uint32_t>(out.size() - 8);
  for (int i = 0; i < 4; ++i) out[4 + i] = static_cast<char>((riff >> (8 * i)) & 0xff);
  return out;
}

// `optimize`: Huffman tables made for this image (JPEG), 5-8 % smaller for a
// second pass over it; worth it for sizes served many times, not for a
// 24-megapixel master (a fifth of the whole upload's time).
// libvips' thumbnail of `bytes`, read in place (a blob over them, no copy).
vips::VImage ThumbnailOf(std::string_view bytes, int width, vips::VOption* options) {
  VipsBlob* blob = vips_blob_new(nullptr, bytes.data(), bytes.size());
  try {
    vips::VImage image = vips::VImage::thumbnail_buffer(blob, width, options);
    vips_area_unref(VIPS_AREA(blob));
    return image;
  } catch (...) {
    vips_area_unref(VIPS_AREA(blob));
    throw;
  }
}

// `bytes` at most `width` wide, never enlarged (shrunk on load where the format allows).
vips::VImage WidthAtMost(std::string_view bytes, int width) {
  return ThumbnailOf(bytes, width, vips::VImage::option()->set("size", VIPS_SIZE_DOWN)->set("height", 100000));
}

std::string Encode(vips::VImage image, const std::string& format, bool optimize = true) {
  image = WithoutMetadata(image);
  void* buf = nullptr;
  size_t size = 0;
  if (format == "webp") {
    image.write_to_buffer(".webp", &buf, &size, vips::VImage::option()->set("strip", true)->set("Q", 80));
  } else if (format == "png") {
    image.write_to_buffer(".png", &buf, &size, vips::VImage::option()->set("strip", true));
  } else {
    if (image.has_alpha()) image = image.flatten(vips::VImage::option()->set("background", std::vector<double>{255, 255, 255}));
    image.write_to_buffer(".jpg", &buf, &size,
                          vips::VImage::option()->set("strip", true)->set("Q", 82)->set("optimize_coding", optimize));
  }
  std::string out(static_cast<const char*>(buf), size);
  g_free(buf);
  return format == "webp" ? WithoutWebpMetadata(std::move(out)) : out;
}

}  // namespace

Result<Master> NormaliseUpload(std::string_view bytes, const ImageLimits& limits) {
  EnsureVips();
  if (bytes.empty()) return FileError("is empty");
  if (bytes.size() > limits.max_bytes) {
    return FileError("is " + std::to_string(bytes.size() / (1024 * 1024)) + " MB; the limit is " +
                     std::to_string(limits.max_bytes / (1024 * 1024)) + " MB");
  }
  std::string format = FormatOf(LoaderOf(bytes));
  if (format == "svg") return FileError("SVG images are refused: they can carry scripts");
  if (format.empty()) return FileError("is not an image newsdesk reads (JPEG, PNG, WebP, GIF, HEIC/AVIF)");
  try {
    // The header only: width and height are known before any pixel is decoded.
    vips::VImage image = vips::VImage::new_from_buffer(
        bytes.data(), bytes.size(), "",
        vips::VImage::option()->set("access", VIPS_ACCESS_SEQUENTIAL)->set("fail", true));
    std::int64_t pixels = std::int64_t{image.width()} * image.height();
    if (pixels > limits.max_pixels) {
      return FileError(std::to_string(image.width()) + " × " + std::to_string(image.height()) + " pixels is more than " +
                       std::to_string(limits.max_pixels / 1'000'000) + " megapixels");
    }
    // thumbnail applies the orientation tag and converts to sRGB while
    // streaming (no whole decoded copy in memory); "down" never enlarges.
    image = ThumbnailOf(bytes, std::max(image.width(), image.height()),
                        vips::VImage::option()
                            ->set("size", VIPS_SIZE_DOWN)
                            ->set("height", std::max(image.width(), image.height()))
                            ->set("option_string", "fail=true"));  // a truncated file is an error, not a grey half
    if (image.interpretation() != VIPS_INTERPRETATION_sRGB && image.interpretation() != VIPS_INTERPRETATION_B_W) {
      image = image.colourspace(VIPS_INTERPRETATION_sRGB);
    }
    Master m;
    m.source_format = format;
    m.format = image.has_alpha() ? "png" : "jpeg";
    m.bytes = Encode(image, m.format, /*optimize=*/false);  // decodes the whole image: a truncated file fails here
    m.width = image.width();
    m.height = image.height();
    return m;
  } catch (const vips::VError& e) {
    std::string what = e.what();
    vips_error_clear();
    return FileError("could not be decoded as " + format + " (truncated or damaged?): " +
                     what.substr(0, what.find('\n')));
  }
}

Result<std::string> Derivative(std::string_view master, int width, const std::string& format) {
  EnsureVips();
  try {
    return Encode(WidthAtMost(master, width), format);
  } catch (const vips::VError& e) {
    vips_error_clear();
    return FileError(std::string("could not be resized: ") + e.what());
  }
}

Result<std::vector<MadeDerivative>> AllDerivatives(std::string_view master, std::vector<int> widths) {
  EnsureVips();
  std::vector<MadeDerivative> out;
  if (widths.empty()) return out;
  std::sort(widths.begin(), widths.end(), std::greater<>());
  try {
    // One decode (shrunk on load to the largest width), kept in memory; every
    // smaller size is made from it, each encoded as WebP and JPEG.
    vips::VImage largest = WidthAtMost(master, widths.front()).copy_memory();
    for (int width : widths) {
      vips::VImage image = width >= largest.width()
                               ? largest
                               : largest.thumbnail_image(width, vips::VImage::option()
                                                                    ->set("size", VIPS_SIZE_DOWN)
                                                                    ->set("height", 100000));
      if (width < largest.width()) image = image.copy_memory();
      for (const char* format : {"webp", "jpeg"}) out.push_back({width, format, Encode(image, format)});
    }
    return out;
  } catch (const vips::VError& e) {
    vips_error_clear();
    return FileError(std::string("could not be resized: ") + e.what());
  }
}

Result<std::string> Crop(std::string_view master, int width, int height, double focal_x, double focal_y,
                         const std::string& format) {
  EnsureVips();
  try {
    vips::VImage image = vips::VImage::new_from_buffer(master.data(), master.size(), "");
    double scale = std::max(static_cast<double>(width) / image.width(), static_cast<double>(height) / image.height());
    vips::VImage scaled = image.resize(scale);
    int left = static_cast<int>(std::lround(focal_x * scaled.width() - width / 2.0));
    int top = static_cast<int>(std::lround(focal_y * scaled.height() - height / 2.0));
    left = std::clamp(left, 0, std::max(0, scaled.width() - width));
    top = std::clamp(top, 0, std::max(0, scaled.height() - height));
    vips::VImage cropped =
        scaled.extract_area(left, top, std::min(width, scaled.width()), std::min(height, scaled.height()));
    return Encode(cropped, format);
  } catch (const vips::VError& e) {
    vips_error_clear();
    return FileError(std::string("could not be cropped: ") + e.what());
  }
}

}  // namespace newsdesk::media
