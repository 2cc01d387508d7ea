// Dates written out: the dateline an article shows, and the forms feeds want. Reading
// them is text/iso_dates.hpp's.
#pragma once
#include <string>

#include "text/iso_dates.hpp"

namespace lede {

// "Tuesday, Jan 27, 2026", the dateline style of the seed article.
std::string format_date(const Date& d);

// RFC 3339, as JSON Feed wants it: "2026-01-27T00:00:00Z", "2026-02-03T07:30:00-04:00".
std::string rfc3339(const Instant& t);

// RFC 822, as RSS wants it: "Tue, 03 Feb 2026 07:30:00 -0400", the time and offset as
// the publisher wrote them (the weekday is their local day's).
std::string rfc822(const Instant& t);

}  // namespace lede
