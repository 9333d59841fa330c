#include "http/client_address.h"

#include <gtest/gtest.h>

namespace newsdesk::http {
namespace {

TEST(ClientAddress, BelievesForwardedForOnlyFromTrustedProxies) {
  std::vector<std::string> none, proxy = {"10.0.0.1"}, two = {"10.0.0.1", "10.0.0.2"};
  EXPECT_EQ(ClientAddress("198.51.100.7", "203.0.113.5", none), "198.51.100.7");
  EXPECT_EQ(ClientAddress("198.51.100.7", "203.0.113.5", proxy), "198.51.100.7");  // not the proxy
  EXPECT_EQ(ClientAddress("10.0.0.1", "203.0.113.5", proxy), "203.0.113.5");
  // A client's own X-Forwarded-For comes first; the proxy appends the real one.
  EXPECT_EQ(ClientAddress("10.0.0.1", "1.2.3.4, 203.0.113.5", proxy), "203.0.113.5");
  EXPECT_EQ(ClientAddress("10.0.0.1", "203.0.113.5, 10.0.0.2", two), "203.0.113.5");
  EXPECT_EQ(ClientAddress("10.0.0.1", "2001:db8::1", proxy), "2001:db8::1");
  EXPECT_EQ(ClientAddress("10.0.0.1", "", proxy), "10.0.0.1");
  EXPECT_EQ(ClientAddress("10.0.0.1", "not an address", proxy), "10.0.0.1");
  EXPECT_EQ(ClientAddress("10.0.0.1", "10.0.0.2", two), "10.0.0.1");
}

}  // namespace
}  // namespace newsdesk::http
