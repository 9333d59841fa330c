#include "transfer/wordpress_content.h"

#include <nlohmann/json.hpp>

#include "base/regex.h"
#include "render/embeds.h"
#include "render/html_escape.h"
#include "render/html_sanitizer.h"

namespace newsdesk {
namespace {

const unsigned kDotAll = Regex::kDotAll;
const unsigned kCaseless = Regex::kCaseless;

// wpautop's $allblocks.
#define ALLBLOCKS                                                                                          \
  "(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|"     \
  "blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|" \
  "figure|figcaption|details|menu|summary)"

void ReplaceAll(std::string* s, std::string_view from, std::string_view to) {
  for (size_t at = s->find(from); at != std::string::npos; at = s->find(from, at + to.size())) {
    s->replace(at, from.size(), to);
  }
}

// wp_replace_in_html_tags($text, ["\n" => " <!-- wpnl --> "]): newlines inside
// tags and comments, so paragraphs are never split there.
std::string NewlinesInTags(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '<') {
      out += text[i++];
      continue;
    }
    size_t end = text.compare(i, 4, "<!--") == 0 ? text.find("-->", i) : text.find('>', i);
    if (end == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    end += text.compare(i, 4, "<!--") == 0 ? 3 : 1;
    for (size_t j = i; j < end; ++j) {
      if (text[j] == '\n') out += " <!-- wpnl --> ";
      else out += text[j];
    }
    i = end;
  }
  return out;
}

std::string Trim(std::string_view s) {
  size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string_view::npos) return "";
  size_t b = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(a, b - a + 1));
}

// shortcode_parse_atts: named values, and positional ones under "0", "1"...
std::map<std::string, std::string> ParseAtts(std::string_view text) {
  static const Regex kAtts(
      R"re(([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$))re");
  std::map<std::string, std::string> atts;
  int positional = 0;
  std::string normalised(text);
  for (auto [from, to] : {std::pair{"\xC2\xA0", " "}, {"\xE2\x80\x8B", " "}, {"&#8221;", "\""}, {"&#8243;", "\""}, {"&#8217;", "'"}}) {
    ReplaceAll(&normalised, from, to);
  }
  kAtts.Replace(normalised, [&](const std::vector<std::string_view>& g) {
    auto group = [&](size_t i) { return i < g.size() ? g[i] : std::string_view(); };
    std::string name;
    if (!group(1).empty()) atts[std::string(group(1))] = std::string(group(2));
    else if (!group(3).empty()) atts[std::string(group(3))] = std::string(group(4));
    else if (!group(5).empty()) atts[std::string(group(5))] = std::string(group(6));
    else {
      std::string_view v = !group(7).empty() ? group(7) : !group(8).empty() ? group(8) : group(9);
      if (!v.empty() && v.front() == '=') v.remove_prefix(1);  // [youtube=URL]
      atts[std::to_string(positional++)] = std::string(v);
    }
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return std::string();
  });
  std::map<std::string, std::string> lowered;
  for (auto& [k, v] : atts) {
    std::string key = k;
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    lowered[key] = v;
  }
  return lowered;
}

// WordPress's get_shortcode_regex() for the tags `tags` (an alternation):
// groups 1 "[" of [[escaped]], 2 tag, 3 attributes, 4 "/" of [self/],
// 5 content, 6 "]" of [[escaped]].
std::string ShortcodePattern(std::string_view tags) {
  return std::string(R"(\[(\[?)()") + std::string(tags) +
         R"()(?![\w-])([^\]\/]*(?:\/(?!\])[^\]\/]*)*?)(?:(\/)\]|\](?:([^\[]*+(?:\[(?!\/\2\])[^\[]*+)*+)\[\/\2\])?)(\]?))";
}

std::string Group(const std::vector<std::string_view>& g, size_t i) { return i < g.size() ? std::string(g[i]) : ""; }

class Converter {
 public:
  Converter(const std::string& post_id, const std::string& record,
            const std::map<std::string, WordPressAttachment>& attachments, ImportTally* tally)
      : post_id_(post_id), record_(record), attachments_(attachments), tally_(tally) {}

  std::string Run(std::string_view content) {
    std::string text(content);
    ReplaceAll(&text, "\r\n", "\n");
    ReplaceAll(&text, "\r", "\n");
    bool blocks = text.find("<!-- wp:") != std::string::npos;
    text = ProtectCode(text);
    if (blocks) text = Blocks(text);
    if (text.find("<!--more") != std::string::npos) {
      tally_->Converted("more teaser (the summary; the page shows the whole text)", record_);
    }
    text = Iframes(text);
    text = BlockShortcodes(text);
    text = LoneUrls(text);
    // WordPress adds paragraphs to classic content only.
    if (!blocks) text = WpAutoP(text);
    text = PlaceBlocks(text);
    text = OtherShortcodes(text);
    static const Regex kEmptyParagraph(R"(<p>\s*</p>\n?)");
    return Restore(kEmptyParagraph.Replace(text, ""));
  }

 private:
  // <pre> blocks and code shortcodes, kept byte for byte: out of the text until the end.
  std::string ProtectCode(const std::string& text) {
    static const Regex kCodeShortcode(
        ShortcodePattern("code|sourcecode|source|php|js|javascript|css|html|xml|bash|shell|sql|python|java|cpp|c|"
                         "ruby|json|yaml|go|rust|plain|text"));
    static const Regex kPre(R"(<pre(\s[^>]*)?>(.*?)</pre>)", kDotAll | kCaseless);
    std::string out = kPre.Replace(text, [&](const std::vector<std::string_view>& g) {
      std::string attrs = Group(g, 1), inner = Group(g, 2);
      std::string language = LanguageFrom(attrs);
      static const Regex kInnerCode(R"(^\s*<code(\s[^>]*)?>(.*)</code>\s*$)", kDotAll | kCaseless);
      if (kInnerCode.Matches(inner)) {
        kInnerCode.Replace(inner, [&](const std::vector<std::string_view>& c) {
          if (language.empty()) language = LanguageFrom(Group(c, 1));
          inner = Group(c, 2);
          return std::string();
        });
      }
      return Keep(language, inner);
    });
    return kCodeShortcode.Replace(out, [&](const std::vector<std::string_view>& g) {
      if (!Group(g, 1).empty() && !Group(g, 6).empty()) return Group(g, 0).substr(1, g[0].size() - 2);
      if (Group(g, 5).empty() && Group(g, 4).empty() && g.size() <= 5) return Group(g, 0);  // [c] alone: text
      std::string tag = Group(g, 2);
      auto atts = ParseAtts(Group(g, 3));
      std::string language = atts.count("language") ? atts["language"] : atts.count("lang") ? atts["lang"] : "";
      if (tag != "code" && tag != "sourcecode" && tag != "source") language = tag;
      std::string code = Group(g, 5);
      // Code in a shortcode is raw text unless the editor already escaped it.
      if (code.find("&lt;") == std::string::npos && code.find("&amp;") == std::string::npos) code = EscapeHtml(code);
      return Keep(language, code);
    });
  }

  static std::string LanguageFrom(const std::string& attrs) {
    static const Regex kLang(R"((?:language-|lang-|brush:\s*|lang:\s*|\blang=["']?)([A-Za-z0-9_+#-]{1,30}))", kCaseless);
    std::string language;
    kLang.Replace(attrs, [&](const std::vector<std::string_view>& g) {
      if (language.empty()) language = Group(g, 1);
      return std::string();
    });
    for (char& c : language) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return language;
  }

  std::string Keep(const std::string& language, const std::string& code) {
    tally_->Converted("code block", record_);
    std::string html = "<pre><code" + (language.empty() ? "" : " class=\"language-" + language + "\"") + ">" + code +
                       "</code></pre>";
    kept_.push_back(html);
    return "\n\n<pre data-nd-kept=\"" + std::to_string(kept_.size() - 1) + "\"></pre>\n\n";
  }

  std::string Restore(std::string text) {
    static const Regex kKept(R"re((?:<p>\s*)?<pre data-nd-kept="(\d+)"></pre>(?:\s*</p>)?)re");
    return kKept.Replace(text, [&](const std::vector<std::string_view>& g) { return kept_[std::stoul(Group(g, 1))]; });
  }

  // Block-editor markup: embeds become embeds; "more" is noted.
  std::string Blocks(const std::string& text) {
    static const Regex kEmbed(
        R"(<!-- wp:(?:core-)?embed(?:/[\w-]+)?\s+(\{.*?\})\s+-->(.*?)<!-- /wp:(?:core-)?embed(?:/[\w-]+)? -->)", kDotAll);
    return kEmbed.Replace(text, [&](const std::vector<std::string_view>& g) {
      auto attrs = nlohmann::json::parse(Group(g, 1), nullptr, false);
      std::string url = attrs.is_object() && attrs.contains("url") && attrs["url"].is_string() ? attrs["url"].get<std::string>() : "";
      static const Regex kCaption(R"(<figcaption[^>]*>(.*?)</figcaption>)", kDotAll);
      std::string caption;
      kCaption.Replace(Group(g, 2), [&](const std::vector<std::string_view>& c) {
        caption = Group(c, 1);
        return std::string();
      });
      return EmbedParagraph(url, "wp:embed block") + (caption.empty() ? "" : "<p>" + caption + "</p>\n\n");
    });
  }

  // A URL as its own paragraph: an embed when the provider is known, else a link.
  std::string EmbedParagraph(const std::string& url, const char* from) {
    if (auto e = RecogniseEmbed(url)) {
      tally_->Converted("embed (" + e->provider + ")", record_);
      return "\n\n<p>" + EscapeHtml(e->url) + "</p>\n\n";
    }
    if (url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0) {
      tally_->Skipped(std::string(from) + " of an unknown provider (kept as a link)", record_ + ": " + url);
      return "\n\n<p><a href=\"" + EscapeHtml(url) + "\">" + EscapeHtml(url) + "</a></p>\n\n";
    }
    tally_->Skipped(std::string(from) + " without a URL", record_);
    return "";
  }

  std::string Iframes(const std::string& text) {
    static const Regex kIframe(R"(<iframe\b([^>]*)>.*?</iframe>|<iframe\b([^>]*)/?>)", kDotAll | kCaseless);
    static const Regex kObject(R"(<object\b[^>]*>.*?</object>)", kDotAll | kCaseless);
    static const Regex kSrc(R"(\s(?:src|data|value)\s*=\s*["']([^"']+)["'])", kCaseless);
    auto src_of = [&](std::string_view attrs) {
      std::string src;
      kSrc.Replace(attrs, [&](const std::vector<std::string_view>& g) {
        if (src.empty() || (!RecogniseEmbed(src) && RecogniseEmbed(Group(g, 1)))) src = Group(g, 1);
        return std::string();
      });
      ReplaceAll(&src, "&amp;", "&");
      if (src.rfind("//", 0) == 0) src = "https:" + src;
      return src;
    };
    std::string out = kIframe.Replace(text, [&](const std::vector<std::string_view>& g) {
      return EmbedParagraph(src_of(!Group(g, 1).empty() ? Group(g, 1) : Group(g, 2)), "iframe");
    });
    return kObject.Replace(out, [&](const std::vector<std::string_view>& g) {
      return EmbedParagraph(src_of(g[0]), "Flash object");
    });
  }

  // WordPress's auto-embeds: a provider's URL alone on its line.
  std::string LoneUrls(const std::string& text) {
    static const Regex kLine(R"(^[ \t]*(https?://[^\s<>"]+)[ \t]*$)", Regex::kMultiline);
    return kLine.Replace(text, [&](const std::vector<std::string_view>& g) {
      std::string url = Group(g, 1);
      if (!RecogniseEmbed(url)) return Group(g, 0);
      return EmbedParagraph(url, "URL");
    });
  }

  // [caption], [gallery], [embed], [video], [audio] and providers' shortcodes:
  // made now, placed after the paragraphs are (as WordPress runs shortcodes
  // after wpautop), each as a block of its own.
  std::string BlockShortcodes(const std::string& text) {
    static const Regex kBlock(ShortcodePattern(
        "caption|wp_caption|gallery|embed|video|audio|playlist|youtube|vimeo|dailymotion|tweet|twitter|"
        "instagram|soundcloud|spotify|googlemaps|flourish|datawrapper"));
    return kBlock.Replace(text, [&](const std::vector<std::string_view>& g) {
      if (!Group(g, 1).empty() && !Group(g, 6).empty()) return Group(g, 0).substr(1, g[0].size() - 2);
      std::string tag = Group(g, 2);
      auto atts = ParseAtts(Group(g, 3));
      std::string content = Group(g, 5);
      std::string html;
      if (tag == "caption" || tag == "wp_caption") html = Caption(atts, content);
      else if (tag == "gallery") html = Gallery(atts);
      else if (tag == "video" || tag == "audio") html = Media(tag, atts, content);
      else if (tag == "playlist") {
        tally_->Skipped("shortcode [playlist]", record_);
        return std::string();
      } else {
        std::string url = Trim(content);
        if (url.empty()) url = atts.count("url") ? atts["url"] : atts.count("0") ? atts["0"] : atts.count("id") ? atts["id"] : "";
        if (tag == "vimeo" && !url.empty() && url.find('/') == std::string::npos) url = "https://vimeo.com/" + url;
        if (tag == "youtube" && !url.empty() && url.find('/') == std::string::npos) url = "https://www.youtube.com/watch?v=" + url;
        if (tag == "dailymotion" && !url.empty() && url.find('/') == std::string::npos) url = "https://www.dailymotion.com/video/" + url;
        return EmbedParagraph(url, ("[" + tag + "]").c_str());
      }
      blocks_.push_back(html);
      return "\n\n<div data-nd-block=\"" + std::to_string(blocks_.size() - 1) + "\"></div>\n\n";
    });
  }

  std::string PlaceBlocks(const std::string& text) {
    static const Regex kBlock(R"re((?:<p>\s*)?<div data-nd-block="(\d+)"></div>(?:\s*</p>)?)re");
    return kBlock.Replace(text, [&](const std::vector<std::string_view>& g) { return blocks_[std::stoul(Group(g, 1))]; });
  }

  std::string Caption(std::map<std::string, std::string>& atts, const std::string& content) {
    static const Regex kSplit(R"(^\s*((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)(.*)$)", kDotAll | kCaseless);
    std::string image = content, caption = atts.count("caption") ? atts["caption"] : "";
    kSplit.Replace(content, [&](const std::vector<std::string_view>& g) {
      image = Group(g, 1);
      if (caption.empty()) caption = Trim(Group(g, 2));
      return std::string();
    });
    tally_->Converted("caption", record_);
    std::string id = atts.count("id") ? EscapeHtml(atts["id"]) : "";
    return "<figure" + (id.empty() ? "" : " id=\"" + id + "\"") + ">" + image +
           (caption.empty() ? "" : "<figcaption>" + caption + "</figcaption>") + "</figure>";
  }

  std::string Gallery(std::map<std::string, std::string>& atts) {
    std::vector<std::string> ids;
    if (atts.count("ids")) {
      std::string list = atts["ids"];
      for (size_t pos = 0; pos <= list.size();) {
        size_t end = std::min(list.find(',', pos), list.size());
        std::string id = Trim(std::string_view(list).substr(pos, end - pos));
        if (!id.empty()) ids.push_back(id);
        pos = end + 1;
      }
    } else {
      // No ids: the images uploaded to this post, as WordPress shows them.
      for (const auto& [id, a] : attachments_) {
        if (a.parent == post_id_ && a.mime.rfind("image/", 0) == 0) ids.push_back(id);
      }
    }
    std::string html = "<figure class=\"gallery\">";
    int shown = 0;
    for (const auto& id : ids) {
      auto it = attachments_.find(id);
      if (it == attachments_.end() || it->second.url.empty()) {
        tally_->Skipped("gallery image (attachment not in the export)", record_ + ": attachment " + id);
        continue;
      }
      const auto& a = it->second;
      html += "<figure><img src=\"" + EscapeHtml(a.url) + "\" alt=\"" + EscapeHtml(a.alt) + "\" loading=\"lazy\">" +
              (a.caption.empty() ? "" : "<figcaption>" + EscapeHtml(a.caption) + "</figcaption>") + "</figure>";
      ++shown;
    }
    tally_->Converted("gallery", record_ + " (" + std::to_string(shown) + " images)");
    return html + "</figure>";
  }

  std::string Media(const std::string& tag, std::map<std::string, std::string>& atts, const std::string& content) {
    std::string src = atts.count("src") ? atts["src"] : "";
    const char* kinds[] = {"mp4", "m4v", "webm", "ogv", "wmv", "flv", "mp3", "ogg", "oga", "wav", "m4a", "wma", "flac"};
    for (const char* k : kinds) {
      if (src.empty() && atts.count(k)) src = atts[k];
    }
    if (src.empty() && atts.count("0")) src = atts["0"];  // [audio URL]
    if (src.empty()) src = Trim(content);
    if (src.empty()) {
      // [audio] alone: WordPress plays the first such file uploaded to the post.
      for (const auto& [id, a] : attachments_) {
        if (a.parent == post_id_ && a.mime.rfind(tag + "/", 0) == 0) {
          src = a.url;
          break;
        }
      }
    }
    if (RecogniseEmbed(src)) {
      // [video src="https://youtu.be/..."]: WordPress plays it through the provider.
      return EmbedParagraph(src, ("[" + tag + "]").c_str());
    }
    if (src.rfind("http://", 0) != 0 && src.rfind("https://", 0) != 0 && src.rfind("/", 0) != 0) {
      tally_->Skipped("shortcode [" + tag + "] without a file", record_);
      return "";
    }
    tally_->Converted(tag, record_);
    std::string poster = tag == "video" && atts.count("poster") ? " poster=\"" + EscapeHtml(atts["poster"]) + "\"" : "";
    return "<figure><" + tag + " controls preload=\"metadata\" src=\"" + EscapeHtml(src) + "\"" + poster + "><a href=\"" +
           EscapeHtml(src) + "\">" + EscapeHtml(src) + "</a></" + tag + "></figure>";
  }

  // Every other shortcode: its tags removed, its text kept, and named in the
  // tally. "[sic]" and "[1]" are text, not shortcodes (no attributes, no end tag).
  std::string OtherShortcodes(const std::string& text) {
    static const Regex kAny(ShortcodePattern(R"([A-Za-z][\w-]*)"));
    return kAny.Replace(text, [&](const std::vector<std::string_view>& g) {
      if (!Group(g, 1).empty() && !Group(g, 6).empty()) return Group(g, 0).substr(1, g[0].size() - 2);
      std::string attrs = Group(g, 3), content = Group(g, 5);
      bool enclosing = Group(g, 0).find("[/" + Group(g, 2) + "]") != std::string::npos;
      if (attrs.find('=') == std::string::npos && !enclosing && Group(g, 4).empty()) return Group(g, 0);
      tally_->Skipped("shortcode [" + Group(g, 2) + "] (its text kept)", record_);
      return content;
    });
  }

  const std::string& post_id_;
  const std::string& record_;
  const std::map<std::string, WordPressAttachment>& attachments_;
  ImportTally* tally_;
  std::vector<std::string> kept_;    // code blocks
  std::vector<std::string> blocks_;  // shortcodes' HTML
};

}  // namespace

std::string WpAutoP(std::string_view input, bool br) {
  std::string text(input);
  if (Trim(text).empty()) return "";
  text += "\n";  // Just to make things a little easier, pad the end.

  // Pre tags shouldn't be touched by autop: placeholders, brought back after.
  std::vector<std::pair<std::string, std::string>> pre_tags;
  if (text.find("<pre") != std::string::npos) {
    std::string rebuilt;
    size_t pos = 0;
    int i = 0;
    while (true) {
      size_t close = text.find("</pre>", pos);
      if (close == std::string::npos) break;
      std::string part = text.substr(pos, close - pos);
      size_t start = part.find("<pre");
      if (start == std::string::npos) {
        rebuilt += part;
      } else {
        std::string name = "<pre wp-pre-tag-" + std::to_string(i++) + "></pre>";
        pre_tags.push_back({name, part.substr(start) + "</pre>"});
        rebuilt += part.substr(0, start) + name;
      }
      pos = close + 6;
    }
    rebuilt += text.substr(pos);
    text = rebuilt;
  }

  static const Regex kDoubleBr(R"(<br\s*/?>\s*<br\s*/?>)");
  static const Regex kBlockOpen("(<" ALLBLOCKS "[\\s/>])");
  static const Regex kBlockClose("(</" ALLBLOCKS ">)");
  static const Regex kHr(R"((<hr\s*?/?>))");
  text = kDoubleBr.Replace(text, "\n\n");
  text = kBlockOpen.Replace(text, "\n\n$1");
  text = kBlockClose.Replace(text, "$1\n\n");
  text = kHr.Replace(text, "$1\n\n");
  ReplaceAll(&text, "\r\n", "\n");
  ReplaceAll(&text, "\r", "\n");
  text = NewlinesInTags(text);

  if (text.find("<option") != std::string::npos) {
    static const Regex a(R"(\s*<option)"), b(R"(</option>\s*)");
    text = b.Replace(a.Replace(text, "<option"), "</option>");
  }
  if (text.find("</object>") != std::string::npos) {
    static const Regex a(R"((<object[^>]*>)\s*)"), b(R"(\s*</object>)"), c(R"(\s*(</?(?:param|embed)[^>]*>)\s*)");
    text = c.Replace(b.Replace(a.Replace(text, "$1"), "</object>"), "$1");
  }
  if (text.find("<source") != std::string::npos || text.find("<track") != std::string::npos) {
    static const Regex a(R"(([<\[](?:audio|video)[^>\]]*[>\]])\s*)"), b(R"(\s*([<\[]/(?:audio|video)[>\]]))"),
        c(R"(\s*(<(?:source|track)[^>]*>)\s*)");
    text = c.Replace(b.Replace(a.Replace(text, "$1"), "$1"), "$1");
  }
  if (text.find("<figcaption") != std::string::npos) {
    static const Regex a(R"(\s*(<figcaption[^>]*>))"), b(R"(</figcaption>\s*)");
    text = b.Replace(a.Replace(text, "$1"), "</figcaption>");
  }

  static const Regex kManyBreaks("\n\n+");
  static const Regex kParagraphs(R"(\n\s*\n)");
  text = kManyBreaks.Replace(text, "\n\n");
  std::string joined;
  for (const auto& paragraph : kParagraphs.Split(text)) {
    size_t a = paragraph.find_first_not_of('\n');
    if (a == std::string::npos) {
      joined += "<p></p>\n";
      continue;
    }
    size_t b = paragraph.find_last_not_of('\n');
    joined += "<p>" + paragraph.substr(a, b - a + 1) + "</p>\n";
  }
  text = joined;

  static const Regex kEmptyP(R"(<p>\s*</p>)");
  static const Regex kCloseInside(R"(<p>([^<]+)</(div|address|form)>)");
  static const Regex kUnwrapBlock("<p>\\s*(</?" ALLBLOCKS "[^>]*>)\\s*</p>");
  static const Regex kLi(R"(<p>(<li.+?)</p>)");
  static const Regex kBlockquote(R"(<p><blockquote([^>]*)>)", kCaseless);
  static const Regex kPBeforeBlock("<p>\\s*(</?" ALLBLOCKS "[^>]*>)");
  static const Regex kPAfterBlock("(</?" ALLBLOCKS "[^>]*>)\\s*</p>");
  text = kEmptyP.Replace(text, "");
  text = kCloseInside.Replace(text, "<p>$1</p></$2>");
  text = kUnwrapBlock.Replace(text, "$1");
  text = kLi.Replace(text, "$1");
  text = kBlockquote.Replace(text, "<blockquote$1><p>");
  ReplaceAll(&text, "</blockquote></p>", "</p></blockquote>");
  text = kPBeforeBlock.Replace(text, "$1");
  text = kPAfterBlock.Replace(text, "$1");

  if (br) {
    static const Regex kKeepNewlines(R"(<(script|style|svg|math).*?<\/\1>)", kDotAll);
    text = kKeepNewlines.Replace(text, [](const std::vector<std::string_view>& g) {
      std::string s(g[0]);
      ReplaceAll(&s, "\n", "<WPPreserveNewline />");
      return s;
    });
    ReplaceAll(&text, "<br>", "<br />");
    ReplaceAll(&text, "<br/>", "<br />");
    static const Regex kNewline(R"((?<!<br />)\s*\n)");
    text = kNewline.Replace(text, "<br />\n");
    ReplaceAll(&text, "<WPPreserveNewline />", "\n");
  }

  static const Regex kBrAfterBlock("(</?" ALLBLOCKS "[^>]*>)\\s*<br />");
  static const Regex kBrBeforeBlock(R"(<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>))");
  static const Regex kLastP("\n</p>$");
  text = kBrAfterBlock.Replace(text, "$1");
  text = kBrBeforeBlock.Replace(text, "$1");
  text = kLastP.Replace(text, "</p>");

  for (const auto& [name, original] : pre_tags) ReplaceAll(&text, name, original);
  if (text.find("<!-- wpnl -->") != std::string::npos) {
    ReplaceAll(&text, " <!-- wpnl --> ", "\n");
    ReplaceAll(&text, "<!-- wpnl -->", "\n");
  }
  return text;
}

std::string WordPressContentToHtml(std::string_view content, const std::string& post_id, const std::string& record,
                                   const std::map<std::string, WordPressAttachment>& attachments, ImportTally* tally) {
  return Converter(post_id, record, attachments, tally).Run(content);
}

}  // namespace newsdesk
