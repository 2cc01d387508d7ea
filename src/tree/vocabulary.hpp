// The closed vocabulary of Lede's document tree: every element and attribute Lede can
// ever produce. Anything not named here cannot be represented, so it cannot be emitted.
#pragma once
#include <cstdint>
#include <string_view>

namespace lede {

// X-macro lists keep the enum, the name table and the JS decoder (which reads the names
// from the wasm module at start-up) in one place.
#define LEDE_TAGS(X)                                                                  \
  X(a) X(abbr) X(article) X(aside) X(audio) X(blockquote) X(br) X(button) X(caption) \
  X(cite) X(code) X(dd) X(del) X(details) X(div) X(dl) X(dt) X(em) X(figcaption)     \
  X(figure) X(footer) X(form) X(h1) X(h2) X(h3) X(h4) X(h5) X(h6) X(header) X(hr)    \
  X(img) X(input) X(ins) X(kbd) X(label) X(li) X(mark) X(nav) X(ol) X(p) X(pre)      \
  X(q) X(s) X(samp) X(section) X(small) X(span) X(strong) X(sub) X(summary) X(sup)   \
  X(table) X(tbody) X(td) X(tfoot) X(th) X(thead) X(time) X(tr) X(ul)

enum class Tag : std::uint8_t {
#define LEDE_X(name) name,
  LEDE_TAGS(LEDE_X)
#undef LEDE_X
  count_
};

// Attribute names that are not C++ identifiers get a spelled-out enum name.
#define LEDE_ATTRS(X)                                                                \
  X(class_, "class") X(id, "id") X(lang, "lang") X(dir, "dir") X(title, "title")     \
  X(role, "role") X(aria_label, "aria-label") X(aria_hidden, "aria-hidden")          \
  X(aria_labelledby, "aria-labelledby") X(part, "part") X(hidden, "hidden")          \
  X(href, "href") X(rel, "rel") X(src, "src") X(alt, "alt") X(width, "width")        \
  X(height, "height") X(loading, "loading") X(decoding, "decoding")                  \
  X(referrerpolicy, "referrerpolicy") X(datetime, "datetime") X(start, "start")      \
  X(controls, "controls") X(preload, "preload") X(action, "action")                  \
  X(method, "method") X(type, "type") X(name, "name") X(required, "required")        \
  X(placeholder, "placeholder") X(autocomplete, "autocomplete") X(for_, "for")       \
  X(colspan, "colspan") X(rowspan, "rowspan") X(scope, "scope") X(open, "open")

enum class Attr : std::uint8_t {
#define LEDE_X(id, name) id,
  LEDE_ATTRS(LEDE_X)
#undef LEDE_X
  count_
};

std::string_view tag_name(Tag);
std::string_view attr_name(Attr);

// Void elements have no end tag in HTML and never hold children.
bool is_void(Tag);

// Whether `attr` may appear on `tag`. The tree refuses every other pair.
bool is_allowed(Tag, Attr);

// Attributes whose value is a URL: only UrlPolicy may set them.
bool is_url_attr(Attr);

}  // namespace lede
