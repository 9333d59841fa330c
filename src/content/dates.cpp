#include "content/dates.h"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <chrono>
#include <exception>

namespace newsdesk {
namespace {

// The house style (Associated Press): short months get a period, the four
// shortest are spelled out.
constexpr const char* kMonths[12] = {"Jan.", "Feb.", "Mar.", "Apr.", "May",  "June",
                                     "July", "Aug.", "Sep.", "Oct.", "Nov.", "Dec."};
constexpr const char* kWeekdays[7] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                      "Thursday", "Friday", "Saturday"};

bool ReadDigits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

// Writes `value` as exactly `width` decimal digits at `out`.
char* PutDigits(char* out, long value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return out + width;
}

// "2016-09-28T14:00:00" of a day's seconds, written by hand: date::format
// goes through an ostringstream, and fmt parses its format string each time;
// feeds, sitemaps and every listing item show these.
template <typename Clock>
std::string IsoDateTime(std::chrono::time_point<Clock, std::chrono::seconds> t, size_t room_after) {
  auto day = date::floor<date::days>(t);
  date::year_month_day ymd{day};
  long secs = (t - day).count();
  int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) return date::format("%FT%T", t);
  std::string out(19, '\0');
  out.reserve(19 + room_after);
  char* p = out.data();
  p = PutDigits(p, year, 4);
  *p++ = '-';
  p = PutDigits(p, static_cast<unsigned>(ymd.month()), 2);
  *p++ = '-';
  p = PutDigits(p, static_cast<unsigned>(ymd.day()), 2);
  *p++ = 'T';
  p = PutDigits(p, secs / 3600, 2);
  *p++ = ':';
  p = PutDigits(p, secs / 60 % 60, 2);
  *p++ = ':';
  PutDigits(p, secs % 60, 2);
  return out;
}

date::local_seconds ToLocal(UnixSeconds t, const date::time_zone* zone) {
  date::sys_seconds sys{std::chrono::seconds{t}};
  return zone ? zone->to_local(sys) : date::local_seconds{sys.time_since_epoch()};
}

}  // namespace

// Hand-written because date::parse has no single format for both "Z" and "+hh:mm",
// and we want to reject anything looser than RFC 3339 section 5.6.
std::optional<UnixSeconds> ParseRfc3339(std::string_view s) {
  int y, mo, d, h, mi, sec;
  if (s.size() < 20) return std::nullopt;
  if (!ReadDigits(s, 0, 4, &y) || s[4] != '-' || !ReadDigits(s, 5, 2, &mo) || s[7] != '-' ||
      !ReadDigits(s, 8, 2, &d) || (s[10] != 'T' && s[10] != 't') || !ReadDigits(s, 11, 2, &h) ||
      s[13] != ':' || !ReadDigits(s, 14, 2, &mi) || s[16] != ':' || !ReadDigits(s, 17, 2, &sec)) {
    return std::nullopt;
  }
  size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
  }
  if (pos >= s.size()) return std::nullopt;
  int offset_minutes = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh, om;
    if (!ReadDigits(s, pos + 1, 2, &oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !ReadDigits(s, pos + 4, 2, &om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset_minutes = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  if (h > 23 || mi > 59 || sec > 60) return std::nullopt;  // 60: a leap second
  date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(mo)},
                           date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  auto days = date::sys_days{ymd}.time_since_epoch().count();
  return static_cast<UnixSeconds>(days) * 86400 + h * 3600 + mi * 60 + std::min(sec, 59) -
         offset_minutes * 60;
}

std::string FormatRfc3339Utc(UnixSeconds t) {
  std::string out = IsoDateTime(date::sys_seconds{std::chrono::seconds{t}}, 1);
  out += 'Z';
  return out;
}

std::string FormatImfDate(UnixSeconds t, const char* zone) {
  static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  date::sys_seconds sys{std::chrono::seconds{t}};
  auto day = date::floor<date::days>(sys);
  date::year_month_day ymd{day};
  date::hh_mm_ss<std::chrono::seconds> time{sys - day};
  return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} {}", days[date::weekday{day}.c_encoding()],
                     static_cast<unsigned>(ymd.day()), months[static_cast<unsigned>(ymd.month()) - 1],
                     static_cast<int>(ymd.year()), time.hours().count(), time.minutes().count(),
                     time.seconds().count(), zone);
}

const date::time_zone* FindTimeZone(const std::string& name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

std::string FormatListingDate(UnixSeconds t, const date::time_zone* zone) {
  auto local = ToLocal(t, zone);
  auto day = date::floor<date::days>(local);
  date::year_month_day ymd{day};
  date::weekday wd{day};
  return fmt::format("{}, {} {}, {}", kWeekdays[wd.c_encoding()],
                     kMonths[static_cast<unsigned>(ymd.month()) - 1],
                     static_cast<unsigned>(ymd.day()), static_cast<int>(ymd.year()));
}

std::string FormatDayDate(UnixSeconds t, const date::time_zone* zone) {
  std::string full = FormatListingDate(t, zone);
  return full.substr(full.find(", ") + 2);
}

std::string FormatDeskDateTime(UnixSeconds t, const date::time_zone* zone) {
  auto local = ToLocal(t, zone);
  auto day = date::floor<date::days>(local);
  date::hh_mm_ss<std::chrono::seconds> time{local - day};
  int hour = static_cast<int>(time.hours().count());
  int minute = static_cast<int>(time.minutes().count());
  std::string clock = hour == 12 && minute == 0 ? "noon"
                      : hour == 0 && minute == 0 ? "midnight"
                      : fmt::format("{}:{:02} {}", hour % 12 == 0 ? 12 : hour % 12, minute, hour < 12 ? "a.m." : "p.m.");
  return FormatDayDate(t, zone) + ", " + clock;
}

std::optional<UnixSeconds> ParseLocalDateTime(std::string_view s, const date::time_zone* zone) {
  int y, mo, d, h, mi;
  if (s.size() != 16 || !ReadDigits(s, 0, 4, &y) || s[4] != '-' || !ReadDigits(s, 5, 2, &mo) || s[7] != '-' ||
      !ReadDigits(s, 8, 2, &d) || s[10] != 'T' || !ReadDigits(s, 11, 2, &h) || s[13] != ':' ||
      !ReadDigits(s, 14, 2, &mi) || h > 23 || mi > 59) {
    return std::nullopt;
  }
  date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(mo)}, date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  date::local_seconds local{date::local_days{ymd}.time_since_epoch() + std::chrono::hours{h} +
                            std::chrono::minutes{mi}};
  if (!zone) return local.time_since_epoch().count();
  auto info = zone->get_info(local);
  if (info.result == date::local_info::nonexistent) return std::nullopt;
  return (local.time_since_epoch() - info.first.offset).count();
}

std::string FormatLocalDateTime(UnixSeconds t, const date::time_zone* zone) {
  return date::format("%FT%H:%M", ToLocal(t, zone));
}

std::string FormatRfc3339Local(UnixSeconds t, const date::time_zone* zone) {
  auto local = ToLocal(t, zone);
  long offset = (local.time_since_epoch().count() - t) / 60;
  char sign = offset < 0 ? '-' : '+';
  if (offset < 0) offset = -offset;
  std::string out = IsoDateTime(local, 6);
  char tail[6] = {sign};
  PutDigits(tail + 1, offset / 60, 2);
  tail[3] = ':';
  PutDigits(tail + 4, offset % 60, 2);
  out.append(tail, 6);
  return out;
}

}  // namespace newsdesk
