#include "render/html_sanitizer.h"

#include <gtest/gtest.h>

namespace newsdesk {
namespace {

TEST(HtmlSanitizer, KeepsArticleMarkup) {
  EXPECT_EQ(SanitizeHtml("<p>Hello <strong>world</strong> <a href=\"https://example.com/x?a=1&amp;b=2\">link</a></p>"),
            "<p>Hello <strong>world</strong> <a href=\"https://example.com/x?a=1&amp;b=2\" "
            "rel=\"nofollow noopener\">link</a></p>");
  EXPECT_EQ(SanitizeHtml("<ul><li>a</li><li>b</li></ul>"), "<ul><li>a</li><li>b</li></ul>");
  EXPECT_EQ(SanitizeHtml("<img src=\"/x.png\" alt=\"X\" onerror=\"alert(1)\">"), "<img src=\"/x.png\" alt=\"X\">");
  EXPECT_EQ(SanitizeHtml("<h1>Title</h1>"), "<h2>Title</h2>");
}

TEST(HtmlSanitizer, DropsWhatCouldRunOrTrack) {
  EXPECT_EQ(SanitizeHtml("<p>a<script>alert(1)</script>b</p>"), "<p>ab</p>");
  EXPECT_EQ(SanitizeHtml("<style>p{}</style><iframe src=\"https://x\"></iframe>ok"), "ok");
  EXPECT_EQ(SanitizeHtml("<a href=\"javascript:alert(1)\">x</a>"), "<a rel=\"nofollow noopener\">x</a>");
  EXPECT_EQ(SanitizeHtml("<a href=\" JaVaScRiPt:alert(1)\">x</a>"), "<a rel=\"nofollow noopener\">x</a>");
  EXPECT_EQ(SanitizeHtml("<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">"), "<img>");
  EXPECT_EQ(SanitizeHtml("<!-- wp:paragraph --><p style=\"color:red\" class=\"x\">t</p>"), "<p>t</p>");
  EXPECT_EQ(SanitizeHtml("<blink>old</blink> <form><input></form>"), "old ");
  EXPECT_EQ(SanitizeHtml("<p>unclosed <b>bold"), "<p>unclosed <b>bold</b></p>");
  EXPECT_EQ(SanitizeHtml("a < b & \"c\""), "a &lt; b &amp; \"c\"");
}


}  // namespace
}  // namespace newsdesk
