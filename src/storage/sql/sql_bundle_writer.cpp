// Writing a content bundle: one transaction from BeginBundle to Commit, the
// header (publication, authors, columns, tags) first, then articles in as many
// batches as the importer likes. Nothing is visible to readers, and nothing
// stays, unless Commit succeeds.
#include <memory>

#include <nlohmann/json.hpp>

#include "media/image_urls.h"
#include "storage/sql/sql_article_rows.h"
#include "storage/sql/sql_connection.h"
#include "storage/sql/sql_media_store.h"
#include "storage/sql/sql_newsletter_store.h"
#include "storage/sql/sql_page_store.h"
#include "storage/sql/sql_redirect_store.h"
#include "storage/sql/sql_revision_store.h"
#include "storage/sql/sql_store.h"
#include "transfer/bundle.h"

namespace newsdesk {
namespace {

// How old an imported article may be and still be mailed to subscribers.
constexpr UnixSeconds kImportNewsWindow = 24 * 3600;

std::optional<std::int64_t> FindId(SqlConnection* db, const char* sql, const std::string& slug) {
  auto st = db->Prepare(sql);
  st.Bind(1, slug);
  if (!st.Step()) return std::nullopt;
  return st.Int(0);
}

// A readable tag name from a slug that arrived without one: "united-states" -> "united states".
std::string NameFromSlug(const std::string& slug) {
  std::string name = slug;
  for (char& c : name) {
    if (c == '-') c = ' ';
  }
  return name;
}

// A bundle whose header was refused (a redirect loop): every call says why.
class FailedBundle : public BundleWriter {
 public:
  explicit FailedBundle(Error error) : error_(std::move(error)) {}
  Status Add(const std::vector<Article>&) override { return error_; }
  Status AddMedia(const std::vector<MediaItem>&) override { return error_; }
  Status Commit() override { return error_; }

 private:
  Error error_;
};

class SqlBundleWriter : public BundleWriter {
 public:
  SqlBundleWriter(SqlStore* store, SqlPool* pool, UnixSeconds now, const Bundle& header)
      : store_(store), db_(std::make_unique<SqlPool::Lease>(pool)), tx_(db_->get()), now_(now),
        announce_(header.announce), saved_by_(header.saved_by), revision_note_(header.revision_note) {
    auto st = (*db_)->Prepare("SELECT COALESCE(MAX(id), 0) FROM content_changes");
    st.Step();
    first_change_ = st.Int(0);
  }

  ~SqlBundleWriter() override {
    if (!bulk_) return;
    try {
      if (!committed_) tx_.Rollback();  // first: the pages it kept are dropped, not written out
      store_->EndBulkImport(db_->get());
    } catch (const StorageError&) {
      // The connection goes back to the pool either way, at worst keeping what the import set.
    }
  }

  Status AddMedia(const std::vector<MediaItem>& items) override {
    for (const auto& m : items) InsertMediaRow(db_->get(), m);
    return Status::Ok();
  }

  Status WriteHeader(const Bundle& header) {
    AddMedia(header.media);
    if (header.publication) {
      const auto& p = *header.publication;
      for (auto [field, id] : {std::pair{"logo", &p.logo_id}, std::pair{"icon", &p.icon_id}}) {
        if (!id->empty() && !FindId(db_->get(), "SELECT 1 FROM media WHERE id = ?1", *id)) {
          return Error{"publication", field, "no uploaded image with id '" + *id + "'"};
        }
      }
      auto st = (*db_)->Prepare(
          "INSERT INTO publication (id, name, base_url, language, timezone, copyright, "
          "newsletter_pitch, cookie_notice, cookie_policy_url, mail_from, logo_id, icon_id, theme_color) "
          "VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
          "ON CONFLICT (id) DO UPDATE SET name = excluded.name, base_url = excluded.base_url, "
          "language = excluded.language, timezone = excluded.timezone, copyright = "
          "excluded.copyright, newsletter_pitch = excluded.newsletter_pitch, cookie_notice = "
          "excluded.cookie_notice, cookie_policy_url = excluded.cookie_policy_url, mail_from = excluded.mail_from, "
          "logo_id = excluded.logo_id, icon_id = excluded.icon_id, theme_color = excluded.theme_color");
      st.Bind(1, p.name).Bind(2, p.base_url).Bind(3, p.language).Bind(4, p.timezone)
          .Bind(5, p.copyright).Bind(6, p.newsletter_pitch).Bind(7, p.cookie_notice)
          .Bind(8, p.cookie_policy_url).Bind(9, p.mail_from).Bind(12, p.theme_color);
      if (p.logo_id.empty()) st.BindNull(10);
      else st.Bind(10, p.logo_id);
      if (p.icon_id.empty()) st.BindNull(11);
      else st.Bind(11, p.icon_id);
      st.Run();
    }
    for (const auto& a : header.authors) {
      if (!a.photo_path.empty()) {
        return Error{"author " + a.slug, "photo.src", "'" + a.photo_path + "' is a file: only an import from a bundle file uploads it"};
      }
      if (!a.photo_id.empty() && !FindId(db_->get(), "SELECT 1 FROM media WHERE id = ?1", a.photo_id)) {
        return Error{"author " + a.slug, "photo", "no uploaded image with id '" + a.photo_id + "'"};
      }
      auto st = (*db_)->Prepare(
          "INSERT INTO authors (slug, name, bio, email, links, photo_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT "
          "(slug) DO UPDATE SET name = excluded.name, bio = excluded.bio, email = excluded.email, links = "
          "excluded.links, photo_id = excluded.photo_id");
      st.Bind(1, a.slug).Bind(2, a.name).Bind(3, a.bio).Bind(4, a.email).Bind(5, nlohmann::json(a.links).dump());
      if (a.photo_id.empty()) st.BindNull(6);
      else st.Bind(6, a.photo_id);
      st.Run();
    }
    for (const auto& c : header.columns) {
      (*db_)->Prepare(
            "INSERT INTO columns (slug, name, title, description, send_newsletter, position) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON "
            "CONFLICT (slug) DO UPDATE SET name = excluded.name, title = excluded.title, "
            "description = excluded.description, send_newsletter = excluded.send_newsletter, "
            "position = excluded.position")
          .Bind(1, c.slug).Bind(2, c.name).Bind(3, c.title).Bind(4, c.description)
          .Bind(5, std::int64_t{c.send_newsletter}).Bind(6, std::int64_t{c.position})
          .Run();
    }
    for (const auto& t : header.tags) {
      (*db_)->Prepare(
            "INSERT INTO tags (slug, name, description) VALUES (?1, ?2, ?3) ON CONFLICT (slug) DO UPDATE SET "
            "name = excluded.name, description = excluded.description")
          .Bind(1, t.slug).Bind(2, t.name).Bind(3, t.description)
          .Run();
    }
    for (const auto& page : header.pages) {
      StaticPage stored = page;
      if (stored.updated_at == 0) stored.updated_at = now_;
      if (Status st = SqlPageStore::Put(db_->get(), stored, ""); !st.ok()) return st;
    }
    for (const auto& r : header.redirects) {
      Redirect stored = r;
      stored.created_at = now_;
      if (Status st = SqlRedirectStore::Put(db_->get(), stored); !st.ok()) return st;
    }
    return Status::Ok();
  }

  Status Add(const std::vector<Article>& articles) override {
    added_ += articles.size();
    if (!bulk_ && added_ > kBulkArticles) StartBulk();
    for (const auto& a : articles) {
      if (Status st = AddOne(a); !st.ok()) return st;
    }
    return Status::Ok();
  }

  Status Commit() override {
    {
      auto st = (*db_)->Prepare("SELECT 1 FROM publication WHERE id = 1");
      if (!st.Step()) return Error{"publication", "", "is required in the first bundle imported"};
    }
    // An article public from this moment goes to the readers subscribed at this
    // moment; scheduled ones are announced by the outbox worker when they are due.
    // An import announces only what is news: published within the 24 hours
    // before it (a syndicated story) or scheduled after it. Older articles are
    // archive and never mailed (CONTRACT.md, import). Desk saves mail as saved.
    AnnounceDueArticles(db_->get(), now_, announce_, saved_by_.empty() ? now_ - kImportNewsWindow : 0);
    if (bulk_) {
      store_->FinishBulkImport(db_->get());
      (*db_)->Exec("INSERT INTO content_changes (scope) VALUES ('*'); UPDATE change_capture SET enabled = 1");
    }
    // Caches read changes four times a second; far older rows are of no use.
    (*db_)->Exec("DELETE FROM content_changes WHERE id < (SELECT MAX(id) FROM content_changes) - 50000");
    tx_.Commit();
    committed_ = true;
    store_->NoteLocalWrite();
    return Status::Ok();
  }

 private:
  // Past this many articles a bundle is an import that touches most pages: one
  // "*" change replaces a row per page it touches.
  static constexpr size_t kBulkArticles = 500;

  void StartBulk() {
    bulk_ = true;
    (*db_)->Exec("UPDATE change_capture SET enabled = 0");
    store_->StartBulkImport(db_->get());
    (*db_)->Prepare("DELETE FROM content_changes WHERE id > ?1").Bind(1, first_change_).Run();
  }

  Status AddOne(const Article& a) {
    UnixSeconds now = now_;
    std::string record = "article " + a.slug;
    auto column_id = FindId(db_->get(), "SELECT id FROM columns WHERE slug = ?1", a.column.slug);
    if (!column_id) return Error{record, "column", "unknown column '" + a.column.slug + "'"};
    if (!a.image.path.empty()) {
      return Error{record, "image.src", "'" + a.image.path + "' is a file: only an import from a bundle file uploads it"};
    }
    if (!a.image.media_id.empty() && !FindId(db_->get(), "SELECT 1 FROM media WHERE id = ?1", a.image.media_id)) {
      return Error{record, "image", "no uploaded image with id '" + a.image.media_id + "'"};
    }
    // A rename: the stored article is found by the slug it had.
    const std::string& stored_slug = a.renamed_from.empty() ? a.slug : a.renamed_from;
    std::int64_t existing_id = 0;
    std::optional<Article> before;
    {
      auto st = (*db_)->Prepare("SELECT id, revision, trashed_at IS NOT NULL FROM articles WHERE slug = ?1");
      st.Bind(1, stored_slug);
      if (st.Step()) {
        existing_id = st.Int(0);
        if (a.base_revision > 0 && st.Int(1) != a.base_revision) {
          Error stale{record, "revision",
                      "was saved by someone else since revision " + std::to_string(a.base_revision) +
                          " was read (now " + std::to_string(st.Int(1)) + "); reload it and save again"};
          stale.code = "stale";
          return stale;
        }
        if (st.Int(2) && !saved_by_.empty()) {
          Error trashed{record, "slug", "is in the trash; restore it before editing"};
          trashed.code = "conflict";
          return trashed;
        }
      } else if (a.base_revision > 0 || !a.renamed_from.empty()) {
        Error gone{record, "slug", "'" + stored_slug + "' no longer exists (deleted or renamed)"};
        gone.code = "stale";
        return gone;
      }
    }
    if (!a.renamed_from.empty() && a.renamed_from != a.slug) {
      if (FindId(db_->get(), "SELECT id FROM articles WHERE slug = ?1", a.slug)) {
        Error taken{record, "slug", "'" + a.slug + "' is taken by another article"};
        taken.code = "conflict";
        return taken;
      }
    }
    // The first desk save of an imported article keeps what was imported first.
    if (!saved_by_.empty() && existing_id && !SqlRevisionStore::HasAny(db_->get(), existing_id)) {
      if (auto old = sql_rows::LoadArticle(db_->get(), stored_slug)) {
        SqlRevisionStore::Record(db_->get(), existing_id, *old, old->updated_at, "import", "as imported");
      }
    }
    if (!a.renamed_from.empty() && a.renamed_from != a.slug) {
      (*db_)->Prepare("UPDATE articles SET slug = ?2 WHERE id = ?1").Bind(1, existing_id).Bind(2, a.slug).Run();
      std::string old_path = ArticlePath(a.renamed_from), path = ArticlePath(a.slug);
      SqlRedirectStore::Moved(db_->get(), old_path, path);
      Status st = SqlRedirectStore::Put(db_->get(), Redirect{old_path, path, "slug change", now});
      if (!st.ok()) return st;
    }
    std::int64_t article_id;
    {
      // A new article was last changed when it was published; later, updated_at
      // moves only when something readers see has changed.
      auto st = (*db_)->Prepare(
          "INSERT INTO articles (slug, title, summary, body, column_id, status, published_at, "
          "created_at, updated_at, body_format, kicker, seo_title, seo_description, canonical_url, corrections, "
          "send_newsletter, in_review, image_id, image_alt, image_caption, image_credit) VALUES (?1, ?2, ?3, ?4, ?5, "
          "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21) "
          "ON CONFLICT (slug) DO UPDATE SET title = excluded.title, summary = excluded.summary, "
          "body = excluded.body, column_id = excluded.column_id, status = excluded.status, "
          "published_at = excluded.published_at, body_format = excluded.body_format, "
          "kicker = excluded.kicker, seo_title = excluded.seo_title, seo_description = excluded.seo_description, "
          "canonical_url = excluded.canonical_url, corrections = excluded.corrections, "
          "send_newsletter = excluded.send_newsletter, in_review = excluded.in_review, "
          "image_id = excluded.image_id, image_alt = excluded.image_alt, image_caption = excluded.image_caption, "
          "image_credit = excluded.image_credit, "
          // An import of an article in the trash brings it back (desk saves are refused above).
          "trashed_at = NULL, trashed_by = NULL, trashed_status = NULL, "
          "revision = articles.revision + 1, "
          "updated_at = CASE WHEN (articles.title, articles.summary, articles.body, articles.column_id, articles.status, "
          "articles.published_at, articles.body_format, articles.kicker, "
          "articles.corrections, articles.image_id) IS NOT DISTINCT FROM (excluded.title, excluded.summary, excluded.body, excluded.column_id, "
          "excluded.status, excluded.published_at, excluded.body_format, excluded.kicker, excluded.corrections, "
          "excluded.image_id) THEN articles.updated_at "
          "ELSE MAX(?8, excluded.published_at) END RETURNING id");
      st.Bind(1, a.slug).Bind(2, a.title).Bind(3, a.summary).Bind(4, a.body)
          .Bind(5, *column_id).Bind(6, std::string_view(sql_rows::StoredStatus(a.status)))
          .Bind(7, a.published_at).Bind(8, now).Bind(9, a.published_at > 0 ? a.published_at : now)
          .Bind(10, std::string_view(ToString(a.body_format)))
          .Bind(11, a.kicker).Bind(12, a.seo_title).Bind(13, a.seo_description).Bind(14, a.canonical_url)
          .Bind(15, sql_rows::CorrectionsJson(a.corrections))
          .Bind(16, std::int64_t{a.send_newsletter}).Bind(17, std::int64_t{a.status == ArticleStatus::kReview})
          .Bind(19, a.image.alt).Bind(20, a.image.caption).Bind(21, a.image.credit);
      if (a.image.media_id.empty()) st.BindNull(18);
      else st.Bind(18, a.image.media_id);
      if (!st.Step()) throw StorageError("upsert of article " + a.slug + " returned no id");
      article_id = st.Int(0);
    }
    (*db_)->Prepare("DELETE FROM article_authors WHERE article_id = ?1").Bind(1, article_id).Run();
    (*db_)->Prepare("DELETE FROM article_media WHERE article_id = ?1").Bind(1, article_id).Run();
    for (const std::string& media_id : media::MediaIdsIn(a.body)) {
      // Only uploads that exist: a pasted link to a deleted image is the body's business.
      (*db_)->Prepare("INSERT INTO article_media (article_id, media_id) SELECT ?1, id FROM media WHERE id = ?2")
          .Bind(1, article_id).Bind(2, media_id)
          .Run();
    }
    for (size_t i = 0; i < a.authors.size(); ++i) {
      auto author_id = FindId(db_->get(), "SELECT id FROM authors WHERE slug = ?1", a.authors[i].slug);
      if (!author_id) return Error{record, "authors", "unknown author '" + a.authors[i].slug + "'"};
      (*db_)->Prepare("INSERT INTO article_authors (article_id, author_id, position) VALUES (?1, ?2, ?3)")
          .Bind(1, article_id).Bind(2, *author_id).Bind(3, static_cast<std::int64_t>(i))
          .Run();
    }
    std::vector<std::int64_t> tag_ids;
    for (size_t i = 0; i < a.tags.size(); ++i) {
      // Tags are light: one named by an article but not defined anywhere is
      // created, with the name the editor typed when there is one.
      const std::string& name = a.tags[i].name.empty() ? NameFromSlug(a.tags[i].slug) : a.tags[i].name;
      (*db_)->Prepare("INSERT INTO tags (slug, name) VALUES (?1, ?2) ON CONFLICT (slug) DO NOTHING")
          .Bind(1, a.tags[i].slug).Bind(2, name)
          .Run();
      tag_ids.push_back(*FindId(db_->get(), "SELECT id FROM tags WHERE slug = ?1", a.tags[i].slug));
    }
    // Only the links that differ are written: a save that keeps the tags must
    // not announce that the tags' lists changed (list:tag:<slug>, migration
    // 0029), or every article page showing those tags' newest would be redone.
    (*db_)->Prepare("DELETE FROM article_tags WHERE article_id = ?1 AND tag_id NOT IN "
                    "(SELECT CAST(value AS BIGINT) FROM json_each(?2))")
        .Bind(1, article_id).Bind(2, sql_rows::IdsJson(tag_ids))
        .Run();
    for (size_t i = 0; i < tag_ids.size(); ++i) {
      (*db_)->Prepare("INSERT INTO article_tags (article_id, tag_id, position) VALUES (?1, ?2, ?3) "
                      "ON CONFLICT (article_id, tag_id) DO UPDATE SET position = excluded.position "
                      "WHERE article_tags.position <> excluded.position")
          .Bind(1, article_id).Bind(2, tag_ids[i]).Bind(3, static_cast<std::int64_t>(i))
          .Run();
    }
    if (!saved_by_.empty()) {
      if (auto saved = sql_rows::LoadArticle(db_->get(), a.slug)) {
        SqlRevisionStore::Record(db_->get(), article_id, *saved, now, saved_by_, revision_note_);
      }
    }
    return Status::Ok();
  }

  SqlStore* store_;
  std::unique_ptr<SqlPool::Lease> db_;
  SqlTransaction tx_;
  UnixSeconds now_;
  bool announce_;
  std::string saved_by_;
  std::string revision_note_;
  std::int64_t first_change_ = 0;  // the newest change before this bundle
  size_t added_ = 0;
  bool bulk_ = false;
  bool committed_ = false;
};

}  // namespace

std::unique_ptr<BundleWriter> SqlStore::BeginBundle(const Bundle& header, UnixSeconds now) {
  auto writer = std::make_unique<SqlBundleWriter>(this, pool_.get(), now, header);
  if (Status st = writer->WriteHeader(header); !st.ok()) return std::make_unique<FailedBundle>(st.error());
  return writer;
}

}  // namespace newsdesk
