#include "render/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <vector>

#include "media/image_urls.h"

namespace newsdesk {

namespace {

// The image's alt text: the plain text of its children, as cmark-gfm writes it.
std::string PlainText(cmark_node* node) {
  std::string out;
  for (cmark_node* child = cmark_node_first_child(node); child; child = cmark_node_next(child)) {
    if (const char* literal = cmark_node_get_literal(child)) out += literal;
    out += PlainText(child);
  }
  return out;
}

// The upload a Markdown image shows: "/media/<id>..." or the site's absolute form.
std::optional<MediaItem> UploadShown(cmark_node* image, const ImageContext& images) {
  const char* url = cmark_node_get_url(image);
  if (!url) return std::nullopt;
  std::string_view u(url);
  size_t at = u.find("/media/");
  if (at == std::string_view::npos || (at != 0 && u.substr(0, 4) != "http")) return std::nullopt;
  auto name = media::ParseFileName(u.substr(at + 7));
  if (!name) return std::nullopt;
  return images.lookup(name->id);
}

// Paragraphs that hold one uploaded image, and nothing else, become figures.
void MakeFigures(cmark_node* doc, const ImageContext& images) {
  std::vector<cmark_node*> paragraphs;
  for (cmark_node* n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
    if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH) paragraphs.push_back(n);
  }
  for (cmark_node* p : paragraphs) {
    cmark_node* image = cmark_node_first_child(p);
    if (!image || cmark_node_next(image) || cmark_node_get_type(image) != CMARK_NODE_IMAGE) continue;
    auto item = UploadShown(image, images);
    if (!item) continue;
    PictureOptions o;
    o.alt = PlainText(image);
    if (o.alt.empty()) o.alt = item->alt;
    o.sizes = "(max-width: 46rem) 100vw, 46rem";
    const char* title = cmark_node_get_title(image);
    std::string caption = title && *title ? title : item->caption;
    // A custom block is written out as given (no "raw HTML omitted"): the
    // figure is newsdesk's own, every value in it escaped by FigureHtml.
    cmark_node* figure = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
    std::string html = FigureHtml(*item, o, caption, item->credit, images) + "\n";
    cmark_node_set_on_enter(figure, html.c_str());
    cmark_node_set_on_exit(figure, "");
    cmark_node_insert_before(p, figure);
    cmark_node_free(p);
  }
}

}  // namespace

std::string RenderMarkdown(std::string_view markdown, const ImageContext* images) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });

  // CMARK_OPT_DEFAULT leaves out CMARK_OPT_UNSAFE: raw HTML and unsafe URLs are
  // omitted by cmark-gfm itself. tagfilter is kept as a second line of defence.
  // Table alignment as style="text-align: …" rather than HTML's obsolete align
  // attribute; made a class below, since the site's CSP allows no inline style.
  const int options = CMARK_OPT_DEFAULT | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES;
  std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser(cmark_parser_new(options),
                                                                     &cmark_parser_free);
  for (const char* name : {"table", "strikethrough", "autolink", "tagfilter"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, decltype(&cmark_node_free)> doc(cmark_parser_finish(parser.get()),
                                                              &cmark_node_free);
  if (images && images->lookup) MakeFigures(doc.get(), *images);
  char* html = cmark_render_html(doc.get(), options, cmark_parser_get_syntax_extensions(parser.get()));
  std::string_view rendered(html);
  std::string out;
  out.reserve(rendered.size());
  // One pass over the HTML for the three alignments (a body without tables
  // has none of them).
  constexpr std::string_view kStyle = " style=\"text-align: ";
  size_t copied = 0;
  for (size_t at = rendered.find(kStyle); at != std::string_view::npos; at = rendered.find(kStyle, at + 1)) {
    for (std::string_view side : {"left", "center", "right"}) {
      std::string_view rest = rendered.substr(at + kStyle.size());
      if (rest.substr(0, side.size()) != side || rest.substr(side.size(), 1) != "\"") continue;
      out.append(rendered.substr(copied, at - copied));
      out.append(" class=\"align-").append(side).append("\"");
      copied = at + kStyle.size() + side.size() + 1;
      break;
    }
  }
  out.append(rendered.substr(copied));
  std::free(html);
  return out;
}

}  // namespace newsdesk
