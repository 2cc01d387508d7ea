// Eight bytes at a time: the loops that see every byte of an article's text read it a
// 64-bit word at a time and test the word's eight byte lanes at once.
#pragma once
#include <cstdint>
#include <cstring>

namespace lede {

// Inlined even at -Oz, where LLVM otherwise calls lanes_equal() for every word: the
// call was about 3 % of renderOps on a text-heavy page in wasm (clean-links).
#define LEDE_LANES_INLINE inline __attribute__((always_inline))

inline constexpr std::uint64_t kLaneOnes = 0x0101010101010101u;
inline constexpr std::uint64_t kLaneHighs = kLaneOnes * 0x80;

// The eight bytes at `p`, the first in the lowest lane (wasm and x86 are little-endian).
LEDE_LANES_INLINE std::uint64_t load_lanes(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

// The high bit of every lane of `w` that holds `c`. The lowest bit set is always a
// match; a lane just above a match may be set without being one.
LEDE_LANES_INLINE std::uint64_t lanes_equal(std::uint64_t w, unsigned char c) {
  std::uint64_t x = w ^ kLaneOnes * c;
  return (x - kLaneOnes) & ~x & kLaneHighs;
}

}  // namespace lede
