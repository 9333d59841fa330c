#include "render/body_cache.h"

#include <gtest/gtest.h>

namespace newsdesk {
namespace {

TEST(BodyCache, KeepsABodyWhileTheContentVersionStandsStill) {
  BodyCache cache(2);
  Article a;
  a.slug = "one";
  a.body = "First *text*.";
  ImageContext page, feed;
  feed.url_prefix = "https://news.example/media/";
  feed.absolute_base = "https://news.example";
  EXPECT_EQ(cache.Render(a, feed, 7), "<p>First <em>text</em>.</p>\n");
  a.body = "Second.";
  EXPECT_EQ(cache.Render(a, feed, 7), "<p>First <em>text</em>.</p>\n");  // same version: kept
  EXPECT_EQ(cache.Render(a, page, 7), "<p>Second.</p>\n");              // another context: its own entry
  EXPECT_EQ(cache.Render(a, feed, 8), "<p>Second.</p>\n");              // content moved on: rendered again
  // Bounded: past max_entries the cache starts again rather than growing.
  Article b = a, c = a;
  b.slug = "two";
  c.slug = "three";
  cache.Render(b, feed, 8);
  cache.Render(c, feed, 8);
  a.body = "Third.";
  EXPECT_EQ(cache.Render(a, feed, 8), "<p>Third.</p>\n");
}

}  // namespace
}  // namespace newsdesk
