#include "text/iso_dates.hpp"

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

// Days from 1970-01-01 to y-m-d (proleptic Gregorian; Howard Hinnant's days_from_civil).
long long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const long long yoe = y - era * 400;
  const long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
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

bool parse_iso_instant(std::string_view s, Instant& out) {
  Instant t;
  if (!parse_iso_date(s, t.date)) return false;  // checks the whole shape, time included
  auto two = [&](std::size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); };
  if (s.size() > 10) {
    t.hour = two(11);
    t.minute = two(14);
    std::size_t i = 16;
    if (i < s.size() && s[i] == ':') {
      t.second = two(i + 1);
      i += 3;
      if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
        std::size_t from = i++;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
        t.fraction = "." + std::string(s.substr(from + 1, i - from - 1));
      }
    }
    if (i < s.size() && s[i] != 'Z' && s[i] != 'z') t.offset = (s[i] == '-' ? -1 : 1) * (two(i + 1) * 60 + two(i + 4));
  }
  t.epoch = days_from_civil(t.date.year, t.date.month, t.date.day) * 86400 + t.hour * 3600 + t.minute * 60 +
            t.second - t.offset * 60;
  out = std::move(t);
  return true;
}

}  // namespace lede
