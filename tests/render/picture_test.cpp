#include "render/picture.h"

#include <gtest/gtest.h>

#include <optional>

#include "render/markdown.h"

namespace newsdesk {
namespace {

MediaItem Photo() {
  MediaItem m;
  m.id = "0123456789abcdef0123";
  m.width = 1400;
  m.height = 700;
  m.format = "jpeg";
  m.alt = "Stored \"alt\" <b>";
  m.caption = "Stored caption";
  m.credit = "Photo: A & B";
  return m;
}

TEST(Picture, SourcesSizesAndEscapedWords) {
  PictureOptions o;
  o.alt = "A \"quoted\" <alt>";
  o.sizes = "50vw";
  std::string html = PictureHtml(Photo(), o, ImageContext{});
  EXPECT_NE(html.find("<picture><source type=\"image/webp\" srcset=\"/media/0123456789abcdef0123-320.webp 320w"),
            std::string::npos) << html;
  EXPECT_NE(html.find("width=\"1400\" height=\"700\" alt=\"A &quot;quoted&quot; &lt;alt&gt;\" loading=\"lazy\""),
            std::string::npos) << html;
  EXPECT_NE(html.find("sizes=\"50vw\""), std::string::npos);
  std::string figure = FigureHtml(Photo(), o, "Cap <i>", "Photo: A & B", ImageContext{});
  EXPECT_NE(figure.find("<figcaption>Cap &lt;i&gt; <span class=\"credit\">Photo: A &amp; B</span></figcaption>"),
            std::string::npos) << figure;
}

TEST(Picture, ImagesOfUploadsGetTheirSizeSoPagesDoNotShift) {
  ImageContext page{[](const std::string& id) -> std::optional<MediaItem> {
    if (id == Photo().id) return Photo();
    return std::nullopt;
  }};
  std::string html =
      "<p><img src=\"/media/0123456789abcdef0123.jpg\" alt=\"a\"></p>"
      "<p><img src=\"/media/0123456789abcdef0123-640.jpg\" alt=\"b\" /></p>"
      "<p><img src=\"/media/0123456789abcdef0123.jpg\" width=\"300\" alt=\"c\"></p>"
      "<p><img src=\"/media/ffffffffffffffffffff.jpg\" alt=\"d\"><img src=\"https://x.example/e.jpg\"></p>";
  std::string out = WithImageSizes(html, page);
  EXPECT_NE(out.find("alt=\"a\" width=\"1400\" height=\"700\">"), std::string::npos) << out;
  EXPECT_NE(out.find("alt=\"b\" width=\"640\" height=\"320\" />"), std::string::npos) << out;
  EXPECT_NE(out.find("width=\"300\" alt=\"c\">"), std::string::npos) << out;  // its own width stays
  EXPECT_NE(out.find("alt=\"d\"><img src=\"https://x.example/e.jpg\">"), std::string::npos) << out;
}

TEST(Picture, EmailImagesAreOneAbsoluteImgAtMost600Wide) {
  ImageContext email{{}, "https://news.example/media/", 600};
  PictureOptions o;
  o.alt = "x";
  std::string html = PictureHtml(Photo(), o, email);
  EXPECT_EQ(html.find("<picture"), std::string::npos);
  EXPECT_NE(html.find("src=\"https://news.example/media/0123456789abcdef0123-1280.jpg\""), std::string::npos) << html;
  EXPECT_NE(html.find("width=\"600\" height=\"300\""), std::string::npos) << html;
  std::string body = FitImagesForEmail("<p><img src=\"https://x/a.png\" alt=\"a\" width=\"1600\" height=\"900\" /></p>"
                                       "<p><img src=\"https://x/b.png\" alt=\"b\" width=\"200\"></p>", 600);
  EXPECT_EQ(body.find("1600"), std::string::npos) << body;
  EXPECT_NE(body.find("alt=\"a\" style=\"max-width:100%;height:auto;border:0;\" />"), std::string::npos) << body;
  EXPECT_NE(body.find("width=\"200\" style="), std::string::npos) << body;
}

TEST(Picture, SiteRelativeLinksBecomeAbsoluteForFeedsAndEmail) {
  std::string html = "<p><a href=\"/columns/x\">c</a> <a href=\"//cdn.example/y\">d</a> "
                     "<a href=\"https://o.example/\">e</a> <img src=\"/media/a.jpg\" alt=\"\" /></p>";
  EXPECT_EQ(WithAbsoluteUrls(html, "https://news.example"),
            "<p><a href=\"https://news.example/columns/x\">c</a> <a href=\"//cdn.example/y\">d</a> "
            "<a href=\"https://o.example/\">e</a> <img src=\"https://news.example/media/a.jpg\" alt=\"\" /></p>");
}

TEST(Picture, MarkdownImagesOfUploadsBecomeFigures) {
  ImageContext images{[](const std::string& id) -> std::optional<MediaItem> {
    if (id != "0123456789abcdef0123") return std::nullopt;
    return Photo();
  }};
  std::string html = RenderMarkdown("Text.\n\n![Typed alt](/media/0123456789abcdef0123.jpg \"Typed caption\")\n\n"
                                    "![](/media/0123456789abcdef0123-640.webp)\n\n"
                                    "Inline ![x](/media/0123456789abcdef0123.jpg) stays.\n\n"
                                    "![other](/media/ffffffffffffffffffff.jpg)\n\n"
                                    "![elsewhere](https://example.org/a.jpg)\n",
                                    &images);
  EXPECT_NE(html.find("alt=\"Typed alt\""), std::string::npos) << html;
  EXPECT_NE(html.find("<figcaption>Typed caption <span class=\"credit\">Photo: A &amp; B</span>"), std::string::npos);
  EXPECT_NE(html.find("alt=\"Stored &quot;alt&quot; &lt;b&gt;\""), std::string::npos) << "empty alt: the upload's";
  EXPECT_NE(html.find("<figcaption>Stored caption"), std::string::npos);
  EXPECT_NE(html.find("Inline <img src=\"/media/0123456789abcdef0123.jpg\" alt=\"x\" />"), std::string::npos) << html;
  EXPECT_NE(html.find("<img src=\"/media/ffffffffffffffffffff.jpg\" alt=\"other\" />"), std::string::npos);
  EXPECT_NE(html.find("<img src=\"https://example.org/a.jpg\" alt=\"elsewhere\" />"), std::string::npos);
  EXPECT_EQ(html.find("raw HTML omitted"), std::string::npos);
  // Without a lookup, as before.
  EXPECT_EQ(RenderMarkdown("![a](/media/0123456789abcdef0123.jpg)").find("<figure"), std::string::npos);
}

}  // namespace
}  // namespace newsdesk
