// The writer of markdown_events.hpp: md4c's callbacks appended to a string. Linked where
// md4c runs apart from the tree builder (web/dist/lede-markdown.wasm) and by the tests.
#include <cstdint>

#include "markdown/markdown_events.hpp"
#include "text/varint.hpp"

extern "C" {
#include "md4c.h"
}

namespace lede {
namespace {

struct Writer {
  std::string& out;
  std::size_t max_bytes;
  bool too_large = false;

  void byte(unsigned v) { out += static_cast<char>(v); }
  void varint(unsigned v) { append_varint(out, static_cast<std::uint32_t>(v)); }
  void string(const char* s, std::size_t n) {
    varint(static_cast<unsigned>(n));
    out.append(s, n);
  }

  void attribute(const MD_ATTRIBUTE& a) {
    if (!a.text) {
      varint(0);
    } else {
      varint(a.size + 1);
      out.append(a.text, a.size);
    }
    // The pieces up to the one that ends at `size` (the builder reads no further).
    unsigned count = 0;
    if (a.substr_offsets)
      while (a.substr_offsets[count] < a.size) ++count;
    varint(count);
    for (unsigned i = 0; i < count; ++i) {
      byte(a.substr_types[i]);
      varint(a.substr_offsets[i]);
    }
  }

  void block_detail(MD_BLOCKTYPE type, const void* detail) {
    switch (type) {
      case MD_BLOCK_UL: {
        auto* d = static_cast<const MD_BLOCK_UL_DETAIL*>(detail);
        byte(d->is_tight != 0);
        byte(static_cast<unsigned char>(d->mark));
        break;
      }
      case MD_BLOCK_OL: {
        auto* d = static_cast<const MD_BLOCK_OL_DETAIL*>(detail);
        varint(d->start);
        byte(d->is_tight != 0);
        byte(static_cast<unsigned char>(d->mark_delimiter));
        break;
      }
      case MD_BLOCK_LI: {
        auto* d = static_cast<const MD_BLOCK_LI_DETAIL*>(detail);
        byte(d->is_task != 0);
        // Undefined unless is_task (md4c.h): sent as 0 then, so the stream is the same
        // for the same input.
        byte(d->is_task ? static_cast<unsigned char>(d->task_mark) : 0);
        varint(d->is_task ? d->task_mark_offset : 0);
        break;
      }
      case MD_BLOCK_H: varint(static_cast<const MD_BLOCK_H_DETAIL*>(detail)->level); break;
      case MD_BLOCK_CODE: {
        auto* d = static_cast<const MD_BLOCK_CODE_DETAIL*>(detail);
        attribute(d->info);
        attribute(d->lang);
        byte(static_cast<unsigned char>(d->fence_char));
        break;
      }
      case MD_BLOCK_TABLE: {
        auto* d = static_cast<const MD_BLOCK_TABLE_DETAIL*>(detail);
        varint(d->col_count);
        varint(d->head_row_count);
        varint(d->body_row_count);
        break;
      }
      case MD_BLOCK_TH:
      case MD_BLOCK_TD: byte(static_cast<const MD_BLOCK_TD_DETAIL*>(detail)->align); break;
      default: break;
    }
  }

  void span_detail(MD_SPANTYPE type, const void* detail) {
    switch (type) {
      case MD_SPAN_A: {
        auto* d = static_cast<const MD_SPAN_A_DETAIL*>(detail);
        attribute(d->href);
        attribute(d->title);
        byte(d->is_autolink != 0);
        break;
      }
      case MD_SPAN_IMG: {
        auto* d = static_cast<const MD_SPAN_IMG_DETAIL*>(detail);
        attribute(d->src);
        attribute(d->title);
        break;
      }
      case MD_SPAN_WIKILINK: attribute(static_cast<const MD_SPAN_WIKILINK_DETAIL*>(detail)->target); break;
      default: break;
    }
  }

  // Starts an event, or says that the stream is already past its limit.
  bool begin(MarkdownEvent kind, unsigned type) {
    if (too_large) return false;
    byte(static_cast<unsigned>(kind));
    byte(type);
    return true;
  }

  // After each event: past the limit md4c is told to stop, and every later callback
  // (md4c does not check some of their returns) writes nothing.
  int done() {
    if (out.size() > max_bytes) too_large = true;
    return too_large;
  }
};

Writer& writer(void* userdata) { return *static_cast<Writer*>(userdata); }

}  // namespace

int write_markdown_events(std::string_view markdown, unsigned flags, std::string& out, std::size_t max_bytes) {
  Writer state{out, max_bytes};
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = flags;
  parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* u) {
    Writer& w = writer(u);
    if (!w.begin(MarkdownEvent::enter_block, t)) return 1;
    w.block_detail(t, d);
    return w.done();
  };
  parser.leave_block = [](MD_BLOCKTYPE t, void*, void* u) {
    Writer& w = writer(u);
    if (!w.begin(MarkdownEvent::leave_block, t)) return 1;
    return w.done();
  };
  parser.enter_span = [](MD_SPANTYPE t, void* d, void* u) {
    Writer& w = writer(u);
    if (!w.begin(MarkdownEvent::enter_span, t)) return 1;
    w.span_detail(t, d);
    return w.done();
  };
  parser.leave_span = [](MD_SPANTYPE t, void*, void* u) {
    Writer& w = writer(u);
    if (!w.begin(MarkdownEvent::leave_span, t)) return 1;
    return w.done();
  };
  parser.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* u) {
    Writer& w = writer(u);
    if (!w.begin(MarkdownEvent::text, t)) return 1;
    w.string(s, n);
    return w.done();
  };
  int r = md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &state);
  return state.too_large ? kMarkdownStreamTooLarge : r;
}

}  // namespace lede
