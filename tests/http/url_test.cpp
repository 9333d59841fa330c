#include "http/url.h"

#include <gtest/gtest.h>

#include "http/message.h"

namespace newsdesk::http {
namespace {

TEST(PercentDecode, DecodesAndRejectsMalformed) {
  EXPECT_EQ(PercentDecode("a%20b", false), "a b");
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(PercentDecode("a+b", true), "a b");
  EXPECT_EQ(PercentDecode("%2e%2E", false), "..");
  EXPECT_FALSE(PercentDecode("%", false));
  EXPECT_FALSE(PercentDecode("%4", false));
  EXPECT_FALSE(PercentDecode("%zz", false));
  EXPECT_FALSE(PercentDecode("a%00b", false));
}

TEST(SafePath, RefusesTraversal) {
  EXPECT_TRUE(IsSafePath("/"));
  EXPECT_TRUE(IsSafePath("/columns/back-channel"));
  EXPECT_TRUE(IsSafePath("/a..b/c"));
  for (const char* bad : {"", "relative", "/..", "/../etc/passwd", "/assets/../x", "/a/./b", "/a/.",
                          "/a\\..\\b", "/a\x01"}) {
    EXPECT_FALSE(IsSafePath(bad)) << bad;
  }
}

TEST(Form, FindsValues) {
  EXPECT_EQ(FindFormValue("a=1&b=two+words&c=%26", "b"), "two words");
  EXPECT_EQ(FindFormValue("a=1&b=two+words&c=%26", "c"), "&");
  EXPECT_EQ(FindFormValue("a=1&flag", "flag"), "");
  EXPECT_FALSE(FindFormValue("a=1", "b"));
  EXPECT_EQ(PercentEncode("a b&c/é"), "a%20b%26c%2F%C3%A9");
}

TEST(Request, HeadersAndCookiesIgnoreCase) {
  Request r;
  r.headers = {{"cookie", "a=1; newsdesk_consent=dismissed;b=2"}, {"x-thing", "v"}};
  EXPECT_EQ(r.Header("X-Thing"), "v");
  EXPECT_EQ(r.Header("missing"), "");
  EXPECT_EQ(r.Cookie("newsdesk_consent"), "dismissed");
  EXPECT_EQ(r.Cookie("b"), "2");
  EXPECT_FALSE(r.Cookie("c"));
}

}  // namespace
}  // namespace newsdesk::http

namespace newsdesk::http {
namespace {

TEST(PageNumbers, OnlyPlainWholeNumbersInRange) {
  EXPECT_EQ(ParsePositiveNumber("12", 100), 12);
  for (const char* bad : {"", "0", "-1", "+1", "1.5", "12abc", "101", "99999999999"}) {
    EXPECT_FALSE(ParsePositiveNumber(bad, 100)) << bad;
  }
  EXPECT_EQ(PageQueryParam(""), 1);
  EXPECT_EQ(PageQueryParam("q=x&page=3"), 3);
  EXPECT_FALSE(PageQueryParam("page=0"));
  EXPECT_FALSE(PageQueryParam("page="));
}

TEST(WebUrlProblem, AcceptsAbsoluteWebUrlsOnly) {
  EXPECT_EQ(WebUrlProblem("https://www.al-monitor.com"), "");
  EXPECT_EQ(WebUrlProblem("http://127.0.0.1:8080/path?q=1#x"), "");
  EXPECT_EQ(WebUrlProblem("https://x.com/laurarozen"), "");
  EXPECT_EQ(WebUrlProblem("ftp://example.com"), "must start with http:// or https://");
  EXPECT_EQ(WebUrlProblem("javascript:alert(1)"), "must start with http:// or https://");
  EXPECT_EQ(WebUrlProblem("//example.com"), "must start with http:// or https://");
  EXPECT_EQ(WebUrlProblem("https://"), "has no host");
  EXPECT_EQ(WebUrlProblem("https:///path"), "has no host");
  EXPECT_EQ(WebUrlProblem("https://exa mple.com"), "contains a space, quote or angle bracket");
  EXPECT_EQ(WebUrlProblem("https://example.com/\"><script>"), "contains a space, quote or angle bracket");
}

}  // namespace
}  // namespace newsdesk::http
