#include "content/dates.h"

#include <date/date.h>

#include <gtest/gtest.h>

namespace newsdesk {
namespace {

const date::time_zone* NewYork() { return FindTimeZone("America/New_York"); }

UnixSeconds At(const char* rfc3339) {
  auto t = ParseRfc3339(rfc3339);
  EXPECT_TRUE(t.has_value()) << rfc3339;
  return t.value_or(0);
}

TEST(ListingDate, MatchesTheSeedPage) {
  EXPECT_EQ(FormatListingDate(At("2016-09-28T10:00:00-04:00"), NewYork()), "Wednesday, Sep. 28, 2016");
  EXPECT_EQ(FormatListingDate(At("2016-08-30T10:00:00-04:00"), NewYork()), "Tuesday, Aug. 30, 2016");
  EXPECT_EQ(FormatListingDate(At("2016-09-07T10:00:00-04:00"), NewYork()), "Wednesday, Sep. 7, 2016");
}

TEST(ListingDate, AllTwelveMonthsInHouseStyle) {
  const char* expected[12] = {
      "Monday, Jan. 2, 2017",   "Thursday, Feb. 2, 2017", "Thursday, Mar. 2, 2017",
      "Sunday, Apr. 2, 2017",   "Tuesday, May 2, 2017",   "Friday, June 2, 2017",
      "Sunday, July 2, 2017",   "Wednesday, Aug. 2, 2017", "Saturday, Sep. 2, 2017",
      "Monday, Oct. 2, 2017",   "Thursday, Nov. 2, 2017", "Saturday, Dec. 2, 2017"};
  for (int m = 1; m <= 12; ++m) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "2017-%02d-02T12:00:00Z", m);
    EXPECT_EQ(FormatListingDate(At(buf), NewYork()), expected[m - 1]) << buf;
  }
}

TEST(ListingDate, AroundLocalMidnight) {
  // 23:59:59 EDT is still the 27th in New York although it is the 28th in UTC.
  EXPECT_EQ(FormatListingDate(At("2016-09-28T03:59:59Z"), NewYork()), "Tuesday, Sep. 27, 2016");
  EXPECT_EQ(FormatListingDate(At("2016-09-28T04:00:00Z"), NewYork()), "Wednesday, Sep. 28, 2016");
  // In winter the offset is -05:00.
  EXPECT_EQ(FormatListingDate(At("2017-01-02T04:59:59Z"), NewYork()), "Sunday, Jan. 1, 2017");
  EXPECT_EQ(FormatListingDate(At("2017-01-02T05:00:00Z"), NewYork()), "Monday, Jan. 2, 2017");
}

TEST(ListingDate, SpringForward) {
  // 2016-03-13: 02:00 EST jumps to 03:00 EDT. The day starts at 05:00Z and
  // ends at 03:59:59Z the next day, 23 hours later.
  EXPECT_EQ(FormatListingDate(At("2016-03-13T04:59:59Z"), NewYork()), "Saturday, Mar. 12, 2016");
  EXPECT_EQ(FormatListingDate(At("2016-03-13T05:00:00Z"), NewYork()), "Sunday, Mar. 13, 2016");
  EXPECT_EQ(FormatListingDate(At("2016-03-14T03:59:59Z"), NewYork()), "Sunday, Mar. 13, 2016");
  EXPECT_EQ(FormatListingDate(At("2016-03-14T04:00:00Z"), NewYork()), "Monday, Mar. 14, 2016");
  EXPECT_EQ(FormatRfc3339Local(At("2016-03-13T06:59:59Z"), NewYork()), "2016-03-13T01:59:59-05:00");
  EXPECT_EQ(FormatRfc3339Local(At("2016-03-13T07:00:00Z"), NewYork()), "2016-03-13T03:00:00-04:00");
}

TEST(ListingDate, FallBack) {
  // 2016-11-06: 02:00 EDT falls back to 01:00 EST; the day lasts 25 hours.
  EXPECT_EQ(FormatListingDate(At("2016-11-06T03:59:59Z"), NewYork()), "Saturday, Nov. 5, 2016");
  EXPECT_EQ(FormatListingDate(At("2016-11-06T04:00:00Z"), NewYork()), "Sunday, Nov. 6, 2016");
  EXPECT_EQ(FormatListingDate(At("2016-11-07T04:59:59Z"), NewYork()), "Sunday, Nov. 6, 2016");
  EXPECT_EQ(FormatListingDate(At("2016-11-07T05:00:00Z"), NewYork()), "Monday, Nov. 7, 2016");
  EXPECT_EQ(FormatRfc3339Local(At("2016-11-06T05:30:00Z"), NewYork()), "2016-11-06T01:30:00-04:00");
  EXPECT_EQ(FormatRfc3339Local(At("2016-11-06T06:30:00Z"), NewYork()), "2016-11-06T01:30:00-05:00");
}

TEST(Rfc3339, ParsesOffsetsAndZulu) {
  EXPECT_EQ(At("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(At("2016-09-28T10:00:00-04:00"), At("2016-09-28T14:00:00Z"));
  EXPECT_EQ(At("2016-09-28T14:00:00.123+00:00"), At("2016-09-28T14:00:00Z"));
  EXPECT_EQ(At("2016-09-28T19:30:00+05:30"), At("2016-09-28T14:00:00Z"));
  EXPECT_EQ(FormatRfc3339Utc(At("2016-09-28T10:00:00-04:00")), "2016-09-28T14:00:00Z");
}

TEST(Rfc3339, FormatsEveryYearAndSecondAsDateFormatDoes) {
  // The hand-written formatter against date::format, over the range stored
  // dates can take (ParseRfc3339 reads years 0000-9999) and a little past it.
  for (const char* text : {"0000-01-01T00:00:00Z", "0001-12-31T23:59:59Z", "1969-12-31T23:59:59Z",
                           "1970-01-01T00:00:00Z", "2000-02-29T12:34:56Z", "9999-12-31T23:59:59Z"}) {
    EXPECT_EQ(FormatRfc3339Utc(At(text)), text);
  }
  for (UnixSeconds t : {UnixSeconds{-62167219201}, UnixSeconds{253402300800}, UnixSeconds{-1}, UnixSeconds{86399}}) {
    EXPECT_EQ(FormatRfc3339Utc(t), date::format("%FT%TZ", date::sys_seconds{std::chrono::seconds{t}})) << t;
  }
  EXPECT_EQ(FormatRfc3339Local(At("1969-12-31T23:59:59Z"), NewYork()), "1969-12-31T18:59:59-05:00");
  EXPECT_EQ(FormatRfc3339Local(At("2016-09-28T14:00:00Z"), FindTimeZone("Asia/Kolkata")), "2016-09-28T19:30:00+05:30");
}

TEST(Rfc3339, RejectsMalformedOrImpossibleDates) {
  for (const char* bad : {"", "2016-09-28", "2016-09-28T10:00:00", "2016-13-01T00:00:00Z",
                          "2016-02-30T00:00:00Z", "2016-09-28T24:00:00Z", "2016-09-28T10:60:00Z",
                          "2016-09-28 10:00:00Z", "2016-09-28T10:00:00+0400", "yesterday",
                          "2016-09-28T10:00:00Zjunk", "2016-09-28T10:00:00.Z", "+2016-09-28T10:00:00Z"}) {
    EXPECT_FALSE(ParseRfc3339(bad).has_value()) << bad;
  }
  EXPECT_TRUE(ParseRfc3339("2016-02-29T00:00:00Z").has_value());
  EXPECT_FALSE(ParseRfc3339("2017-02-29T00:00:00Z").has_value());
}

TEST(TimeZones, UnknownZoneIsNull) {
  EXPECT_EQ(FindTimeZone("Mars/Olympus_Mons"), nullptr);
  EXPECT_NE(FindTimeZone("Europe/Berlin"), nullptr);
}

}  // namespace
}  // namespace newsdesk

namespace newsdesk {
namespace {

TEST(ImfDate, MailRssAndHttpForms) {
  EXPECT_EQ(FormatImfDate(*ParseRfc3339("2016-09-28T14:00:00Z"), "GMT"), "Wed, 28 Sep 2016 14:00:00 GMT");
  EXPECT_EQ(FormatImfDate(*ParseRfc3339("2017-01-02T03:04:05Z"), "+0000"), "Mon, 02 Jan 2017 03:04:05 +0000");
  EXPECT_EQ(FormatImfDate(0, "GMT"), "Thu, 01 Jan 1970 00:00:00 GMT");
}

}  // namespace
}  // namespace newsdesk

namespace newsdesk {
namespace {

TEST(LocalDateTime, RoundTripsAndHandlesDst) {
  const auto* ny = FindTimeZone("America/New_York");
  EXPECT_EQ(ParseLocalDateTime("2016-09-28T10:00", ny), ParseRfc3339("2016-09-28T10:00:00-04:00"));
  EXPECT_EQ(ParseLocalDateTime("2017-01-02T10:00", ny), ParseRfc3339("2017-01-02T10:00:00-05:00"));
  EXPECT_EQ(FormatLocalDateTime(*ParseRfc3339("2016-09-28T14:00:00Z"), ny), "2016-09-28T10:00");
  EXPECT_FALSE(ParseLocalDateTime("2016-03-13T02:30", ny));  // skipped by spring forward
  EXPECT_EQ(ParseLocalDateTime("2016-11-06T01:30", ny), ParseRfc3339("2016-11-06T01:30:00-04:00"));  // first one
  EXPECT_FALSE(ParseLocalDateTime("2016-02-30T10:00", ny));
  EXPECT_FALSE(ParseLocalDateTime("2016-09-28 10:00", ny));
}

}  // namespace
}  // namespace newsdesk
