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

#include "content/summary.h"

namespace newsdesk {
namespace {

TEST(ShortSummary, FoldsAndCutsAtAWord) {
  EXPECT_EQ(ShortSummary("  One\n\ntwo   three "), "One two three");
  std::string long_text;
  for (int i = 0; i < 100; ++i) long_text += "word ";
  std::string s = ShortSummary(long_text);
  EXPECT_LE(s.size(), 300u + 3);
  EXPECT_EQ(s.substr(s.size() - 7), "word…");
  std::string accents(400, 'a');
  for (size_t i = 0; i < accents.size(); i += 2) accents.replace(i, 2, "é");
  std::string cut = ShortSummary(accents);
  EXPECT_EQ(cut.substr(cut.size() - 3), "…");
  EXPECT_EQ((static_cast<unsigned char>(cut[cut.size() - 4]) & 0xC0) != 0xC0, true);  // no half character
}

}  // namespace
}  // namespace newsdesk
