#pragma once

#include <functional>

#include "media/media_store.h"
#include "storage/sql/sql_connection.h"

namespace newsdesk {

class SqlPool;

// The columns of a media row, read by ReadMediaRow from column `first` on
// (prefix them with a table alias by writing "m." before each when joined).
constexpr const char* kMediaColumns =
    "id, file_name, format, width, height, bytes, alt, caption, credit, focal_x, focal_y, created_at, created_by";
constexpr const char* kJoinedMediaColumns =
    "m.id, m.file_name, m.format, m.width, m.height, m.bytes, m.alt, m.caption, m.credit, m.focal_x, m.focal_y, "
    "m.created_at, m.created_by";
MediaItem ReadMediaRow(const SqlStatement& st, int first = 0);
// Inserts `item` in the caller's transaction; false when its id is stored already.
bool InsertMediaRow(SqlConnection* db, const MediaItem& item);

// MediaStore in SQL, for SQLite and PostgreSQL (table media, migration 0023).
class SqlMediaStore : public MediaStore {
 public:
  // `written`: called after a change readers may see has committed (page caches look again).
  SqlMediaStore(SqlPool* pool, std::function<void()> written) : pool_(pool), written_(std::move(written)) {}
  bool AddMedia(const MediaItem& item) override;
  std::optional<MediaItem> FindMedia(const std::string& id) override;
  MediaPage ListMedia(const std::string& contains, int limit, int offset) override;
  bool UpdateMedia(const MediaItem& item) override;
  std::vector<std::string> MediaUses(const std::string& id) override;
  MediaDeleteOutcome DeleteMedia(const std::string& id) override;

 private:
  SqlPool* pool_;
  std::function<void()> written_;
};

}  // namespace newsdesk
