#include "site/site_routes.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>


#include "content/redirect.h"
#include "content/slug.h"
#include "content/static_page.h"
#include "content/summary.h"
#include "http/security_headers.h"
#include "render/article_body.h"
#include "render/embeds.h"
#include "render/html_sanitizer.h"
#include "render/reading_time.h"
#include "feeds/structured_data.h"
#include "http/url.h"
#include "media/image_urls.h"
#include "site/cookie_consent.h"

namespace newsdesk::site {

using http::Request;
using http::Response;
using http::RouteParams;

namespace {

// The page number from .../page/{n} or ?page=: absent means 1; anything but
// 1..kMaxPageNumber is nullopt. In the path form page 1 has no URL of its own.
std::optional<int> PageNumber(const Request& req, std::string_view page_in_path = {}) {
  if (page_in_path.empty()) return http::PageQueryParam(req.query);
  auto page = http::ParsePositiveNumber(page_in_path, http::kMaxPageNumber);
  if (page == 1) return std::nullopt;
  return page;
}

// Sections in the header at most (the rest: "All sections").
constexpr size_t kNavColumns = 8;
// Under an article: the column's newest, and related articles from the
// newest few of its first tags.
constexpr size_t kMoreFromColumn = 4;
constexpr size_t kRelated = 4;
constexpr size_t kRelatedTags = 3;
constexpr size_t kRelatedPerTag = 10;
// A section's block on the front page.
constexpr int kFrontSectionItems = 3;

}  // namespace

void SiteRoutes::Register(http::Router& router) const {
  router.Add("GET", "/", [this](const Request& r, const RouteParams&) { return Home(r); });
  router.Add("GET", "/page/{n}", [this](const Request& r, const RouteParams& p) { return Home(r, p.Get("n")); });
  router.Add("GET", "/columns/{slug}",
             [this](const Request& r, const RouteParams& p) { return Column(r, p.Get("slug")); });
  router.Add("GET", "/columns/{slug}/page/{n}",
             [this](const Request& r, const RouteParams& p) { return Column(r, p.Get("slug"), p.Get("n")); });
  router.Add("GET", "/authors/{slug}",
             [this](const Request& r, const RouteParams& p) { return Author(r, p.Get("slug")); });
  router.Add("GET", "/authors/{slug}/page/{n}",
             [this](const Request& r, const RouteParams& p) { return Author(r, p.Get("slug"), p.Get("n")); });
  router.Add("GET", "/tags/{slug}",
             [this](const Request& r, const RouteParams& p) { return Tag(r, p.Get("slug")); });
  router.Add("GET", "/tags/{slug}/page/{n}",
             [this](const Request& r, const RouteParams& p) { return Tag(r, p.Get("slug"), p.Get("n")); });
  router.Add("GET", "/articles/{slug}",
             [this](const Request& r, const RouteParams& p) { return Article(r, p.Get("slug")); });
  for (const char* kind : {"columns", "authors", "tags"}) {
    for (std::string path : {std::string("/") + kind + "/", std::string("/") + kind}) {
      router.Add("GET", path.c_str(), [this, kind](const Request& r, const RouteParams&) { return Index(r, kind); });
    }
  }
  router.Add("GET", "/search", [this](const Request& r, const RouteParams&) { return Search(r); });
  router.Add("GET", "/cookies", [this](const Request& r, const RouteParams&) { return CookiePolicy(r); });
  router.Add("POST", "/cookies/consent",
             [this](const Request& r, const RouteParams&) { return DismissCookieNotice(r); });
  router.Add("GET", "/assets/{name}",
             [this](const Request& r, const RouteParams& p) { return Asset(r, p.Get("name")); });
  // Browsers ask for these at the root, unversioned: the publication's icon
  // when Settings has one (a redirect to its square crop), else the theme's
  // files; kept a day.
  for (const char* icon : {"favicon.ico", "apple-touch-icon.png"}) {
    router.Add("GET", (std::string("/") + icon).c_str(), [this, icon](const Request& r, const RouteParams&) {
      if (const auto& item = reader_.Chrome()->icon) {
        return Response::Redirect(302, "/media/" + media::CropName(*item, media::CropShape::kSquare))
            .With("Cache-Control", "public, max-age=86400");
      }
      Response res = Asset(r, icon);
      if (res.status == 200) res.Replacing("Cache-Control", "public, max-age=86400");
      return res;
    });
  }
  router.Add("GET", "/healthz", [](const Request&, const RouteParams&) {
    return Response::Text(200, "ok\n").With("Cache-Control", "no-store");
  });
  router.SetNotFound([this](const Request& r, const RouteParams&) { return NotFound(r); });
}

Response SiteRoutes::Page(const Request& req, const Publication& publication, int status,
                          PageMeta meta, std::string content) const {
  // After dismissing the notice the reader comes back here: a page they can GET.
  std::string back = req.method == "GET" || req.method == "HEAD" ? SafeReturnPath(req.target) : "/";
  // A page with embeds (render/embeds.h) may frame their providers, once asked.
  bool embeds = content.find("class=\"embed-facade\"") != std::string::npos;
  LayoutInputs in;
  in.publication = &publication;
  in.meta = std::move(meta);
  in.content_html = std::move(content);
  in.show_cookie_notice = !HasDismissedNotice(req);
  in.return_to = std::move(back);
  in.asset_version = theme_.asset_version();
  auto chrome = reader_.Chrome();
  in.footer_pages = &chrome->footer_pages;  // `chrome` outlives LayoutData below
  in.has_embeds = embeds;
  in.nav_columns = ContentReader::NavColumnsOf(*chrome, kNavColumns, &in.nav_more);
  in.current_path = req.path;
  in.site_css = theme_.FindAsset("site.css") != nullptr;
  if (!publication.logo_id.empty()) {
    in.logo = publication.logo_id == chrome->publication.logo_id ? chrome->logo : reader_.FindMedia(publication.logo_id);
  }
  if (!publication.icon_id.empty()) {
    in.icon = publication.icon_id == chrome->publication.icon_id ? chrome->icon : reader_.FindMedia(publication.icon_id);
  }
  Response res = Response::Html(status, theme_.Render({"layout"}, LayoutData(std::move(in))));
  if (embeds) res.headers.emplace_back("Content-Security-Policy", http::PublicContentSecurityPolicy(EmbedFrameSources()));
  return res;
}

Response SiteRoutes::ListingPage(const Request& req, const Publication& publication,
                                 const ListingFilter& filter,
                                 std::initializer_list<std::string_view> templates,
                                 const std::string& heading, const std::string& intro,
                                 const std::string& base_path, const std::string& title,
                                 bool has_rss, std::string_view page_in_path,
                                 const TemplateData* profile,
                                 const std::function<void(const Listing&, TemplateData*)>& decorate) const {
  auto page = PageNumber(req, page_in_path);
  if (!page) return NotFound(req);
  auto listing = reader_.List(filter, *page);
  if (!listing) return NotFound(req);
  auto data = ListingData(heading, intro, *listing, base_path, ContentReader::ZoneOf(publication), links_);
  if (profile) data.set("profile", *profile);
  if (decorate) decorate(*listing, &data);
  // Every listing describes itself, with or without an intro of its own.
  std::string description = !intro.empty() ? intro
                            : title.empty() ? "The latest from " + publication.name
                                            : title + ": the latest from " + publication.name;
  PageMeta meta = MakeMeta(title, description, PagePath(base_path, *page, links_));
  std::string feed_base = base_path == "/" ? "" : base_path;
  meta.atom_path = feed_base + "/feed.xml";
  if (has_rss) meta.rss_path = feed_base + "/rss.xml";
  meta.feed_title = title.empty() ? publication.name : title + " | " + publication.name;
  if (*page > 1) {
    meta.title = meta.title.empty() ? "Page " + std::to_string(*page)
                                    : meta.title + " (page " + std::to_string(*page) + ")";
  }
  return Page(req, publication, 200, std::move(meta), theme_.Render(templates, data));
}

Response SiteRoutes::Home(const Request& req, std::string_view page_in_path) const {
  // An imported WordPress site's /?p=123 and /?page_id=7 links.
  if (std::string old = WordPressQueryPath(req.query); !old.empty() && page_in_path.empty()) {
    if (auto to = reader_.FindRedirect(old)) {
      return Response::Redirect(301, *to).With("Cache-Control", "public, max-age=3600");
    }
  }
  Publication p = reader_.LoadPublication();
  return ListingPage(req, p, ListingFilter{}, {"home", "listing"}, "Latest", "", "/", "", true, page_in_path, nullptr,
                     [&](const Listing& listing, TemplateData* data) {
                       if (listing.page == 1 && !listing.items.empty()) AddFrontPage(listing, p, data);
                     });
}

void SiteRoutes::AddFrontPage(const Listing& listing, const Publication& p, TemplateData* data) const {
  const auto* zone = ContentReader::ZoneOf(p);
  // The newest story leads, its picture large; the rest of the page's twenty follow.
  const newsdesk::Article& lead = listing.items.front();
  TemplateData lead_data = ListingItemData(lead, zone, true);
  if (!lead.image.media.id.empty()) {
    PictureOptions o;
    o.alt = "";  // the headline beside it says what it is
    o.sizes = "(max-width: 46rem) 100vw, 46rem";
    o.lazy = false;
    o.css_class = "lead-story-image";
    lead_data.set("thumbnail_html", PictureHtml(lead.image.media, o, ImageContext{}));
  }
  TemplateData rest{TemplateData::type::list};
  for (size_t i = 1; i < listing.items.size(); ++i) rest.push_back(ListingItemData(listing.items[i], zone, false));
  TemplateData front;
  front.set("site_name", p.name);
  front.set("lead", std::move(lead_data));
  front.set("items", std::move(rest));
  // A block per section: the header's sections, each with its newest few.
  bool more = false;
  TemplateData sections{TemplateData::type::list};
  for (const auto& column : reader_.NavColumns(kNavColumns, &more)) {
    auto newest = reader_.Newest({ListingFilter::Kind::kColumn, column.slug}, kFrontSectionItems);
    if (newest->empty()) continue;
    TemplateData items{TemplateData::type::list};
    for (const auto& a : *newest) items.push_back(ListingItemData(a, zone));
    TemplateData section;
    section.set("name", column.name);
    section.set("slug", column.slug);
    section.set("url", http::EncodeNonAscii("/columns/" + column.slug));
    section.set("items", std::move(items));
    sections.push_back(std::move(section));
  }
  if (!sections.is_empty_list()) front.set("sections", std::move(sections));
  data->set("front", std::move(front));
}

Response SiteRoutes::Column(const Request& req, std::string_view slug, std::string_view page_in_path) const {
  if (!IsValidSlug(slug)) return NotFound(req);
  auto column = reader_.FindColumn(std::string(slug));
  if (!column) return NotFound(req);
  Publication p = reader_.LoadPublication();
  std::string specific = "column-" + column->slug;
  return ListingPage(req, p, {ListingFilter::Kind::kColumn, column->slug},
                     {specific, "column", "listing"}, column->title, column->description,
                     "/columns/" + column->slug, column->title, true, page_in_path);
}

Response SiteRoutes::Author(const Request& req, std::string_view slug, std::string_view page_in_path) const {
  if (!IsValidSlug(slug)) return NotFound(req);
  auto author = reader_.FindAuthor(std::string(slug));
  if (!author) return NotFound(req);
  Publication p = reader_.LoadPublication();
  TemplateData profile;
  TemplateData links{TemplateData::type::list};
  for (const auto& url : author->links) {
    // Labelled by the site it leads to: "x.com", "linkedin.com".
    std::string host = url.substr(url.find("://") + 3);
    host = host.substr(0, host.find_first_of("/?#"));
    if (host.rfind("www.", 0) == 0) host = host.substr(4);
    TemplateData link;
    link.set("url", url);
    link.set("label", host);
    links.push_back(std::move(link));
  }
  bool has_profile = !author->links.empty() || !author->email.empty();
  if (auto photo = author->photo_id.empty() ? std::nullopt : reader_.FindMedia(author->photo_id)) {
    // Shown 96 px wide: the 320 px derivative covers every screen density.
    PictureOptions o;
    o.alt = photo->alt.empty() ? author->name : photo->alt;
    o.sizes = "6rem";
    o.lazy = false;
    o.css_class = "author-photo";
    o.display_width = 96;
    profile.set("photo_html", PictureHtml(*photo, o, ImageContext{}));

    has_profile = true;
  }
  profile.set("links", std::move(links));
  profile.set("has_list", !author->links.empty() || !author->email.empty());
  if (!author->email.empty()) profile.set("email", author->email);
  return ListingPage(req, p, {ListingFilter::Kind::kAuthor, author->slug}, {"author", "listing"},
                     author->name, author->bio, "/authors/" + author->slug, author->name, false,
                     page_in_path, has_profile ? &profile : nullptr);
}

Response SiteRoutes::Tag(const Request& req, std::string_view slug, std::string_view page_in_path) const {
  if (!IsValidSlug(slug)) return NotFound(req);
  auto tag = reader_.FindTag(std::string(slug));
  if (!tag) return NotFound(req);
  Publication p = reader_.LoadPublication();
  return ListingPage(req, p, {ListingFilter::Kind::kTag, tag->slug}, {"tag", "listing"},
                     "Tag: " + tag->name, tag->description, "/tags/" + tag->slug, tag->name, false, page_in_path);
}

Response SiteRoutes::Index(const Request& req, const std::string& kind) const {
  Publication p = reader_.LoadPublication();
  TemplateData items{TemplateData::type::list};
  auto add = [&](const std::string& name, const std::string& url, const std::string& description) {
    TemplateData item;
    item.set("name", name);
    item.set("url", url);
    if (!description.empty()) item.set("description", description);
    items.push_back(std::move(item));
  };
  std::string heading;
  if (kind == "columns") {
    heading = "Columns";
    for (const auto& c : reader_.ListColumns()) add(c.title.empty() ? c.name : c.title, "/columns/" + c.slug, c.description);
  } else if (kind == "authors") {
    heading = "Authors";
    for (const auto& a : reader_.ListAuthors()) add(a.name, "/authors/" + a.slug, "");
  } else {
    heading = "Tags";
    for (const auto& t : reader_.ListTags()) add(t.name, "/tags/" + t.slug, t.description);
  }
  TemplateData data;
  data.set("heading", heading);
  data.set("has_items", !items.is_empty_list());
  data.set("items", std::move(items));
  return Page(req, p, 200, MakeMeta(heading, heading + " of " + p.name, "/" + kind + "/"),
              theme_.Render({"index-" + kind, "index"}, data));
}

Response SiteRoutes::Article(const Request& req, std::string_view slug) const {
  if (!IsValidSlug(slug)) return NotFound(req);
  auto article = reader_.FindArticle(std::string(slug));
  if (!article) return NotFound(req);
  return ArticlePage(req, *article);
}

Response SiteRoutes::ArticlePage(const Request& req, const newsdesk::Article& article_in) const {
  const auto* article = &article_in;
  Publication p = reader_.LoadPublication();
  ImageContext images{reader_.MediaLookupFn()};
  const auto* zone = ContentReader::ZoneOf(p);
  auto data = ArticleData(*article, zone, &images);
  std::vector<std::string> shown;  // the articles in its boxes
  AddArticleSurroundings(*article, p, zone, &data, &shown);
  std::string specific = "article-" + article->slug;
  PageMeta meta = MakeMeta(article->seo_title.empty() ? article->title : article->seo_title,
                           article->seo_description.empty() ? article->summary : article->seo_description,
                           "/articles/" + article->slug);
  meta.canonical_url = article->canonical_url;
  meta.atom_path = "/columns/" + article->column.slug + "/feed.xml";
  meta.rss_path = "/columns/" + article->column.slug + "/rss.xml";
  meta.feed_title = article->column.name + " | " + p.name;
  // The publisher's logo: the one set in the admin, else the theme's assets/logo.png.
  feeds::PublisherLogo logo;
  if (auto uploaded = p.logo_id.empty() ? std::nullopt : reader_.FindMedia(p.logo_id)) {
    logo.url = p.base_url + "/media/" + media::MasterName(*uploaded);
    logo.width = uploaded->width;
    logo.height = uploaded->height;
  } else if (const ThemeAsset* png = theme_.FindAsset("logo.png")) {
    std::tie(logo.width, logo.height) = Theme::PngSize(png->body);
    if (logo.width > 0) logo.url = p.base_url + "/assets/logo.png?v=" + theme_.asset_version();
  }
  meta.json_ld = feeds::NewsArticleJsonLd(*article, p, &logo);
  meta.article = article;
  Response page = Page(req, p, 200, std::move(meta), theme_.Render({specific, "article"}, data));
  // Besides itself it shows its authors' boxes, and the newest of its column
  // and of its tags: it changes when an author's profile does, when those lists
  // gain or lose an article (migration 0029), or when an article it shows
  // changes. Not with every edit in its column: the column's listings do.
  for (const auto& a : article->authors) page.scopes.push_back("profile:author:" + a.slug);
  page.scopes.push_back("list:column:" + article->column.slug);
  for (const auto& t : article->tags) page.scopes.push_back("list:tag:" + t.slug);
  for (const auto& slug : shown) page.scopes.push_back("article:" + slug);
  return page;
}

void SiteRoutes::AddArticleSurroundings(const newsdesk::Article& article, const Publication& p,
                                        const date::time_zone* zone, TemplateData* data,
                                        std::vector<std::string>* shown_slugs) const {
  // Who wrote it: photo and bio of each author that has either.
  TemplateData authors{TemplateData::type::list};
  for (const auto& ref : article.authors) {
    auto author = reader_.FindAuthor(ref.slug);
    if (!author || (author->bio.empty() && author->photo_id.empty())) continue;
    TemplateData one;
    one.set("name", author->name);
    one.set("url", http::EncodeNonAscii("/authors/" + author->slug));
    one.set("bio", author->bio);
    if (auto photo = author->photo_id.empty() ? std::nullopt : reader_.FindMedia(author->photo_id)) {
      PictureOptions o;
      o.alt = "";  // the name beside it says who it is
      o.sizes = "4rem";
      o.css_class = "author-photo";
      o.display_width = 64;
      one.set("photo_html", PictureHtml(*photo, o, ImageContext{}));
    }
    authors.push_back(std::move(one));
  }
  if (!authors.is_empty_list()) data->set("author_boxes", std::move(authors));

  // "More from {column}": its newest, and related articles: those sharing the
  // most of its tags (the newest few of each tag: a bounded cost).
  std::set<std::string> shown = {article.slug};
  TemplateData more{TemplateData::type::list};
  {
    size_t count = 0;
    auto newest = reader_.Newest({ListingFilter::Kind::kColumn, article.column.slug}, static_cast<int>(kMoreFromColumn + 1));
    for (const auto& a : *newest) {
      if (count == kMoreFromColumn) break;
      if (!shown.insert(a.slug).second) continue;
      more.push_back(ListingItemData(a, zone));
      ++count;
    }
  }
  if (!more.is_empty_list()) {
    TemplateData box;
    box.set("items", std::move(more));
    box.set("column_name", article.column.name);
    box.set("column_url", http::EncodeNonAscii("/columns/" + article.column.slug));
    data->set("more_from_column", std::move(box));
  }
  std::vector<std::shared_ptr<const std::vector<newsdesk::Article>>> tagged;  // kept while `scored` points in
  std::map<std::string_view, std::pair<int, const newsdesk::Article*>> scored;
  for (size_t i = 0; i < article.tags.size() && i < kRelatedTags; ++i) {
    tagged.push_back(reader_.Newest({ListingFilter::Kind::kTag, article.tags[i].slug}, static_cast<int>(kRelatedPerTag)));
    for (const auto& a : *tagged.back()) {
      if (shown.count(a.slug)) continue;
      auto& entry = scored[a.slug];
      if (entry.first++ == 0) entry.second = &a;
    }
  }
  std::vector<std::pair<int, const newsdesk::Article*>> ranked;
  for (auto& [slug, entry] : scored) ranked.push_back(entry);
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first > y.first : x.second->published_at > y.second->published_at;
  });
  TemplateData related{TemplateData::type::list};
  for (size_t i = 0; i < ranked.size() && i < kRelated; ++i) {
    related.push_back(ListingItemData(*ranked[i].second, zone));
    shown.insert(ranked[i].second->slug);
  }
  shown.erase(article.slug);
  shown_slugs->assign(shown.begin(), shown.end());
  if (!related.is_empty_list()) {
    TemplateData box;
    box.set("items", std::move(related));
    data->set("related_box", std::move(box));
  }

  // Sharing: plain links to each network's share page; nothing of theirs
  // loads, and no cookie is set, unless the reader follows one.
  std::string url = p.base_url + http::EncodeNonAscii("/articles/" + article.slug);
  std::string u = http::PercentEncode(url), t = http::PercentEncode(article.title);
  TemplateData share{TemplateData::type::list};
  for (auto [label, href] : {std::pair<std::string, std::string>{"Share on X", "https://x.com/intent/post?url=" + u + "&text=" + t},
                             {"Share on Facebook", "https://www.facebook.com/sharer/sharer.php?u=" + u},
                             {"Share on LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url=" + u},
                             {"Share on WhatsApp", "https://wa.me/?text=" + t + "%20" + u},
                             {"Share by email", "mailto:?subject=" + t + "&body=" + u}}) {
    TemplateData one;
    one.set("label", label);
    one.set("url", href);
    share.push_back(std::move(one));
  }
  data->set("share", std::move(share));

  // Reading time, at 230 words a minute, of the body ArticleData rendered.
  const auto* body = data->get("body_html");
  int minutes = ReadingMinutes(body && body->is_string() ? body->string_value() : RenderBody(article));
  data->set("reading_minutes", std::to_string(minutes));
}

Response SiteRoutes::Search(const Request& req) const {
  auto page = PageNumber(req);
  if (!page) return NotFound(req);
  std::string query = req.QueryParam("q").value_or("");
  if (search_limits_.per_client && !search_limits_.per_client->Allow(req.client_addr)) {
    Publication p = reader_.LoadPublication();
    TemplateData data;
    data.set("query", query);
    data.set("has_query", true);
    data.set("summary_line", std::string("Too many searches from your address; please wait a minute and try again."));
    Response res = Page(req, p, 429, MakeMeta("Search", "", "/search"), theme_.Render({"search"}, data));
    return res.With("Retry-After", "60").With("Cache-Control", "no-store").With("X-Robots-Tag", "noindex");
  }
  std::optional<ContentReader::SearchResults> results;
  bool timed_out = false;
  try {
    results = reader_.Search(query, *page, search_limits_.budget_ms);
  } catch (const QueryTimeout& e) {
    // A query too broad to answer within the budget: the reader is told so
    // instead of the site slowing down for everyone.
    spdlog::warn("search for '{}' stopped: {}", query.substr(0, 200), e.what());
    results = ContentReader::SearchResults{};
    timed_out = true;
  } catch (const StorageError& e) {
    // Whatever the reader typed, they get a page; a query SQLite still refuses is
    // logged and answered as "no results".
    spdlog::warn("search for '{}' failed: {}", query.substr(0, 200), e.what());
    results = ContentReader::SearchResults{};
  }
  if (!results) return NotFound(req);
  Publication p = reader_.LoadPublication();
  const auto* zone = ContentReader::ZoneOf(p);
  TemplateData data;
  data.set("query", query);
  bool has_query = query.find_first_not_of(" \t\r\n") != std::string::npos;
  data.set("has_query", has_query);
  std::string count = results->total == 1 ? "1 result" : std::to_string(results->total) + " results";
  if (results->more) count = "The newest " + std::to_string(results->total) + " of many results";
  data.set("summary_line", timed_out ? "That search took too long. Try fewer, longer or more specific words."
                           : results->total == 0 ? "No results for \u201c" + query + "\u201d."
                                                 : count + " for \u201c" + query + "\u201d");
  TemplateData items{TemplateData::type::list};
  for (const auto& hit : results->hits) items.push_back(SearchHitData(hit, zone));
  data.set("items", std::move(items));
  std::string base = "/search?q=" + http::PercentEncode(query);
  if (results->page_count > 1) {
    TemplateData nav;
    nav.set("page", std::to_string(results->page));
    nav.set("page_count", std::to_string(results->page_count));
    if (results->page > 1) nav.set("newer_url", PagePath(base, results->page - 1));
    if (results->page < results->page_count) nav.set("older_url", PagePath(base, results->page + 1));
    data.set("pagination", nav);
  }
  PageMeta meta = MakeMeta(has_query ? "Search: " + query : "Search", "Search the articles of " + p.name,
                           has_query ? PagePath(base, *page) : "/search");
  Response res = Page(req, p, 200, std::move(meta), theme_.Render({"search"}, data));
  return res.With("X-Robots-Tag", "noindex");
}

Response SiteRoutes::CookiePolicy(const Request& req) const {
  Publication p = reader_.LoadPublication();
  TemplateData data;
  data.set("site_name", p.name);
  data.set("cookie_name", kConsentCookie);
  data.set("max_age_days", std::to_string(kConsentMaxAgeSeconds / 86400));
  return Page(req, p, 200, MakeMeta("Cookie policy", "How " + p.name + " uses cookies", "/cookies"), theme_.Render({"cookies"}, data));
}

// Without JavaScript the notice is a form: POST, set the cookie, 303 back to
// the page. With JavaScript the same POST comes from fetch() and gets 204.
Response SiteRoutes::DismissCookieNotice(const Request& req) const {
  Publication p = reader_.LoadPublication();
  std::string cookie = ConsentCookieHeader(p.base_url.rfind("https://", 0) == 0);
  Response res;
  if (req.Header("x-requested-with") == "fetch") {
    res = Response::Text(204, "");
  } else {
    res = Response::Redirect(303, SafeReturnPath(req.FormField("return_to").value_or("/")));
  }
  return res.With("Set-Cookie", cookie).With("Cache-Control", "no-store");
}

Response SiteRoutes::Asset(const Request& req, std::string_view name) const {
  const ThemeAsset* asset = theme_.FindAsset(name);
  if (!asset) return NotFound(req);
  if (req.Header("if-none-match") == asset->etag) {
    return Response::Text(304, "").With("ETag", asset->etag);
  }
  Response res;
  res.content_type = asset->content_type;
  res.body = asset->body;
  // URLs carry ?v=<asset version>, so a changed file gets a new URL.
  return res.With("ETag", asset->etag).With("Cache-Control", "public, max-age=31536000, immutable");
}

std::optional<Response> SiteRoutes::StaticPageAt(const Request& req) const {
  // /{slug} (one segment; the site's own first segments are never page slugs).
  std::string_view path = req.path;
  if (path.size() < 2 || path.find('/', 1) != std::string_view::npos) return std::nullopt;
  std::string slug(path.substr(1));
  if (!IsValidSlug(slug) || IsReservedPageSlug(slug)) return std::nullopt;
  auto page = reader_.FindPage(slug);
  if (!page) return std::nullopt;
  Publication p = reader_.LoadPublication();
  ImageContext images{reader_.MediaLookupFn()};
  TemplateData data;
  data.set("title", page->title);
  data.set("body", RenderBody(page->body, page->body_format, &images));
  std::string description = HtmlToText(RenderBody(page->body, page->body_format));
  PageMeta meta = MakeMeta(page->title, ShortSummary(description), StaticPagePath(slug));
  return Page(req, p, 200, std::move(meta), theme_.Render({"page-" + slug, "page"}, data));
}

Response SiteRoutes::NotFound(const Request& req) const {
  if (req.method == "GET" || req.method == "HEAD") {
    if (auto page = StaticPageAt(req)) return std::move(*page);
    // /about/ is /about.
    if (req.path.size() > 2 && req.path.back() == '/' && req.path.find('/', 1) == req.path.size() - 1) {
      std::string slug = req.path.substr(1, req.path.size() - 2);
      if (IsValidSlug(slug) && !IsReservedPageSlug(slug) && reader_.FindPage(slug)) {
        return Response::Redirect(301, StaticPagePath(slug)).With("Cache-Control", "public, max-age=3600");
      }
    }
  }
  // A path that moved (a slug changed, an imported site's permalink) answers
  // 301 instead; only paths nothing else answers are looked up.
  if (req.method == "GET" || req.method == "HEAD") {
    // An old site's /2016/09/post/ is also asked for as /2016/09/post, and back.
    std::string other = req.path.size() > 1 && req.path.back() == '/' ? req.path.substr(0, req.path.size() - 1)
                                                                       : req.path + "/";
    for (const std::string& path : {req.path, other}) {
      if (auto to = reader_.FindRedirect(path)) {
        // (The server percent-encodes a Unicode slug in the header.)
        return Response::Redirect(301, *to).With("Cache-Control", "public, max-age=3600");
      }
    }
  }
  Publication p = reader_.LoadPublication();
  TemplateData data;
  data.set("path", req.path);
  return Page(req, p, 404, MakeMeta("Page not found", "", ""), theme_.Render({"error-404", "error"}, data));
}

}  // namespace newsdesk::site
