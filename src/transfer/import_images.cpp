#include "transfer/import_images.h"

#include <algorithm>
#include <fstream>
#include <sstream>

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
  prepared_.push_back(std::move(added).value());
  done_[path] = image->media_id;
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
