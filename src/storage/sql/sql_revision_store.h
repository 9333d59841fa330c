#pragma once

#include "storage/revision_store.h"

namespace newsdesk {

class SqlConnection;
class SqlPool;

// RevisionStore in SQL, for SQLite and PostgreSQL (table article_revisions).
class SqlRevisionStore : public RevisionStore {
 public:
  explicit SqlRevisionStore(SqlPool* pool) : pool_(pool) {}
  RevisionPage ListRevisions(const std::string& slug, int limit, int offset) override;
  std::optional<Revision> FindRevision(const std::string& slug, std::int64_t revision) override;

  // Keeps the article stored at `article_id` as a revision, inside the
  // caller's transaction (the bundle writer's save).
  static void Record(SqlConnection* db, std::int64_t article_id, const Article& article, UnixSeconds now,
                     const std::string& by, const std::string& note);
  static bool HasAny(SqlConnection* db, std::int64_t article_id);

 private:
  SqlPool* pool_;
};

}  // namespace newsdesk
