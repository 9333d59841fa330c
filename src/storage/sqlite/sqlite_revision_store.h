#pragma once

#include "storage/revision_store.h"

namespace newsdesk {

class SqliteConnection;
class SqlitePool;

// The SQLite back end of RevisionStore (table article_revisions).
class SqliteRevisionStore : public RevisionStore {
 public:
  explicit SqliteRevisionStore(SqlitePool* pool) : pool_(pool) {}
  RevisionPage ListRevisions(const std::string& slug, int limit, int offset) override;
  std::optional<Revision> FindRevision(const std::string& slug, std::int64_t revision) override;

  // Keeps the article stored at `article_id` as a revision, inside the
  // caller's transaction (the bundle writer's save).
  static void Record(SqliteConnection* db, std::int64_t article_id, const Article& article, UnixSeconds now,
                     const std::string& by, const std::string& note);
  static bool HasAny(SqliteConnection* db, std::int64_t article_id);

 private:
  SqlitePool* pool_;
};

}  // namespace newsdesk
