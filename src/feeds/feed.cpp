#include "feeds/feed.h"

#include <fmt/format.h>

#include <algorithm>

#include "content/byline.h"
#include "content/dates.h"
#include "feeds/xml.h"
#include "render/article_body.h"
#include "http/url.h"
#include "media/image_urls.h"

namespace newsdesk::feeds {

namespace {

// The article's HTML with its corrections and updates under it, as its page
// shows them (dates in UTC: a feed has no reader's zone).
std::string BodyWithCorrections(const Article& a, const FeedInfo& info) {
  ImageContext images = FeedImageContext(info);
  std::string html = info.render_body ? info.render_body(a, images) : RenderBody(a, &images);
  for (const auto& c : a.corrections) {
    html += "<p><strong>";
    html += c.kind == Correction::Kind::kUpdate ? "Update, " : "Correction, ";
    html += FormatDayDate(c.at, FindTimeZone("UTC")) + ":</strong> ";
    AppendXmlEscaped(&html, c.text);
    html += "</p>";
  }
  return html;
}

// The featured image, for readers that show one beside the entry.
void AppendMediaContent(std::string* x, const Article& a, const FeedInfo& info) {
  const MediaItem& m = a.image.media;
  if (m.id.empty()) return;
  std::string name = media::NameForWidth(m, 1280);
  int width = media::ServedWidth(m, 1280);
  int height = media::HeightAt(m, width);
  *x += "<media:content url=\"";
  AppendXmlEscaped(x, http::EncodeNonAscii(info.base_url + "/media/" + name));
  *x += "\" medium=\"image\" type=\"" + media::ContentTypeOf(name.substr(name.rfind('.') + 1)) +
        "\" width=\"" + std::to_string(width) + "\" height=\"" + std::to_string(height) + "\">";
  if (!a.image.Alt().empty()) {
    *x += "<media:description type=\"plain\">";
    AppendXmlEscaped(x, a.image.Alt());
    *x += "</media:description>";
  }
  if (!a.image.Credit().empty()) {
    *x += "<media:credit>";
    AppendXmlEscaped(x, a.image.Credit());
    *x += "</media:credit>";
  }
  *x += "</media:content>\n";
}

}  // namespace


std::string RenderAtom(const FeedInfo& info, const std::vector<Article>& articles) {
  std::string x;
  x.reserve(4096 + articles.size() * 4096);
  x += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" "
       "xmlns:media=\"http://search.yahoo.com/mrss/\" xml:lang=\"";
  AppendXmlEscaped(&x, info.language);
  x += "\">\n<id>";
  AppendXmlEscaped(&x, http::EncodeNonAscii(info.base_url + info.html_path));
  x += "</id>\n<title type=\"text\">";
  AppendXmlEscaped(&x, info.title);
  x += "</title>\n";
  if (!info.description.empty()) {
    x += "<subtitle type=\"text\">";
    AppendXmlEscaped(&x, info.description);
    x += "</subtitle>\n";
  }
  x += "<updated>" + FormatRfc3339Utc(info.updated) + "</updated>\n";
  x += "<link rel=\"self\" type=\"application/atom+xml\" href=\"";
  AppendXmlEscaped(&x, http::EncodeNonAscii(info.base_url + info.self_path));
  x += "\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"";
  AppendXmlEscaped(&x, http::EncodeNonAscii(info.base_url + info.html_path));
  x += "\"/>\n";
  if (!info.copyright.empty()) {
    x += "<rights>";
    AppendXmlEscaped(&x, info.copyright);
    x += "</rights>\n";
  }
  x += "<generator>newsdesk</generator>\n";
  for (const auto& a : articles) {
    std::string url = http::EncodeNonAscii(info.base_url + "/articles/" + a.slug);
    x += "<entry>\n<id>";
    AppendXmlEscaped(&x, url);
    x += "</id>\n<title type=\"text\">";
    AppendXmlEscaped(&x, a.title);
    x += "</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"";
    AppendXmlEscaped(&x, url);
    x += "\"/>\n<published>" + FormatRfc3339Utc(a.published_at) + "</published>\n";
    x += "<updated>" + FormatRfc3339Utc(LastChange(a)) + "</updated>\n";
    for (const auto& au : a.authors) {
      x += "<author><name>";
      AppendXmlEscaped(&x, au.name);
      x += "</name><uri>";
      AppendXmlEscaped(&x, http::EncodeNonAscii(info.base_url + "/authors/" + au.slug));
      x += "</uri></author>\n";
    }
    for (const auto& t : a.tags) {
      x += "<category term=\"";
      AppendXmlEscaped(&x, t.slug);
      x += "\" label=\"";
      AppendXmlEscaped(&x, t.name);
      x += "\" scheme=\"";
      AppendXmlEscaped(&x, info.base_url + "/tags/");
      x += "\"/>\n";
    }
    if (!a.summary.empty()) {
      x += "<summary type=\"text\">";
      AppendXmlEscaped(&x, a.summary);
      x += "</summary>\n";
    }
    AppendMediaContent(&x, a, info);
    x += "<content type=\"html\">";
    AppendXmlEscaped(&x, BodyWithCorrections(a, info));
    x += "</content>\n</entry>\n";
  }
  x += "</feed>\n";
  return x;
}

namespace {

// RSS has no way to say "this is plain text": readers take <title>,
// <description> and the like as HTML. Text is therefore escaped as HTML first
// and the result escaped again as XML, so "<img onerror=...>" in a summary
// reaches the reader as those characters, never as markup.
void AppendRssText(std::string* out, std::string_view text) {
  std::string html;
  html.reserve(text.size() + 16);
  for (char ch : text) {
    switch (ch) {
      case '&': html += "&amp;"; break;
      case '<': html += "&lt;"; break;
      case '>': html += "&gt;"; break;
      default: html += ch;
    }
  }
  AppendXmlEscaped(out, html);
}

}  // namespace

std::string RenderRss(const FeedInfo& info, const std::vector<Article>& articles) {
  std::string x;
  x.reserve(4096 + articles.size() * 4096);
  x += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" "
       "xmlns:atom=\"http://www.w3.org/2005/Atom\" "
       "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
       "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
       "xmlns:media=\"http://search.yahoo.com/mrss/\">\n<channel>\n<title>";
  AppendRssText(&x, info.title);
  x += "</title>\n<link>";
  AppendXmlEscaped(&x, http::EncodeNonAscii(info.base_url + info.html_path));
  x += "</link>\n<description>";
  AppendRssText(&x, info.description.empty() ? info.title : info.description);
  x += "</description>\n<language>";
  AppendXmlEscaped(&x, info.language);
  x += "</language>\n";
  if (!info.copyright.empty()) {
    x += "<copyright>";
    AppendRssText(&x, info.copyright);
    x += "</copyright>\n";
  }
  x += "<lastBuildDate>" + FormatRfc822(info.updated) + "</lastBuildDate>\n";
  x += "<generator>newsdesk</generator>\n<atom:link rel=\"self\" type=\"application/rss+xml\" href=\"";
  AppendXmlEscaped(&x, http::EncodeNonAscii(info.base_url + info.self_path));
  x += "\"/>\n";
  for (const auto& a : articles) {
    std::string url = http::EncodeNonAscii(info.base_url + "/articles/" + a.slug);
    x += "<item>\n<title>";
    AppendRssText(&x, a.title);
    x += "</title>\n<link>";
    AppendXmlEscaped(&x, url);
    x += "</link>\n<guid isPermaLink=\"true\">";
    AppendXmlEscaped(&x, url);
    x += "</guid>\n<pubDate>" + FormatRfc822(a.published_at) + "</pubDate>\n";
    // RSS's <author> must be an e-mail address; Dublin Core carries the byline.
    x += "<dc:creator>";
    AppendRssText(&x, JoinByline(a.authors));
    x += "</dc:creator>\n";
    for (const auto& t : a.tags) {
      x += "<category domain=\"";
      AppendXmlEscaped(&x, http::EncodeNonAscii(info.base_url + "/tags/" + t.slug));
      x += "\">";
      AppendRssText(&x, t.name);
      x += "</category>\n";
    }
    AppendMediaContent(&x, a, info);
    x += "<description>";
    AppendRssText(&x, a.summary);
    x += "</description>\n<content:encoded>";
    AppendXmlEscaped(&x, BodyWithCorrections(a, info));
    x += "</content:encoded>\n</item>\n";
  }
  x += "</channel>\n</rss>\n";
  return x;
}

ImageContext FeedImageContext(const FeedInfo& info) {
  return ImageContext{info.media, info.base_url + "/media/", 0, info.base_url};
}

}  // namespace newsdesk::feeds
