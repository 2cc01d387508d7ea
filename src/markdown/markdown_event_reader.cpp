// The reader of markdown_events.hpp: the stream called back into an MD_PARSER's
// callbacks, as md_parse would have called them. Needs md4c's header only: linked
// where the tree builder runs without md4c (web/dist/lede-html.wasm) and by the tests.
#include <cstdint>
#include <vector>

#include "markdown/markdown_events.hpp"
#include "text/varint.hpp"

extern "C" {
#include "md4c.h"
}

namespace lede {
namespace {

class Reader {
 public:
  Reader(std::string_view in, const MD_PARSER& parser, void* userdata)
      : in_(in), parser_(parser), userdata_(userdata) {}

  int run() {
    while (pos_ < in_.size()) {
      int r = 0;
      if (!event(r)) return 0;  // not an event: the replay ends there
      if (r) return r;
    }
    return 0;
  }

 private:
  bool event(int& r) {
    auto kind = static_cast<MarkdownEvent>(byte());
    unsigned type = 0;
    if (!next_byte(type)) return false;
    switch (kind) {
      case MarkdownEvent::enter_block: {
        if (type > MD_BLOCK_TD) return false;
        void* detail = nullptr;
        if (!block_detail(static_cast<MD_BLOCKTYPE>(type), detail)) return false;
        r = parser_.enter_block(static_cast<MD_BLOCKTYPE>(type), detail, userdata_);
        return true;
      }
      case MarkdownEvent::leave_block:
        if (type > MD_BLOCK_TD) return false;
        r = parser_.leave_block(static_cast<MD_BLOCKTYPE>(type), nullptr, userdata_);
        return true;
      case MarkdownEvent::enter_span: {
        if (type > MD_SPAN_U) return false;
        void* detail = nullptr;
        if (!span_detail(static_cast<MD_SPANTYPE>(type), detail)) return false;
        r = parser_.enter_span(static_cast<MD_SPANTYPE>(type), detail, userdata_);
        return true;
      }
      case MarkdownEvent::leave_span:
        if (type > MD_SPAN_U) return false;
        r = parser_.leave_span(static_cast<MD_SPANTYPE>(type), nullptr, userdata_);
        return true;
      case MarkdownEvent::text: {
        if (type > MD_TEXT_LATEXMATH) return false;
        std::string_view s;
        if (!string(s)) return false;
        r = parser_.text(static_cast<MD_TEXTTYPE>(type), s.data(), static_cast<MD_SIZE>(s.size()), userdata_);
        return true;
      }
      default: return false;
    }
  }

  bool block_detail(MD_BLOCKTYPE type, void*& detail) {
    unsigned a = 0, b = 0, c = 0;
    switch (type) {
      case MD_BLOCK_UL:
        if (!next_byte(a) || !next_byte(b)) return false;
        ul_ = MD_BLOCK_UL_DETAIL{static_cast<int>(a), static_cast<MD_CHAR>(b)};
        detail = &ul_;
        return true;
      case MD_BLOCK_OL:
        if (!varint(a) || !next_byte(b) || !next_byte(c)) return false;
        ol_ = MD_BLOCK_OL_DETAIL{a, static_cast<int>(b), static_cast<MD_CHAR>(c)};
        detail = &ol_;
        return true;
      case MD_BLOCK_LI:
        if (!next_byte(a) || !next_byte(b) || !varint(c)) return false;
        li_ = MD_BLOCK_LI_DETAIL{static_cast<int>(a), static_cast<MD_CHAR>(b), c};
        detail = &li_;
        return true;
      case MD_BLOCK_H:
        if (!varint(a)) return false;
        h_ = MD_BLOCK_H_DETAIL{a};
        detail = &h_;
        return true;
      case MD_BLOCK_CODE:
        code_ = MD_BLOCK_CODE_DETAIL{};
        if (!attribute(code_.info, 0) || !attribute(code_.lang, 1) || !next_byte(a)) return false;
        code_.fence_char = static_cast<MD_CHAR>(a);
        detail = &code_;
        return true;
      case MD_BLOCK_TABLE:
        if (!varint(a) || !varint(b) || !varint(c)) return false;
        table_ = MD_BLOCK_TABLE_DETAIL{a, b, c};
        detail = &table_;
        return true;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD:
        if (!next_byte(a) || a > MD_ALIGN_RIGHT) return false;
        td_ = MD_BLOCK_TD_DETAIL{static_cast<MD_ALIGN>(a)};
        detail = &td_;
        return true;
      default: return true;
    }
  }

  bool span_detail(MD_SPANTYPE type, void*& detail) {
    unsigned a = 0;
    switch (type) {
      case MD_SPAN_A:
        a_ = MD_SPAN_A_DETAIL{};
        if (!attribute(a_.href, 0) || !attribute(a_.title, 1) || !next_byte(a)) return false;
        a_.is_autolink = static_cast<int>(a);
        detail = &a_;
        return true;
      case MD_SPAN_IMG:
        img_ = MD_SPAN_IMG_DETAIL{};
        if (!attribute(img_.src, 0) || !attribute(img_.title, 1)) return false;
        detail = &img_;
        return true;
      case MD_SPAN_WIKILINK:
        wikilink_ = MD_SPAN_WIKILINK_DETAIL{};
        if (!attribute(wikilink_.target, 0)) return false;
        detail = &wikilink_;
        return true;
      default: return true;
    }
  }

  // An MD_ATTRIBUTE whose pieces cover its text in order, each within it, as md4c's do:
  // a callback may slice the text by them without checking.
  bool attribute(MD_ATTRIBUTE& out, int slot) {
    unsigned size1 = 0, count = 0;
    if (!varint(size1)) return false;
    std::string_view text;
    if (size1 > 0) {
      if (in_.size() - pos_ < size1 - 1) return false;
      text = in_.substr(pos_, size1 - 1);
      pos_ += size1 - 1;
    }
    if (!varint(count) || count > text.size()) return false;
    std::vector<MD_TEXTTYPE>& types = types_[slot];
    std::vector<MD_OFFSET>& offsets = offsets_[slot];
    types.clear();
    offsets.clear();
    for (unsigned i = 0; i < count; ++i) {
      unsigned type = 0, offset = 0;
      if (!next_byte(type) || type > MD_TEXT_LATEXMATH || !varint(offset) || offset >= text.size() ||
          (i == 0 ? offset != 0 : offset <= offsets.back()))
        return false;
      types.push_back(static_cast<MD_TEXTTYPE>(type));
      offsets.push_back(offset);
    }
    if (count == 0 && !text.empty()) return false;
    types.push_back(MD_TEXT_NORMAL);
    offsets.push_back(static_cast<MD_OFFSET>(text.size()));
    out.text = size1 > 0 ? (text.empty() ? in_.data() + pos_ : text.data()) : nullptr;
    out.size = static_cast<MD_SIZE>(text.size());
    out.substr_types = types.data();
    out.substr_offsets = offsets.data();
    return true;
  }

  unsigned byte() { return static_cast<unsigned char>(in_[pos_++]); }
  bool next_byte(unsigned& v) {
    if (pos_ >= in_.size()) return false;
    v = byte();
    return true;
  }
  bool varint(unsigned& v) {
    std::uint32_t x = 0;
    if (!read_varint(in_, pos_, x)) return false;
    v = x;
    return true;
  }
  bool string(std::string_view& s) {
    unsigned n = 0;
    if (!varint(n) || in_.size() - pos_ < n) return false;
    s = in_.substr(pos_, n);
    pos_ += n;
    return true;
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  const MD_PARSER& parser_;
  void* userdata_;
  // The detail of the event being called back, as md4c's is: valid during the callback.
  MD_BLOCK_UL_DETAIL ul_{};
  MD_BLOCK_OL_DETAIL ol_{};
  MD_BLOCK_LI_DETAIL li_{};
  MD_BLOCK_H_DETAIL h_{};
  MD_BLOCK_CODE_DETAIL code_{};
  MD_BLOCK_TABLE_DETAIL table_{};
  MD_BLOCK_TD_DETAIL td_{};
  MD_SPAN_A_DETAIL a_{};
  MD_SPAN_IMG_DETAIL img_{};
  MD_SPAN_WIKILINK_DETAIL wikilink_{};
  std::vector<MD_TEXTTYPE> types_[2];
  std::vector<MD_OFFSET> offsets_[2];
};

}  // namespace

int read_markdown_events(std::string_view bytes, const MD_PARSER& parser, void* userdata) {
  return Reader(bytes, parser, userdata).run();
}

}  // namespace lede
