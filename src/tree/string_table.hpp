// A set of strings, each with a number (the order they came in): open addressing on
// FNV-1a over views. The strings are the caller's (views that must outlive the table) or
// the table's own copies. One small class instead of std::unordered_set and _map, whose
// instantiations cost several KB of a wasm module each.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lede {

class StringTable {
 public:
  static constexpr std::uint32_t kMissing = ~std::uint32_t{0};

  // The number of `s`, or kMissing.
  std::uint32_t find(std::string_view s) const {
    if (slots_.empty()) return kMissing;
    for (std::size_t i = hash(s) & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      std::uint32_t n = slots_[i];
      if (n == kMissing) return kMissing;
      if (strings_[n] == s) return n;
    }
  }
  bool contains(std::string_view s) const { return find(s) != kMissing; }

  // Adds `s` as a view (it must outlive the table), or as a copy the table keeps. Returns
  // its number, and whether it was added.
  std::uint32_t add_view(std::string_view s, bool* added = nullptr) { return add(s, false, added); }
  std::uint32_t add_copy(std::string_view s, bool* added = nullptr) { return add(s, true, added); }

  // The string numbered `n`.
  std::string_view at(std::uint32_t n) const { return strings_[n]; }
  std::size_t size() const { return strings_.size(); }

 private:
  static std::uint32_t hash(std::string_view s) {
    std::uint32_t h = 0x811c9dc5;
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x01000193u;
    return h;
  }

  std::uint32_t add(std::string_view s, bool copy, bool* added) {
    std::uint32_t n = find(s);
    if (added) *added = n == kMissing;
    if (n != kMissing) return n;
    if (2 * (strings_.size() + 1) > slots_.size()) grow();
    if (copy) s = *owned_.emplace_back(std::make_unique<std::string>(s));
    n = static_cast<std::uint32_t>(strings_.size());
    strings_.push_back(s);
    place(n);
    return n;
  }

  void place(std::uint32_t n) {
    std::size_t i = hash(strings_[n]) & (slots_.size() - 1);
    while (slots_[i] != kMissing) i = (i + 1) & (slots_.size() - 1);
    slots_[i] = n;
  }

  void grow() {
    slots_.assign(slots_.empty() ? 16 : 2 * slots_.size(), kMissing);
    for (std::uint32_t n = 0; n < strings_.size(); ++n) place(n);
  }

  std::vector<std::string_view> strings_;
  std::vector<std::uint32_t> slots_;
  // Stable: views of them stay valid. Not a std::deque, whose code cost about 0.7 KB of
  // lede-html.wasm (docs/performance.md, "Sizes").
  std::vector<std::unique_ptr<std::string>> owned_;
};

}  // namespace lede
