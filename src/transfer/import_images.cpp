#include "transfer/import_images.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <fstream>
#include <sstream>

#include "base/regex.h"
#include "media/image_urls.h"
#include "transfer/bundle.h"

namespace newsdesk {

namespace fs = std::filesystem;

std::string ImagePathBelow(std::string_view url, std::string_view marker) {
  if (size_t at = url.find(marker); at != std::string_view::npos) url = url.substr(at + marker.size());
  url = url.substr(0, url.find_first_of("?#"));
  while (!url.empty() && url.front() == '/') url.remove_prefix(1);
  if (url.find("://") != std::string_view::npos || !RelativePathProblem(url).empty()) return "";
  return std::string(url);
}

void ImportImages::Resolve(const std::string& record, ArticleImage* image) {
  if (image->path.empty()) return;
  std::string path = std::exchange(image->path, {});
  if (auto it = done_.find(path); it != done_.end()) {
    image->media_id = it->second;
    return;
  }
  auto warn = [&](const std::string& what, int* counter) {
    warnings_.push_back(record + ": '" + path + "' " + what);
    ++*counter;
  };
  std::error_code ec;
  fs::path base = fs::weakly_canonical(base_dir_, ec);
  fs::path file = fs::weakly_canonical(base_dir_ / path, ec);
  // A symbolic link may not lead out of the folder the import was given.
  auto rel = file.lexically_relative(base);
  if (ec || rel.empty() || *rel.begin() == "..") return warn("is outside " + base_dir_.string(), &refused_);
  if (!fs::is_regular_file(file, ec)) return warn("is not in " + base_dir_.string(), &missing_);
  auto size = fs::file_size(file, ec);
  if (ec || size > library_.limits().max_bytes) {
    return warn("is larger than " + std::to_string(library_.limits().max_bytes / (1024 * 1024)) + " MB", &refused_);
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  media::Upload upload;
  upload.bytes = std::move(bytes).str();
  upload.file_name = file.filename().string();
  upload.alt = image->alt;
  upload.caption = image->caption;
  upload.credit = image->credit;
  upload.by = by_;
  auto added = library_.Prepare(std::move(upload));
  if (!added.ok()) return warn(added.error().message, &refused_);
  ++uploaded_;
  image->media_id = added.value().id;
  master_[image->media_id] = media::MasterName(added.value());
  prepared_.push_back(std::move(added).value());
  done_[path] = image->media_id;
}

void ImportImages::ResolveBody(const std::string& record, std::string* html, std::string_view marker) {
  if (html->find(marker) == std::string::npos) return;
  static const Regex kUrl(R"re((\s(?:src|href)\s*=\s*)(["'])([^"']*)\2)re", Regex::kCaseless);
  static const Regex kResized(R"re(^(.*)-\d{2,5}x\d{2,5}(\.[A-Za-z]{3,4})$)re");
  static const Regex kAlt(R"re(\salt\s*=\s*"([^"]*)")re", Regex::kCaseless);
  static const Regex kImg(R"re(<(?:img|a)\b[^>]*>)re", Regex::kCaseless);
  *html = kImg.Replace(*html, [&](const std::vector<std::string_view>& tag) {
    std::string alt;
    kAlt.Replace(tag[0], [&](const std::vector<std::string_view>& g) {
      alt = std::string(g[1]);
      return std::string();
    });
    return kUrl.Replace(tag[0], [&](const std::vector<std::string_view>& g) {
      std::string url(g[3]);
      if (url.find(marker) == std::string::npos) return std::string(g[0]);
      std::string path = ImagePathBelow(url, marker);
      std::string lower = path;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      bool image = false;
      for (const char* ext : {".jpg", ".jpeg", ".png", ".gif", ".webp"}) {
        image = image || (lower.size() > std::strlen(ext) && lower.ends_with(ext));
      }
      if (path.empty() || !image) return std::string(g[0]);
      // The original rather than a resized copy, when it is there.
      std::string original = kResized.Replace(path, "$1$2");
      std::error_code ec;
      if (original != path && fs::is_regular_file(base_dir_ / original, ec)) path = original;
      ArticleImage one;
      one.path = path;
      one.alt = alt.substr(0, kMaxAltBytes);
      Resolve(record, &one);
      if (one.media_id.empty()) return std::string(g[0]);
      return std::string(g[1]) + std::string(g[2]) + "/media/" + master_[one.media_id] + std::string(g[2]);
    });
  });
}

void ImportImages::ResolvePhoto(Author* author) {
  if (author->photo_path.empty()) return;
  ArticleImage photo;
  photo.path = std::exchange(author->photo_path, {});
  photo.alt = author->name;
  Resolve("author " + author->slug, &photo);
  author->photo_id = photo.media_id;
}

void ImportImages::ResolveAll(std::vector<Article>* articles, std::vector<Author>* authors) {
  for (auto& a : *authors) ResolvePhoto(&a);
  for (auto& a : *articles) Resolve("article " + a.slug, &a.image);
}

}  // namespace newsdesk
