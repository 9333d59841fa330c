#include "render/article_body.h"

#include "render/html_sanitizer.h"
#include "render/markdown.h"

namespace newsdesk {

std::string RenderBody(const Article& article) {
  return article.body_format == BodyFormat::kHtml ? SanitizeHtml(article.body) : RenderMarkdown(article.body);
}

}  // namespace newsdesk
