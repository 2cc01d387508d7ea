// The one interface between reading HTML and building the document tree from it: a stream
// of events — an element opens (by tag, with its attributes), text, the element closes —
// in document order, the way a parser's tree or a browser's DOM would be walked. Every
// producer speaks it: the quick parser (serialized_html_parser.hpp), the lenient reader
// (lenient_html_parser.hpp), gumbo's tree walked (gumbo_events.hpp), and, from outside the
// core, any program that writes the byte form below (docs/html-events.md). The tree
// builder (html_to_tree.hpp) reads nothing else.
//
// In process the events are calls on an HtmlSink; across a module or process boundary
// they are bytes (write_html_events / read_html_events):
//
//   stream     = event*
//   event      = 0x01 element          an element opens (its children follow, then 0x03)
//              | 0x02 string           text (UTF-8)
//              | 0x03                  the innermost open element closes
//              | 0x04 element          as 0x01, but placed before the nearest open <table>
//              | 0x05 string           as 0x02, the same
//   element    = tag namespace count attribute{count}
//   tag        = varint                0: `string` (the name) follows; n: HtmlTag(n - 1)
//   namespace  = byte                  0 HTML, 1 SVG, 2 MathML
//   count      = varint
//   attribute  = string string         name, value
//   string     = varint byte{varint}   length, then the bytes
//   varint     = unsigned LEB128, at most 5 bytes (a value below 2^32)
//
// Elements left open at the end of the stream close there. A reader takes anything:
// bytes that are not an event end the stream; invalid UTF-8 becomes U+FFFD.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "html/html_names.hpp"

namespace lede {

enum class HtmlNamespace : std::uint8_t { html = 0, svg = 1, mathml = 2 };

struct HtmlAttribute {
  std::string_view name, value;
};

// Where an event's node goes: in the current element (after what is there), or just
// before the nearest open table (HTML's foster parenting, for producers that do not
// build a tree of their own first).
enum class HtmlPlace : std::uint8_t { append, before_table };

class HtmlSink {
 public:
  virtual ~HtmlSink() = default;
  // `name` is the tag's name as written (lowercase) when `tag` is HtmlTag::unknown; it
  // may be empty otherwise.
  virtual void open(HtmlTag tag, std::string_view name, HtmlNamespace space, const HtmlAttribute* attributes,
                    std::size_t count, HtmlPlace place = HtmlPlace::append) = 0;
  virtual void text(std::string_view utf8, HtmlPlace place = HtmlPlace::append) = 0;
  virtual void close() = 0;
};

// A producer: the events of `html` parsed as the content of a <div>, into `sink`; false
// if it cannot parse it here (gumbo in a browser before its module is loaded).
using HtmlProducer = bool (*)(std::string_view html, HtmlSink& sink);

// What the reader of HTML the quick parser gave up on says of its reading.
struct HtmlFallbackNotes {
  bool lenient = false;             // the lenient reader read it: gumbo's work would not stay linear
  bool attributes_dropped = false;  // the lenient reader dropped a tag's attributes past Limits::kHtmlAttributes

  // As one byte, after the events lede-gumbo.wasm answers with (src/wasm/gumbo_module.cpp).
  char to_byte() const { return static_cast<char>((lenient ? 1 : 0) | (attributes_dropped ? 2 : 0)); }
  static HtmlFallbackNotes from_byte(char b) { return {(b & 1) != 0, (b & 2) != 0}; }
};

// Reads HTML the quick parser gave up on (lenient_html_parser.hpp, read_given_up_html):
// gumbo's events if gumbo's work on it stays linear, else the lenient reader's; only the
// lenient reader's if `lenient_only` (html_to_text: a title reads alike in every build).
// False if it cannot read it here: in a browser, until lede-gumbo.wasm is loaded (both
// readers live there, src/wasm/gumbo_module.cpp).
using HtmlFallback = bool (*)(std::string_view html, bool lenient_only, HtmlSink& sink, HtmlFallbackNotes& notes);

// Writes the events in their byte form.
class HtmlEventWriter : public HtmlSink {
 public:
  explicit HtmlEventWriter(std::string& out) : out_(out) {}
  void open(HtmlTag tag, std::string_view name, HtmlNamespace space, const HtmlAttribute* attributes,
            std::size_t count, HtmlPlace place) override;
  void text(std::string_view utf8, HtmlPlace place) override;
  void close() override;

 private:
  void varint(std::uint32_t v);
  void string(std::string_view s);
  std::string& out_;
};

// Replays the byte form into `sink`, balanced: every open is closed, a close with
// nothing open is dropped. Returns false if the bytes stopped being a stream before
// their end (what came before is kept).
bool read_html_events(std::string_view bytes, HtmlSink& sink);

}  // namespace lede
