#include "feeds/structured_data.h"

#include <nlohmann/json.hpp>

#include "content/dates.h"
#include "http/url.h"
#include "media/image_urls.h"

namespace newsdesk::feeds {

std::string NewsArticleJsonLd(const Article& a, const Publication& p, const PublisherLogo* logo) {
  using nlohmann::json;
  std::string url = http::EncodeNonAscii(p.base_url + "/articles/" + a.slug);
  json authors = json::array();
  for (const auto& au : a.authors) {
    authors.push_back({{"@type", "Person"}, {"name", au.name}, {"url", http::EncodeNonAscii(p.base_url + "/authors/" + au.slug)}});
  }
  json keywords = json::array();
  for (const auto& t : a.tags) keywords.push_back(t.name);
  json doc = {
      {"@context", "https://schema.org"},
      {"@type", "NewsArticle"},
      {"headline", a.title},
      {"description", a.summary},
      {"datePublished", FormatRfc3339Utc(a.published_at)},
      {"dateModified", FormatRfc3339Utc(LastModified(a))},
      {"author", authors},
      {"publisher", {{"@type", "Organization"}, {"name", p.name}, {"url", p.base_url + "/"}}},
      {"mainEntityOfPage", {{"@type", "WebPage"}, {"@id", url}}},
      {"url", url},
      {"articleSection", a.column.name},
      {"keywords", keywords},
      {"inLanguage", p.language},
  };
  if (!a.kicker.empty()) doc["alternativeHeadline"] = a.kicker;
  if (logo && !logo->url.empty()) {
    doc["publisher"]["logo"] = {{"@type", "ImageObject"}, {"url", logo->url}, {"width", logo->width}, {"height", logo->height}};
  }
  if (!a.image.media.id.empty()) {
    // The three shapes Google's Article rich results ask for, cropped around
    // the focal point, 1200 px wide when the upload is that large.
    json images = json::array();
    for (auto shape : {media::CropShape::kWide, media::CropShape::kStandard, media::CropShape::kSquare}) {
      images.push_back(http::EncodeNonAscii(p.base_url + "/media/" + media::CropName(a.image.media, shape)));
    }
    doc["image"] = std::move(images);
  }
  if (!a.corrections.empty()) {
    // schema.org's CorrectionComment, as Google reads corrections.
    json notes = json::array();
    for (const auto& c : a.corrections) {
      notes.push_back({{"@type", "CorrectionComment"}, {"text", c.text}, {"datePublished", FormatRfc3339Utc(c.at)}});
    }
    doc["correction"] = std::move(notes);
  }
  std::string text = doc.dump(-1, ' ', false, json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace newsdesk::feeds
