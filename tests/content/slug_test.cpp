#include "content/slug.h"

#include <gtest/gtest.h>

namespace newsdesk {
namespace {

TEST(Slug, AcceptsLowercaseDigitsAndHyphens) {
  EXPECT_TRUE(IsValidSlug("back-channel"));
  EXPECT_TRUE(IsValidSlug("a"));
  EXPECT_TRUE(IsValidSlug("g-20-summit-2016"));
  EXPECT_TRUE(IsValidSlug(std::string(120, 'x')));
}

TEST(Slug, RejectsEverythingElse) {
  EXPECT_FALSE(IsValidSlug(""));
  EXPECT_FALSE(IsValidSlug(std::string(121, 'x')));
  for (const char* bad : {"Back-Channel", "back channel", "back_channel", "../etc", "a/b", "é",
                          "a.b", "a%20b", "<b>", "a\nb"}) {
    EXPECT_FALSE(IsValidSlug(bad)) << bad;
    EXPECT_FALSE(SlugProblem(bad).empty()) << bad;
  }
  EXPECT_EQ(SlugProblem(""), "must not be empty");
  EXPECT_EQ(SlugProblem(std::string(121, 'x')), "longer than 120 characters");
}

}  // namespace
}  // namespace newsdesk

namespace newsdesk {
namespace {

TEST(Slugify, MakesSlugsFromAnyText) {
  EXPECT_EQ(Slugify("Kerry & Lavrov: Talks"), "kerry-lavrov-talks");
  EXPECT_EQ(Slugify("  --Already-a-slug--  "), "already-a-slug");
  EXPECT_EQ(Slugify("Ünïcode wörds"), "n-code-w-rds");
  EXPECT_EQ(Slugify("中文"), "");
  EXPECT_EQ(Slugify(std::string(300, 'a')).size(), 120u);
  EXPECT_TRUE(IsValidSlug(Slugify("6.1 Release: block themes!")));
}

}  // namespace
}  // namespace newsdesk
