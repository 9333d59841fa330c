#include "render/markdown.h"

#include <gtest/gtest.h>

namespace newsdesk {
namespace {

TEST(Markdown, RendersGithubFlavour) {
  EXPECT_EQ(RenderMarkdown("Hello *world*"), "<p>Hello <em>world</em></p>\n");
  EXPECT_NE(RenderMarkdown("| a | b |\n|---|---|\n| 1 | 2 |\n").find("<table>"), std::string::npos);
  EXPECT_NE(RenderMarkdown("~~gone~~").find("<del>gone</del>"), std::string::npos);
  EXPECT_NE(RenderMarkdown("see www.example.com").find("href=\"http://www.example.com\""), std::string::npos);
}

TEST(Markdown, TableAlignmentIsAStyleNotTheObsoleteAttribute) {
  std::string html = RenderMarkdown("| a | b | c | d |\n|:-:|--:|:--|---|\n| 1 | 2 | 3 | 4 |\n\n"
                                    "a style=\"text-align: left\" in text");
  EXPECT_EQ(html.find("align="), std::string::npos) << html;
  EXPECT_NE(html.find("<th class=\"align-center\">a</th>"), std::string::npos) << html;
  EXPECT_NE(html.find("<th class=\"align-right\">b</th>"), std::string::npos) << html;
  EXPECT_NE(html.find("<th class=\"align-left\">c</th>"), std::string::npos) << html;
  EXPECT_NE(html.find("<th>d</th>"), std::string::npos) << html;
  EXPECT_NE(html.find("<td class=\"align-right\">2</td>"), std::string::npos) << html;
  EXPECT_NE(html.find("<p>a style=&quot;text-align: left&quot; in text</p>"), std::string::npos) << html;
  EXPECT_EQ(html.find("style=\""), std::string::npos) << "the CSP allows no inline style";
}

TEST(Markdown, RawHtmlIsDropped) {
  std::string html = RenderMarkdown("<script>alert(1)</script>\n\nok <img src=x onerror=alert(1)> <b>bold</b>");
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("onerror"), std::string::npos) << html;
  EXPECT_EQ(html.find("<b>"), std::string::npos) << html;
  EXPECT_NE(html.find("ok"), std::string::npos);
}

TEST(Markdown, DangerousLinksAreRemoved) {
  std::string html = RenderMarkdown("[click](javascript:alert(1)) [v](vbscript:x) [ok](https://example.com)");
  EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
  EXPECT_EQ(html.find("vbscript:"), std::string::npos) << html;
  EXPECT_NE(html.find("href=\"https://example.com\""), std::string::npos);
}

TEST(Markdown, TextIsEscaped) {
  EXPECT_EQ(RenderMarkdown("a < b & \"c\""), "<p>a &lt; b &amp; &quot;c&quot;</p>\n");
}

}  // namespace
}  // namespace newsdesk
