// MediaFiles in a directory beside the database (--media-dir): each file
// written to a temporary name and renamed, so a reader never sees half of one.
#pragma once

#include <filesystem>

#include "media/media_store.h"

namespace newsdesk::media {

class DirectoryMediaFiles : public MediaFiles {
 public:
  explicit DirectoryMediaFiles(std::filesystem::path dir) : dir_(std::move(dir)) {}
  Status Put(const std::string& name, std::string_view bytes) override;
  std::optional<std::string> Get(const std::string& name) override;
  void RemoveAll(const std::string& id) override;

  // The default place: "<database>.media" beside a SQLite file.
  static std::filesystem::path DefaultFor(const std::string& db_url);
  // `configured` (--media-dir) when set, else DefaultFor(db_url).
  static std::filesystem::path For(const std::string& db_url, const std::string& configured) {
    return configured.empty() ? DefaultFor(db_url) : std::filesystem::path(configured);
  }

 private:
  // Only names newsdesk makes: [0-9a-f-]+ and one dot-extension.
  static bool SafeName(const std::string& name);
  std::filesystem::path dir_;
};

}  // namespace newsdesk::media
