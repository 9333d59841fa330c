#include "content/search_query.h"

#include <gtest/gtest.h>

namespace newsdesk {
namespace {

TEST(SearchQuery, WordsPhrasesAndPrefixes) {
  EXPECT_EQ(ToFtsQuery("syria russia"), "\"syria\" \"russia\"");
  EXPECT_EQ(ToFtsQuery("\"cease fire\" kerry"), "\"cease fire\" \"kerry\"");
  EXPECT_EQ(ToFtsQuery("cease-fire"), "\"cease fire\"");
  EXPECT_EQ(ToFtsQuery("negoti*"), "\"negoti\"*");
  EXPECT_EQ(ToFtsQuery("\"john ker\"*"), "\"john ker\"*");
  EXPECT_EQ(ToFtsQuery("Genève"), "\"Genève\"");
}

TEST(SearchQuery, CostlyPrefixesAreBounded) {
  // One-letter prefixes match most of the vocabulary: searched as words.
  EXPECT_EQ(ToFtsQuery("a* b*"), "\"a\" \"b\"");
  EXPECT_EQ(ToFtsQuery("ab*"), "\"ab\"");
  EXPECT_EQ(ToFtsQuery("abc*"), "\"abc\"*");
  EXPECT_EQ(ToFtsQuery("سور*"), "\"سور\"*");  // three letters, six bytes
  EXPECT_EQ(ToFtsQuery("\"john k\"*"), "\"john k\"");
  // Only two prefix terms per query.
  EXPECT_EQ(ToFtsQuery("abc* def* ghi* jkl*"), "\"abc\"* \"def\"* \"ghi\" \"jkl\"");
  std::string flood;
  for (char c = 'a'; c <= 'p'; ++c) flood += std::string(1, c) + "* ";
  std::string q = ToFtsQuery(flood);
  EXPECT_EQ(q.find('*'), std::string::npos) << q;
}

TEST(SearchQuery, OperatorsAreOnlyWords) {
  EXPECT_EQ(ToFtsQuery("syria OR russia"), "\"syria\" \"OR\" \"russia\"");
  EXPECT_EQ(ToFtsQuery("title:syria"), "\"title syria\"");
  EXPECT_EQ(ToFtsQuery("(a AND (b"), "\"a\" \"AND\" \"b\"");
  EXPECT_EQ(ToFtsQuery("NEAR(a b, 3)"), "\"NEAR a\" \"b\" \"3\"");
  EXPECT_EQ(ToFtsQuery("-syria ^russia"), "\"syria\" \"russia\"");
}

TEST(SearchQuery, JunkGivesNothingOrSomethingSafe) {
  EXPECT_EQ(ToFtsQuery(""), "");
  EXPECT_EQ(ToFtsQuery("   "), "");
  EXPECT_EQ(ToFtsQuery("\"\"\"\""), "");
  EXPECT_EQ(ToFtsQuery("***"), "");
  EXPECT_EQ(ToFtsQuery("\"unbalanced"), "\"unbalanced\"");
  std::string junk(10 * 1024, 'x');
  std::string q = ToFtsQuery(junk);
  EXPECT_LE(q.size(), 520u);
  std::string many;
  for (int i = 0; i < 100; ++i) many += "w" + std::to_string(i) + " ";
  q = ToFtsQuery(many);
  EXPECT_EQ(std::count(q.begin(), q.end(), ' '), 15);  // 16 terms
  for (char c : ToFtsQuery("a\"b'c;DROP TABLE articles;--")) EXPECT_NE(c, '\'');
}

}  // namespace
}  // namespace newsdesk
