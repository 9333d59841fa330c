// The public names of an image's files, and which of them exist. Pure: no
// libvips, no storage, so pages, feeds, JSON-LD and email build URLs without
// touching pixels, and the server checks a requested name the same way.
//
//   <id>.jpg | <id>.png           the master
//   <id>-640.webp, <id>-640.jpg   a derivative 640 px wide (never upscaled)
//   <id>-1200x630-50-40.jpg       a crop of exactly 1200 × 630 around the focal
//                                 point (50 %, 40 %); a new focal point is a new URL
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/model.h"

namespace newsdesk::media {

// True for the form of an image's id: 20 lowercase hex characters.
bool IsMediaId(std::string_view id);

// A focal coordinate (0..1) as the whole percent crop names carry.
int FocalPercent(double v);

// The widths derivatives are made at (those below the master's width).
const std::vector<int>& DerivativeWidths();

// The shapes crops are made in: Open Graph's 1200 × 630, and the 16:9, 4:3
// and 1:1 Google asks of an article's JSON-LD image.
enum class CropShape { kOpenGraph, kWide, kStandard, kSquare };

struct CropSize {
  int width = 0;
  int height = 0;
};

// The crop of `item` in `shape`: 1200 px wide when the master allows, else the
// largest that fits (crops are never upscaled).
CropSize CropSizeOf(const MediaItem& item, CropShape shape);

std::string MasterName(const MediaItem& item);
std::string DerivativeName(const std::string& id, int width, const std::string& format);
std::string CropName(const MediaItem& item, CropShape shape);

// Derivative widths of `item` (below its own width), smallest first.
std::vector<int> WidthsOf(const MediaItem& item);
// The file `item` is best shown from at `width` CSS pixels: the smallest
// derivative at least that wide, or the master; ServedWidth is that file's width.
std::string NameForWidth(const MediaItem& item, int width, const std::string& format = "jpeg");
int ServedWidth(const MediaItem& item, int width);
// The height of `item` scaled to `width` (at least 1).
int HeightAt(const MediaItem& item, int width);
// "p/<id>-320.webp 320w, p/<id>-640.webp 640w" (format "webp"), or with JPEG
// and the master last (format "jpeg"); `prefix` is "/media/" or an absolute one.
std::string Srcset(const MediaItem& item, const std::string& format, const std::string& prefix);

// A requested file name taken apart; nullopt when newsdesk never makes such a name.
struct FileName {
  std::string id;
  int width = 0;                  // a derivative's width; 0 for the master and crops
  CropSize crop;                  // a crop's size; 0 × 0 otherwise
  int focal_x = 0, focal_y = 0;   // a crop's focal point, in percent
  std::string ext;                // "jpg", "png", "webp"
};
std::optional<FileName> ParseFileName(std::string_view name);

// True when `name` is a file newsdesk makes for `item` as it is now.
bool IsFileOf(const MediaItem& item, const FileName& name);

// Ids of uploaded images a body shows ("/media/<id>..." anywhere in it).
std::vector<std::string> MediaIdsIn(std::string_view body);

std::string ContentTypeOf(const std::string& ext);

}  // namespace newsdesk::media
