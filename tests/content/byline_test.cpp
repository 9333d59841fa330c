#include "content/byline.h"

#include <gtest/gtest.h>

namespace newsdesk {
namespace {

TEST(Byline, OneTwoThreeAndFourAuthors) {
  EXPECT_EQ(JoinByline(std::vector<std::string>{"Laura Rozen"}), "Laura Rozen");
  EXPECT_EQ(JoinByline(std::vector<std::string>{"Laura Rozen", "Ben Caspit"}), "Laura Rozen and Ben Caspit");
  EXPECT_EQ(JoinByline(std::vector<std::string>{"A", "B", "C"}), "A, B and C");
  EXPECT_EQ(JoinByline(std::vector<std::string>{"A", "B", "C", "D"}), "A, B, C and D");
  EXPECT_EQ(JoinByline(std::vector<std::string>{}), "");
}

TEST(Byline, FromAuthorRefs) {
  std::vector<NamedRef> refs = {{"a", "Ann"}, {"b", "Bo"}};
  EXPECT_EQ(JoinByline(refs), "Ann and Bo");
}

TEST(Byline, SeparatorsMatchJoin) {
  EXPECT_STREQ(BylineSeparator(0, 1), "");
  EXPECT_STREQ(BylineSeparator(0, 2), " and ");
  EXPECT_STREQ(BylineSeparator(0, 3), ", ");
  EXPECT_STREQ(BylineSeparator(1, 3), " and ");
  EXPECT_STREQ(BylineSeparator(2, 3), "");
}

}  // namespace
}  // namespace newsdesk
