#include "transfer/wxr_import.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cstring>
#include <map>
#include <set>

#include "content/dates.h"
#include "content/redirect.h"
#include "content/slug.h"
#include "content/summary.h"
#include "http/url.h"
#include "render/html_sanitizer.h"
#include "transfer/import_images.h"
#include "transfer/old_paths.h"

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

}  // namespace

Result<Bundle> ParseWxr(std::string_view xml, bool with_publication) {
  // No entity expansion and no network: an export file cannot reach out or blow up.
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!doc) {
    const xmlError* e = xmlGetLastError();
    Error err{"", "", e && e->message ? Trim(e->message) : "not well-formed XML"};
    err.line = e ? e->line : 1;
    return err;
  }
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> owner(doc, &xmlFreeDoc);
  xmlNode* rss = xmlDocGetRootElement(doc);
  xmlNode* channel = nullptr;
  for (xmlNode* c = rss ? rss->children : nullptr; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && std::strcmp(reinterpret_cast<const char*>(c->name), "channel") == 0) channel = c;
  }
  if (!channel) return Error{"wordpress export", "channel", "has no <channel> element"};

  Bundle b;
  if (with_publication) {
    Publication p;
    p.name = Trim(Child(channel, Ns::kNone, "title"));
    if (p.name.empty()) p.name = "Imported from WordPress";
    p.base_url = Trim(Child(channel, Ns::kNone, "link"));
    if (p.base_url.rfind("http://", 0) != 0 && p.base_url.rfind("https://", 0) != 0) p.base_url = "http://127.0.0.1:8080";
    while (!p.base_url.empty() && p.base_url.back() == '/') p.base_url.pop_back();
    std::string lang = Trim(Child(channel, Ns::kNone, "language"));
    p.language = lang.empty() ? "en" : lang.substr(0, 35);
    p.timezone = "UTC";
    p.newsletter_pitch = "Get " + p.name + " by email";
    b.publication = p;
  }

  std::map<std::string, std::string> author_slug;  // login -> slug
  std::set<std::string> column_slugs, tag_slugs, article_slugs;
  // The old site's URLs: WordPress's default archive paths and feeds.
  OldPaths old_paths(&b);
  old_paths.Add("/feed/", "/feed.xml");
  auto archive = [&](const std::string& base, const std::string& old_slug, const std::string& to) {
    old_paths.Add(base + old_slug + "/", to);
    old_paths.Add(base + old_slug + "/feed/", to + "/feed.xml");
  };
  for (xmlNode* n = channel->children; n; n = n->next) {
    if (Is(n, Ns::kWp, "author")) {
      std::string login = Trim(Child(n, Ns::kWp, "author_login"));
      std::string slug = Slugify(login);
      if (slug.empty() || author_slug.count(login)) continue;
      std::string name = Trim(Child(n, Ns::kWp, "author_display_name"));
      author_slug[login] = slug;
      b.authors.push_back({slug, name.empty() ? login : name.substr(0, 200), ""});
      archive("/author/", slug, "/authors/" + slug);
    } else if (Is(n, Ns::kWp, "category")) {
      std::string nicename = Trim(Child(n, Ns::kWp, "category_nicename"));
      std::string slug = SlugFromWordPress(nicename);
      std::string name = Trim(Child(n, Ns::kWp, "cat_name"));
      if (slug.empty() || !column_slugs.insert(slug).second) continue;
      archive("/category/", nicename, "/columns/" + slug);
      b.columns.push_back({slug, name.empty() ? slug : name.substr(0, 200), name.empty() ? slug : name.substr(0, 300), ""});
    } else if (Is(n, Ns::kWp, "tag")) {
      std::string old_slug = Trim(Child(n, Ns::kWp, "tag_slug"));
      std::string slug = SlugFromWordPress(old_slug);
      std::string name = Trim(Child(n, Ns::kWp, "tag_name"));
      if (slug.empty() || !tag_slugs.insert(slug).second) continue;
      archive("/tag/", old_slug, "/tags/" + slug);
      b.tags.push_back({slug, name.empty() ? slug : name.substr(0, 200)});
    }
  }

  // Attachments: the uploaded files posts use as featured images
  // (_thumbnail_id), by post id; their files come from --media-from.
  struct Attachment {
    std::string path, alt, caption;
  };
  std::map<std::string, Attachment> attachments;
  for (xmlNode* item = channel->children; item; item = item->next) {
    if (item->type != XML_ELEMENT_NODE || std::strcmp(reinterpret_cast<const char*>(item->name), "item") != 0) continue;
    if (Trim(Child(item, Ns::kWp, "post_type")) != "attachment") continue;
    std::string file = Meta(item, "_wp_attached_file");
    Attachment at;
    at.path = ImagePathBelow(file.empty() ? Trim(Child(item, Ns::kWp, "attachment_url")) : file, "/wp-content/uploads/");
    at.alt = Meta(item, "_wp_attachment_image_alt").substr(0, kMaxAltBytes);
    at.caption = Trim(HtmlToText(Child(item, Ns::kExcerpt, "encoded"))).substr(0, kMaxCaptionBytes);
    if (!at.path.empty()) attachments[Trim(Child(item, Ns::kWp, "post_id"))] = std::move(at);
  }

  // Pages (About, Contact...): static pages at /{slug}.
  std::set<std::string> page_slugs;
  for (xmlNode* item = channel->children; item; item = item->next) {
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
    if (page.slug.empty()) return Error{"wordpress page " + id, "post_name", "gives no usable, unique slug"};
    page.body = AutoParagraphs(Child(item, Ns::kContent, "encoded"));
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
  }

  for (xmlNode* item = channel->children; item; item = item->next) {
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
      return Error{"wordpress post " + id, "post_name", "gives no usable, unique slug"};
    }
    a.body = AutoParagraphs(Child(item, Ns::kContent, "encoded"));
    a.body_format = BodyFormat::kHtml;
    std::string excerpt = Trim(HtmlToText(Child(item, Ns::kExcerpt, "encoded")));
    a.summary = ShortSummary(excerpt.empty() ? HtmlToText(a.body) : excerpt);

    bool has_password = !Trim(Child(item, Ns::kWp, "post_password")).empty();
    if (status == "publish" && !has_password) a.status = ArticleStatus::kPublished;
    else if (status == "future" && !has_password) a.status = ArticleStatus::kScheduled;
    else a.status = ArticleStatus::kDraft;
    auto when = ParseWpDate(Trim(Child(item, Ns::kWp, "post_date_gmt")));
    if (!when) when = ParseWpDate(Trim(Child(item, Ns::kWp, "post_date")));
    if (!when && a.status != ArticleStatus::kDraft) {
      return Error{"wordpress post " + id, "post_date", "is missing or not a date"};
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

    std::set<std::string> seen_tags;
    for (xmlNode* c = item->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE || std::strcmp(reinterpret_cast<const char*>(c->name), "category") != 0) continue;
      std::string domain = Attribute(c, "domain");
      std::string slug = SlugFromWordPress(Attribute(c, "nicename"));
      if (slug.empty()) slug = Slugify(Text(c));
      if (slug.empty()) continue;
      if (domain == "category" && a.column.slug.empty()) {
        a.column.slug = slug;
        if (column_slugs.insert(slug).second) b.columns.push_back({slug, Trim(Text(c)), Trim(Text(c)), ""});
      } else if (domain == "post_tag" && seen_tags.insert(slug).second) {
        a.tags.push_back({slug, {}});
        if (tag_slugs.insert(slug).second) b.tags.push_back({slug, Trim(Text(c)).substr(0, 200)});
      }
    }
    if (a.column.slug.empty()) {
      a.column.slug = "uncategorized";
      if (column_slugs.insert("uncategorized").second) {
        b.columns.push_back({"uncategorized", "Uncategorized", "Uncategorized", ""});
      }
    }
    b.articles.push_back(std::move(a));
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
