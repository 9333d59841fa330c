// Dates as newsdesk reads and shows them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "content/model.h"

namespace date { class time_zone; }

namespace newsdesk {

// Parses an RFC 3339 date-time with a required offset ("2016-09-28T10:00:00-04:00",
// "...Z", optional fractional seconds, which are dropped). nullopt when malformed
// or out of range (month 13, Feb. 30, hour 24).
std::optional<UnixSeconds> ParseRfc3339(std::string_view text);

// "2016-09-28T14:00:00Z"
std::string FormatRfc3339Utc(UnixSeconds t);

// The Internet Message Format date in UTC with fixed English names, as mail
// (zone "+0000"), RSS ("+0000") and HTTP ("GMT") use it:
// "Wed, 28 Sep 2016 14:00:00 GMT".
std::string FormatImfDate(UnixSeconds t, const char* zone);

// Looks up an IANA zone name; nullptr when unknown.
const date::time_zone* FindTimeZone(const std::string& name);

// The listing date in the given zone: "Wednesday, Sep. 28, 2016", "Friday, June 2, 2017".
std::string FormatListingDate(UnixSeconds t, const date::time_zone* zone);
// The same without the weekday: "Sep. 28, 2016" (corrections, "Updated" lines).
std::string FormatDayDate(UnixSeconds t, const date::time_zone* zone);
// With the time, as a newsroom writes it: "Nov. 25, 2026, 9:30 a.m." (the desk).
std::string FormatDeskDateTime(UnixSeconds t, const date::time_zone* zone);

// "2016-09-28T10:00" in `zone` (an <input type=datetime-local> value) and back.
// A wall time skipped by a DST switch is nullopt; a repeated one is its first instant.
std::optional<UnixSeconds> ParseLocalDateTime(std::string_view text, const date::time_zone* zone);
std::string FormatLocalDateTime(UnixSeconds t, const date::time_zone* zone);

// "2016-09-28T10:00:00-04:00": the instant with the zone's offset, for <time datetime>.
std::string FormatRfc3339Local(UnixSeconds t, const date::time_zone* zone);

}  // namespace newsdesk
