#include "transfer/wordpress_content.h"

#include <gtest/gtest.h>

#include "render/html_sanitizer.h"

namespace newsdesk {
namespace {

std::string Convert(const std::string& content, ImportTally* tally = nullptr,
                    const std::map<std::string, WordPressAttachment>& attachments = {}) {
  ImportTally scratch;
  return WordPressContentToHtml(content, "7", "post 7", attachments, tally ? tally : &scratch);
}

TEST(WpAutoP, ParagraphsAndLineBreaksAsWordPressMakesThem) {
  EXPECT_EQ(WpAutoP("First line\nsecond line\n\nNext paragraph"),
            "<p>First line<br />\nsecond line</p>\n<p>Next paragraph</p>\n");
  EXPECT_EQ(WpAutoP("<blockquote>Stay hungry.</blockquote>"), "<blockquote><p>Stay hungry.</p></blockquote>\n");
  EXPECT_EQ(WpAutoP("<h2>Title</h2>\nText after"), "<h2>Title</h2>\n<p>Text after</p>\n");
  EXPECT_EQ(WpAutoP("<ul>\n<li>a</li>\n<li>b</li>\n</ul>"), "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n");
  // A tag split over lines is not split into paragraphs.
  EXPECT_EQ(WpAutoP("<a\nhref=\"/x\">link</a> text"), "<p><a\nhref=\"/x\">link</a> text</p>\n");
  EXPECT_EQ(WpAutoP("   \n "), "");
}

TEST(WpAutoP, NeverInsidePre) {
  EXPECT_EQ(WpAutoP("Before\n<pre>line 1\n\nline 3\n</pre>\nAfter"),
            "<p>Before</p>\n<pre>line 1\n\nline 3\n</pre>\n<p>After</p>\n");
}

TEST(WordPressContent, CodeBlocksByteForByteWithTheirLanguage) {
  std::string code = "if (a < b) {\n\n  return 1;\n}";
  ImportTally tally;
  std::string html = Convert("Intro\n<pre class=\"brush: php; gutter: false\">" + code + "</pre>\nAfter the code", &tally);
  EXPECT_NE(html.find("<pre><code class=\"language-php\">" + code + "</code></pre>"), std::string::npos) << html;
  EXPECT_NE(html.find("<p>After the code</p>"), std::string::npos) << html;  // keeps its <p>
  EXPECT_EQ(html.find("<br"), std::string::npos) << html;
  EXPECT_EQ(tally.converted["code block"].count, 1);
  html = Convert("[code language=\"python\"]\nprint(1 < 2)\n\nx = 3\n[/code]\n\nDone");
  EXPECT_NE(html.find("<pre><code class=\"language-python\">\nprint(1 &lt; 2)\n\nx = 3\n</code></pre>"), std::string::npos) << html;
  html = Convert("<!-- wp:code -->\n<pre class=\"wp-block-code\"><code class=\"language-js\">a &amp;&amp; b\n\nc</code></pre>\n<!-- /wp:code -->");
  EXPECT_NE(html.find("<pre><code class=\"language-js\">a &amp;&amp; b\n\nc</code></pre>"), std::string::npos) << html;
  // The sanitiser keeps the language class and nothing else.
  EXPECT_EQ(SanitizeHtml("<pre><code class=\"language-js\">x</code></pre><code class=\"evil\">y</code>"),
            "<pre><code class=\"language-js\">x</code></pre><code>y</code>");
}

TEST(WordPressContent, CaptionsGalleriesAndMedia) {
  ImportTally tally;
  std::string html = Convert(
      "[caption id=\"attachment_9\" align=\"alignleft\" width=\"300\"]<img src=\"https://old.example/a.jpg\" alt=\"A\" /> "
      "The caption[/caption]\n\nText",
      &tally);
  EXPECT_NE(html.find("<figure id=\"attachment_9\"><img src=\"https://old.example/a.jpg\" alt=\"A\" /><figcaption>The "
                      "caption</figcaption></figure>"),
            std::string::npos)
      << html;
  EXPECT_EQ(html.find("<p><figure"), std::string::npos) << html;
  std::map<std::string, WordPressAttachment> attachments = {
      {"11", {"https://old.example/1.jpg", "One", "First", "7", "image/jpeg"}},
      {"12", {"https://old.example/2.jpg", "Two", "", "7", "image/jpeg"}},
      {"13", {"https://old.example/song.mp3", "", "", "7", "audio/mpeg"}}};
  html = Convert("[gallery ids=\"12,11,99\"]\n\n[audio]", &tally, attachments);
  size_t two = html.find("2.jpg"), one = html.find("1.jpg");
  EXPECT_TRUE(two != std::string::npos && one != std::string::npos && two < one) << html;
  EXPECT_NE(html.find("<figcaption>First</figcaption>"), std::string::npos);
  EXPECT_EQ(tally.skipped["gallery image (attachment not in the export)"].count, 1);
  EXPECT_NE(html.find("<audio controls preload=\"metadata\" src=\"https://old.example/song.mp3\">"), std::string::npos) << html;
  EXPECT_NE(SanitizeHtml(html).find("<audio controls=\"\" preload=\"metadata\" src=\"https://old.example/song.mp3\">"),
            std::string::npos) << SanitizeHtml(html);
}

TEST(WordPressContent, EmbedsFromIframesBlocksShortcodesAndLoneUrls) {
  ImportTally tally;
  std::string html = Convert(
      "Watch:\n<iframe width=\"560\" src=\"https://www.youtube.com/embed/dQw4w9WgXcQ?rel=0\" frameborder=\"0\"></iframe>\n"
      "https://vimeo.com/76979871\n"
      "[embed]https://twitter.com/jack/status/20[/embed]\n"
      "<iframe src=\"https://maps.example/frame\"></iframe>",
      &tally);
  EXPECT_NE(html.find("<p>https://www.youtube.com/watch?v=dQw4w9WgXcQ</p>"), std::string::npos) << html;
  EXPECT_NE(html.find("<p>https://vimeo.com/76979871</p>"), std::string::npos) << html;
  EXPECT_NE(html.find("<p>https://x.com/jack/status/20</p>"), std::string::npos) << html;
  EXPECT_NE(html.find("<p><a href=\"https://maps.example/frame\">"), std::string::npos) << html;
  EXPECT_EQ(html.find("<iframe"), std::string::npos);
  EXPECT_EQ(tally.converted["embed (YouTube)"].count, 1);
  EXPECT_EQ(tally.skipped["iframe of an unknown provider (kept as a link)"].count, 1);
  html = Convert(
      "<!-- wp:embed {\"url\":\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\",\"type\":\"video\"} -->\n"
      "<figure class=\"wp-block-embed\"><div class=\"wp-block-embed__wrapper\">\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n"
      "</div></figure>\n<!-- /wp:embed -->");
  EXPECT_NE(html.find("<p>https://www.youtube.com/watch?v=dQw4w9WgXcQ</p>"), std::string::npos) << html;
  EXPECT_EQ(html.find("wp-block-embed"), std::string::npos) << html;
}

TEST(WordPressContent, OtherShortcodesLoseTheirTagsNotTheirText) {
  ImportTally tally;
  std::string html = Convert("[contact-form-7 id=\"5\" title=\"Contact\"]\n\n[highlight color=\"red\"]Key point[/highlight] "
                             "and [sic] stays, [[gallery]] is escaped.",
                             &tally);
  EXPECT_EQ(html.find("contact-form-7"), std::string::npos) << html;
  EXPECT_NE(html.find("Key point and [sic] stays, [gallery] is escaped."), std::string::npos) << html;
  EXPECT_EQ(tally.skipped["shortcode [contact-form-7] (its text kept)"].count, 1);
  EXPECT_EQ(tally.skipped["shortcode [highlight] (its text kept)"].count, 1);
}

TEST(WordPressContent, FootnoteIdsSurviveTheSanitiser) {
  std::string html = SanitizeHtml(
      "<p>Claim<sup id=\"fnref1\"><a href=\"#fn1\">1</a></sup></p><ol><li id=\"fn1\">Source</li></ol><p id=\"main\">x</p>");
  EXPECT_EQ(html,
            "<p>Claim<sup id=\"fnref1\"><a href=\"#fn1\" rel=\"nofollow noopener\">1</a></sup></p><ol><li id=\"fn1\">Source</li></ol><p>x</p>");
}

}  // namespace
}  // namespace newsdesk
