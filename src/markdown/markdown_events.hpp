// md4c's callbacks as bytes, so that md4c can run in a module of its own
// (web/dist/lede-markdown.wasm) and the tree builder (markdown_to_tree.cpp) in another
// (lede-html.wasm). The writer runs md_parse with callbacks that append to the stream;
// the reader calls an MD_PARSER's callbacks back from it, with the same types, the same
// detail structs and the same text, so that the one builder reads md4c directly
// (natively, lede.wasm) or the stream (lede-html.wasm) and makes the same tree.
//
//   stream     = event*
//   event      = 0x01 type detail      enter_block (type: MD_BLOCKTYPE, a byte)
//              | 0x02 type             leave_block (its detail is not sent: Lede reads none)
//              | 0x03 type detail      enter_span  (type: MD_SPANTYPE)
//              | 0x04 type             leave_span  (the same)
//              | 0x05 type string      text        (type: MD_TEXTTYPE)
//   detail     = by type: UL  byte is_tight, byte mark
//                         OL  varint start, byte is_tight, byte mark_delimiter
//                         LI  byte is_task, byte task_mark, varint task_mark_offset
//                         H   varint level
//                         CODE  attribute info, attribute lang, byte fence_char
//                         TABLE varint col_count, varint head_row_count, varint body_row_count
//                         TH, TD  byte align
//                         A   attribute href, attribute title, byte is_autolink
//                         IMG attribute src, attribute title
//                         WIKILINK attribute target
//                         any other: nothing
//   attribute  = varint (size + 1, or 0: text is NULL) byte{size}
//                varint count (byte type varint offset){count}   MD_ATTRIBUTE's pieces
//   string     = varint byte{varint}
//   varint     = unsigned LEB128 below 2^32 (text/varint.hpp)
//
// md4c's flags go with the Markdown to the writer; Lede's own limits (depth, output size)
// are the builder's, applied as it replays. The reader trusts nothing: bytes that are not
// an event end the replay (what came before is kept), as does a callback's non-zero return.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

struct MD_PARSER;  // md4c.h

namespace lede {

// md_parse's result for `markdown` with `flags`, its callbacks appended to `out` as the
// stream above. Past `max_bytes` of stream it stops md4c and returns
// kMarkdownStreamTooLarge (what was written is a whole prefix of the stream).
int write_markdown_events(std::string_view markdown, unsigned flags, std::string& out, std::size_t max_bytes);

// Calls `parser`'s callbacks (its flags are not read: the writer had them) for the
// events in `bytes`. Returns the first non-zero a callback returned, or 0.
int read_markdown_events(std::string_view bytes, const MD_PARSER& parser, void* userdata);

constexpr int kMarkdownStreamTooLarge = -3;

// The first byte of each event in the stream above.
enum class MarkdownEvent : unsigned char { enter_block = 1, leave_block, enter_span, leave_span, text };

}  // namespace lede
