#include "output/op_writer.hpp"

namespace lede {

std::uint32_t utf16_length(std::string_view s) {
  std::uint32_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;  // a code point starts here
    if (c >= 0xF0) ++n;           // outside the BMP: a surrogate pair
  }
  return n;
}

void write_ops(const Document& doc, OpStream& out) {
  out.ops.reserve(out.ops.size() + doc.size() * 3);
  out.strings.reserve(out.strings.size() + doc.pool_bytes());
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
