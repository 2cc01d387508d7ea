// ISO 8601 dates as articles carry them ("2026-01-27", "2026-01-27T09:30:00Z",
// "2026-01-27T09:30:00+01:00").
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

// "Tuesday, Jan 27, 2026", the dateline style of the seed article.
std::string format_date(const Date& d);

}  // namespace lede
