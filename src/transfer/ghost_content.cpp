#include "transfer/ghost_content.h"

#include <vector>

#include "render/embeds.h"
#include "render/html_escape.h"
#include "render/markdown.h"

namespace newsdesk {
namespace {

using nlohmann::json;

std::string Str(const json& obj, const char* key) {
  if (!obj.is_object()) return "";
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : "";
}

bool IsTag(const std::string& tag, std::initializer_list<const char*> allowed) {
  for (const char* a : allowed) {
    if (tag == a) return true;
  }
  return false;
}

// The cards both editors share, by name and payload.
std::string Card(const std::string& name, const json& p) {
  if (name == "markdown" || name == "card-markdown") return RenderMarkdown(Str(p, "markdown"));
  if (name == "html") return Str(p, "html") + "\n";
  if (name == "hr" || name == "horizontalrule") return "<hr>\n";
  if (name == "code" || name == "codeblock") {
    std::string lang = Str(p, "language");
    bool ok = !lang.empty() && lang.size() < 30 && lang.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789+#-_") == std::string::npos;
    std::string html = "<pre><code" + (ok ? " class=\"language-" + lang + "\"" : std::string()) + ">" + EscapeHtml(Str(p, "code")) +
                       "</code></pre>\n";
    return html;
  }
  if (name == "image") {
    std::string src = Str(p, "src");
    if (src.empty()) return "";
    std::string alt = !Str(p, "alt").empty() ? Str(p, "alt") : Str(p, "altText");
    std::string caption = Str(p, "caption");
    return "<figure><img src=\"" + EscapeHtml(src) + "\" alt=\"" + EscapeHtml(alt) + "\">" +
           (caption.empty() ? "" : "<figcaption>" + caption + "</figcaption>") + "</figure>\n";
  }
  if (name == "embed" || name == "bookmark" || name == "video" || name == "audio") {
    std::string url = Str(p, "url");
    if (url.empty()) url = Str(p, "src");
    std::string caption = Str(p, "caption");
    std::string html;
    if (RecogniseEmbed(url)) html = "<p>" + EscapeHtml(url) + "</p>\n";
    else if (!url.empty()) {
      std::string title = p.is_object() && p.contains("metadata") ? Str(p["metadata"], "title") : "";
      html = "<p><a href=\"" + EscapeHtml(url) + "\">" + EscapeHtml(title.empty() ? url : title) + "</a></p>\n";
    }
    if (!caption.empty()) html += "<p>" + caption + "</p>\n";
    return html;
  }
  if (name == "gallery" && p.contains("images") && p["images"].is_array()) {
    std::string html = "<figure class=\"gallery\">";
    for (const auto& image : p["images"]) html += Card("image", image);
    return html + "</figure>\n";
  }
  return "";
}

// --- mobiledoc -----------------------------------------------------------

std::string OpenMarkup(const json& markup) {
  if (!markup.is_array() || markup.empty() || !markup[0].is_string()) return "";
  std::string tag = markup[0].get<std::string>();
  if (!IsTag(tag, {"a", "b", "strong", "i", "em", "u", "s", "code", "sub", "sup"})) return "";
  std::string out = "<" + tag;
  if (tag == "a" && markup.size() > 1 && markup[1].is_array()) {
    const json& attrs = markup[1];
    for (size_t i = 0; i + 1 < attrs.size(); i += 2) {
      if (attrs[i] == "href" && attrs[i + 1].is_string()) out += " href=\"" + EscapeHtml(attrs[i + 1].get<std::string>()) + "\"";
    }
  }
  return out + ">";
}

std::string CloseMarkup(const json& markup) {
  if (!markup.is_array() || markup.empty() || !markup[0].is_string()) return "";
  std::string tag = markup[0].get<std::string>();
  if (!IsTag(tag, {"a", "b", "strong", "i", "em", "u", "s", "code", "sub", "sup"})) return "";
  return "</" + tag + ">";
}

std::string Markers(const json& markers, const json& markups, const json& atoms) {
  std::string out;
  std::vector<int> open;
  if (!markers.is_array()) return out;
  for (const auto& m : markers) {
    if (!m.is_array() || m.size() < 4) continue;
    if (m[1].is_array()) {
      for (const auto& idx : m[1]) {
        if (idx.is_number_integer() && idx.get<size_t>() < markups.size()) {
          out += OpenMarkup(markups[idx.get<size_t>()]);
          open.push_back(idx.get<int>());
        }
      }
    }
    if (m[0] == 0 && m[3].is_string()) {
      out += EscapeHtml(m[3].get<std::string>());
    } else if (m[0] == 1 && m[3].is_number_integer() && m[3].get<size_t>() < atoms.size()) {
      const json& atom = atoms[m[3].get<size_t>()];
      if (atom.is_array() && atom.size() > 1 && atom[0] == "soft-return") out += "<br>";
      else if (atom.is_array() && atom.size() > 1 && atom[1].is_string()) out += EscapeHtml(atom[1].get<std::string>());
    }
    int close = m[2].is_number_integer() ? m[2].get<int>() : 0;
    for (int i = 0; i < close && !open.empty(); ++i) {
      out += CloseMarkup(markups[static_cast<size_t>(open.back())]);
      open.pop_back();
    }
  }
  while (!open.empty()) {
    out += CloseMarkup(markups[static_cast<size_t>(open.back())]);
    open.pop_back();
  }
  return out;
}

// --- lexical -------------------------------------------------------------

std::string LexicalChildren(const json& node);

std::string LexicalText(const json& node) {
  std::string text = EscapeHtml(Str(node, "text"));
  int format = node.value("format", 0);
  if (!node.contains("format") || !node["format"].is_number_integer()) format = 0;
  static const std::pair<int, const char*> kFormats[] = {{16, "code"}, {64, "sup"}, {32, "sub"}, {8, "u"},
                                                         {4, "s"},     {2, "em"},   {1, "strong"}};
  for (auto [bit, tag] : kFormats) {
    if (format & bit) text = std::string("<") + tag + ">" + text + "</" + tag + ">";
  }
  return text;
}

std::string LexicalNode(const json& node) {
  if (!node.is_object()) return "";
  std::string type = Str(node, "type");
  if (type == "text" || type == "extended-text") return LexicalText(node);
  if (type == "linebreak") return "<br>";
  if (type == "link" || type == "autolink") return "<a href=\"" + EscapeHtml(Str(node, "url")) + "\">" + LexicalChildren(node) + "</a>";
  if (type == "paragraph") return "<p>" + LexicalChildren(node) + "</p>\n";
  if (type == "heading" || type == "extended-heading") {
    std::string tag = Str(node, "tag");
    if (!IsTag(tag, {"h1", "h2", "h3", "h4", "h5", "h6"})) tag = "h2";
    return "<" + tag + ">" + LexicalChildren(node) + "</" + tag + ">\n";
  }
  if (type == "quote" || type == "aside") return "<blockquote><p>" + LexicalChildren(node) + "</p></blockquote>\n";
  if (type == "list") {
    std::string tag = Str(node, "listType") == "number" ? "ol" : "ul";
    return "<" + tag + ">\n" + LexicalChildren(node) + "</" + tag + ">\n";
  }
  if (type == "listitem") return "<li>" + LexicalChildren(node) + "</li>\n";
  return Card(type, node);
}

std::string LexicalChildren(const json& node) {
  std::string out;
  auto it = node.find("children");
  if (it == node.end() || !it->is_array()) return out;
  for (const auto& child : *it) out += LexicalNode(child);
  return out;
}

}  // namespace

std::string MobiledocToHtml(const json& doc) {
  if (!doc.is_object()) return "";
  const json empty = json::array();
  const json& markups = doc.contains("markups") && doc["markups"].is_array() ? doc["markups"] : empty;
  const json& atoms = doc.contains("atoms") && doc["atoms"].is_array() ? doc["atoms"] : empty;
  const json& cards = doc.contains("cards") && doc["cards"].is_array() ? doc["cards"] : empty;
  std::string out;
  if (!doc.contains("sections") || !doc["sections"].is_array()) return out;
  for (const auto& section : doc["sections"]) {
    if (!section.is_array() || section.empty() || !section[0].is_number_integer()) continue;
    int kind = section[0].get<int>();
    if (kind == 1 && section.size() >= 3 && section[1].is_string()) {  // markup section
      std::string tag = section[1].get<std::string>();
      if (tag == "aside") tag = "blockquote";
      if (!IsTag(tag, {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"})) tag = "p";
      out += "<" + tag + ">" + Markers(section[2], markups, atoms) + "</" + tag + ">\n";
    } else if (kind == 3 && section.size() >= 3 && section[1].is_string()) {  // list section
      std::string tag = section[1] == "ol" ? "ol" : "ul";
      out += "<" + tag + ">\n";
      if (section[2].is_array()) {
        for (const auto& item : section[2]) out += "<li>" + Markers(item, markups, atoms) + "</li>\n";
      }
      out += "</" + tag + ">\n";
    } else if (kind == 10 && section.size() >= 2 && section[1].is_number_integer()) {  // card section
      size_t index = section[1].get<size_t>();
      if (index < cards.size() && cards[index].is_array() && cards[index].size() >= 2 && cards[index][0].is_string()) {
        out += Card(cards[index][0].get<std::string>(), cards[index][1]);
      }
    } else if (kind == 2 && section.size() >= 2 && section[1].is_string()) {  // image section
      out += Card("image", json{{"src", section[1]}});
    }
  }
  return out;
}

std::string LexicalToHtml(const json& doc) {
  if (!doc.is_object() || !doc.contains("root")) return "";
  return LexicalChildren(doc["root"]);
}

}  // namespace newsdesk
