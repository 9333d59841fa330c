#include "transfer/wxr_import.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <map>
#include <set>

#include "base/regex.h"
#include "content/dates.h"
#include "content/redirect.h"
#include "content/slug.h"
#include "content/summary.h"
#include "http/url.h"
#include "render/html_sanitizer.h"
#include "transfer/import_images.h"
#include "transfer/old_paths.h"
#include "transfer/wordpress_content.h"

namespace newsdesk {
namespace {

enum class Ns { kNone, kWp, kContent, kDc, kExcerpt };

Ns NamespaceOf(const xmlNode* n) {
  if (!n->ns || !n->ns->href) return Ns::kNone;
  std::string_view href = reinterpret_cast<const char*>(n->ns->href);
  if (href.find("wordpress.org/export") != std::string_view::npos) {
    return href.find("excerpt") != std::string_view::npos ? Ns::kExcerpt : Ns::kWp;
  }
  if (href.find("purl.org/rss/1.0/modules/content") != std::string_view::npos) return Ns::kContent;
  if (href.find("purl.org/dc/elements") != std::string_view::npos) return Ns::kDc;
  return Ns::kNone;
}

bool Is(const xmlNode* n, Ns ns, const char* name) {
  return n->type == XML_ELEMENT_NODE && NamespaceOf(n) == ns && std::strcmp(reinterpret_cast<const char*>(n->name), name) == 0;
}

std::string Text(const xmlNode* n) {
  xmlChar* c = xmlNodeGetContent(n);
  std::string s = c ? reinterpret_cast<const char*>(c) : "";
  xmlFree(c);
  return s;
}

std::string Attribute(const xmlNode* n, const char* name) {
  xmlChar* c = xmlGetProp(n, BAD_CAST name);
  std::string s = c ? reinterpret_cast<const char*>(c) : "";
  xmlFree(c);
  return s;
}

// The text of the first child `ns:name`, or "".
std::string Child(const xmlNode* parent, Ns ns, const char* name) {
  for (const xmlNode* c = parent->children; c; c = c->next) {
    if (Is(c, ns, name)) return Text(c);
  }
  return {};
}

std::string Trim(std::string s) {
  s.erase(0, s.find_first_not_of(" \t\r\n"));
  s.erase(s.find_last_not_of(" \t\r\n") + 1);
  return s;
}

// A post's <wp:postmeta> value for `key` ("" when it has none).
std::string Meta(const xmlNode* item, const char* key) {
  for (const xmlNode* m = item->children; m; m = m->next) {
    if (Is(m, Ns::kWp, "postmeta") && Trim(Child(m, Ns::kWp, "meta_key")) == key) {
      return Trim(Child(m, Ns::kWp, "meta_value"));
    }
  }
  return "";
}

// A WordPress slug ("post_name", maybe percent-encoded UTF-8) as ours.
std::string SlugFromWordPress(const std::string& raw) {
  return Slugify(http::PercentDecode(raw, false).value_or(raw));
}

// "2016-09-28 14:00:00" (UTC) -> Unix seconds; nullopt for WordPress's zero date.
std::optional<UnixSeconds> ParseWpDate(const std::string& s) {
  if (s.size() != 19 || s.rfind("0000-00-00", 0) == 0) return std::nullopt;
  std::string iso = s;
  iso[10] = 'T';
  return ParseRfc3339(iso + "Z");
}

// The text of a body a reader would read as its opening, for a summary:
// without code blocks, figures and embeds (URLs alone in a paragraph).
std::string ProseOf(const std::string& html) {
  static const Regex kNotProse(R"re(<pre\b.*?</pre>|<figure\b.*?</figure>|<p>\s*https?://\S+\s*</p>)re",
                               Regex::kDotAll | Regex::kCaseless);
  return HtmlToText(kNotProse.Replace(html, ""));
}

// The site's UTC offsets, learnt from the items that have both their local
// date and their GMT date, for the items (drafts) that have only the local one.
class SiteOffsets {
 public:
  void Learn(const xmlNode* item) {
    auto gmt = ParseWpDate(Trim(Child(item, Ns::kWp, "post_date_gmt")));
    auto local = ParseWpDate(Trim(Child(item, Ns::kWp, "post_date")));
    if (gmt && local && *local - *gmt >= -14 * 3600 && *local - *gmt <= 14 * 3600) samples_[*gmt] = *local - *gmt;
  }
  bool empty() const { return samples_.empty(); }
  // The offset in force nearest to `local` (summer or winter time alike).
  std::int64_t At(UnixSeconds local) const {
    auto after = samples_.lower_bound(local);
    if (after == samples_.end()) return std::prev(after)->second;
    if (after == samples_.begin()) return after->second;
    auto before = std::prev(after);
    return local - before->first <= after->first - local ? before->second : after->second;
  }
  // The offset most items have.
  std::int64_t Usual() const {
    std::map<std::int64_t, int> votes;
    for (const auto& [at, offset] : samples_) ++votes[offset];
    return std::max_element(votes.begin(), votes.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
  }

 private:
  std::map<UnixSeconds, std::int64_t> samples_;  // GMT date -> local minus GMT
};

// An IANA zone for a whole-hour offset ("Etc/GMT-3" is UTC+3); "" for others.
std::string ZoneForOffset(std::int64_t offset) {
  if (offset == 0) return "UTC";
  if (offset % 3600 != 0) return "";
  long hours = static_cast<long>(offset / 3600);
  return "Etc/GMT" + std::string(hours > 0 ? "-" : "+") + std::to_string(std::labs(hours));
}

bool IsItem(const xmlNode* n) {
  return n->type == XML_ELEMENT_NODE && std::strcmp(reinterpret_cast<const char*>(n->name), "item") == 0;
}

// Calls visit(node) for each element inside <rss><channel>, each expanded on
// its own and freed once visited: the file is streamed (xmlTextReader), so
// memory holds one item at a time, not the document. No entity expansion and
// no network: an export file cannot reach out or blow up.
Status ForEachChannelChild(const WxrSource& source, const std::function<void(xmlNode*)>& visit) {
  constexpr int kOptions = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT;
  xmlTextReaderPtr reader =
      source.path.empty()
          ? xmlReaderForMemory(source.text.data(), static_cast<int>(source.text.size()), nullptr, nullptr, kOptions)
          : xmlReaderForFile(source.path.c_str(), nullptr, kOptions);
  if (!reader) return Error{"", "", "cannot read the file"};
  std::unique_ptr<xmlTextReader, decltype(&xmlFreeTextReader)> owner(reader, &xmlFreeTextReader);
  // The first error the parser reports, with its line.
  std::optional<Error> syntax;
  xmlTextReaderSetStructuredErrorHandler(
      reader,
      [](void* arg, xmlErrorPtr e) {
        auto* first = static_cast<std::optional<Error>*>(arg);
        if (*first || !e || e->level < XML_ERR_ERROR) return;
        *first = Error{"", "", e->message ? Trim(e->message) : "not well-formed XML"};
        (*first)->line = e->line > 0 ? e->line : 1;
      },
      &syntax);
  bool in_channel = false;
  bool root_closed = false;
  int ret = xmlTextReaderRead(reader);
  while (ret == 1) {
    int depth = xmlTextReaderDepth(reader);
    bool element = xmlTextReaderNodeType(reader) == XML_READER_TYPE_ELEMENT;
    const char* name = reinterpret_cast<const char*>(xmlTextReaderConstLocalName(reader));
    if (depth == 0 && xmlTextReaderNodeType(reader) == XML_READER_TYPE_END_ELEMENT) root_closed = true;
    if (element && depth == 1) in_channel = name && std::strcmp(name, "channel") == 0;
    if (element && depth == 2 && in_channel) {
      xmlNode* node = xmlTextReaderExpand(reader);
      if (!node) {
        ret = -1;
        break;
      }
      visit(node);
      ret = xmlTextReaderNext(reader);
      continue;
    }
    ret = xmlTextReaderRead(reader);
  }
  if (ret < 0 || syntax) {
    // The reader says "Extra content at the end" of a file that simply stops.
    if (syntax && !root_closed && syntax->message.find("Extra content at the end") != std::string::npos) {
      syntax->message = "the file ends before its last element is closed (is it cut short?)";
      syntax->line = std::max(1, xmlTextReaderGetParserLineNumber(reader));
    }
    if (syntax) return *syntax;
    Error err{"", "", "not well-formed XML"};
    err.line = std::max(1, xmlTextReaderGetParserLineNumber(reader));
    return err;
  }
  return Status::Ok();
}

}  // namespace

Result<Bundle> ParseWxr(const WxrSource& source, bool with_publication) {
  Bundle b;
  bool saw_channel = false;
  std::map<std::string, std::string> author_slug;  // login -> slug
  std::set<std::string> column_slugs, tag_slugs, article_slugs;
  struct Category {
    std::string slug, old_slug, name;
  };
  std::map<std::string, Category> categories;          // by our slug
  std::map<std::string, std::string> category_by_term;  // term_id -> our slug (Yoast's primary category)
  // Column and tag rows, made as the posts use categories.
  auto use_column = [&](const std::string& slug, const std::string& name) {
    if (column_slugs.insert(slug).second) b.columns.push_back({slug, name, name, ""});
  };
  auto use_tag = [&](const std::string& slug, const std::string& name) {
    if (tag_slugs.insert(slug).second) b.tags.push_back({slug, name.substr(0, 200)});
  };
  // The old site's URLs: WordPress's default archive paths and feeds.
  OldPaths old_paths(&b);
  old_paths.Add("/feed/", "/feed.xml");
  auto archive = [&](const std::string& base, const std::string& old_slug, const std::string& to) {
    old_paths.Add(base + old_slug + "/", to);
    old_paths.Add(base + old_slug + "/feed/", to + "/feed.xml");
  };
  // Attachments: the uploaded files posts use as featured images
  // (_thumbnail_id), by post id; their files come from --media-from.
  struct Attachment {
    std::string path, alt, caption;
  };
  std::map<std::string, Attachment> attachments;
  std::map<std::string, WordPressAttachment> uploads;  // every attachment, for [gallery]
  SiteOffsets offsets;
  std::string channel_title, channel_link, channel_language;
  // Pass 1: the site, its people and terms, its uploads, its UTC offsets.
  auto first_pass = [&](xmlNode* n) {
    saw_channel = true;
    if (Is(n, Ns::kNone, "title")) channel_title = Trim(Text(n));
    if (Is(n, Ns::kNone, "link")) channel_link = Trim(Text(n));
    if (Is(n, Ns::kNone, "language")) channel_language = Trim(Text(n));
    do {
        if (Is(n, Ns::kWp, "author")) {
          std::string login = Trim(Child(n, Ns::kWp, "author_login"));
          std::string slug = Slugify(login);
          if (slug.empty() || author_slug.count(login)) continue;
          std::string name = Trim(Child(n, Ns::kWp, "author_display_name"));
          author_slug[login] = slug;
          b.authors.push_back({slug, name.empty() ? login : name.substr(0, 200), ""});
          archive("/author/", slug, "/authors/" + slug);
        } else if (Is(n, Ns::kWp, "category")) {
          // Columns or tags: decided by the posts (a post's primary category is
          // its column, its other categories are tags).
          std::string nicename = Trim(Child(n, Ns::kWp, "category_nicename"));
          Category c;
          c.slug = SlugFromWordPress(nicename);
          c.old_slug = nicename;
          c.name = Trim(Child(n, Ns::kWp, "cat_name")).substr(0, 200);
          if (c.slug.empty()) continue;
          if (c.name.empty()) c.name = c.slug;
          std::string term_id = Trim(Child(n, Ns::kWp, "term_id"));
          if (!term_id.empty()) category_by_term[term_id] = c.slug;
          categories.emplace(c.slug, std::move(c));
        } else if (Is(n, Ns::kWp, "tag")) {
          std::string old_slug = Trim(Child(n, Ns::kWp, "tag_slug"));
          std::string slug = SlugFromWordPress(old_slug);
          std::string name = Trim(Child(n, Ns::kWp, "tag_name"));
          if (slug.empty() || !tag_slugs.insert(slug).second) continue;
          archive("/tag/", old_slug, "/tags/" + slug);
          b.tags.push_back({slug, name.empty() ? slug : name.substr(0, 200)});
        }
    } while (false);
    xmlNode* item = n;
    do {
        if (item->type != XML_ELEMENT_NODE || std::strcmp(reinterpret_cast<const char*>(item->name), "item") != 0) continue;
        if (Trim(Child(item, Ns::kWp, "post_type")) != "attachment") continue;
        std::string id = Trim(Child(item, Ns::kWp, "post_id"));
        std::string file = Meta(item, "_wp_attached_file");
        Attachment at;
        at.path = ImagePathBelow(file.empty() ? Trim(Child(item, Ns::kWp, "attachment_url")) : file, "/wp-content/uploads/");
        at.alt = Meta(item, "_wp_attachment_image_alt").substr(0, kMaxAltBytes);
        at.caption = Trim(HtmlToText(Child(item, Ns::kExcerpt, "encoded"))).substr(0, kMaxCaptionBytes);
        WordPressAttachment& up = uploads[id];
        up.url = Trim(Child(item, Ns::kWp, "attachment_url"));
        up.alt = at.alt;
        up.caption = at.caption;
        up.parent = Trim(Child(item, Ns::kWp, "post_parent"));
        up.mime = Trim(Child(item, Ns::kWp, "post_mime_type"));
        if (up.mime.empty()) {
          std::string lower = up.url;
          for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          for (const char* ext : {".jpg", ".jpeg", ".png", ".gif", ".webp"}) {
            if (lower.size() > std::strlen(ext) && lower.compare(lower.size() - std::strlen(ext), std::string::npos, ext) == 0) {
              up.mime = "image/";
            }
          }
        }
        if (!at.path.empty()) attachments[id] = std::move(at);
    } while (false);
    if (IsItem(n)) offsets.Learn(n);
  };

  if (Status st = ForEachChannelChild(source, first_pass); !st.ok()) return st.error();
  if (!saw_channel) return Error{"wordpress export", "channel", "has no <channel> element"};
  if (!uploads.empty()) {
    b.tally.converted["attachment (featured images and galleries use them)"].count = static_cast<int>(uploads.size());
  }
  if (with_publication) {
    Publication p;
    p.name = channel_title.empty() ? "Imported from WordPress" : channel_title;
    p.base_url = channel_link;
    if (p.base_url.rfind("http://", 0) != 0 && p.base_url.rfind("https://", 0) != 0) p.base_url = "http://127.0.0.1:8080";
    while (!p.base_url.empty() && p.base_url.back() == '/') p.base_url.pop_back();
    p.language = channel_language.empty() ? "en" : channel_language.substr(0, 35);
    p.timezone = "UTC";
    p.newsletter_pitch = "Get " + p.name + " by email";
    b.publication = p;
  }
  if (b.publication && !offsets.empty()) {
    // WordPress exports no time zone: the one its posts' offsets show.
    std::string zone = ZoneForOffset(offsets.Usual());
    if (!zone.empty()) {
      b.publication->timezone = zone;
      b.tally.Converted("time zone (from the posts' UTC offset)", zone);
    } else {
      b.tally.Skipped("time zone (the posts' UTC offset is not whole hours: UTC kept)", std::to_string(offsets.Usual()) + " s");
    }
  }

  // Pages (About, Contact...): static pages at /{slug}.
  std::set<std::string> page_slugs;
  // Pass 2: pages and posts.
  auto second_pass = [&](xmlNode* item) {
    do {
        if (item->type != XML_ELEMENT_NODE || std::strcmp(reinterpret_cast<const char*>(item->name), "item") != 0) continue;
        if (Trim(Child(item, Ns::kWp, "post_type")) != "page") continue;
        std::string status = Trim(Child(item, Ns::kWp, "status"));
        if (status == "trash" || status == "auto-draft") continue;
        std::string id = Trim(Child(item, Ns::kWp, "post_id"));
        StaticPage page;
        page.title = Trim(Child(item, Ns::kNone, "title"));
        if (page.title.empty()) page.title = "Untitled (WordPress page " + id + ")";
        if (page.title.size() > kMaxPageTitleBytes) page.title.resize(kMaxPageTitleBytes);
        std::string slug = SlugFromWordPress(Trim(Child(item, Ns::kWp, "post_name")));
        if (slug.empty()) slug = Slugify(page.title);
        // A page may not take a path the site answers itself (/search, /admin...).
        if (IsReservedPageSlug(slug)) slug += "-page";
        page.slug = UniqueSlug(slug, id, &page_slugs);
        if (page.slug.empty()) {
          b.problems.push_back(Error{"wordpress page " + id, "post_name", "gives no usable, unique slug"});
          continue;
        }
        page.body = WordPressContentToHtml(Child(item, Ns::kContent, "encoded"), id, "page " + id + " (" + page.slug + ")",
                                           uploads, &b.tally);
        page.body_format = BodyFormat::kHtml;
        bool has_password = !Trim(Child(item, Ns::kWp, "post_password")).empty();
        page.published = status == "publish" && !has_password;
        std::string order = Trim(Child(item, Ns::kWp, "menu_order"));
        page.position = order.empty() || order.size() > 6 || order.find_first_not_of("0123456789") != std::string::npos
                            ? 0 : std::stoi(order);
        if (page.published) {
          std::string to = StaticPagePath(page.slug);
          old_paths.Add(Trim(Child(item, Ns::kNone, "link")), to);
          old_paths.Add(Trim(Child(item, Ns::kNone, "guid")), to);
          old_paths.Add("/?page_id=" + id, to);
        }
        b.pages.push_back(std::move(page));
    } while (false);
    do {
        if (item->type != XML_ELEMENT_NODE || std::strcmp(reinterpret_cast<const char*>(item->name), "item") != 0) continue;
        if (Trim(Child(item, Ns::kWp, "post_type")) != "post") continue;
        std::string status = Trim(Child(item, Ns::kWp, "status"));
        if (status == "trash" || status == "auto-draft") continue;
        std::string id = Trim(Child(item, Ns::kWp, "post_id"));

        Article a;
        a.title = Trim(Child(item, Ns::kNone, "title"));
        if (a.title.empty()) a.title = "Untitled (WordPress post " + id + ")";
        if (a.title.size() > 1000) a.title.resize(1000);
        a.slug = SlugFromWordPress(Trim(Child(item, Ns::kWp, "post_name")));
        if (a.slug.empty()) a.slug = Slugify(a.title);
        a.slug = UniqueSlug(a.slug, id, &article_slugs);
        if (a.slug.empty()) {
          b.problems.push_back(Error{"wordpress post " + id, "post_name", "gives no usable, unique slug"});
          continue;
        }
        a.body = WordPressContentToHtml(Child(item, Ns::kContent, "encoded"), id, "post " + id + " (" + a.slug + ")",
                                        uploads, &b.tally);
        for (xmlNode* c = item->children; c; c = c->next) {
          if (Is(c, Ns::kWp, "comment")) b.tally.Skipped("comment (comments are not kept)", "post " + id + " (" + a.slug + ")");
        }
        if (Trim(Child(item, Ns::kWp, "is_sticky")) == "1") {
          b.tally.Skipped("sticky flag (listings are by date)", "post " + id + " (" + a.slug + ")");
        }
        a.body_format = BodyFormat::kHtml;
        std::string excerpt = Trim(HtmlToText(Child(item, Ns::kExcerpt, "encoded")));
        if (excerpt.empty()) {
          // The teaser WordPress showed on listings: the text before <!--more-->.
          std::string content = Child(item, Ns::kContent, "encoded");
          if (size_t more = content.find("<!--more"); more != std::string::npos) {
            excerpt = Trim(HtmlToText(content.substr(0, more)));
          }
        }
        a.summary = ShortSummary(excerpt.empty() ? ProseOf(a.body) : excerpt);

        bool has_password = !Trim(Child(item, Ns::kWp, "post_password")).empty();
        if (status == "publish" && !has_password) a.status = ArticleStatus::kPublished;
        else if (status == "future" && !has_password) a.status = ArticleStatus::kScheduled;
        else a.status = ArticleStatus::kDraft;
        // post_date_gmt is the truth; without it (drafts), the local date less
        // the site's offset at that time.
        auto when = ParseWpDate(Trim(Child(item, Ns::kWp, "post_date_gmt")));
        if (!when) {
          when = ParseWpDate(Trim(Child(item, Ns::kWp, "post_date")));
          if (when && offsets.empty()) {
            b.tally.Skipped("date without GMT (no offset known: read as UTC)", "post " + id + " (" + a.slug + ")");
          } else if (when) {
            *when -= offsets.At(*when);
            b.tally.Converted("date without GMT (the site's UTC offset applied)", "post " + id + " (" + a.slug + ")");
          }
        }
        if (!when && a.status != ArticleStatus::kDraft) {
          b.problems.push_back(Error{"wordpress post " + id, "post_date", "is missing or not a date"});
          continue;
        }
        a.published_at = when.value_or(0);
        // Its old addresses: the permalink, the guid, and ?p=ID, which WordPress
        // answers whatever the permalink structure.
        if (a.status != ArticleStatus::kDraft) {
          std::string to = ArticlePath(a.slug);
          old_paths.Add(Trim(Child(item, Ns::kNone, "link")), to);
          old_paths.Add(Trim(Child(item, Ns::kNone, "guid")), to);
          old_paths.Add("/?p=" + id, to);
        }
        if (auto it = attachments.find(Meta(item, "_thumbnail_id")); it != attachments.end()) {
          a.image.path = it->second.path;
          a.image.alt = it->second.alt;
          a.image.caption = it->second.caption;
        }

        std::string login = Trim(Child(item, Ns::kDc, "creator"));
        if (!author_slug.count(login)) {
          // A creator missing from the authors list (or spelt differently, as in
          // "themereviewteam>"): the author of that slug if there is one, else a new one.
          std::string slug = Slugify(login.empty() ? "wordpress" : login);
          if (slug.empty()) slug = "wordpress";
          author_slug[login] = slug;
          bool known = false;
          for (const auto& au : b.authors) known = known || au.slug == slug;
          if (!known) b.authors.push_back({slug, login.empty() ? "WordPress" : login, ""});
        }
        a.authors.push_back({author_slug[login], {}});

        // Its categories: the primary one (Yoast's, else the first) is the
        // column, the others are tags, as are its tags.
        std::vector<std::pair<std::string, std::string>> cats;  // slug, name
        std::set<std::string> seen_tags;
        for (xmlNode* c = item->children; c; c = c->next) {
          if (c->type != XML_ELEMENT_NODE || std::strcmp(reinterpret_cast<const char*>(c->name), "category") != 0) continue;
          std::string domain = Attribute(c, "domain");
          std::string slug = SlugFromWordPress(Attribute(c, "nicename"));
          if (slug.empty()) slug = Slugify(Text(c));
          if (slug.empty()) continue;
          std::string name = Trim(Text(c));
          if (name.empty()) name = slug;
          if (domain == "category") {
            if (auto known = categories.find(slug); known != categories.end()) name = known->second.name;
            cats.push_back({slug, name});
          } else if (domain == "post_tag" && seen_tags.insert(slug).second) {
            a.tags.push_back({slug, {}});
            use_tag(slug, name);
          }
        }
        size_t primary = 0;
        if (auto it = category_by_term.find(Meta(item, "_yoast_wpseo_primary_category")); it != category_by_term.end()) {
          for (size_t i = 0; i < cats.size(); ++i) {
            if (cats[i].first == it->second) primary = i;
          }
        }
        if (cats.empty()) cats.push_back({"uncategorized", "Uncategorized"});
        a.column.slug = cats[primary].first;
        use_column(cats[primary].first, cats[primary].second);
        for (size_t i = 0; i < cats.size(); ++i) {
          if (i == primary || !seen_tags.insert(cats[i].first).second) continue;
          a.tags.push_back({cats[i].first, {}});
          use_tag(cats[i].first, cats[i].second);
        }
        if (cats.size() > 1) b.tally.Converted("secondary category (a tag here)", "post " + id + " (" + a.slug + ")");
        b.articles.push_back(std::move(a));
    } while (false);
  };

  if (Status st = ForEachChannelChild(source, second_pass); !st.ok()) return st.error();

  // /category/x/: the column when x is one, else the tag.
  for (const auto& [slug, c] : categories) {
    if (column_slugs.count(slug)) archive("/category/", c.old_slug, "/columns/" + slug);
    else if (tag_slugs.count(slug)) archive("/category/", c.old_slug, "/tags/" + slug);
  }
  // Empty names would fail the bundle's own rules; give them the slug.
  for (auto& c : b.columns) {
    if (c.name.empty()) c.name = c.title = c.slug;
  }
  for (auto& t : b.tags) {
    if (t.name.empty()) t.name = t.slug;
  }
  return b;
}

}  // namespace newsdesk
