#include "newsletter/email_address.h"

#include <gtest/gtest.h>

namespace newsdesk {
namespace {

TEST(EmailAddress, AcceptsOrdinaryAddresses) {
  for (const char* ok : {"reader@example.com", "first.last+news@sub.example.co.uk", "a@b.io", "o'brien@example.ie"}) {
    EXPECT_EQ(EmailProblem(ok), "") << ok;
  }
  EXPECT_EQ(NormaliseEmail("  Reader@EXAMPLE.Com "), "Reader@example.com");
}

TEST(EmailAddress, RefusesWhatCouldBreakHeadersOrDelivery) {
  EXPECT_EQ(EmailProblem("a@example.com\r\nBcc: x@y.com"),
            "An email address cannot contain spaces, line breaks or control characters.");
  EXPECT_EQ(EmailProblem("a@example.com\nBcc: x@y.com"),
            "An email address cannot contain spaces, line breaks or control characters.");
  EXPECT_EQ(EmailProblem("no-at-sign"), "An email address needs exactly one @, as in name@example.com.");
  EXPECT_EQ(EmailProblem("a@@example.com"), "An email address needs exactly one @, as in name@example.com.");
  EXPECT_EQ(EmailProblem("ünï@example.com"), "Addresses with non-ASCII characters are not supported.");
  EXPECT_EQ(EmailProblem(std::string(250, 'x') + "@example.com"), "That address is longer than 254 characters.");
  EXPECT_EQ(EmailProblem(std::string(65, 'x') + "@example.com"), "The part before the @ must be 1 to 64 characters.");
  EXPECT_EQ(EmailProblem("a@localhost"), "The part after the @ must be a domain such as example.com.");
  EXPECT_EQ(EmailProblem("a@-x.com"), "The part after the @ is not a valid domain.");
  EXPECT_EQ(EmailProblem("a..b@example.com"),
            "The part before the @ cannot start or end with a dot, or have two in a row.");
  EXPECT_EQ(EmailProblem("a<b>@example.com"), "The part before the @ has a character that is not allowed.");
  EXPECT_EQ(EmailProblem(""), "Please enter an email address.");
}

}  // namespace
}  // namespace newsdesk
