// Well-formed UTF-8 as RFC 3629 and the Unicode standard's table 3-7 define it: no overlong
// forms, no surrogates, nothing above U+10FFFF. The JSON reader's runs must match what
// nlohmann's lexer accepts, byte for byte; the HTML event stream replaces what is not with
// U+FFFD, as a browser's decoder does.
#pragma once
#include <cstddef>

namespace lede {

// The length of the well-formed multi-byte sequence at `at` (2 to 4), or 0 if none starts
// there (an ASCII byte, a continuation byte, a bad lead, a bad or missing continuation).
// The second byte's range depends on the lead; the ranges are compared, not decoded.
inline std::size_t utf8_sequence_length(const char* at, const char* end) {
  const auto* p = reinterpret_cast<const unsigned char*>(at);
  const unsigned char lead = p[0];
  std::size_t n;
  unsigned char low = 0x80, high = 0xBF;  // the second byte's range
  if (lead >= 0xC2 && lead <= 0xDF) {
    n = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    n = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    n = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (static_cast<std::size_t>(end - at) < n || p[1] < low || p[1] > high) return 0;
  for (std::size_t i = 2; i < n; ++i)
    if (p[i] < 0x80 || p[i] > 0xBF) return 0;
  return n;
}

}  // namespace lede
