#include "html/html_names.hpp"
#include "text/ascii.hpp"

#include <cstddef>

namespace lede {
namespace {

constexpr const char* kNames[kHtmlTagCount] = {
    "html", "head", "title", "base", "link", "meta", "style", "script", "noscript", "template",
    "body", "article", "section", "nav", "aside", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup",
    "header", "footer", "address", "p", "hr", "pre", "blockquote", "ol", "ul", "li", "dl", "dt",
    "dd", "figure", "figcaption", "main", "div", "a", "em", "strong", "small", "s", "cite", "q",
    "dfn", "abbr", "data", "time", "code", "var", "samp", "kbd", "sub", "sup", "i", "b", "u",
    "mark", "ruby", "rt", "rp", "bdi", "bdo", "span", "br", "wbr", "ins", "del", "image", "img",
    "picture", "iframe", "embed", "object", "param", "video", "audio", "source", "track", "canvas",
    "map", "area", "math", "mi", "mo", "mn", "ms", "mtext", "mglyph", "malignmark",
    "annotation-xml", "svg", "foreignobject", "desc", "table", "caption", "colgroup", "col",
    "tbody", "thead", "tfoot", "tr", "td", "th", "form", "fieldset", "legend", "label", "input",
    "button", "select", "datalist", "optgroup", "option", "textarea", "keygen", "output",
    "progress", "meter", "details", "summary", "menu", "menuitem", "applet", "acronym", "bgsound",
    "dir", "frame", "frameset", "noframes", "isindex", "listing", "xmp", "nextid", "noembed",
    "plaintext", "rb", "strike", "basefont", "big", "blink", "center", "font", "marquee",
    "multicol", "nobr", "spacer", "dialog", "search", "tt", "rtc",
};

// kNames' indices by a hash of the name (length, first, second and last byte,
// lowercase), with linear probing; 0xFF is an empty slot. The quick parser looks up every
// start and end tag: a binary search took about 250 instructions a name (callgrind), a
// probe here about 40.
constexpr unsigned kSlots = 256;
constexpr std::size_t kLongest = 14;  // "annotation-xml"

constexpr unsigned slot_of(char first, char second, char last, std::size_t n) {
  return (static_cast<unsigned char>(first) * 31u + static_cast<unsigned char>(second) * 5u +
          static_cast<unsigned char>(last) * 7u + static_cast<unsigned>(n) * 17u) % kSlots;
}

struct TagTable {
  std::uint8_t slot[kSlots] = {};
  constexpr TagTable() {
    for (auto& s : slot) s = 0xFF;
    for (int i = 0; i < kHtmlTagCount; ++i) {
      const char* name = kNames[i];
      std::size_t n = 0;
      while (name[n]) ++n;
      unsigned h = slot_of(name[0], n > 1 ? name[1] : 0, name[n - 1], n);
      while (slot[h] != 0xFF) h = (h + 1) % kSlots;
      slot[h] = static_cast<std::uint8_t>(i);
    }
  }
};
constexpr TagTable kTable;

// Whether `name` (any case) is the lowercase `known`.
bool same_name(std::string_view name, const char* known) {
  std::size_t i = 0;
  for (; i < name.size(); ++i)
    if (known[i] == 0 || ascii_lower(name[i]) != known[i]) return false;
  return known[i] == 0;
}

}  // namespace

std::string_view html_tag_name(HtmlTag tag) {
  auto i = static_cast<int>(tag);
  return i >= 0 && i < kHtmlTagCount ? std::string_view(kNames[i]) : std::string_view();
}

HtmlTag html_tag(std::string_view name) {
  std::size_t n = name.size();
  if (n == 0 || n > kLongest) return HtmlTag::unknown;
  unsigned h = slot_of(ascii_lower(name[0]), n > 1 ? ascii_lower(name[1]) : 0, ascii_lower(name[n - 1]), n);
  for (std::uint8_t i; (i = kTable.slot[h]) != 0xFF; h = (h + 1) % kSlots)
    if (same_name(name, kNames[i])) return static_cast<HtmlTag>(i);
  return HtmlTag::unknown;
}

bool breaks_out_of_foreign(HtmlTag t) {
  switch (t) {
    case HtmlTag::b: case HtmlTag::big: case HtmlTag::blockquote: case HtmlTag::body:
    case HtmlTag::br: case HtmlTag::center: case HtmlTag::code: case HtmlTag::dd: case HtmlTag::div:
    case HtmlTag::dl: case HtmlTag::dt: case HtmlTag::em: case HtmlTag::embed: case HtmlTag::h1:
    case HtmlTag::h2: case HtmlTag::h3: case HtmlTag::h4: case HtmlTag::h5: case HtmlTag::h6:
    case HtmlTag::head: case HtmlTag::hr: case HtmlTag::i: case HtmlTag::img: case HtmlTag::li:
    case HtmlTag::listing: case HtmlTag::menu: case HtmlTag::meta: case HtmlTag::nobr: case HtmlTag::ol:
    case HtmlTag::p: case HtmlTag::pre: case HtmlTag::ruby: case HtmlTag::s: case HtmlTag::small:
    case HtmlTag::span: case HtmlTag::strong: case HtmlTag::strike: case HtmlTag::sub: case HtmlTag::sup:
    case HtmlTag::table: case HtmlTag::tt: case HtmlTag::u: case HtmlTag::ul: case HtmlTag::var:
      return true;
    default: return false;
  }
}

}  // namespace lede
