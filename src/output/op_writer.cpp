#include "output/op_writer.hpp"

#include "tree/byte_lanes.hpp"

namespace lede {

std::uint32_t utf16_length(std::string_view s) {
  // Eight bytes at a time, ASCII or not (typography puts curly quotes in most texts):
  // every byte is a code unit except continuation bytes (10xxxxxx), and a four-byte
  // lead (11110xxx) starts a surrogate pair, so it counts twice.
  std::uint32_t n = 0;
  std::size_t i = 0;
#ifdef LEDE_BYTE_VECTORS
  for (; i + 16 <= s.size(); i += 16) {
    const Bytes16 v = load_bytes16(s.data() + i);
    n += 16;
    if (!bits(v >= 0x80)) continue;
    n += static_cast<std::uint32_t>(__builtin_popcount(bits(v >= 0xF0))) -
         static_cast<std::uint32_t>(__builtin_popcount(bits((v & 0xC0) == 0x80)));
  }
#endif
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w = load_lanes(s.data() + i);
    n += 8;
    if (!(w & kLaneHighs)) continue;
    std::uint64_t continuation = w & ~(w << 1) & kLaneHighs;
    std::uint64_t four = w & (w << 1) & (w << 2) & (w << 3) & kLaneHighs;
    n += static_cast<std::uint32_t>(__builtin_popcountll(four)) - static_cast<std::uint32_t>(__builtin_popcountll(continuation));
  }
  for (unsigned char c : s.substr(i)) {
    if ((c & 0xC0) != 0x80) ++n;  // a code point starts here
    if (c >= 0xF0) ++n;           // outside the BMP: a surrogate pair
  }
  return n;
}

void write_ops(const Document& doc, OpStream& out) {
  // Exactly the room the output takes: the pool also holds texts that layout replaced,
  // and the tree's node count includes nodes it unlinked.
  std::size_t ops = 0, bytes = 0;
  walk(
      doc, doc.root(),
      [&](NodeId id) {
        const Node& n = doc.node(id);
        if (n.is_text) {
          ops += 2;
          bytes += n.text_size;
          return;
        }
        ops += 2;  // open and close
        for (std::uint32_t a = n.first_attr; a != kNone; a = doc.attr_entry(a).next) {
          ops += 2;
          bytes += doc.attr_entry(a).value_size;
        }
      },
      [](NodeId) {});
  // ASCII strings fill the pool from its front, the others from its back (so the first
  // of those ends the pool), and the stream ends with where the two parts meet. Decoded
  // apart, the ASCII part is a one-byte string in V8 and so is every text and value
  // sliced from it; one curly quote in a single pool makes them all two-byte, which
  // Blink builds more slowly (docs/performance.md, "Issue 17 … (speed)").
  out.ops.reserve(out.ops.size() + ops + 1);
  std::size_t front = out.strings.size(), back = front + bytes;
  out.strings.resize(back);
  auto put = [&](std::uint32_t op, std::string_view s) {
    std::uint32_t n = utf16_length(s);
    std::size_t at = n == s.size() ? (front += s.size()) - s.size() : (op |= kOpWide, back -= s.size());
    s.copy(out.strings.data() + at, s.size());
    out.ops.push_back(op);
    out.ops.push_back(n);
  };
  walk(
      doc, doc.root(),
      [&](NodeId id) {
        const Node& n = doc.node(id);
        if (n.is_text) return put(kOpText, doc.text_of(id));
        out.ops.push_back(kOpOpen | static_cast<std::uint32_t>(n.tag) << 8);
        for (std::uint32_t a = n.first_attr; a != kNone; a = doc.attr_entry(a).next) {
          const AttrEntry& e = doc.attr_entry(a);
          put(kOpAttr | static_cast<std::uint32_t>(e.attr) << 8, doc.value_of(e));
        }
      },
      [&](NodeId) { out.ops.push_back(kOpClose); });
  out.ops.push_back(static_cast<std::uint32_t>(front));
}

}  // namespace lede
