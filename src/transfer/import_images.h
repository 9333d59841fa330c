// Images an import brings as files rather than upload ids: a bundle's
// `image`/`photo` paths (relative to the bundle file), and the featured
// images of WordPress and Ghost exports (relative to `import --media-from
// DIR`, the site's wp-content/uploads or Ghost's content/images). Each file
// goes through the media library like an upload (checked, stripped, resized).
// A file that is missing or not an image is a warning, counted and listed,
// and the record is imported without it: an archive is not refused for one
// lost picture.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "content/model.h"
#include "media/media_library.h"

namespace newsdesk {

// The path of an image file below an export's image folder, from its URL or
// stored path: "2016/09/a.jpg" for ".../wp-content/uploads/2016/09/a.jpg" with
// `marker` "/wp-content/uploads/" (Ghost: "/content/images/"); a path with no
// marker is taken as it is. "" when it is no plain relative path.
std::string ImagePathBelow(std::string_view url, std::string_view marker);

class ImportImages {
 public:
  ImportImages(media::MediaLibrary& library, std::filesystem::path base_dir, std::string by = "import")
      : library_(library), base_dir_(base_dir.empty() ? "." : std::move(base_dir)), by_(std::move(by)) {}

  // Uploads `image->path` when set and points media_id at the upload;
  // `record` names the article in warnings ("article x").
  void Resolve(const std::string& record, ArticleImage* image);
  void ResolvePhoto(Author* author);
  void ResolveAll(std::vector<Article>* articles, std::vector<Author>* authors);
  // The old site's images in an HTML body (<img src> and links to image
  // files below `marker`, "/wp-content/uploads/" or "/content/images/"):
  // uploaded, and the body pointed at them here, so the archive keeps its
  // pictures when the old site is gone. WordPress's resized copies
  // ("photo-300x200.jpg") bring their original when the folder has it.
  void ResolveBody(const std::string& record, std::string* html, std::string_view marker);

  // The uploads made since the last call, for BundleWriter::AddMedia (the
  // import's transaction stores them with the records that use them).
  std::vector<MediaItem> TakePrepared() { return std::exchange(prepared_, {}); }

  int uploaded() const { return uploaded_; }
  const std::vector<std::string>& warnings() const { return warnings_; }
  int missing() const { return missing_; }
  int refused() const { return refused_; }

 private:
  media::MediaLibrary& library_;
  std::filesystem::path base_dir_;
  std::string by_;
  std::map<std::string, std::string> done_;  // path -> media id (a file used twice is one upload)
  std::map<std::string, std::string> master_;  // media id -> its master's file name
  std::vector<MediaItem> prepared_;
  std::vector<std::string> warnings_;
  int uploaded_ = 0;
  int missing_ = 0;
  int refused_ = 0;
};

}  // namespace newsdesk
