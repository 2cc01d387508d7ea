// Step 4b: document tree → DOM operations, for web/lede.js to replay with
// createElement / createTextNode / setAttribute.
//
// The stream is a sequence of 32-bit words; strings are not inline but follow each
// other in one UTF-8 pool, in two parts: the strings that are all ASCII from its front,
// in stream order, then the others, in reverse stream order (the first of them ends the
// pool). The browser decodes each part with a single TextDecoder call, the ASCII part
// into a one-byte string, and slices them by the UTF-16 lengths given here.
//
//   OPEN  | tag << 8                   create element, append it, enter it
//   CLOSE                               leave the current element
//   TEXT  [| WIDE], utf16_length        append a text node with the next string
//   ATTR  | attr << 8 [| WIDE], length  set an attribute of the current element to the next string
//   ...the last word: the byte size of the ASCII part (where the other part starts)
//
// WIDE marks a string from the other part. Op codes are the low 7 bits.
//
// Tag and attribute numbers index the name tables exported by the wasm module
// (lede_tag_names / lede_attr_names), so the JS side never keeps its own copy.
#pragma once
#include <cstdint>

#include "lede/lede.hpp"
#include "tree/document.hpp"

namespace lede {

// kOpOpen, kOpClose, kOpText, kOpAttr, kOpWide: src/web/ops.js reads the same table (OP_OPEN …).
enum Op : std::uint32_t {
#define LEDE_OP(name, value) kOp##name = value,
#include "interface.def"
};

void write_ops(const Document& doc, OpStream& out);

// Length of UTF-8 text in UTF-16 code units, as JavaScript counts string length.
std::uint32_t utf16_length(std::string_view utf8);

}  // namespace lede
