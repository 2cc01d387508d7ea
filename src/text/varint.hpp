// The varint of Lede's byte forms (the HTML events, html/html_events.hpp, and the
// article outcome, input/adapters/article_outcome.cpp): unsigned LEB128 below 2^32, at most 5 bytes.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace lede {

inline void append_varint(std::string& out, std::uint32_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

// The varint at in[pos], pos then past it; false if the bytes end first or it passes
// 32 bits (readers trust nothing they are given).
inline bool read_varint(std::string_view in, std::size_t& pos, std::uint32_t& v) {
  v = 0;
  for (int shift = 0; shift < 35; shift += 7) {
    if (pos >= in.size()) return false;
    auto b = static_cast<unsigned char>(in[pos++]);
    if (shift == 28 && (b & 0x70)) return false;  // past 32 bits
    v |= static_cast<std::uint32_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) return true;
  }
  return false;
}

}  // namespace lede
