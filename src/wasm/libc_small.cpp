// Small stand-ins for two C library functions, linked into the wasm builds only (the
// native build uses the real C library). Each stays for the bytes it saves, measured
// against musl's own in lede.wasm (gzip -9, 2026-12-06, nlohmann/json reading the JSON):
//
// - strtod (with strtof and strtold): nlohmann's lexer calls it for numbers with a
//   fraction or exponent, after it has checked the token's JSON grammar. musl's brings
//   long-double soft-float arithmetic: +7,350 B gzipped (58,953 -> 66,303 B). Lede reads
//   numbers only for sizes and durations; this one is exact when the digits fit in 53
//   bits and the exponent is within +-22, and within a few units in the last place beyond.
// - vsnprintf/snprintf: nlohmann formats a control character in an error message as
//   "<U+001F>". musl's whole printf engine (with floating point) is +4,445 B
//   (58,953 -> 63,398 B).
// Time: neither is on a hot path (a few numbers an article; printf only for errors), so
// they save none worth measuring. musl's strtoull/strtoll/strtol (+80 B) and qsort (md4c's
// link reference definitions, +686 B) are used as they are.
#include <cmath>
#include <cstdarg>
#include <cstddef>
#include <cstdint>

namespace {

// Exactly representable powers of ten.
constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

double scale(double value, long exponent) {
  // Exact (correctly rounded) when the mantissa fits in 53 bits and |exponent| <= 22,
  // which covers every size and duration; otherwise within a few units in the last place.
  while (exponent > 22 && value != 0 && std::isfinite(value)) {
    value *= 1e22;
    exponent -= 22;
  }
  while (exponent < -22 && value != 0) {
    value /= 1e22;
    exponent += 22;
  }
  // The loops above stopped at infinity or zero: nothing left to scale (and kPow10
  // must never be indexed past its end).
  if (exponent > 22 || exponent < -22) return value;
  return exponent >= 0 ? value * kPow10[exponent] : value / kPow10[-exponent];
}

}  // namespace

extern "C" double strtod(const char* s, char** end) {
  const char* p = s;
  bool negative = *p == '-';
  if (*p == '-' || *p == '+') ++p;
  std::uint64_t mantissa = 0;
  long exponent = 0;
  int digits = 0;
  const char* start = p;
  for (; *p >= '0' && *p <= '9'; ++p) {
    if (digits < 19) {
      mantissa = mantissa * 10 + static_cast<unsigned>(*p - '0');
      if (mantissa) ++digits;
    } else {
      ++exponent;  // digits past 19 only scale the value
    }
  }
  if (*p == '.') {
    for (++p; *p >= '0' && *p <= '9'; ++p) {
      if (digits < 19) {
        mantissa = mantissa * 10 + static_cast<unsigned>(*p - '0');
        if (mantissa) ++digits;
        --exponent;
      }
    }
  }
  if (p == start) {
    if (end) *end = const_cast<char*>(s);
    return 0;
  }
  if (*p == 'e' || *p == 'E') {
    const char* q = p + 1;
    bool negative_exponent = *q == '-';
    if (*q == '-' || *q == '+') ++q;
    if (*q >= '0' && *q <= '9') {
      long e = 0;
      for (; *q >= '0' && *q <= '9'; ++q)
        if (e < 100000) e = e * 10 + (*q - '0');
      exponent += negative_exponent ? -e : e;
      p = q;
    }
  }
  if (end) *end = const_cast<char*>(p);
  double value = mantissa == 0 ? 0.0 : scale(static_cast<double>(mantissa), exponent);
  return negative ? -value : value;
}

// Supports the conversions nlohmann/json uses: %s %c %d %u %X %x (with an optional
// precision, and the l/z length modifiers) and %%.
extern "C" int vsnprintf(char* out, std::size_t size, const char* format, va_list args) {
  std::size_t n = 0;
  auto put = [&](char c) {
    if (n + 1 < size) out[n] = c;
    ++n;
  };
  for (const char* f = format; *f; ++f) {
    if (*f != '%') {
      put(*f);
      continue;
    }
    ++f;
    int precision = -1;
    if (*f == '.') {
      precision = 0;
      for (++f; *f >= '0' && *f <= '9'; ++f) precision = precision * 10 + (*f - '0');
    }
    bool wide = false;
    while (*f == 'l' || *f == 'z') {
      wide = true;
      ++f;
    }
    char digits[24];
    int count = 0;
    switch (*f) {
      case '%': put('%'); break;
      case 'c': put(static_cast<char>(va_arg(args, int))); break;
      case 's':
        for (const char* s = va_arg(args, const char*); s && *s; ++s) put(*s);
        break;
      case 'd':
      case 'u':
      case 'x':
      case 'X': {
        unsigned base = (*f == 'x' || *f == 'X') ? 16 : 10;
        const char* alphabet = *f == 'x' ? "0123456789abcdef" : "0123456789ABCDEF";
        unsigned long long v;
        if (*f == 'd') {
          long long s = wide ? va_arg(args, long) : va_arg(args, int);
          if (s < 0) put('-');
          v = s < 0 ? 0ull - static_cast<unsigned long long>(s) : static_cast<unsigned long long>(s);
        } else {
          v = wide ? va_arg(args, unsigned long) : va_arg(args, unsigned);
        }
        do {
          digits[count++] = alphabet[v % base];
          v /= base;
        } while (v);
        while (count < precision && count < 20) digits[count++] = '0';
        while (count) put(digits[--count]);
        break;
      }
      default:  // not used by Lede's dependencies: keep it visible
        put('%');
        if (*f) put(*f);
        break;
    }
    if (!*f) break;
  }
  if (size) out[n < size ? n : size - 1] = '\0';
  return static_cast<int>(n);
}

extern "C" int snprintf(char* out, std::size_t size, const char* format, ...) {
  va_list args;
  va_start(args, format);
  int n = vsnprintf(out, size, format, args);
  va_end(args);
  return n;
}

// libc++'s std::stof/std::stold refer to these; defining all three keeps musl's strtod
// object (which holds all three) out of the link. Nothing in Lede calls them.
extern "C" float strtof(const char* s, char** end) { return static_cast<float>(strtod(s, end)); }
extern "C" long double strtold(const char* s, char** end) { return strtod(s, end); }
