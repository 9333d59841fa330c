#include "site/view_model.h"

#include "content/byline.h"
#include "content/dates.h"
#include "http/url.h"
#include "media/image_urls.h"
#include "render/article_body.h"

namespace newsdesk::site {

using data = TemplateData;

namespace {

data AuthorList(const std::vector<NamedRef>& authors) {
  data list{data::type::list};
  for (size_t i = 0; i < authors.size(); ++i) {
    data a;
    a.set("slug", authors[i].slug);
    a.set("name", authors[i].name);
    a.set("separator", BylineSeparator(i, authors.size()));
    list.push_back(std::move(a));
  }
  return list;
}

void SetDates(data* d, const Article& article, const date::time_zone* zone) {
  d->set("date", FormatListingDate(article.published_at, zone));
  d->set("datetime", FormatRfc3339Local(article.published_at, zone));
}

}  // namespace

std::string PagePath(const std::string& base_path, int page, PageLinks links) {
  if (page <= 1) return base_path;
  if (links == PageLinks::kPath) {
    return (base_path == "/" ? "" : base_path) + "/page/" + std::to_string(page) + "/";
  }
  char sep = base_path.find('?') == std::string::npos ? '?' : '&';
  return base_path + sep + "page=" + std::to_string(page);
}

std::string HighlightSnippet(const std::string& snippet) {
  std::string out;
  out.reserve(snippet.size() + 32);
  bool open = false;
  for (char c : snippet) {
    switch (c) {
      case kSnippetStart: out += "<mark>"; open = true; break;
      case kSnippetEnd: if (open) out += "</mark>"; open = false; break;
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  if (open) out += "</mark>";
  return out;
}

TemplateData SearchHitData(const SearchHit& hit, const date::time_zone* zone) {
  data d = ListingItemData(hit.article, zone);
  d.set("snippet_html", HighlightSnippet(hit.snippet));
  return d;
}

TemplateData ListingItemData(const Article& article, const date::time_zone* zone, bool above_fold) {
  data d;
  if (!article.image.media.id.empty()) {
    // Beside the title that links to the article: decorative, so no alt text
    // for screen readers to hear twice.
    PictureOptions o;
    o.sizes = "(max-width: 40rem) 33vw, 10rem";
    o.lazy = !above_fold;
    o.css_class = "listing-thumb";
    o.display_width = 320;
    d.set("thumbnail_html", PictureHtml(article.image.media, o, ImageContext{}));
  }
  d.set("slug", article.slug);
  d.set("title", article.title);
  d.set("summary", article.summary);
  SetDates(&d, article, zone);
  d.set("authors", AuthorList(article.authors));
  d.set("byline", JoinByline(article.authors));
  d.set("column_slug", article.column.slug);
  d.set("column_name", article.column.name);
  return d;
}

TemplateData ListingData(const std::string& heading, const std::string& intro,
                         const Listing& listing, const std::string& base_path,
                         const date::time_zone* zone, PageLinks links) {
  data d;
  d.set("heading", heading);
  if (!intro.empty()) d.set("intro", intro);
  data items{data::type::list};
  for (size_t i = 0; i < listing.items.size(); ++i) items.push_back(ListingItemData(listing.items[i], zone, i < 2));
  d.set("items", std::move(items));
  d.set("has_items", !listing.items.empty());
  if (listing.page_count > 1) {
    data nav;
    nav.set("page", std::to_string(listing.page));
    nav.set("page_count", std::to_string(listing.page_count));
    if (listing.page > 1) nav.set("newer_url", PagePath(base_path, listing.page - 1, links));
    if (listing.page < listing.page_count) nav.set("older_url", PagePath(base_path, listing.page + 1, links));
    d.set("pagination", std::move(nav));
  }
  return d;
}

TemplateData ArticleData(const Article& article, const date::time_zone* zone, const ImageContext* images) {
  data d = ListingItemData(article, zone);
  d.set("body_html", RenderBody(article, images));
  if (!article.image.media.id.empty()) {
    PictureOptions o;
    o.alt = article.image.Alt();
    o.sizes = "(max-width: 46rem) 100vw, 46rem";
    o.lazy = false;  // the lead image is the first thing seen
    o.css_class = "lead-image";
    d.set("lead_image_html", FigureHtml(article.image.media, o, article.image.Caption(), article.image.Credit(),
                                        images ? *images : ImageContext{}));
  }
  data tags{data::type::list};
  for (const auto& t : article.tags) {
    data tag;
    tag.set("slug", t.slug);
    tag.set("name", t.name);
    tags.push_back(std::move(tag));
  }
  d.set("tags", std::move(tags));
  d.set("has_tags", !article.tags.empty());
  if (!article.kicker.empty()) d.set("kicker", article.kicker);
  // Corrections and updates, oldest first, and an "Updated" line for the newest.
  data notes{data::type::list};
  UnixSeconds newest = 0;
  for (const auto& c : article.corrections) {
    data note;
    note.set("label", c.kind == Correction::Kind::kUpdate ? "Update" : "Correction");
    note.set("kind", ToString(c.kind));
    note.set("date", FormatDayDate(c.at, zone));
    note.set("datetime", FormatRfc3339Utc(c.at));
    note.set("text", c.text);
    notes.push_back(std::move(note));
    newest = std::max(newest, c.at);
  }
  if (newest) {
    d.set("corrections", std::move(notes));
    d.set("has_corrections", true);
    d.set("updated_date", FormatDayDate(newest, zone));
    d.set("updated_datetime", FormatRfc3339Utc(newest));
  }
  return d;
}

TemplateData LayoutData(LayoutInputs in) {
  const Publication& p = *in.publication;
  data d;
  d.set("language", p.language);
  d.set("site_name", p.name);
  d.set("page_title", in.meta.title.empty() ? p.name : in.meta.title + " | " + p.name);
  if (!in.meta.description.empty()) d.set("description", in.meta.description);
  // A page that is not there (404) names no canonical address.
  if (!in.meta.canonical_url.empty()) d.set("canonical_url", in.meta.canonical_url);
  else if (!in.meta.canonical_path.empty()) d.set("canonical_url", p.base_url + in.meta.canonical_path);
  d.set("content", std::move(in.content_html));
  d.set("copyright", p.copyright);
  d.set("newsletter_pitch", p.newsletter_pitch);
  if (in.footer_pages && !in.footer_pages->empty()) {
    data pages{data::type::list};
    for (const auto& page : *in.footer_pages) {
      data one;
      one.set("title", page.title);
      one.set("url", http::EncodeNonAscii(StaticPagePath(page.slug)));
      pages.push_back(std::move(one));
    }
    data nav;
    nav.set("pages", std::move(pages));
    d.set("footer_nav", std::move(nav));
  }
  d.set("asset_version", in.asset_version);
  d.set("has_embeds", in.has_embeds);
  d.set("site_css", in.site_css);
  // The publication's identity, set in the admin.
  if (in.logo) {
    // Shown 40 px high: the 320 px derivative covers every screen density.
    data logo;
    int width = media::ServedWidth(*in.logo, 320);
    logo.set("url", "/media/" + media::NameForWidth(*in.logo, 320));
    logo.set("width", std::to_string(width));
    logo.set("height", std::to_string(media::HeightAt(*in.logo, width)));
    d.set("logo", std::move(logo));
  }
  if (in.icon) {
    data icon;
    icon.set("url", "/media/" + media::CropName(*in.icon, media::CropShape::kSquare));
    d.set("icon", std::move(icon));
  }
  if (!p.theme_color.empty()) d.set("theme_color", p.theme_color);
  if (!in.nav_columns.empty()) {
    data nav;
    data columns{data::type::list};
    for (const auto& c : in.nav_columns) {
      data one;
      std::string path = "/columns/" + c.slug;
      one.set("name", c.name);
      one.set("url", http::EncodeNonAscii(path));
      one.set("current", in.current_path == path || in.current_path.rfind(path + "/", 0) == 0);
      columns.push_back(std::move(one));
    }
    nav.set("columns", std::move(columns));
    nav.set("more", in.nav_more);
    d.set("nav", std::move(nav));
  }
  d.set("og_type", in.meta.article ? "article" : "website");
  d.set("og_title", in.meta.title.empty() ? p.name : in.meta.title);
  if (!in.meta.atom_path.empty()) d.set("atom_url", p.base_url + in.meta.atom_path);
  if (!in.meta.rss_path.empty()) d.set("rss_url", p.base_url + in.meta.rss_path);
  d.set("feed_title", in.meta.feed_title.empty() ? p.name : in.meta.feed_title);
  if (!in.meta.json_ld.empty()) d.set("json_ld", std::move(in.meta.json_ld));
  if (const Article* a = in.meta.article) {
    data art;
    art.set("published_time", FormatRfc3339Utc(a->published_at));
    art.set("modified_time", FormatRfc3339Utc(LastModified(*a)));
    art.set("section", a->column.name);
    data authors{data::type::list};
    for (const auto& au : a->authors) {
      data one;
      one.set("url", p.base_url + "/authors/" + au.slug);
      authors.push_back(std::move(one));
    }
    art.set("authors", std::move(authors));
    data tags{data::type::list};
    for (const auto& t : a->tags) tags.push_back(data(t.name));
    art.set("tags", std::move(tags));
    d.set("og_article", std::move(art));
    if (!a->image.media.id.empty()) {
      // Shares show a 1200 × 630 crop around the focal point.
      const MediaItem& m = a->image.media;
      media::CropSize size = media::CropSizeOf(m, media::CropShape::kOpenGraph);
      data image;
      image.set("url", p.base_url + "/media/" + media::CropName(m, media::CropShape::kOpenGraph));
      image.set("width", std::to_string(size.width));
      image.set("height", std::to_string(size.height));
      image.set("alt", a->image.Alt());
      d.set("og_image", std::move(image));
    }
  }
  if (in.show_cookie_notice && !p.cookie_notice.empty()) {
    data notice;
    notice.set("text", p.cookie_notice);
    notice.set("learn_more", p.cookie_policy_url.empty() ? "/cookies" : p.cookie_policy_url);
    notice.set("return_to", in.return_to);
    d.set("cookie_notice", std::move(notice));
  }
  return d;
}

}  // namespace newsdesk::site
