// A 64-bit hash for telling versions apart (an input's bytes, what a page shows). Not
// for adversarial use: an article's author who makes two versions collide only stops
// their own change from being rebuilt, and `--full` rebuilds everything.
#pragma once
#include <cstdint>
#include <cstring>
#include <string_view>

namespace lede::site {

class Hasher {
 public:
  Hasher& add(std::string_view bytes) {
    mix(bytes.size());
    std::size_t i = 0;
    for (; i + 8 <= bytes.size(); i += 8) {
      std::uint64_t word;
      std::memcpy(&word, bytes.data() + i, 8);
      mix(word);
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
    mix(tail);
    return *this;
  }
  Hasher& add(std::uint64_t n) {
    mix(n);
    return *this;
  }
  // Signed values (dates before 1970, SQLite's integers) as their bits.
  Hasher& add_signed(std::int64_t n) { return add(static_cast<std::uint64_t>(n)); }
  // SQLite integers are signed 64-bit: the top bit is dropped so a hash fits one.
  std::int64_t value() const {
    std::uint64_t h = h_;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return static_cast<std::int64_t>(h >> 1);
  }

 private:
  void mix(std::uint64_t word) {
    h_ ^= word * 0x9e3779b97f4a7c15ULL;
    h_ = ((h_ << 31) | (h_ >> 33)) * 0x87c37b91114253d5ULL;
  }
  std::uint64_t h_ = 0x6a09e667f3bcc909ULL;
};

inline std::int64_t hash_of(std::string_view bytes) { return Hasher().add(bytes).value(); }

}  // namespace lede::site
