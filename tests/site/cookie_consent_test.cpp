#include "site/cookie_consent.h"

#include <gtest/gtest.h>

namespace newsdesk::site {
namespace {

TEST(CookieConsent, ReturnPathsStayOnThisSite) {
  EXPECT_EQ(SafeReturnPath("/columns/back-channel?page=2"), "/columns/back-channel?page=2");
  for (const char* bad : {"", "https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x",
                          "/a\r\nSet-Cookie: x=1", "/a\"b", "/<script>"}) {
    EXPECT_EQ(SafeReturnPath(bad), "/") << bad;
  }
}

TEST(CookieConsent, CookieLastsSixMonthsAndIsFirstParty) {
  std::string c = ConsentCookieHeader(false);
  EXPECT_EQ(c, "newsdesk_consent=dismissed; Max-Age=15724800; Path=/; SameSite=Lax");
  EXPECT_NE(ConsentCookieHeader(true).find("; Secure"), std::string::npos);
  http::Request r;
  EXPECT_FALSE(HasDismissedNotice(r));
  r.headers = {{"cookie", "newsdesk_consent=dismissed"}};
  EXPECT_TRUE(HasDismissedNotice(r));
}

}  // namespace
}  // namespace newsdesk::site
