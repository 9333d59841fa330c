// WordPress post content (wpautop, shortcodes, blocks, iframes, code) then
// the sanitiser and the embed pass: any bytes give HTML, never a crash, a
// hang or a leak.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string_view>

#include "render/embeds.h"
#include "render/html_sanitizer.h"
#include "transfer/wordpress_content.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  static const std::map<std::string, newsdesk::WordPressAttachment> attachments = {
      {"1", {"https://old.example/wp-content/uploads/a.jpg", "A", "Cap", "7", "image/jpeg"}}};
  newsdesk::ImportTally tally;
  std::string html = newsdesk::WordPressContentToHtml(text, "7", "post 7", attachments, &tally);
  (void)newsdesk::RenderEmbeds(newsdesk::SanitizeHtml(html));
  return 0;
}
