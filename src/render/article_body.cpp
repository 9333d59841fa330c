#include "render/article_body.h"

#include "render/html_sanitizer.h"
#include "render/markdown.h"

namespace newsdesk {

std::string RenderBody(const Article& article, const ImageContext* images) {
  std::string html =
      article.body_format == BodyFormat::kHtml ? SanitizeHtml(article.body) : RenderMarkdown(article.body, images);
  if (images && !images->absolute_base.empty()) html = WithAbsoluteUrls(html, images->absolute_base);
  if (images && images->email_width > 0) html = FitImagesForEmail(html, images->email_width);
  return html;
}

}  // namespace newsdesk
