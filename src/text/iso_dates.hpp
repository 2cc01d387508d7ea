// ISO 8601 dates as articles carry them ("2026-01-27", "2026-01-27T09:30:00Z",
// "2026-01-27T09:30:00+01:00"), read. Shared by the readers (input/fields.hpp checks a
// date field), layout and the site builder; writing dates out is layout/dates.hpp's.
#pragma once
#include <string>
#include <string_view>

namespace lede {

struct Date {
  int year = 0, month = 0, day = 0;
};

// Reads the calendar date of an ISO 8601 date or date-time, checking the whole
// string's shape. The date is the one written, in the publisher's own time zone.
bool parse_iso_date(std::string_view text, Date& out);

// An ISO 8601 date or date-time with its time and offset, for feeds and for sorting by
// the instant something was published.
struct Instant {
  Date date;
  int hour = 0, minute = 0, second = 0;  // 00:00:00 for a date alone
  std::string fraction;                  // ".123" as written, or ""
  int offset = 0;        // minutes east of UTC; 0 for "Z", a date alone or no offset
  long long epoch = 0;   // seconds since 1970 UTC; a date alone is its 00:00 UTC
};

// Reads what parse_iso_date accepts, time and offset included. A time without an offset
// is taken as UTC, as a date alone is (the article gives nothing better).
bool parse_iso_instant(std::string_view text, Instant& out);

}  // namespace lede
