#include "feeds/structured_data.h"

#include <nlohmann/json.hpp>

#include <string_view>

#include "base/json_string.h"
#include "base/utf8.h"
#include "content/dates.h"
#include "http/url.h"
#include "media/image_urls.h"

namespace newsdesk::feeds {

namespace {

// A JSON document written key by key, in the bytes nlohmann::json's dump()
// gives for the same document (keys sorted, UTF-8 as it is, control
// characters escaped), plus '<', '>' and '&' \u-escaped for a script element.
// Written by hand because building the nlohmann tree for every article page
// cost more than the rest of the page's head; NewsArticleJsonLdByTree is the
// reference (and what strings that are not UTF-8 go through).
class JsonWriter {
 public:
  void Open(char c) {
    Comma();
    out_ += c;
    first_ = true;
  }
  void Close(char c) {
    out_ += c;
    first_ = false;
  }
  void Key(std::string_view key) {
    Comma();
    String(key);
    out_ += ':';
    first_ = true;  // the value needs no comma
  }
  void Value(std::string_view text) {
    Comma();
    String(text);
  }
  void Number(long n) {
    Comma();
    out_ += std::to_string(n);
  }
  std::string Take() { return std::move(out_); }

 private:
  void Comma() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  void String(std::string_view text) { AppendJsonString(&out_, text, JsonStringFor::kScript); }

  std::string out_;
  bool first_ = true;
};

}  // namespace

std::string NewsArticleJsonLdByTree(const Article& a, const Publication& p, const PublisherLogo* logo) {
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

std::string NewsArticleJsonLd(const Article& a, const Publication& p, const PublisherLogo* logo) {
  bool utf8 = IsValidUtf8(a.title) && IsValidUtf8(a.summary) && IsValidUtf8(a.kicker) &&
              IsValidUtf8(a.column.name) && IsValidUtf8(p.name) && IsValidUtf8(p.language) &&
              IsValidUtf8(p.base_url) && (!logo || IsValidUtf8(logo->url));
  for (const auto& au : a.authors) utf8 = utf8 && IsValidUtf8(au.name);
  for (const auto& t : a.tags) utf8 = utf8 && IsValidUtf8(t.name);
  for (const auto& c : a.corrections) utf8 = utf8 && IsValidUtf8(c.text);
  if (!utf8) return NewsArticleJsonLdByTree(a, p, logo);

  std::string url = http::EncodeNonAscii(p.base_url + "/articles/" + a.slug);
  // Keys in nlohmann's (std::map's) order.
  JsonWriter w;
  w.Open('{');
  w.Key("@context");
  w.Value("https://schema.org");
  w.Key("@type");
  w.Value("NewsArticle");
  if (!a.kicker.empty()) {
    w.Key("alternativeHeadline");
    w.Value(a.kicker);
  }
  w.Key("articleSection");
  w.Value(a.column.name);
  w.Key("author");
  w.Open('[');
  for (const auto& au : a.authors) {
    w.Open('{');
    w.Key("@type");
    w.Value("Person");
    w.Key("name");
    w.Value(au.name);
    w.Key("url");
    w.Value(http::EncodeNonAscii(p.base_url + "/authors/" + au.slug));
    w.Close('}');
  }
  w.Close(']');
  if (!a.corrections.empty()) {
    w.Key("correction");
    w.Open('[');
    for (const auto& c : a.corrections) {
      w.Open('{');
      w.Key("@type");
      w.Value("CorrectionComment");
      w.Key("datePublished");
      w.Value(FormatRfc3339Utc(c.at));
      w.Key("text");
      w.Value(c.text);
      w.Close('}');
    }
    w.Close(']');
  }
  w.Key("dateModified");
  w.Value(FormatRfc3339Utc(LastModified(a)));
  w.Key("datePublished");
  w.Value(FormatRfc3339Utc(a.published_at));
  w.Key("description");
  w.Value(a.summary);
  w.Key("headline");
  w.Value(a.title);
  if (!a.image.media.id.empty()) {
    w.Key("image");
    w.Open('[');
    for (auto shape : {media::CropShape::kWide, media::CropShape::kStandard, media::CropShape::kSquare}) {
      w.Value(http::EncodeNonAscii(p.base_url + "/media/" + media::CropName(a.image.media, shape)));
    }
    w.Close(']');
  }
  w.Key("inLanguage");
  w.Value(p.language);
  w.Key("keywords");
  w.Open('[');
  for (const auto& t : a.tags) w.Value(t.name);
  w.Close(']');
  w.Key("mainEntityOfPage");
  w.Open('{');
  w.Key("@id");
  w.Value(url);
  w.Key("@type");
  w.Value("WebPage");
  w.Close('}');
  w.Key("publisher");
  w.Open('{');
  w.Key("@type");
  w.Value("Organization");
  if (logo && !logo->url.empty()) {
    w.Key("logo");
    w.Open('{');
    w.Key("@type");
    w.Value("ImageObject");
    w.Key("height");
    w.Number(logo->height);
    w.Key("url");
    w.Value(logo->url);
    w.Key("width");
    w.Number(logo->width);
    w.Close('}');
  }
  w.Key("name");
  w.Value(p.name);
  w.Key("url");
  w.Value(p.base_url + "/");
  w.Close('}');
  w.Key("url");
  w.Value(url);
  w.Close('}');
  return w.Take();
}

}  // namespace newsdesk::feeds
