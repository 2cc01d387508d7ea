// Small stand-ins for C library functions, linked into the wasm builds only.
//
// Lede's JSON reader calls strtod for numbers with a fraction or exponent (and once
// called snprintf, through nlohmann/json). musl's versions bring long-double soft-float
// arithmetic and the whole printf engine: about 7 KB of the gzipped module. Lede
// only reads numbers for sizes and durations, and the reader has already checked the
// token's JSON grammar before calling strtod, so these are enough. Likewise strtoull
// and strtoll (the reader's integers) and qsort (md4c's link reference definitions):
// musl's generic integer scanner and smoothsort are larger than Lede needs. The native
// build uses the real C library.
#include <cerrno>
#include <climits>
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

// Supports the conversions nlohmann/json used: %s %c %d %u %X %x (with an optional
// precision, and the l/z length modifiers) and %%. lede.wasm no longer calls it;
// lede-html.wasm still links it.
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

// Decimal integers only: the JSON reader and std::stoul, the callers here, use base 10.
// On overflow: errno = ERANGE and the limit, which the reader takes as "read it as a
// double" (as nlohmann did).
namespace {

unsigned long long scan_unsigned(const char* s, char** end, unsigned long long limit, bool& negative) {
  const char* p = s;
  while (*p == ' ' || (*p >= '\t' && *p <= '\r')) ++p;
  negative = *p == '-';
  if (*p == '-' || *p == '+') ++p;
  unsigned long long v = 0;
  bool over = false;
  const char* digits = p;
  for (; *p >= '0' && *p <= '9'; ++p) {
    unsigned d = static_cast<unsigned>(*p - '0');
    if (v > (limit - d) / 10)
      over = true;
    else
      v = v * 10 + d;
  }
  if (end) *end = const_cast<char*>(p == digits ? s : p);
  if (over) {
    errno = ERANGE;
    return limit;
  }
  return v;
}

}  // namespace

extern "C" unsigned long long strtoull(const char* s, char** end, int) {
  bool negative;
  unsigned long long v = scan_unsigned(s, end, ULLONG_MAX, negative);
  return negative ? 0ull - v : v;
}

extern "C" long long strtoll(const char* s, char** end, int) {
  bool negative;
  // The limit depends on the sign, known only after scanning: scan against the
  // larger one and clamp.
  unsigned long long v = scan_unsigned(s, end, static_cast<unsigned long long>(LLONG_MAX) + 1, negative);
  if (!negative && v > static_cast<unsigned long long>(LLONG_MAX)) {
    errno = ERANGE;
    return LLONG_MAX;
  }
  return negative ? static_cast<long long>(0ull - v) : static_cast<long long>(v);
}

// musl keeps these in the same object as the two above: defined here too, so that
// object stays out of the link (std::stoul and the like call them).
extern "C" unsigned long strtoul(const char* s, char** end, int base) {
  return static_cast<unsigned long>(strtoull(s, end, base));
}
extern "C" long strtol(const char* s, char** end, int base) {
  return static_cast<long>(strtoll(s, end, base));
}

// Heapsort: in place, O(n log n) at worst, and a fraction of smoothsort's size. Not
// stable, which qsort never promised (md4c orders equal keys itself).
namespace {

void swap_bytes(char* a, char* b, std::size_t n) {
  while (n--) {
    char t = *a;
    *a++ = *b;
    *b++ = t;
  }
}

void sift_down(char* base, std::size_t size, std::size_t root, std::size_t end,
               int (*cmp)(const void*, const void*)) {
  for (;;) {
    std::size_t child = 2 * root + 1;
    if (child >= end) return;
    if (child + 1 < end && cmp(base + child * size, base + (child + 1) * size) < 0) ++child;
    if (cmp(base + root * size, base + child * size) >= 0) return;
    swap_bytes(base + root * size, base + child * size, size);
    root = child;
  }
}

}  // namespace

extern "C" void qsort(void* items, std::size_t n, std::size_t size, int (*cmp)(const void*, const void*)) {
  char* base = static_cast<char*>(items);
  for (std::size_t i = n / 2; i-- > 0;) sift_down(base, size, i, n, cmp);
  for (std::size_t end = n; end-- > 1;) {
    swap_bytes(base, base + end * size, size);
    sift_down(base, size, 0, end, cmp);
  }
}
