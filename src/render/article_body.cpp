#include "render/article_body.h"

#include "render/embeds.h"
#include "render/html_sanitizer.h"
#include "render/markdown.h"

namespace newsdesk {

std::string RenderBody(const Article& article, const ImageContext* images) {
  return RenderBody(article.body, article.body_format, images);
}

std::string RenderBody(std::string_view body, BodyFormat format, const ImageContext* images) {
  std::string html = format == BodyFormat::kHtml ? SanitizeHtml(body) : RenderMarkdown(body, images);
  if (images) html = WithImageSizes(html, *images);
  if (images && !images->absolute_base.empty()) html = WithAbsoluteUrls(html, images->absolute_base);
  if (images && images->email_width > 0) html = FitImagesForEmail(html, images->email_width);
  if (images && images->ForBrowser()) html = RenderEmbeds(html);
  return html;
}

}  // namespace newsdesk
