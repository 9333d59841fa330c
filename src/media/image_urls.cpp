#include "media/image_urls.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace newsdesk::media {

namespace {

std::string Extension(const std::string& format) {
  return format == "png" ? "png" : format == "webp" ? "webp" : "jpg";
}

// A number of 1..5 digits, no sign or leading zero.
std::optional<int> Number(std::string_view s) {
  if (s.empty() || s.size() > 5 || (s.size() > 1 && s[0] == '0')) return std::nullopt;
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

bool IsMediaId(std::string_view s) {
  return s.size() == 20 && s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

int FocalPercent(double v) { return static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 100)); }

const std::vector<int>& DerivativeWidths() {
  static const std::vector<int> widths = {320, 640, 960, 1280, 1920};
  return widths;
}

CropSize CropSizeOf(const MediaItem& item, CropShape shape) {
  int ratio_w = 1, ratio_h = 1;
  switch (shape) {
    case CropShape::kOpenGraph: ratio_w = 120; ratio_h = 63; break;
    case CropShape::kWide: ratio_w = 16; ratio_h = 9; break;
    case CropShape::kStandard: ratio_w = 4; ratio_h = 3; break;
    case CropShape::kSquare: break;
  }
  // The widest multiple of the ratio that is at most 1200 wide and fits the master.
  int k = std::min({1200 / ratio_w, item.width / ratio_w, item.height / ratio_h});
  if (k < 1) return {std::max(1, std::min(item.width, item.height)), std::max(1, std::min(item.width, item.height))};
  return {k * ratio_w, k * ratio_h};
}

std::string MasterName(const MediaItem& item) { return item.id + "." + Extension(item.format); }

std::string DerivativeName(const std::string& id, int width, const std::string& format) {
  return id + "-" + std::to_string(width) + "." + Extension(format);
}

std::string CropName(const MediaItem& item, CropShape shape) {
  CropSize size = CropSizeOf(item, shape);
  return item.id + "-" + std::to_string(size.width) + "x" + std::to_string(size.height) + "-" +
         std::to_string(FocalPercent(item.focal_x)) + "-" + std::to_string(FocalPercent(item.focal_y)) + ".jpg";
}

std::vector<int> WidthsOf(const MediaItem& item) {
  std::vector<int> out;
  for (int w : DerivativeWidths()) {
    if (w < item.width) out.push_back(w);
  }
  return out;
}

int ServedWidth(const MediaItem& item, int width) {
  for (int w : WidthsOf(item)) {
    if (w >= width) return w;
  }
  return item.width;
}

std::string NameForWidth(const MediaItem& item, int width, const std::string& format) {
  int served = ServedWidth(item, width);
  return served < item.width ? DerivativeName(item.id, served, format) : MasterName(item);
}

int HeightAt(const MediaItem& item, int width) {
  return std::max(1, static_cast<int>(static_cast<std::int64_t>(item.height) * width / std::max(1, item.width)));
}

std::string Srcset(const MediaItem& item, const std::string& format, const std::string& prefix) {
  std::string out;
  for (int w : WidthsOf(item)) {
    if (!out.empty()) out += ", ";
    out += prefix + DerivativeName(item.id, w, format) + " " + std::to_string(w) + "w";
  }
  if (format != "webp") {
    if (!out.empty()) out += ", ";
    out += prefix + MasterName(item) + " " + std::to_string(item.width) + "w";
  }
  return out;
}

std::optional<FileName> ParseFileName(std::string_view name) {
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  FileName f;
  f.ext = std::string(name.substr(dot + 1));
  if (f.ext != "jpg" && f.ext != "png" && f.ext != "webp") return std::nullopt;
  std::string_view stem = name.substr(0, dot);
  size_t dash = stem.find('-');
  if (!IsMediaId(stem.substr(0, dash))) return std::nullopt;
  f.id = std::string(stem.substr(0, dash));
  if (dash == std::string_view::npos) return f;
  std::string_view rest = stem.substr(dash + 1);
  size_t x = rest.find('x');
  if (x == std::string_view::npos) {
    auto w = Number(rest);
    if (!w || *w == 0) return std::nullopt;
    f.width = *w;
    return f;
  }
  // A crop: WxH-FX-FY
  size_t d1 = rest.find('-');
  size_t d2 = d1 == std::string_view::npos ? d1 : rest.find('-', d1 + 1);
  if (d2 == std::string_view::npos || x > d1) return std::nullopt;
  auto w = Number(rest.substr(0, x)), h = Number(rest.substr(x + 1, d1 - x - 1));
  auto fx = Number(rest.substr(d1 + 1, d2 - d1 - 1)), fy = Number(rest.substr(d2 + 1));
  if (!w || !h || !fx || !fy || *w == 0 || *h == 0 || *fx > 100 || *fy > 100) return std::nullopt;
  f.crop = {*w, *h};
  f.focal_x = *fx;
  f.focal_y = *fy;
  return f;
}

bool IsFileOf(const MediaItem& item, const FileName& f) {
  if (f.id != item.id) return false;
  if (f.crop.width) {
    if (f.ext != "jpg" || f.focal_x != FocalPercent(item.focal_x) || f.focal_y != FocalPercent(item.focal_y)) return false;
    for (auto shape : {CropShape::kOpenGraph, CropShape::kWide, CropShape::kStandard, CropShape::kSquare}) {
      CropSize s = CropSizeOf(item, shape);
      if (s.width == f.crop.width && s.height == f.crop.height) return true;
    }
    return false;
  }
  if (f.width == 0) return f.ext == Extension(item.format);
  auto widths = WidthsOf(item);
  return f.ext != "png" && std::find(widths.begin(), widths.end(), f.width) != widths.end();
}

std::vector<std::string> MediaIdsIn(std::string_view body) {
  std::vector<std::string> out;
  constexpr std::string_view kPrefix = "/media/";
  for (size_t at = body.find(kPrefix); at != std::string_view::npos; at = body.find(kPrefix, at + 1)) {
    std::string_view id = body.substr(at + kPrefix.size(), 20);
    if (!IsMediaId(id)) continue;
    if (std::find(out.begin(), out.end(), id) == out.end()) out.emplace_back(id);
  }
  return out;
}

std::string ContentTypeOf(const std::string& ext) {
  return ext == "png" ? "image/png" : ext == "webp" ? "image/webp" : "image/jpeg";
}

}  // namespace newsdesk::media
