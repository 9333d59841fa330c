#include "feeds/sitemap.h"

#include <gtest/gtest.h>

#include "feeds/xml.h"

namespace newsdesk::feeds {
namespace {

TEST(Sitemap, OneFileUntilTheLimitThenAnIndex) {
  std::vector<SitemapUrl> urls = {{"/", 10}, {"/articles/a", 5}, {"/articles/b", 10}};
  std::string one = RenderSitemap("http://x", urls, 3);
  EXPECT_NE(one.find("<urlset"), std::string::npos);
  EXPECT_NE(one.find("<loc>http://x/articles/b</loc>"), std::string::npos);
  EXPECT_FALSE(RenderSitemapPart("http://x", urls, 1, 3));

  std::string index = RenderSitemap("http://x", urls, 2);
  EXPECT_NE(index.find("<sitemapindex"), std::string::npos);
  EXPECT_NE(index.find("<loc>http://x/sitemaps/1.xml</loc>"), std::string::npos);
  EXPECT_NE(index.find("<loc>http://x/sitemaps/2.xml</loc>"), std::string::npos);
  EXPECT_EQ(index.find("sitemaps/3.xml"), std::string::npos);
  auto part2 = RenderSitemapPart("http://x", urls, 2, 2);
  ASSERT_TRUE(part2);
  EXPECT_NE(part2->find("/articles/b"), std::string::npos);
  EXPECT_EQ(part2->find("/articles/a"), std::string::npos);
  EXPECT_FALSE(RenderSitemapPart("http://x", urls, 3, 2));
  EXPECT_FALSE(RenderSitemapPart("http://x", urls, 0, 2));
}

TEST(Xml, EscapesAndDropsForbiddenCharacters) {
  EXPECT_EQ(XmlEscape("<b>Tom & \"Jerry's\"</b>\x01\x1f\t"), "&lt;b&gt;Tom &amp; &quot;Jerry&apos;s&quot;&lt;/b&gt;\t");
  EXPECT_EQ(FormatRfc822(1475071200), "Wed, 28 Sep 2016 14:00:00 +0000");
}

}  // namespace
}  // namespace newsdesk::feeds
