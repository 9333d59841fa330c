#pragma once

#include "media/media_store.h"

namespace newsdesk {

class SqlitePool;

// The SQLite back end of MediaStore (table media, migration 0023).
class SqliteMediaStore : public MediaStore {
 public:
  explicit SqliteMediaStore(SqlitePool* pool) : pool_(pool) {}
  bool AddMedia(const MediaItem& item) override;
  std::optional<MediaItem> FindMedia(const std::string& id) override;
  MediaPage ListMedia(const std::string& contains, int limit, int offset) override;
  bool UpdateMedia(const MediaItem& item) override;
  std::vector<std::string> MediaUses(const std::string& id) override;
  MediaDeleteOutcome DeleteMedia(const std::string& id) override;

 private:
  SqlitePool* pool_;
};

}  // namespace newsdesk
