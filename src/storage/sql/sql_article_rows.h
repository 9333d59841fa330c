// How articles are read from SQL rows, shared by the content store, the
// search index, revisions and the bundle writer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "content/model.h"
#include "storage/search_index.h"
#include "storage/sql/sql_connection.h"

namespace newsdesk::sql_rows {

// Readers may see it: ?1 is now.
constexpr const char* kPublicWhere = "a.status IN ('published', 'scheduled') AND a.published_at <= ?1";
// Columns 0..8 of a listing row (a = articles, c = its column).
constexpr const char* kArticleColumns =
    "a.id, a.slug, a.title, a.summary, a.status, a.published_at, a.updated_at, c.slug, c.name";
// Columns 0..19 of one whole article.
constexpr const char* kArticleDetailColumns =
    "a.id, a.slug, a.title, a.summary, a.status, a.published_at, a.updated_at, c.slug, c.name, "
    "a.body, a.body_format, a.revision, a.kicker, a.seo_title, a.seo_description, a.canonical_url, "
    "a.corrections, a.send_newsletter, a.in_review, COALESCE(a.trashed_at, 0)";

// Ids as one JSON array, for json_each(?) in a statement whose text never
// depends on how many there are.
std::string IdsJson(const std::vector<std::int64_t>& ids);

// Columns 1..8 of a listing or article row (0 is the id).
Article ReadArticleRow(const SqlStatement& st);

// Fills authors, the featured image (and tags, when asked) of many articles with one query each;
// ids[i] is the id of (*articles)[i].
void FillRelations(SqlConnection* db, std::vector<Article>* articles, const std::vector<std::int64_t>& ids,
                   bool with_tags);

// The next row of `st` (kArticleDetailColumns) as an article without its
// authors, tags and image (FillRelations); nullopt when there is none.
std::optional<Article> ReadWholeArticleRow(SqlStatement& st, std::int64_t* id);
// The article in the first row of `st` (kArticleDetailColumns), with its
// authors and tags; nullopt when there is no row. *id gets its row id.
std::optional<Article> ReadWholeArticle(SqlConnection* db, SqlStatement& st, std::int64_t* id = nullptr);

// A search page's hits in the order of `ids`, from a statement that has been
// bound (not stepped) and gives kArticleColumns then the snippet (column 9),
// in any order; ids it has no row for are left out. Authors filled in.
std::vector<SearchHit> ReadSearchHits(SqlConnection* db, SqlStatement& st, const std::vector<std::int64_t>& ids);

// Any article by slug, trashed or not.
std::optional<Article> LoadArticle(SqlConnection* db, const std::string& slug, std::int64_t* id = nullptr);

// Corrections as stored in articles.corrections (JSON), and back.
std::string CorrectionsJson(const std::vector<Correction>& corrections);
std::vector<Correction> ParseCorrections(const std::string& json_text);

// The stored status of an article: review is a draft flagged in_review.
inline const char* StoredStatus(ArticleStatus s) {
  return s == ArticleStatus::kReview ? "draft" : ToString(s);
}

}  // namespace newsdesk::sql_rows
