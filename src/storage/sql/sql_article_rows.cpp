#include "storage/sql/sql_article_rows.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <unordered_map>

#include "storage/sql/sql_media_store.h"

namespace newsdesk::sql_rows {

Article ReadArticleRow(const SqlStatement& st) {
  Article a;
  a.slug = st.Text(1);
  a.title = st.Text(2);
  a.summary = st.Text(3);
  ParseArticleStatus(st.Text(4), &a.status);
  a.published_at = st.Int(5);
  a.updated_at = st.Int(6);
  a.column = {st.Text(7), st.Text(8)};
  return a;
}

std::string IdsJson(const std::vector<std::int64_t>& ids) {
  std::string out = "[";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(ids[i]);
  }
  return out + "]";
}

void FillRelations(SqlConnection* db, std::vector<Article>* articles, const std::vector<std::int64_t>& ids,
                   bool with_tags) {
  if (ids.empty()) return;
  std::string id_list = IdsJson(ids);
  std::unordered_map<std::int64_t, Article*> by_id;
  for (size_t i = 0; i < ids.size(); ++i) by_id[ids[i]] = &(*articles)[i];
  // Authors, tags and the featured image (with what is stored of the upload,
  // for sizes and crops) in one statement: on PostgreSQL each statement is a
  // round trip, and every listing and article page asks for these.
  // Columns: kind (0 author, 1 tag, 2 image), article id, position, three
  // texts (slug and name; or the image's alt, caption and credit), then the
  // media row. The image comes first: PostgreSQL takes a UNION's column types
  // from its first branches, and the NULLs of the others have none.
  // Each branch walks the ids and looks each up by its key; rows come in no
  // particular order (sorting them in SQL cost a third of the statement), so
  // bylines and tags are put in order below.
  static const std::string sql = fmt::format(
      "SELECT 2, a.id, 0, a.image_alt, a.image_caption, a.image_credit, {1} FROM json_each(?1) j "
      "JOIN articles a ON a.id = CAST(j.value AS BIGINT) JOIN media m ON m.id = a.image_id "
      "UNION ALL "
      "SELECT 0, aa.article_id, aa.position, au.slug, au.name, NULL, {0} FROM json_each(?1) j "
      "JOIN article_authors aa ON aa.article_id = CAST(j.value AS BIGINT) JOIN authors au ON au.id = aa.author_id "
      "UNION ALL "
      "SELECT 1, at.article_id, at.position, t.slug, t.name, NULL, {0} FROM json_each(?1) j "
      "JOIN article_tags at ON at.article_id = CAST(j.value AS BIGINT) JOIN tags t ON t.id = at.tag_id "
      "WHERE ?2 = 1",
      "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL", kJoinedMediaColumns);
  auto st = db->Prepare(sql);
  st.Bind(1, id_list).Bind(2, std::int64_t{with_tags});
  struct Placed {
    std::int64_t position;
    NamedRef ref;
  };
  std::unordered_map<Article*, std::vector<Placed>> authors, tags;
  while (st.Step()) {
    Article* a = by_id[st.Int(1)];
    switch (st.Int(0)) {
      case 0:
        authors[a].push_back({st.Int(2), {st.Text(3), st.Text(4)}});
        break;
      case 1:
        tags[a].push_back({st.Int(2), {st.Text(3), st.Text(4)}});
        break;
      default: {
        ArticleImage& image = a->image;
        image.alt = st.Text(3);
        image.caption = st.Text(4);
        image.credit = st.Text(5);
        image.media = ReadMediaRow(st, 6);
        image.media_id = image.media.id;
      }
    }
  }
  auto put_in_order = [](std::unordered_map<Article*, std::vector<Placed>>& found, std::vector<NamedRef> Article::*list) {
    for (auto& [article, placed] : found) {
      std::sort(placed.begin(), placed.end(), [](const Placed& x, const Placed& y) { return x.position < y.position; });
      for (auto& p : placed) (article->*list).push_back(std::move(p.ref));
    }
  };
  put_in_order(authors, &Article::authors);
  put_in_order(tags, &Article::tags);
}

std::vector<Correction> ParseCorrections(const std::string& text) {
  std::vector<Correction> out;
  auto list = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!list.is_array()) return out;
  for (const auto& item : list) {
    Correction c;
    c.at = item.value("at", std::int64_t{0});
    c.text = item.value("text", std::string());
    c.kind = item.value("kind", std::string()) == "update" ? Correction::Kind::kUpdate
                                                            : Correction::Kind::kCorrection;
    out.push_back(std::move(c));
  }
  return out;
}


std::string CorrectionsJson(const std::vector<Correction>& corrections) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : corrections) list.push_back({{"at", c.at}, {"text", c.text}, {"kind", ToString(c.kind)}});
  return list.dump();
}

std::optional<Article> ReadWholeArticleRow(SqlStatement& st, std::int64_t* id) {
  if (!st.Step()) return std::nullopt;
  *id = st.Int(0);
  Article a = ReadArticleRow(st);
  a.body = st.Text(9);
  ParseBodyFormat(st.Text(10), &a.body_format);
  a.revision = st.Int(11);
  a.kicker = st.Text(12);
  a.seo_title = st.Text(13);
  a.seo_description = st.Text(14);
  a.canonical_url = st.Text(15);
  a.corrections = ParseCorrections(st.Text(16));
  a.send_newsletter = st.Int(17) != 0;
  if (st.Int(18) && a.status == ArticleStatus::kDraft) a.status = ArticleStatus::kReview;
  a.trashed_at = st.Int(19);
  return a;
}

std::optional<Article> ReadWholeArticle(SqlConnection* db, SqlStatement& st, std::int64_t* id_out) {
  std::int64_t id = 0;
  auto a = ReadWholeArticleRow(st, &id);
  if (!a) return std::nullopt;
  std::vector<Article> one;
  one.push_back(std::move(*a));
  FillRelations(db, &one, {id}, /*with_tags=*/true);
  if (id_out) *id_out = id;
  return std::move(one.front());
}

std::optional<Article> LoadArticle(SqlConnection* db, const std::string& slug, std::int64_t* id) {
  static const std::string sql = fmt::format(
      "SELECT {} FROM articles a JOIN columns c ON c.id = a.column_id WHERE a.slug = ?1", kArticleDetailColumns);
  auto st = db->Prepare(sql);
  st.Bind(1, slug);
  return ReadWholeArticle(db, st, id);
}

std::vector<SearchHit> ReadSearchHits(SqlConnection* db, SqlStatement& st, const std::vector<std::int64_t>& ids) {
  std::unordered_map<std::int64_t, std::pair<Article, std::string>> found;
  while (st.Step()) found.emplace(st.Int(0), std::pair{ReadArticleRow(st), st.Text(9)});
  std::vector<Article> articles;
  std::vector<std::string> snippets;
  std::vector<std::int64_t> kept;
  for (std::int64_t id : ids) {
    auto it = found.find(id);
    if (it == found.end()) continue;
    kept.push_back(id);
    articles.push_back(std::move(it->second.first));
    snippets.push_back(std::move(it->second.second));
  }
  FillRelations(db, &articles, kept, /*with_tags=*/false);
  std::vector<SearchHit> hits;
  for (size_t i = 0; i < articles.size(); ++i) hits.push_back({std::move(articles[i]), std::move(snippets[i])});
  return hits;
}

}  // namespace newsdesk::sql_rows
