#include "output/op_writer.hpp"

#include "tree/byte_lanes.hpp"

namespace lede {

std::uint32_t utf16_length(std::string_view s) {
  // Eight bytes at a time, ASCII or not (typography puts curly quotes in most texts):
  // every byte is a code unit except continuation bytes (10xxxxxx), and a four-byte
  // lead (11110xxx) starts a surrogate pair, so it counts twice.
  std::uint32_t n = 0;
  std::size_t i = 0;
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
  out.ops.reserve(out.ops.size() + ops);
  out.strings.reserve(out.strings.size() + bytes);
  walk(
      doc, doc.root(),
      [&](NodeId id) {
        const Node& n = doc.node(id);
        if (n.is_text) {
          std::string_view text = doc.text_of(id);
          out.ops.push_back(kOpText);
          out.ops.push_back(utf16_length(text));
          out.strings += text;
          return;
        }
        out.ops.push_back(kOpOpen | static_cast<std::uint32_t>(n.tag) << 8);
        for (std::uint32_t a = n.first_attr; a != kNone; a = doc.attr_entry(a).next) {
          const AttrEntry& e = doc.attr_entry(a);
          std::string_view value = doc.value_of(e);
          out.ops.push_back(kOpAttr | static_cast<std::uint32_t>(e.attr) << 8);
          out.ops.push_back(utf16_length(value));
          out.strings += value;
        }
      },
      [&](NodeId) { out.ops.push_back(kOpClose); });
}

}  // namespace lede
