#include "render/reading_time.h"

#include <gtest/gtest.h>

#include "render/article_body.h"
#include "render/html_sanitizer.h"

namespace newsdesk {
namespace {

// The words of HtmlToText's text, as the article page counted them before.
size_t WordsOfText(std::string_view html) {
  std::string text = HtmlToText(html);
  size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\t';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

TEST(ReadingTime, CountsTheWordsHtmlToTextLeaves) {
  const char* markdown[] = {
      "One *two* three.\n\nFour [five](https://example.com) six.",
      "# Heading\n\nText after.\n\n- a\n- b\n  - c\n\n> quoted words here\n\n1. first\n2. second",
      "```\ncode block line\nmore code\n```\n\nafter<br>the break",
      "A | B\n--|--\none | two\nthree | four\n\nend",
      "Words with&nbsp;entities &amp; symbols — dashes, and **bold**words glued.",
      "Line one  \nline two\n\n---\n\n![a picture](https://example.com/p.png) caption words",
      "<p>Raw <em>HTML</em> in markdown</p><script>var hidden = 1;</script><p>after</p>",
  };
  for (const char* md : markdown) {
    std::string html = RenderBody(md, BodyFormat::kMarkdown);
    EXPECT_EQ(CountHtmlWords(html), WordsOfText(html)) << html;
  }
  const char* html[] = {
      "<p>a</p><p>b</p>", "<p>a<em>b</em>c</p>", "x<br>y<br/>z", "<ul><li>one</li><li>two</li></ul>",
      "<p>before</p><iframe src=\"https://example.com\">fallback text</iframe><p>after</p>",
      "<p>a<!-- a comment with words -->b</p>", "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>",
      "<h2>Title here</h2>text", "<STYLE>p { color: red }</STYLE><P>shout</P>",
  };
  for (const char* h : html) EXPECT_EQ(CountHtmlWords(h), WordsOfText(h)) << h;
}

TEST(ReadingTime, AtLeastAMinuteAt230WordsAMinute) {
  EXPECT_EQ(ReadingMinutes(""), 1);
  std::string words;
  for (int i = 0; i < 231; ++i) words += "word ";
  EXPECT_EQ(ReadingMinutes("<p>" + words + "</p>"), 2);
  EXPECT_EQ(ReadingMinutes("<p>" + words.substr(0, 230 * 5) + "</p>"), 1);
}

}  // namespace
}  // namespace newsdesk
