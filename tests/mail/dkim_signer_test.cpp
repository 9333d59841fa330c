#include "mail/dkim_signer.h"

#include <gtest/gtest.h>

namespace newsdesk::mail {
namespace {

// The example of RFC 6376, section 3.4.5.
TEST(DkimCanonicalisation, RelaxedHeadersAsInTheRfc) {
  EXPECT_EQ(DkimSigner::CanonicalHeader("A", " X"), "a:X\r\n");
  EXPECT_EQ(DkimSigner::CanonicalHeader("B ", " Y\t\r\n\tZ  "), "b:Y Z\r\n");
}

TEST(DkimCanonicalisation, RelaxedBodyAsInTheRfc) {
  EXPECT_EQ(DkimSigner::CanonicalBody(" C \r\nD \t E\r\n\r\n\r\n"), " C\r\nD E\r\n");
  EXPECT_EQ(DkimSigner::CanonicalBody(""), "");
  EXPECT_EQ(DkimSigner::CanonicalBody("\r\n\r\n"), "");
}

TEST(DkimSigner, RefusesMissingOrBadKeys) {
  EXPECT_FALSE(DkimSigner::Load("example.com", "s", "/nonexistent/key.pem").ok());
  EXPECT_FALSE(DkimSigner::Load("example.com", "s", "/etc/hostname").ok());
}

}  // namespace
}  // namespace newsdesk::mail
