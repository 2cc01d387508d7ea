#include "html/html_names.hpp"
#include "text/ascii.hpp"

#include <cstring>

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

// kNames' indices in the order of their names, for a binary search.
constexpr std::uint8_t kSorted[kHtmlTagCount] = {
    39, 47, 126, 24, 92, 125, 83, 11, 14, 78, 57, 3, 140, 63, 64, 127, 141, 142, 28, 10, 66, 111,
    81, 97, 143, 44, 50, 99, 98, 48, 113, 34, 69, 95, 121, 46, 149, 128, 38, 32, 33, 40, 74, 107,
    36, 35, 144, 23, 94, 106, 129, 130, 15, 16, 17, 18, 19, 20, 1, 22, 21, 26, 0, 56, 73, 70, 71,
    110, 68, 132, 53, 117, 109, 108, 31, 4, 133, 37, 91, 82, 59, 145, 84, 123, 124, 5, 120, 90, 85,
    87, 86, 88, 89, 146, 13, 135, 147, 136, 131, 8, 75, 29, 114, 115, 118, 25, 76, 72, 137, 27,
    119, 45, 138, 62, 61, 152, 60, 43, 52, 7, 150, 12, 112, 42, 79, 148, 65, 139, 41, 6, 54, 122,
    55, 93, 96, 100, 104, 9, 116, 102, 105, 101, 49, 2, 103, 80, 151, 58, 30, 51, 77, 67, 134,
};


// <0, 0, >0 as `name` (any case) sorts before, with or after the lowercase `known`.
int compare(std::string_view name, const char* known) {
  std::size_t i = 0;
  for (; i < name.size() && known[i]; ++i) {
    char a = ascii_lower(name[i]), b = known[i];
    if (a != b) return static_cast<unsigned char>(a) < static_cast<unsigned char>(b) ? -1 : 1;
  }
  if (i < name.size()) return 1;
  return known[i] ? -1 : 0;
}

}  // namespace

std::string_view html_tag_name(HtmlTag tag) {
  auto i = static_cast<int>(tag);
  return i >= 0 && i < kHtmlTagCount ? std::string_view(kNames[i]) : std::string_view();
}

HtmlTag html_tag(std::string_view name) {
  int lo = 0, hi = kHtmlTagCount;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    int c = compare(name, kNames[kSorted[mid]]);
    if (c == 0) return static_cast<HtmlTag>(kSorted[mid]);
    if (c < 0) hi = mid;
    else lo = mid + 1;
  }
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
