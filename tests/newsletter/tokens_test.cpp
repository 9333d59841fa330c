#include "newsletter/tokens.h"

#include <gtest/gtest.h>

#include <set>

namespace newsdesk {
namespace {

TEST(Tokens, ConfirmationTokensAreRandomAndHashed) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string t = RandomToken();
    EXPECT_EQ(t.size(), 43u);  // 256 bits, base64url
    EXPECT_TRUE(seen.insert(t).second);
  }
  std::string t = RandomToken();
  EXPECT_EQ(HashToken(t).size(), 64u);
  EXPECT_EQ(HashToken(t), HashToken(t));
  EXPECT_NE(HashToken(t), HashToken(t + "x"));
}

TEST(Tokens, UnsubscribeTokensAreSigned) {
  std::string token = UnsubscribeToken(42, "secret-a");
  EXPECT_EQ(VerifyUnsubscribeToken(token, "secret-a"), 42);
  EXPECT_FALSE(VerifyUnsubscribeToken(token, "secret-b"));
  std::string other = "43" + token.substr(2);
  EXPECT_FALSE(VerifyUnsubscribeToken(other, "secret-a"));
  for (const char* bad : {"", ".", "42", "42.", "x.abc", "99999999999999999999.abc"}) {
    EXPECT_FALSE(VerifyUnsubscribeToken(bad, "secret-a")) << bad;
  }
}

}  // namespace
}  // namespace newsdesk
