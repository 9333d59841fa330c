// NewsArticleJsonLd writes the document by hand; these check it gives the very
// bytes the nlohmann tree did (NewsArticleJsonLdByTree), for every optional
// part and for text that needs escaping.
#include "feeds/structured_data.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace newsdesk::feeds {
namespace {

Article Plain() {
  Article a;
  a.slug = "plain";
  a.title = "A title";
  a.summary = "A summary";
  a.published_at = 1475071200;
  a.column = {"back-channel", "Back Channel"};
  a.authors = {{"laura-rozen", "Laura Rozen"}};
  return a;
}

Publication Pub() {
  Publication p;
  p.name = "Al-Monitor";
  p.base_url = "https://www.al-monitor.com";
  p.language = "en";
  return p;
}

TEST(NewsArticleJsonLd, IsTheTreesBytesWithEveryPart) {
  Article a = Plain();
  Publication p = Pub();
  EXPECT_EQ(NewsArticleJsonLd(a, p), NewsArticleJsonLdByTree(a, p));

  a.kicker = "Exclusive";
  a.updated_at = 1475080000;
  a.authors.push_back({"ben-caspit", "Ben Caspit"});
  a.tags = {{"syria", "Syria"}, {"united-states", "United States"}};
  a.corrections = {{Correction::Kind::kCorrection, 1475090000, "An earlier version misspelled a name."},
                   {Correction::Kind::kUpdate, 1475095000, "Added a reaction."}};
  a.image.media.id = "0123456789abcdef0123";
  a.image.media.format = "jpeg";
  a.image.media.width = 2000;
  a.image.media.height = 1500;
  a.image.media_id = a.image.media.id;
  PublisherLogo logo{"https://www.al-monitor.com/assets/logo.png?v=1", 600, 60};
  EXPECT_EQ(NewsArticleJsonLd(a, p, &logo), NewsArticleJsonLdByTree(a, p, &logo));
  EXPECT_TRUE(nlohmann::json::accept(NewsArticleJsonLd(a, p, &logo)));

  a.slug = "سوريا-واشنطن";  // slugs in any script: percent-encoded in URLs
  a.authors[1].slug = "béatrice";
  EXPECT_EQ(NewsArticleJsonLd(a, p, &logo), NewsArticleJsonLdByTree(a, p, &logo));
}

TEST(NewsArticleJsonLd, EscapesAsTheTreeDoes) {
  Publication p = Pub();
  for (std::string text : {std::string("Quotes \" and \\ backslash"), std::string("</script><script>alert(1)</script>"),
                           std::string("Fish & chips > peas"), std::string("Tab\there, newline\nthere\r\f\b"),
                           std::string("Controls \x01\x1f and \x7f", 19), std::string("Nul \0 inside", 12),
                           std::string("Accents é, 中文, emoji 😀, RTL سوريا"), std::string("")}) {
    Article a = Plain();
    a.title = a.summary = a.kicker = a.column.name = a.authors[0].name = text;
    a.tags = {{"t", text}};
    a.corrections = {{Correction::Kind::kCorrection, 1, text}};
    p.name = text;
    EXPECT_EQ(NewsArticleJsonLd(a, p), NewsArticleJsonLdByTree(a, p)) << text;
    std::string doc = NewsArticleJsonLd(a, p);
    EXPECT_EQ(doc.find('<'), std::string::npos);
    EXPECT_EQ(doc.find('&'), std::string::npos);
  }
}

TEST(NewsArticleJsonLd, TextThatIsNotUtf8GoesThroughTheTree) {
  for (std::string bad : {std::string("\xff"), std::string("cut \xe2\x82"), std::string("overlong \xc0\xaf"),
                          std::string("surrogate \xed\xa0\x80"), std::string("past U+10FFFF \xf4\x90\x80\x80")}) {
    Article a = Plain();
    a.title = bad;
    std::string doc = NewsArticleJsonLd(a, Pub());
    EXPECT_EQ(doc, NewsArticleJsonLdByTree(a, Pub()));
    EXPECT_TRUE(nlohmann::json::accept(doc)) << doc;
  }
}

}  // namespace
}  // namespace newsdesk::feeds
