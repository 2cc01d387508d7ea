#include "output/html_writer.hpp"

namespace lede {

void append_escaped(std::string& out, std::string_view text, bool in_attribute) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char* rep;
    switch (text[i]) {
      case '&': rep = "&amp;"; break;
      case '<': rep = "&lt;"; break;
      case '>': rep = "&gt;"; break;
      case '"':
        if (!in_attribute) continue;
        rep = "&quot;";
        break;
      default: continue;
    }
    out.append(text, run, i - run);
    out += rep;
    run = i + 1;
  }
  out.append(text, run, std::string_view::npos);
}

// About the bytes write_html() writes, never fewer but for a leading newline in a
// <pre>: the tree's own count of text and markup, plus what escaping adds to every
// string in the pool. A reserve that is only a guess either doubles the string near its
// end or leaves a hole, and a long article's HTML is then held about twice (the peak of
// the heap).
static std::size_t html_size(const Document& doc) {
  std::size_t n = doc.output_bytes() + 64;
  for (char c : doc.strings()) n += c == '&' ? 4 : c == '"' ? 5 : c == '<' || c == '>' ? 3 : 0;
  return n;
}

void write_html(const Document& doc, std::string& out) {
  out.reserve(out.size() + html_size(doc));
  walk(
      doc, doc.root(),
      [&](NodeId id) {
        const Node& n = doc.node(id);
        if (n.is_text) {
          append_escaped(out, doc.text_of(id), false);
          return;
        }
        out += '<';
        out += tag_name(n.tag);
        for (std::uint32_t a = n.first_attr; a != kNone; a = doc.attr_entry(a).next) {
          const AttrEntry& e = doc.attr_entry(a);
          out += ' ';
          out += attr_name(e.attr);
          out += "=\"";
          append_escaped(out, doc.value_of(e), true);
          out += '"';
        }
        out += '>';
        // An HTML parser drops a newline right after <pre>; write one more so a
        // leading newline of the content survives.
        if (n.tag == Tag::pre && n.first_child != kNone && doc.node(n.first_child).is_text &&
            doc.text_of(n.first_child).substr(0, 1) == "\n")
          out += '\n';
      },
      [&](NodeId id) {
        const Node& n = doc.node(id);
        if (is_void(n.tag)) return;
        out += "</";
        out += tag_name(n.tag);
        out += '>';
      });
}

}  // namespace lede
