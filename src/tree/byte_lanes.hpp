// Eight or sixteen bytes at a time: the loops that see every byte of an article's text
// read it a 64-bit word at a time and test the word's eight byte lanes at once, or, where
// the target has vectors of bytes, sixteen lanes of a vector.
#pragma once
#include <cstdint>
#include <cstring>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// Sixteen bytes at a time where the target has vectors of them: wasm's SIMD (lede.wasm is
// built with -msimd128) and x86-64's SSE2 (the native builds, so that the tests run the
// same code). A comparison of two Bytes16 gives 0xFF in each lane where it holds; bits()
// makes that one bit a lane, the first byte in bit 0.
#if defined(__wasm_simd128__) || defined(__SSE2__)
#define LEDE_BYTE_VECTORS 1
using Bytes16 = unsigned char __attribute__((vector_size(16)));

LEDE_LANES_INLINE Bytes16 load_bytes16(const char* p) {
  Bytes16 v;
  std::memcpy(&v, p, 16);
  return v;
}

// (A template: a comparison's lanes are signed char, which GCC does not convert.)
template <typename Lanes16>
LEDE_LANES_INLINE unsigned bits(Lanes16 lanes) {
  static_assert(sizeof(Lanes16) == 16);
#if defined(__wasm_simd128__)
  return static_cast<unsigned>(wasm_i8x16_bitmask(reinterpret_cast<v128_t>(lanes)));
#else
  return static_cast<unsigned>(_mm_movemask_epi8(reinterpret_cast<__m128i>(lanes)));
#endif
}
#endif

}  // namespace lede
