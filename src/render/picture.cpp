#include "render/picture.h"

#include <algorithm>

#include "base/regex.h"
#include "render/html_escape.h"
#include "media/image_urls.h"

namespace newsdesk {

namespace {

void Attribute(std::string* out, const char* name, std::string_view value) {
  *out += ' ';
  *out += name;
  *out += "=\"";
  AppendEscapedHtml(out, value);
  *out += '"';
}

// Width and height attributes: the image's shape at `display_width` (its own size when 0 or larger).
std::pair<int, int> ShownSize(const MediaItem& item, int display_width) {
  int w = display_width > 0 ? std::min(display_width, item.width) : item.width;
  return {w, media::HeightAt(item, w)};
}

}  // namespace

std::string PictureHtml(const MediaItem& item, const PictureOptions& o, const ImageContext& context) {
  std::string out;
  const std::string& prefix = context.url_prefix;
  if (context.email_width > 0) {
    // Email clients know no <picture> and many no srcset: one JPEG twice the
    // width shown (sharp on high-density screens), held to the column's width.
    auto [w, h] = ShownSize(item, std::min(o.display_width > 0 ? o.display_width : item.width, context.email_width));
    out += "<img";
    Attribute(&out, "src", prefix + media::NameForWidth(item, 2 * w));
    Attribute(&out, "alt", o.alt);
    Attribute(&out, "width", std::to_string(w));
    Attribute(&out, "height", std::to_string(h));
    out += " style=\"display:block;max-width:100%;height:auto;border:0;\">";
    return out;
  }
  auto [w, h] = ShownSize(item, o.display_width);
  bool derivatives = !media::WidthsOf(item).empty();
  if (derivatives) {
    out += "<picture>";
    out += "<source type=\"image/webp\"";
    Attribute(&out, "srcset", media::Srcset(item, "webp", prefix));
    Attribute(&out, "sizes", o.sizes);
    out += '>';
  }
  out += "<img";
  if (!o.css_class.empty()) Attribute(&out, "class", o.css_class);
  // Browsers without srcset: twice the width shown when it is known, else a column's width.
  Attribute(&out, "src", prefix + media::NameForWidth(item, o.display_width > 0 ? 2 * w : 960));
  if (derivatives) {
    Attribute(&out, "srcset", media::Srcset(item, "jpeg", prefix));
    Attribute(&out, "sizes", o.sizes);
  }
  Attribute(&out, "width", std::to_string(w));
  Attribute(&out, "height", std::to_string(h));
  Attribute(&out, "alt", o.alt);
  if (o.lazy) out += " loading=\"lazy\"";
  out += " decoding=\"async\">";
  if (derivatives) out += "</picture>";
  return out;
}

std::string FigureHtml(const MediaItem& item, const PictureOptions& o, const std::string& caption,
                       const std::string& credit, const ImageContext& context) {
  std::string out = "<figure";
  if (!o.css_class.empty()) Attribute(&out, "class", o.css_class);
  if (context.email_width > 0) out += " style=\"margin:16px 0;\"";
  out += '>';
  PictureOptions inner = o;
  inner.css_class.clear();
  out += PictureHtml(item, inner, context);
  if (!caption.empty() || !credit.empty()) {
    out += context.email_width > 0 ? "<figcaption style=\"font:13px Arial,sans-serif;color:#5b5b63;\">"
                                   : "<figcaption>";
    AppendEscapedHtml(&out, caption);
    if (!credit.empty()) {
      if (!caption.empty()) out += ' ';
      out += "<span class=\"credit\">";
      AppendEscapedHtml(&out, credit);
      out += "</span>";
    }
    out += "</figcaption>";
  }
  out += "</figure>";
  return out;
}

std::string WithAbsoluteUrls(const std::string& html, const std::string& base) {
  std::string out;
  out.reserve(html.size() + 256);
  size_t at = 0;
  while (at < html.size()) {
    size_t href = html.find(" href=\"/", at), src = html.find(" src=\"/", at);
    size_t next = std::min(href, src);
    if (next == std::string::npos) break;
    size_t value = html.find('"', next) + 1;  // the first character of the value: '/'
    out.append(html, at, value - at);
    if (value + 1 < html.size() && html[value + 1] != '/') out += base;
    at = value;
  }
  out.append(html, at, std::string::npos);
  return out;
}

std::string FitImagesForEmail(const std::string& html, int width) {
  // The input is newsdesk's own output (cmark-gfm or the sanitiser): tags are
  // well formed and attribute values double-quoted.
  std::string out;
  out.reserve(html.size());
  size_t at = 0;
  while (true) {
    size_t tag = html.find("<img", at);
    if (tag == std::string::npos) break;
    size_t end = html.find('>', tag);
    if (end == std::string::npos) break;
    out.append(html, at, tag - at);
    std::string img = html.substr(tag, end - tag);
    if (img.find(" style=\"display:block;max-width:100%") == std::string::npos) {
      size_t w = img.find(" width=\"");
      if (w != std::string::npos) {
        int value = std::atoi(img.c_str() + w + 8);
        if (value > width) {
          // A wider image: its size comes from the style instead.
          for (const char* attr : {" width=\"", " height=\""}) {
            size_t a = img.find(attr);
            if (a == std::string::npos) continue;
            size_t close = img.find('"', a + std::char_traits<char>::length(attr));
            if (close != std::string::npos) img.erase(a, close + 1 - a);
          }
        }
      }
      bool self_closing = !img.empty() && img.back() == '/';
      while (!img.empty() && (img.back() == '/' || img.back() == ' ')) img.pop_back();
      img += " style=\"max-width:100%;height:auto;border:0;\"";
      if (self_closing) img += " /";
    }
    out += img;
    at = end;
  }
  out.append(html, at, std::string::npos);
  return out;
}

std::string WithImageSizes(const std::string& html, const ImageContext& images) {
  if (!images.lookup || html.find("/media/") == std::string::npos) return html;
  static const Regex kImg(R"re(<img\b[^>]*>)re", Regex::kCaseless);
  static const Regex kSrc(R"re(\ssrc="/media/([^"/?#]+)")re");
  static const Regex kWidth(R"re(\swidth=)re", Regex::kCaseless);
  return kImg.Replace(html, [&](const std::vector<std::string_view>& g) {
    std::string tag(g[0]);
    if (kWidth.Matches(tag)) return tag;
    std::string file;
    kSrc.Replace(tag, [&](const std::vector<std::string_view>& s) {
      file = std::string(s[1]);
      return std::string();
    });
    auto name = media::ParseFileName(file);
    if (!name) return tag;
    auto item = images.lookup(name->id);
    if (!item || !media::IsFileOf(*item, *name) || item->width <= 0) return tag;
    int width = name->crop.width > 0 ? name->crop.width : name->width > 0 ? name->width : item->width;
    int height = name->crop.height > 0 ? name->crop.height : media::HeightAt(*item, width);
    size_t end = tag.size() - (tag.size() >= 2 && tag[tag.size() - 2] == '/' ? 2 : 1);
    while (end > 0 && tag[end - 1] == ' ') --end;  // before " />" as before ">"
    return tag.substr(0, end) + " width=\"" + std::to_string(width) + "\" height=\"" + std::to_string(height) + "\"" +
           tag.substr(end);
  });
}

}  // namespace newsdesk
