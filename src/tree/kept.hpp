// Objects kept between calls when what they read was short: a title, an excerpt, a
// caption or a short post is parsed many times a render, and each call allocating its own
// tree and parser buffers was a large part of it (a WordPress post's render parsed seven
// trees and ran the quick parser four times; docs/performance.md, issue 17 "Stop 28" and
// "Stop 29"). A long input's object is freed as before, so what stays is bounded by the
// memory a 4 KiB input takes (an HtmlTree reserves a node of 32 bytes per '<': at most
// 2 × 4096 / 3 + 2 of them).
#pragma once
#include <cstddef>
#include <memory>

namespace lede {

// The slot of a kept object, declared at namespace scope: LEDE_KEPT_SLOT(HtmlTree) t_tree;
// Per thread natively, where `lede site` renders articles on several threads at once (two
// threads sharing a slot took the same tree: html_to_tree_test's "... on several threads
// at once"). Process-wide in wasm: the modules have one thread, and wasm-ld allows no
// thread-local storage without the atomics feature (lede-xml.wasm failed to link).
#ifdef __EMSCRIPTEN__
#define LEDE_KEPT_SLOT(T) std::unique_ptr<T>
#else
#define LEDE_KEPT_SLOT(T) thread_local std::unique_ptr<T>
#endif

// The object of `slot`, or a new one, lent for one call: taken out of the slot meanwhile,
// so that a call made before it is given back (from a sink, say) finds the slot empty and
// makes its own. Given back if the input was at most kKeepBytes and the slot is still
// empty, else freed. T::clear() empties it and keeps its memory: a lent object is always
// new or cleared.
template <class T>
class Lent {
 public:
  static constexpr std::size_t kKeepBytes = 4096;

  Lent(std::unique_ptr<T>& slot, std::size_t input_bytes)
      : slot_(slot), object_(slot ? slot.release() : new T()), keep_(input_bytes <= kKeepBytes) {}
  ~Lent() {
    if (keep_ && !slot_) {
      object_->clear();
      slot_.reset(object_);
    } else {
      delete object_;
    }
  }
  Lent(const Lent&) = delete;
  Lent& operator=(const Lent&) = delete;

  T& operator*() const { return *object_; }
  T* operator->() const { return object_; }

 private:
  std::unique_ptr<T>& slot_;
  // Owned. Not a unique_ptr: moved in and out of the slot, it left a wasm stack frame in
  // the quick parser's function and calls to unique_ptr's move and reset in lede-xml.wasm
  // (+64 B gzip); released and reset, as here, the code is as the hand-made copies' was.
  T* object_;
  bool keep_;
};

}  // namespace lede
