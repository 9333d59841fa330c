// RevisionStore: every save of an article made at the desk, kept whole. A save
// writes its revision in the same transaction as the article (Bundle::saved_by),
// so there is never an article state without its revision. The first desk save
// of an article that came in by import also keeps the imported state first.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "content/model.h"

namespace newsdesk {

struct RevisionInfo {
  std::int64_t revision = 0;  // the article's revision (its ETag "r<revision>")
  UnixSeconds saved_at = 0;
  std::string saved_by;       // a name, or "import"
  std::string note;           // "restored revision 3", "autosave", or empty
  std::string title;
  int words = 0;
};

struct Revision {
  RevisionInfo info;
  Article article;  // as saved: slugs and names of authors, column and tags
};

struct RevisionPage {
  std::vector<RevisionInfo> items;  // newest first
  std::int64_t total = 0;
};

class RevisionStore {
 public:
  virtual ~RevisionStore() = default;
  // Of the article now at `slug` (its revisions follow it through renames).
  virtual RevisionPage ListRevisions(const std::string& slug, int limit, int offset) = 0;
  virtual std::optional<Revision> FindRevision(const std::string& slug, std::int64_t revision) = 0;
};

}  // namespace newsdesk
