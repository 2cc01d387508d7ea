// The names of one HTML tag's attributes, to find a repeated one in O(1) once a tag has
// many (the first of two with one name counts): a table of twice Limits::kHtmlAttributes
// slots, each the 1-based index of a name the caller keeps. Smaller in wasm than a
// std::unordered_set, and it never allocates.
#pragma once
#include <cstdint>
#include <cstring>
#include <string_view>

#include "lede/lede.hpp"

namespace lede {

class AttributeNames {
 public:
  // Forgets every name (cheap when none was added).
  void clear() {
    if (!used_) return;
    std::memset(slots_, 0, sizeof slots_);
    used_ = 0;
  }

  // Whether a name equal to `name` was added; `name_at(i)` gives the name added as `i`.
  template <typename NameAt>
  bool contains(std::string_view name, NameAt&& name_at) const {
    for (std::size_t s = slot(name);; s = (s + 1) % kSlots) {
      if (!slots_[s]) return false;
      if (name_at(slots_[s] - 1u) == name) return true;
    }
  }

  // Adds the name the caller keeps as `index` (below Limits::kHtmlAttributes), which must
  // not be there yet.
  void add(std::string_view name, std::size_t index) {
    std::size_t s = slot(name);
    while (slots_[s]) s = (s + 1) % kSlots;
    slots_[s] = static_cast<std::uint16_t>(index + 1);
    ++used_;
  }

 private:
  static constexpr std::size_t kSlots = 2 * Limits::kHtmlAttributes;
  static std::size_t slot(std::string_view name) {
    std::uint32_t h = 0x811c9dc5;  // FNV-1a
    for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 0x01000193u;
    return h % kSlots;
  }
  std::uint16_t slots_[kSlots] = {};
  std::size_t used_ = 0;
};

}  // namespace lede
