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

TEST(Sitemap, TheUrlCountIsHowManyUrlsThereAre) {
  std::vector<SitemapEntry> entries;
  EXPECT_EQ(SitemapUrlCount(entries), SitemapUrls(entries).size());
  entries.push_back({SitemapEntry::Kind::kArticle, "a", 1});
  entries.push_back({SitemapEntry::Kind::kTag, "t", 2});
  EXPECT_EQ(SitemapUrlCount(entries), SitemapUrls(entries).size());
}

TEST(Sitemap, ThePartCountNamesEveryPartThereIs) {
  // export-static writes the parts SitemapPartCount names without asking for more.
  for (size_t n = 0; n <= 10; ++n) {
    std::vector<SitemapUrl> urls(n, SitemapUrl{"/articles/a", 1});
    size_t parts = SitemapPartCount(n, 3);
    std::string index = RenderSitemap("http://x", urls, 3);
    for (size_t part = 0; part <= parts + 1; ++part) {
      bool exists = RenderSitemapPart("http://x", urls, part, 3).has_value();
      EXPECT_EQ(exists, part >= 1 && part <= parts) << n << " urls, part " << part;
      bool named = index.find("/sitemaps/" + std::to_string(part) + ".xml<") != std::string::npos;
      EXPECT_EQ(named, exists) << n << " urls, part " << part;
    }
  }
}

TEST(Xml, EscapesAndDropsForbiddenCharacters) {
  EXPECT_EQ(XmlEscape("<b>Tom & \"Jerry's\"</b>\x01\x1f\t"), "&lt;b&gt;Tom &amp; &quot;Jerry&apos;s&quot;&lt;/b&gt;\t");
  EXPECT_EQ(FormatRfc822(1475071200), "Wed, 28 Sep 2016 14:00:00 +0000");
}

}  // namespace
}  // namespace newsdesk::feeds
