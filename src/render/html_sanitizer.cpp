#include "render/html_sanitizer.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <cctype>
#include <cstring>
#include <map>
#include <set>
#include <vector>

namespace newsdesk {

bool IsDroppedElement(std::string_view name) {
  static const std::set<std::string, std::less<>> dropped = {
      "script", "style", "iframe", "object", "embed", "form", "input", "button", "select", "textarea",
      "noscript", "template", "svg", "math", "frame", "frameset", "applet", "link", "meta", "base", "head", "title"};
  return dropped.count(name) > 0;
}

namespace {

// element -> attributes it may keep
const std::map<std::string, std::set<std::string>, std::less<>>& Allowed() {
  static const std::map<std::string, std::set<std::string>, std::less<>> allowed = {
      {"p", {}}, {"br", {}}, {"hr", {}}, {"a", {"href", "title"}}, {"em", {}}, {"strong", {}}, {"b", {}},
      {"i", {}}, {"u", {}}, {"s", {}}, {"del", {}}, {"ins", {}}, {"sub", {}}, {"sup", {}}, {"small", {}},
      {"mark", {}}, {"code", {}}, {"pre", {}}, {"kbd", {}}, {"blockquote", {"cite"}}, {"q", {"cite"}},
      {"cite", {}}, {"ul", {}}, {"ol", {"start"}}, {"li", {}}, {"dl", {}}, {"dt", {}}, {"dd", {}},
      {"h2", {}}, {"h3", {}}, {"h4", {}}, {"h5", {}}, {"h6", {}}, {"table", {}}, {"thead", {}},
      {"tbody", {}}, {"tfoot", {}}, {"tr", {}}, {"th", {"colspan", "rowspan"}}, {"td", {"colspan", "rowspan"}},
      {"caption", {}}, {"figure", {}}, {"figcaption", {}}, {"img", {"src", "alt", "title", "width", "height"}},
      {"abbr", {"title"}}, {"address", {}}, {"div", {}}, {"span", {}},
      {"video", {"src", "poster", "controls", "preload", "width", "height"}},
      {"audio", {"src", "controls", "preload"}}, {"source", {"src", "type"}},
  };
  return allowed;
}

bool IsVoid(std::string_view name) { return name == "br" || name == "hr" || name == "img" || name == "source"; }

bool IsUrlAttribute(std::string_view name) {
  return name == "href" || name == "src" || name == "cite" || name == "poster";
}

// Elements whose id is kept (footnotes: <sup id="fnref1"><a href="#fn1">,
// <li id="fn1">), unless it is one the page itself uses.
bool KeepsId(std::string_view tag, std::string_view id) {
  static const std::set<std::string, std::less<>> kTags = {"a", "sup", "li", "p", "span", "div", "ol", "section",
                                                           "h2", "h3", "h4", "h5", "h6", "figure", "aside"};
  static const std::set<std::string, std::less<>> kPageIds = {"main", "cookie-notice", "content", "search"};
  if (!kTags.count(tag) || id.empty() || id.size() > 100 || kPageIds.count(id)) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != ':' && c != '.') return false;
  }
  return true;
}

// A code block's language, as Markdown and imports write it: class="language-x".
bool IsLanguageClass(std::string_view tag, std::string_view value) {
  if (tag != "code" || value.rfind("language-", 0) != 0 || value.size() > 40 || value.size() == 9) return false;
  for (char c : value.substr(9)) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '+' && c != '#') return false;
  }
  return true;
}

// http(s), mailto, or a relative URL (no scheme before the first '/', '?' or '#').
bool IsSafeUrl(std::string_view url) {
  while (!url.empty() && (url.front() == ' ' || url.front() == '\t' || url.front() == '\n')) url.remove_prefix(1);
  size_t colon = url.find(':');
  size_t stop = url.find_first_of("/?#");
  if (colon == std::string_view::npos || (stop != std::string_view::npos && stop < colon)) return true;
  std::string scheme(url.substr(0, colon));
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return scheme == "http" || scheme == "https" || scheme == "mailto";
}

void Escape(std::string* out, std::string_view text, bool attribute) {
  for (char c : text) {
    switch (c) {
      case '&': *out += "&amp;"; break;
      case '<': *out += "&lt;"; break;
      case '>': *out += "&gt;"; break;
      case '"':
        if (attribute) {
          *out += "&quot;";
          break;
        }
        [[fallthrough]];
      default: *out += c;
    }
  }
}

void Emit(xmlNode* node, std::string* out) {
  for (xmlNode* n = node; n; n = n->next) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      Escape(out, reinterpret_cast<const char*>(n->content ? n->content : BAD_CAST ""), false);
      continue;
    }
    if (n->type != XML_ELEMENT_NODE) continue;  // comments, processing instructions
    std::string_view name = reinterpret_cast<const char*>(n->name);
    if (IsDroppedElement(name)) continue;
    std::string tag(name == "h1" ? "h2" : std::string(name));  // the page's title is the only h1
    auto allowed = Allowed().find(tag);
    if (allowed == Allowed().end()) {
      Emit(n->children, out);  // unknown: keep the text, lose the element
      continue;
    }
    *out += "<" + tag;
    for (xmlAttr* a = n->properties; a; a = a->next) {
      std::string attr = reinterpret_cast<const char*>(a->name);
      bool special = attr == "id" || attr == "class";
      if (!allowed->second.count(attr) && !special) continue;
      xmlChar* value = xmlNodeListGetString(n->doc, a->children, 1);
      std::string v = value ? reinterpret_cast<const char*>(value) : "";
      xmlFree(value);
      if (attr == "id" && !KeepsId(tag, v)) continue;
      if (attr == "class" && !IsLanguageClass(tag, v)) continue;
      if (IsUrlAttribute(attr) && !IsSafeUrl(v)) continue;
      *out += " " + attr + "=\"";
      Escape(out, v, true);
      *out += "\"";
    }
    if (tag == "a") *out += " rel=\"nofollow noopener\"";
    *out += ">";
    if (IsVoid(tag)) continue;
    Emit(n->children, out);
    *out += "</" + tag + ">";
  }
}

// Parses `html` as a fragment and hands the children of its <body> to `fn`.
template <typename Fn>
void ForEachBodyChild(std::string_view html, Fn fn) {
  if (html.empty()) return;
  std::string wrapped = "<html><body>" + std::string(html) + "</body></html>";
  htmlDocPtr doc = htmlReadMemory(wrapped.data(), static_cast<int>(wrapped.size()), nullptr, "UTF-8",
                                  HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  if (!doc) return;
  xmlNode* root = xmlDocGetRootElement(doc);
  for (xmlNode* n = root ? root->children : nullptr; n; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && std::strcmp(reinterpret_cast<const char*>(n->name), "body") == 0) {
      fn(n->children);
    }
  }
  xmlFreeDoc(doc);
}

// Text of the nodes, with blank lines after blocks and a line break for <br>.
void AppendText(xmlNode* node, std::string* out, bool with_links) {
  for (xmlNode* n = node; n; n = n->next) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content) *out += reinterpret_cast<const char*>(n->content);
      continue;
    }
    if (n->type != XML_ELEMENT_NODE) continue;
    std::string_view name = reinterpret_cast<const char*>(n->name);
    if (IsDroppedElement(name)) continue;
    if (name == "br") {
      *out += "\n";
      continue;
    }
    size_t start = out->size();
    AppendText(n->children, out, with_links);
    if (with_links && name == "a") {
      if (xmlChar* href = xmlGetProp(n, reinterpret_cast<const xmlChar*>("href"))) {
        std::string url = reinterpret_cast<const char*>(href);
        xmlFree(href);
        if (!url.empty() && out->compare(start, std::string::npos, url) != 0) *out += " <" + url + ">";
      }
    }
    if (with_links && name == "img") {
      if (xmlChar* alt = xmlGetProp(n, reinterpret_cast<const xmlChar*>("alt"))) {
        std::string text = reinterpret_cast<const char*>(alt);
        xmlFree(alt);
        if (!text.empty()) *out += "[" + text + "]";
      }
    }
    if (name == "p" || name == "li" || name == "blockquote" || name == "pre" || name == "tr" ||
        (name.size() == 2 && name[0] == 'h')) {
      *out += "\n\n";
    }
  }
}

}  // namespace

std::string SanitizeHtml(std::string_view html) {
  std::string out;
  ForEachBodyChild(html, [&out](xmlNode* body_children) { Emit(body_children, &out); });
  return out;
}

std::string HtmlToText(std::string_view html, bool with_links) {
  std::string out;
  ForEachBodyChild(html, [&out, with_links](xmlNode* body_children) { AppendText(body_children, &out, with_links); });
  return out;
}

}  // namespace newsdesk
