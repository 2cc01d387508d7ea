#include "layout/dates.hpp"

namespace lede {
namespace {

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

// 0 = Sunday. Sakamoto's method.
int weekday(int y, int m, int d) {
  static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3) y -= 1;
  return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

// "T09:30", "T09:30:00", "T09:30:00.123", then "Z", "+01:00" or nothing.
bool valid_time(std::string_view s) {
  int hh, mm, ss;
  if (s.empty() || (s[0] != 'T' && s[0] != 't' && s[0] != ' ')) return false;
  if (!digits(s, 1, 2, hh) || s.size() < 6 || s[3] != ':' || !digits(s, 4, 2, mm)) return false;
  std::size_t i = 6;
  if (i < s.size() && s[i] == ':') {
    if (!digits(s, i + 1, 2, ss) || ss > 60) return false;
    i += 3;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      std::size_t f = ++i;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
      if (i == f) return false;
    }
  }
  if (hh > 23 || mm > 59) return false;
  if (i == s.size()) return true;
  if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == s.size()) return true;
  int oh, om;
  return (s[i] == '+' || s[i] == '-') && i + 6 == s.size() && digits(s, i + 1, 2, oh) &&
         s[i + 3] == ':' && digits(s, i + 4, 2, om) && oh <= 23 && om <= 59;
}

}  // namespace

bool parse_iso_date(std::string_view s, Date& out) {
  Date d;
  if (!digits(s, 0, 4, d.year) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, d.month) ||
      s[7] != '-' || !digits(s, 8, 2, d.day))
    return false;
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > days_in_month(d.year, d.month))
    return false;
  if (s.size() > 10 && !valid_time(s.substr(10))) return false;
  out = d;
  return true;
}

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

}  // namespace lede
