#include "transfer/ghost_import.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <tuple>
#include <map>
#include <set>

#include "content/dates.h"
#include "content/redirect.h"
#include "content/slug.h"
#include "content/summary.h"
#include "render/html_sanitizer.h"
#include "render/markdown.h"
#include "http/url.h"
#include "transfer/ghost_content.h"
#include "transfer/import_images.h"
#include "transfer/old_paths.h"

namespace newsdesk {
namespace {

using nlohmann::json;

std::string Str(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Ghost writes ids as strings (24 hex digits) or, in old exports, numbers.
std::string Id(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  return {};
}

const json& Array(const json& data, const char* key) {
  static const json empty = json::array();
  auto it = data.find(key);
  return it != data.end() && it->is_array() ? *it : empty;
}

// "2016-09-28T14:00:00.000Z", "2016-09-28 14:00:00" (UTC) or, in 0.x
// exports, milliseconds since 1970 -> Unix seconds.
std::optional<UnixSeconds> GhostDate(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end()) return std::nullopt;
  if (it->is_number()) return static_cast<UnixSeconds>(it->get<double>() / 1000);
  if (!it->is_string()) return std::nullopt;
  const std::string& s = it->get_ref<const std::string&>();
  if (s.empty()) return std::nullopt;
  if (s.find_first_not_of("0123456789") == std::string::npos && s.size() >= 12) return std::stoll(s) / 1000;
  std::string iso = s;
  if (iso.size() >= 19 && iso[10] == ' ') iso[10] = 'T';
  if (iso.size() == 19) iso += "Z";
  return ParseRfc3339(iso);
}

// Ghost's slugs may be percent-encoded UTF-8; ours are Unicode.
std::string GhostSlug(const std::string& raw) { return Slugify(http::PercentDecode(raw, false).value_or(raw)); }

// The post's body as HTML (or Markdown, from 0.x): `html` when there is
// one, else rendered from the editor's document.
std::pair<std::string, BodyFormat> GhostBody(const json& p, const std::string& record, ImportTally* tally) {
  if (!Str(p, "html").empty()) return {Str(p, "html"), BodyFormat::kHtml};
  for (const char* key : {"lexical", "mobiledoc"}) {
    if (Str(p, key).empty()) continue;
    json doc = json::parse(Str(p, key), nullptr, false);
    std::string html = std::string(key) == "lexical" ? LexicalToHtml(doc) : MobiledocToHtml(doc);
    if (!html.empty()) {
      tally->Converted(std::string("body rendered from ") + key, record);
      return {html, BodyFormat::kHtml};
    }
  }
  if (!Str(p, "markdown").empty()) {
    tally->Converted("body from Markdown", record);
    return {Str(p, "markdown"), BodyFormat::kMarkdown};
  }
  return {"", BodyFormat::kHtml};
}

}  // namespace

bool LooksLikeGhostExport(std::string_view text) {
  // {"db": [{"meta", "data"}]} (1.x-5.x) or {"meta", "data"} (0.x).
  return text.find("\"newsdesk_bundle\"") == std::string_view::npos &&
         (text.find("\"db\"") != std::string_view::npos || text.find("\"meta\"") != std::string_view::npos) &&
         text.find("\"data\"") != std::string_view::npos;
}

Result<Bundle> ParseGhostExport(std::string_view text, bool with_publication) {
  json root = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return Error{"ghost export", "", "is not valid JSON"};
  const json* data = nullptr;
  if (root.contains("db") && root["db"].is_array() && !root["db"].empty() && root["db"][0].contains("data")) {
    data = &root["db"][0]["data"];
  } else if (root.contains("data")) {
    data = &root["data"];
  }
  if (!data || !data->is_object()) return Error{"ghost export", "db", "has no db[0].data object"};

  Bundle b;
  if (with_publication) {
    Publication p;
    p.name = "Imported from Ghost";
    for (const auto& s : Array(*data, "settings")) {
      if (Str(s, "key") == "title" && !Str(s, "value").empty()) p.name = Str(s, "value").substr(0, 200);
    }
    p.base_url = "http://127.0.0.1:8080";
    p.timezone = "UTC";
    p.newsletter_pitch = "Get " + p.name + " by email";
    b.publication = p;
  }

  std::map<std::string, std::string> author_by_id, tag_by_id;
  std::set<std::string> author_slugs, tag_slugs, column_slugs, article_slugs;
  // Ghost's default routes: /<slug>/, /tag/<slug>/, /author/<slug>/ and their /rss/ feeds.
  OldPaths old_paths(&b);
  old_paths.Add("/rss/", "/feed.xml");
  for (const auto& u : Array(*data, "users")) {
    std::string slug = GhostSlug(Str(u, "slug").empty() ? Str(u, "name") : Str(u, "slug"));
    if (slug.empty()) continue;
    author_by_id[Id(u, "id")] = slug;
    if (!author_slugs.insert(slug).second) {
      b.tally.Skipped("duplicate author row (the first is kept)", slug);
      continue;
    }
    old_paths.Add("/author/" + Str(u, "slug") + "/", "/authors/" + slug);
    old_paths.Add("/author/" + Str(u, "slug") + "/rss/", "/authors/" + slug + "/feed.xml");
    std::string name = Str(u, "name");
    b.authors.push_back({slug, name.empty() ? slug : name.substr(0, 200), Str(u, "bio").substr(0, 10000)});
    b.authors.back().photo_path = ImagePathBelow(Str(u, "profile_image"), "/content/images/");
  }
  std::map<std::string, std::string> tag_name;
  std::set<std::string> internal_tags;  // "#newsletter-only": Ghost's private tags, never public here
  for (const auto& t : Array(*data, "tags")) {
    std::string slug = GhostSlug(Str(t, "slug").empty() ? Str(t, "name") : Str(t, "slug"));
    if (slug.empty()) continue;
    tag_by_id[Id(t, "id")] = slug;
    if (Str(t, "name").rfind("#", 0) == 0 || Str(t, "visibility") == "internal" || Str(t, "slug").rfind("hash-", 0) == 0) {
      internal_tags.insert(slug);
      b.tally.Skipped("internal tag (#tag: never public)", Str(t, "name"));
    }
    std::string name = Str(t, "name");
    tag_name[slug] = name.empty() ? slug : name.substr(0, 200);
  }
  // Bylines and tags per post, in Ghost's sort order.
  auto ordered = [&](const char* table, const char* key, std::map<std::string, std::string>& ids) {
    std::map<std::string, std::vector<std::pair<long long, std::string>>> out;
    for (const auto& row : Array(*data, table)) {
      auto it = ids.find(Id(row, key));
      if (it == ids.end()) continue;
      long long order = row.contains("sort_order") && row["sort_order"].is_number() ? row["sort_order"].get<long long>() : 0;
      out[Id(row, "post_id")].push_back({order, it->second});
    }
    for (auto& [post, list] : out) std::stable_sort(list.begin(), list.end());
    return out;
  };
  auto post_authors = ordered("posts_authors", "author_id", author_by_id);
  auto post_tags = ordered("posts_tags", "tag_id", tag_by_id);

  // Ghost 5 keeps a featured image's alt text and caption in posts_meta.
  std::map<std::string, std::pair<std::string, std::string>> image_words;
  for (const auto& m : Array(*data, "posts_meta")) {
    image_words[Id(m, "post_id")] = {Str(m, "feature_image_alt"), Str(m, "feature_image_caption")};
  }
  // Pages (type "page", or page: 1 in old exports): static pages at /{slug}.
  std::set<std::string> page_slugs;
  for (const auto& p : Array(*data, "posts")) {
    bool is_page = Str(p, "type") == "page" || (p.contains("page") && (p["page"] == true || p["page"] == 1));
    if (!is_page) continue;
    std::string id = Id(p, "id");
    StaticPage page;
    page.title = Str(p, "title").substr(0, kMaxPageTitleBytes);
    if (page.title.empty()) page.title = "Untitled (Ghost page " + id + ")";
    std::string slug = Slugify(Str(p, "slug").empty() ? page.title : Str(p, "slug"));
    if (IsReservedPageSlug(slug)) slug += "-page";
    page.slug = UniqueSlug(slug, id, &page_slugs);
    if (page.slug.empty()) {
      b.problems.push_back(Error{"ghost page " + id, "slug", "gives no usable, unique slug"});
      continue;
    }
    std::tie(page.body, page.body_format) = GhostBody(p, "page " + id + " (" + page.slug + ")", &b.tally);
    page.published = Str(p, "status") == "published" && (Str(p, "visibility").empty() || Str(p, "visibility") == "public");
    if (page.published) old_paths.Add("/" + Str(p, "slug") + "/", StaticPagePath(page.slug));
    b.pages.push_back(std::move(page));
  }

  std::set<std::string> post_ids;
  for (const auto& p : Array(*data, "posts")) {
    std::string type = Str(p, "type");
    if (!type.empty() && type != "post") continue;
    if (p.contains("page") && (p["page"] == true || p["page"] == 1)) continue;
    std::string id = Id(p, "id");
    if (!id.empty() && !post_ids.insert(id).second) {
      b.tally.Skipped("duplicate post row (the first is kept)", "post " + id);
      continue;
    }
    Article a;
    a.title = Str(p, "title");
    if (a.title.empty()) a.title = "Untitled (Ghost post " + id + ")";
    if (a.title.size() > 1000) a.title.resize(1000);
    a.slug = Slugify(Str(p, "slug").empty() ? a.title : Str(p, "slug"));
    a.slug = UniqueSlug(a.slug, id, &article_slugs);
    if (a.slug.empty()) {
      b.problems.push_back(Error{"ghost post " + id, "slug", "gives no usable, unique slug"});
      continue;
    }
    std::tie(a.body, a.body_format) = GhostBody(p, "post " + id + " (" + a.slug + ")", &b.tally);
    std::string excerpt = Str(p, "custom_excerpt");
    a.summary = ShortSummary(!excerpt.empty()                ? excerpt
                             : !Str(p, "plaintext").empty()  ? Str(p, "plaintext")
                             : a.body_format == BodyFormat::kHtml ? HtmlToText(a.body)
                                                                  : HtmlToText(RenderMarkdown(a.body)));
    std::string status = Str(p, "status");
    std::string visibility = Str(p, "visibility");
    bool members_only = !visibility.empty() && visibility != "public";
    if (status == "published" && !members_only) a.status = ArticleStatus::kPublished;
    else if (status == "scheduled" && !members_only) a.status = ArticleStatus::kScheduled;
    else a.status = ArticleStatus::kDraft;
    auto when = GhostDate(p, "published_at");
    if (!when && a.status != ArticleStatus::kDraft) {
      b.problems.push_back(Error{"ghost post " + id, "published_at", "is missing or not a date"});
      continue;
    }
    a.published_at = when.value_or(0);
    if (a.status != ArticleStatus::kDraft) old_paths.Add("/" + Str(p, "slug") + "/", ArticlePath(a.slug));
    a.image.path = ImagePathBelow(Str(p, "feature_image"), "/content/images/");
    if (!a.image.path.empty()) {
      auto words = image_words.count(id) ? image_words[id]
                                         : std::pair{Str(p, "feature_image_alt"), Str(p, "feature_image_caption")};
      a.image.alt = words.first.substr(0, kMaxAltBytes);
      a.image.caption = HtmlToText(words.second).substr(0, kMaxCaptionBytes);
    }

    for (const auto& [order, slug] : post_authors[id]) a.authors.push_back({slug, {}});
    if (a.authors.empty()) {
      // Old exports name the author on the post itself.
      auto it = author_by_id.find(Id(p, "author_id"));
      if (it != author_by_id.end()) a.authors.push_back({it->second, {}});
    }
    if (a.authors.empty()) {
      if (author_slugs.insert("ghost").second) b.authors.push_back({"ghost", "Ghost", ""});
      a.authors.push_back({"ghost", {}});
    }
    // The primary (first public) tag is the column and stays a tag, as every
    // other public tag; internal tags (#...) are never public.
    std::vector<std::string> tags;
    for (const auto& [order, slug] : post_tags[id]) {
      if (internal_tags.count(slug)) continue;
      if (std::find(tags.begin(), tags.end(), slug) == tags.end()) tags.push_back(slug);
    }
    std::string column = tags.empty() ? "uncategorized" : tags.front();
    a.column.slug = column;
    if (column_slugs.insert(column).second) {
      std::string name = tags.empty() ? "Uncategorized" : tag_name[column];
      b.columns.push_back({column, name, name, ""});
    }
    for (const auto& slug : tags) {
      a.tags.push_back({slug, {}});
      if (tag_slugs.insert(slug).second) {
        b.tags.push_back({slug, tag_name[slug]});
        old_paths.Add("/tag/" + slug + "/", "/tags/" + slug);
        old_paths.Add("/tag/" + slug + "/rss/", "/tags/" + slug + "/feed.xml");
      }
    }
    b.articles.push_back(std::move(a));
  }
  // Readers: subscribers here only with import --import-subscribers. A
  // member who subscribed themselves on the old site (Ghost's magic link:
  // a double opt-in) stays confirmed; everyone else needs a new opt-in.
  std::set<std::string> opted_in;
  for (const auto& e : Array(*data, "members_subscribe_events")) {
    bool subscribed = e.contains("subscribed") && (e["subscribed"] == true || e["subscribed"] == 1);
    if (subscribed && Str(e, "source") == "member") opted_in.insert(Id(e, "member_id"));
  }
  std::set<std::string> with_newsletter;
  for (const auto& mn : Array(*data, "members_newsletters")) with_newsletter.insert(Id(mn, "member_id"));
  bool newsletters_known = !Array(*data, "members_newsletters").empty();
  for (const char* table : {"members", "subscribers"}) {
    for (const auto& m : Array(*data, table)) {
      std::string id = Id(m, "id");
      bool off = (m.contains("subscribed") && (m["subscribed"] == false || m["subscribed"] == 0)) ||
                 (m.contains("email_disabled") && (m["email_disabled"] == true || m["email_disabled"] == 1)) ||
                 Str(m, "status") == "unsubscribed" || (newsletters_known && !with_newsletter.count(id));
      if (Str(m, "email").empty() || off) {
        b.tally.Skipped("member not subscribed to the newsletter", "");
        continue;
      }
      b.subscribers.push_back({Str(m, "email"), std::string(table) == "members" && opted_in.count(id) > 0});
    }
  }
  for (const auto& n : Array(*data, "newsletters")) {
    b.tally.Skipped("newsletter settings (set them in the admin)", Str(n, "name"));
  }
  return b;
}

}  // namespace newsdesk
