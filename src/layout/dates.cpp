#include "layout/dates.hpp"

namespace lede {
namespace {

// 0 = Sunday. Sakamoto's method.
int weekday(int y, int m, int d) {
  static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3) y -= 1;
  return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

std::string two_digits(int n) {
  return std::string(1, static_cast<char>('0' + n / 10)) + static_cast<char>('0' + n % 10);
}

// "+hhmm" (RFC 822) or "+hh:mm" (RFC 3339).
std::string offset_text(int minutes, bool colon) {
  int a = minutes < 0 ? -minutes : minutes;
  return std::string(minutes < 0 ? "-" : "+") + two_digits(a / 60) + (colon ? ":" : "") + two_digits(a % 60);
}

}  // namespace

std::string format_date(const Date& d) {
  static const char* const kDays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                      "Thursday", "Friday", "Saturday"};
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::string out = kDays[weekday(d.year, d.month, d.day)];
  (((out += ", ") += kMonths[d.month - 1]) += " ") += std::to_string(d.day);
  (out += ", ") += std::to_string(d.year);
  return out;
}

std::string rfc3339(const Instant& t) {
  const Date& d = t.date;
  std::string out = two_digits(d.year / 100) + two_digits(d.year % 100) + "-" + two_digits(d.month) + "-" +
                    two_digits(d.day) + "T" + two_digits(t.hour) + ":" + two_digits(t.minute) + ":" +
                    two_digits(t.second) + t.fraction;
  return out + (t.offset == 0 ? "Z" : offset_text(t.offset, true));
}

std::string rfc822(const Instant& t) {
  static const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const Date& d = t.date;
  return std::string(kDays[weekday(d.year, d.month, d.day)]) + ", " + two_digits(d.day) + " " + kMonths[d.month - 1] +
         " " + std::to_string(d.year) + " " + two_digits(t.hour) + ":" + two_digits(t.minute) + ":" +
         two_digits(t.second) + " " + offset_text(t.offset, false);
}

}  // namespace lede
