#include "content/slug.h"

#include <gtest/gtest.h>

namespace newsdesk {
namespace {

TEST(Slug, AcceptsLowercaseDigitsAndHyphens) {
  EXPECT_TRUE(IsValidSlug("back-channel"));
  EXPECT_TRUE(IsValidSlug("a"));
  EXPECT_TRUE(IsValidSlug("g-20-summit-2016"));
  EXPECT_TRUE(IsValidSlug(std::string(200, 'x')));
}

TEST(Slug, AcceptsLettersOfAnyScript) {
  for (const char* ok : {"شركة-النفط", "aur-compromised", "هفته-نامه", "हिन्दी-समाचार", "中文新闻", "café-society",
                         "ελλάδα", "москва-2026"}) {
    EXPECT_TRUE(IsValidSlug(ok)) << ok << ": " << SlugProblem(ok);
  }
  std::string arabic;
  for (int i = 0; i < 200; ++i) arabic += "ن";
  EXPECT_TRUE(IsValidSlug(arabic));  // 200 characters, 400 bytes
  EXPECT_EQ(SlugProblem(arabic + "ن"), "longer than 200 characters");
}

TEST(Slug, RejectsEverythingElse) {
  EXPECT_FALSE(IsValidSlug(""));
  EXPECT_FALSE(IsValidSlug(std::string(201, 'x')));
  for (const char* bad : {"Back-Channel", "back channel", "back_channel", "../etc", "a/b", "Москва", "a.b",
                          "a%20b", "<b>", "a\nb", "caf\xc3", "a\u00a0b", "\u0301a", "cafe\u0301", "a\u2014b"}) {
    EXPECT_FALSE(IsValidSlug(bad)) << bad;
    EXPECT_FALSE(SlugProblem(bad).empty()) << bad;
  }
  EXPECT_EQ(SlugProblem(""), "must not be empty");
  EXPECT_EQ(SlugProblem(std::string(201, 'x')), "longer than 200 characters");
  EXPECT_EQ(SlugProblem("caf\xc3"), "is not valid UTF-8");
  EXPECT_EQ(SlugProblem("cafe\u0301"), "must be in Unicode normal form C (NFC)");
}

}  // namespace
}  // namespace newsdesk

namespace newsdesk {
namespace {

TEST(Slugify, MakesSlugsFromAnyText) {
  EXPECT_EQ(Slugify("Kerry & Lavrov: Talks"), "kerry-lavrov-talks");
  EXPECT_EQ(Slugify("  --Already-a-slug--  "), "already-a-slug");
  EXPECT_EQ(Slugify("Ünïcode wörds"), "unicode-words");
  EXPECT_EQ(Slugify("Café Society"), "cafe-society");
  EXPECT_EQ(Slugify("中文"), "中文");
  EXPECT_EQ(Slugify("شركة النفط: أرباح"), "شركة-النفط-أرباح");
  EXPECT_EQ(Slugify("हिन्दी समाचार"), "हिन्दी-समाचार");
  EXPECT_EQ(Slugify("Москва — 2026"), "москва-2026");
  EXPECT_EQ(Slugify("¡¿!"), "");
  EXPECT_EQ(Slugify(std::string(300, 'a')).size(), 200u);
  for (const char* text : {"Kerry & Lavrov", "شركة النفط", "हिन्दी समाचार", "Ελλάδα", "中文 新闻", "Ünïcode"}) {
    EXPECT_TRUE(IsValidSlug(Slugify(text))) << text;
  }
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
