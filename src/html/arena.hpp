// Memory for one parse of an HTML body, freed whole when the parse is done.
#pragma once
#include <cstddef>
#include <cstdlib>
#include <vector>

namespace lede {

class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena() {
    for (char* b : blocks_) std::free(b);
  }

  void* allocate(std::size_t size) {
    size = (size + 15) & ~std::size_t{15};
    if (size > left_) {
      std::size_t block = size > kBlock ? size : kBlock;
      char* b = static_cast<char*>(std::malloc(block));
      if (!b) std::abort();  // gumbo does not check for failed allocations
      blocks_.push_back(b);
      next_ = b;
      left_ = block;
    }
    void* p = next_;
    next_ += size;
    left_ -= size;
    return p;
  }

 private:
  static constexpr std::size_t kBlock = 64 * 1024;
  std::vector<char*> blocks_;
  char* next_ = nullptr;
  std::size_t left_ = 0;
};

}  // namespace lede
