// ArticleDesk: every change an editor makes to an article, from the admin UI
// or the API, goes through here, so both apply the same rules in one place:
// who may do what (admin/roles.h), the save's precondition (the revision it
// was based on), a revision kept for every save, slug changes leaving a
// redirect behind, the trash, and the audit log (publishing, deletes). See
// this folder's README for the lifecycle.
//
// Errors carry Error::code: "validation" (field named), "forbidden",
// "not_found", "conflict" (slug taken, in the trash) or "stale" (someone
// else saved first).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "content/clock.h"
#include "content/word_diff.h"
#include "desk/editor.h"
#include "storage/desk_activity_store.h"
#include "storage/revision_store.h"
#include "storage/store.h"

namespace newsdesk {

// Two revisions side by side, field by field.
struct RevisionDiff {
  Revision from, to;
  std::vector<DiffPiece> title, summary, body;
};

// A staff note as typed: control characters dropped; refused when empty or
// longer than kMaxNoteLength.
Result<std::string> NoteText(const std::string& typed);

class ArticleDesk {
 public:
  ArticleDesk(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // A new article; "conflict" when the slug is taken.
  Result<Article> Create(const Editor& editor, Article article);

  // Saves `next` over the article now at `slug`. `next.slug` differing from
  // `slug` renames it (the old URL then redirects). `base_revision` is the
  // revision the editor started from (0: whatever is stored now).
  Result<Article> Update(const Editor& editor, const std::string& slug, Article next, std::int64_t base_revision,
                         const std::string& note = {});

  Status Trash(const Editor& editor, const std::string& slug);
  Status Restore(const Editor& editor, const std::string& slug);
  // Deletes everything in the trash for good (editors and admins); how many.
  Result<int> EmptyTrash(const Editor& editor);
  // Deletes one article in the trash for good (editors and admins).
  Status Delete(const Editor& editor, const std::string& slug);
  // What the trash keeps: articles trashed more than this long ago go for good.
  static constexpr UnixSeconds kTrashKeptFor = 30 * 24 * 3600;
  // Deletes what has been in the trash past kTrashKeptFor (the server's timer).
  int PurgeTrash();

  // Makes revision `revision` the article's content again, as a new revision.
  Result<Article> RestoreRevision(const Editor& editor, const std::string& slug, std::int64_t revision,
                                  std::int64_t base_revision);
  Result<RevisionDiff> Diff(const std::string& slug, std::int64_t from, std::int64_t to) const;

  // Whether `editor` may save `next` over `current` (nullopt: a new article).
  // Publishing is refused while an image it shows (featured or in the body)
  // has no alt text; the error names the image.
  Status ImagesDescribed(const Article& article);
  static Status MayWrite(const Editor& editor, const Article& next, const std::optional<Article>& current);

 private:
  // `before`: the stored status (nullopt: a new article), for the audit log.
  Result<Article> Write(const Editor& editor, Article article, const std::string& note,
                        std::optional<ArticleStatus> before);
  void Audit(const Editor& editor, const std::string& action, const std::string& slug, const std::string& detail);

  Store& store_;
  const Clock& clock_;
};

}  // namespace newsdesk
