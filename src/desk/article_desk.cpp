#include "desk/article_desk.h"

#include "content/control_characters.h"
#include "media/image_urls.h"
#include "media/media_store.h"
#include "storage/audit_log.h"
#include "transfer/bundle.h"

namespace newsdesk {

namespace {

Error Coded(std::string code, std::string record, std::string field, std::string message) {
  Error e{std::move(record), std::move(field), std::move(message)};
  e.code = std::move(code);
  return e;
}

bool Unpublished(ArticleStatus s) { return s == ArticleStatus::kDraft || s == ArticleStatus::kReview; }

// What the audit log calls a save that moved an article from `before`
// (nullopt: new) to `after`; empty for a save that changed only words.
std::string SaveAction(std::optional<ArticleStatus> before, ArticleStatus after) {
  if (before == after) return "";
  switch (after) {
    case ArticleStatus::kPublished: return "article.publish";
    case ArticleStatus::kScheduled: return "article.schedule";
    case ArticleStatus::kReview: return "article.submit";
    case ArticleStatus::kDraft: return before ? "article.unpublish" : "article.create";
  }
  return "";
}

}  // namespace

Result<std::string> NoteText(const std::string& typed) {
  std::string text = WithoutControlCharacters(typed);
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return Error{"note", "text", "is required"};
  if (text.size() > kMaxNoteLength) return Error{"note", "text", "longer than 5000 bytes"};
  return text;
}

namespace {

bool HasByline(const Article& a, const std::string& author_slug) {
  for (const auto& au : a.authors) {
    if (au.slug == author_slug) return true;
  }
  return false;
}

// Markdown images in a body: (alt text, upload id) of each ![alt](.../media/<id>...).
std::vector<std::pair<std::string, std::string>> BodyImages(const std::string& body) {
  std::vector<std::pair<std::string, std::string>> out;
  for (size_t at = body.find("!["); at != std::string::npos; at = body.find("![", at + 2)) {
    size_t close = body.find("](", at + 2);
    if (close == std::string::npos) break;
    std::string alt = body.substr(at + 2, close - at - 2);
    if (alt.find(']') != std::string::npos) continue;
    size_t end = body.find_first_of(") \n", close + 2);
    auto ids = media::MediaIdsIn(std::string_view(body).substr(close + 2, end == std::string::npos ? end : end - close - 2));
    if (!ids.empty()) out.emplace_back(alt, ids.front());
  }
  return out;
}

}  // namespace

Status ArticleDesk::ImagesDescribed(const Article& a) {
  std::string record = "article " + a.slug;
  if (!a.image.media_id.empty() && a.image.alt.find_first_not_of(" \t") == std::string::npos) {
    auto item = store_.media().FindMedia(a.image.media_id);
    if (item && item->alt.find_first_not_of(" \t") == std::string::npos) {
      return Coded("validation", record, "image.alt",
                   "the featured image '" + item->file_name + "' has no alt text: describe it for readers who "
                   "cannot see it, then publish");
    }
  }
  if (a.body_format != BodyFormat::kMarkdown) return Status::Ok();
  for (const auto& [alt, id] : BodyImages(a.body)) {
    if (alt.find_first_not_of(" \t") != std::string::npos) continue;
    auto item = store_.media().FindMedia(id);
    if (item && item->alt.find_first_not_of(" \t") == std::string::npos) {
      return Coded("validation", record, "body",
                   "the image '" + item->file_name + "' (" + id + ") has no alt text: write it between the "
                   "brackets, ![like this](...), or in the media library");
    }
  }
  return Status::Ok();
}

Status ArticleDesk::MayWrite(const Editor& editor, const Article& next, const std::optional<Article>& current) {
  std::string record = "article " + next.slug;
  // Ghost's rule: contributors and authors work on their own articles only,
  // those carrying their byline. It binds people signed in at the desk; an API
  // token is an integration an admin made, bound by its role.
  bool person = !editor.email.empty();
  if (person && editor.role <= Role::kAuthor) {
    if (editor.author_slug.empty()) {
      return Coded("forbidden", record, "authors",
                   "your account is not linked to a byline yet; ask an editor to link it");
    }
    if (current && !HasByline(*current, editor.author_slug)) {
      return Coded("forbidden", record, "authors", "you may edit only articles that carry your byline");
    }
    if (!HasByline(next, editor.author_slug)) {
      return Coded("forbidden", record, "authors", "your byline must stay on the article");
    }
  }
  if (MayPublish(editor.role)) return Status::Ok();
  // Contributors write drafts and hand them in for review; what is scheduled
  // or public is not theirs to change.
  if (current && !Unpublished(current->status)) {
    return Coded("forbidden", record, "status", "a contributor may not edit an article that is scheduled or published");
  }
  if (!Unpublished(next.status)) {
    return Coded("forbidden", record, "status", "a contributor may save a draft or submit it for review, not publish");
  }
  return Status::Ok();
}

void ArticleDesk::Audit(const Editor& editor, const std::string& action, const std::string& slug,
                        const std::string& detail) {
  if (action.empty()) return;
  store_.audit().Record({0, clock_.Now(), editor.email.empty() ? editor.name : editor.email, action, slug, detail, ""});
}

Result<Article> ArticleDesk::Write(const Editor& editor, Article article, const std::string& note,
                                   std::optional<ArticleStatus> before) {
  std::string action = SaveAction(before, article.status);
  // What readers will see must be described for those who cannot see it.
  if (!Unpublished(article.status)) {
    if (Status st = ImagesDescribed(article); !st.ok()) return st.error();
  }
  Bundle bundle;
  bundle.saved_by = editor.name.empty() ? "someone" : editor.name;
  bundle.revision_note = note;
  std::string slug = article.slug;
  bundle.articles.push_back(std::move(article));
  Status st = store_.ApplyBundle(bundle, clock_.Now());
  if (!st.ok()) {
    Error e = st.error();
    if (e.code.empty()) e.code = "validation";
    return e;
  }
  auto saved = store_.FindAnyArticle(slug);
  if (!saved) throw StorageError("article " + slug + " vanished right after its save");
  Audit(editor, action, slug, note);
  return *saved;
}

Result<Article> ArticleDesk::Create(const Editor& editor, Article article) {
  if (Status st = MayWrite(editor, article, std::nullopt); !st.ok()) return st.error();
  if (auto existing = store_.FindAnyArticle(article.slug)) {
    return Coded("conflict", "article " + article.slug, "slug",
                 existing->trashed_at ? "an article in the trash has the slug '" + article.slug + "'"
                                      : "an article with slug '" + article.slug + "' exists");
  }
  article.base_revision = 0;
  article.renamed_from.clear();
  return Write(editor, std::move(article), "", std::nullopt);
}

Result<Article> ArticleDesk::Update(const Editor& editor, const std::string& slug, Article next,
                                    std::int64_t base_revision, const std::string& note) {
  auto current = store_.FindAnyArticle(slug);
  if (!current) return Coded("not_found", "article " + slug, "slug", "no article with that slug");
  if (current->trashed_at) {
    return Coded("conflict", "article " + slug, "slug", "is in the trash; restore it before editing");
  }
  if (Status st = MayWrite(editor, next, current); !st.ok()) return st.error();
  // Without a precondition the save is still conditional on what was read
  // here: a save that came in between is never undone.
  next.base_revision = base_revision > 0 ? base_revision : current->revision;
  next.renamed_from = next.slug != slug ? slug : "";
  return Write(editor, std::move(next), note, current->status);
}

Status ArticleDesk::Trash(const Editor& editor, const std::string& slug) {
  if (!MayDeleteArticles(editor.role)) {
    return Coded("forbidden", "article " + slug, "", "only editors and admins move articles to the trash");
  }
  switch (store_.TrashArticle(slug, editor.name, clock_.Now())) {
    case TrashOutcome::kDone: Audit(editor, "article.trash", slug, ""); return Status::Ok();
    case TrashOutcome::kNotFound: return Coded("not_found", "article " + slug, "slug", "no article with that slug");
    case TrashOutcome::kAlready: return Coded("conflict", "article " + slug, "slug", "is in the trash already");
  }
  return Status::Ok();
}

Status ArticleDesk::Restore(const Editor& editor, const std::string& slug) {
  if (!MayDeleteArticles(editor.role)) {
    return Coded("forbidden", "article " + slug, "", "only editors and admins restore from the trash");
  }
  switch (store_.RestoreArticle(slug)) {
    case TrashOutcome::kDone: Audit(editor, "article.restore", slug, ""); return Status::Ok();
    case TrashOutcome::kNotFound: return Coded("not_found", "article " + slug, "slug", "no article with that slug");
    case TrashOutcome::kAlready: return Coded("conflict", "article " + slug, "slug", "is not in the trash");
  }
  return Status::Ok();
}

Result<int> ArticleDesk::EmptyTrash(const Editor& editor) {
  if (!MayDeleteArticles(editor.role)) {
    return Coded("forbidden", "trash", "", "only editors and admins empty the trash");
  }
  int n = store_.EmptyTrash(clock_.Now() + 1);
  Audit(editor, "trash.empty", "trash", std::to_string(n) + " deleted for good");
  return n;
}

Status ArticleDesk::Delete(const Editor& editor, const std::string& slug) {
  if (!MayDeleteArticles(editor.role)) {
    return Coded("forbidden", "article " + slug, "", "only editors and admins delete articles");
  }
  auto article = store_.FindAnyArticle(slug);
  if (!article) return Coded("not_found", "article " + slug, "slug", "no article with that slug");
  if (!article->trashed_at) return Coded("conflict", "article " + slug, "slug", "move it to the trash first");
  store_.DeleteArticle(slug);
  Audit(editor, "article.delete", slug, "");
  return Status::Ok();
}

int ArticleDesk::PurgeTrash() { return store_.EmptyTrash(clock_.Now() - kTrashKeptFor); }

Result<Article> ArticleDesk::RestoreRevision(const Editor& editor, const std::string& slug, std::int64_t revision,
                                             std::int64_t base_revision) {
  auto old = store_.revisions().FindRevision(slug, revision);
  if (!old) {
    return Coded("not_found", "article " + slug, "revision", "no revision " + std::to_string(revision));
  }
  auto current = store_.FindAnyArticle(slug);
  if (!current) return Coded("not_found", "article " + slug, "slug", "no article with that slug");
  // The words come back; where the article lives and whether it is public
  // stay as they are now (restoring an old draft never unpublishes).
  Article next = old->article;
  next.slug = current->slug;
  next.status = current->status;
  next.published_at = current->published_at;
  return Update(editor, slug, std::move(next), base_revision, "restored revision " + std::to_string(revision));
}

Result<RevisionDiff> ArticleDesk::Diff(const std::string& slug, std::int64_t from, std::int64_t to) const {
  auto a = store_.revisions().FindRevision(slug, from);
  if (!a) return Coded("not_found", "article " + slug, "from", "no revision " + std::to_string(from));
  auto b = store_.revisions().FindRevision(slug, to);
  if (!b) return Coded("not_found", "article " + slug, "to", "no revision " + std::to_string(to));
  RevisionDiff d;
  d.title = WordDiff(a->article.title, b->article.title);
  d.summary = WordDiff(a->article.summary, b->article.summary);
  d.body = WordDiff(a->article.body, b->article.body);
  d.from = std::move(*a);
  d.to = std::move(*b);
  return d;
}

}  // namespace newsdesk
