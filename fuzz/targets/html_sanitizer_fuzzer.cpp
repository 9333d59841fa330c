// The HTML allowlist: whatever comes in, what comes out parses (with libxml2's
// HTML parser, as a browser would) to no script-capable element, no event
// handler attribute and no javascript:/vbscript:/data: URL. WordPress's wpautop
// port runs on the same bytes (no crash, no hang).
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "render/html_sanitizer.h"
#include "transfer/wordpress_content.h"

namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool DangerousUrl(std::string value) {
  value.erase(std::remove_if(value.begin(), value.end(), [](unsigned char c) { return c <= 0x20; }), value.end());
  value = Lower(value);
  return value.rfind("javascript:", 0) == 0 || value.rfind("vbscript:", 0) == 0 || value.rfind("data:", 0) == 0;
}

void Check(xmlNode* node) {
  for (; node; node = node->next) {
    if (node->type == XML_ELEMENT_NODE) {
      std::string name = Lower(reinterpret_cast<const char*>(node->name));
      for (const char* bad : {"script", "iframe", "object", "embed", "style", "frame", "frameset", "base",
                              "form", "meta", "link", "svg", "math"}) {
        if (name == bad) __builtin_trap();
      }
      for (xmlAttr* a = node->properties; a; a = a->next) {
        std::string attr = Lower(reinterpret_cast<const char*>(a->name));
        if (attr.rfind("on", 0) == 0 || attr == "style" || attr == "srcdoc" || attr == "formaction") {
          __builtin_trap();
        }
        if (attr == "href" || attr == "src" || attr == "action" || attr == "xlink:href" || attr == "poster") {
          xmlChar* v = xmlNodeListGetString(node->doc, a->children, 1);
          bool bad = v && DangerousUrl(reinterpret_cast<const char*>(v));
          xmlFree(v);
          if (bad) __builtin_trap();
        }
      }
    }
    Check(node->children);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view html(reinterpret_cast<const char*>(data), size);
  std::string out = newsdesk::SanitizeHtml(html);
  htmlDocPtr doc = htmlReadMemory(out.data(), static_cast<int>(out.size()), nullptr, "utf-8",
                                  HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  if (doc) {
    Check(xmlDocGetRootElement(doc));
    xmlFreeDoc(doc);
  }
  (void)newsdesk::HtmlToText(html);
  (void)newsdesk::WpAutoP(html);
  return 0;
}
