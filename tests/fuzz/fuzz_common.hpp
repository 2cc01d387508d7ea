// Shared by the fuzz targets: an independent reading of Lede's outputs.
//
// decode() replays an op-stream the way web/lede.js does, but into a small DOM of its
// own, checking the format on the way (known opcodes, tag and attribute numbers below
// Tag::count_ / Attr::count_, allowlisted tag/attribute pairs, balanced OPEN/CLOSE,
// UTF-16 lengths that land on character boundaries, every string byte used).
// check_dom() then checks what must hold for any article, and serialize() writes the
// DOM as HTML with its own escaping: it must equal what lede::render_html wrote. The
// op-stream replay is ported from tests/unit/op_writer_test.cpp.
//
// Any violation prints a message and aborts, which libFuzzer reports as a crash.
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "lede/lede.hpp"
#include "output/op_writer.hpp"
#include "tree/url_policy.hpp"
#include "tree/vocabulary.hpp"

namespace fuzz {

[[noreturn]] inline void fail(const char* check, const std::string& detail) {
  std::fprintf(stderr, "\n==lede-fuzz== invariant violated: %s\n%s\n", check,
               detail.substr(0, 4000).c_str());
  std::abort();
}

#define FUZZ_CHECK(cond, detail)                 \
  do {                                           \
    if (!(cond)) ::fuzz::fail(#cond, (detail));  \
  } while (0)

using lede::Attr;
using lede::Tag;

inline std::string tag_str(Tag t) { return std::string(lede::tag_name(t)); }
inline std::string attr_str(Attr a) { return std::string(lede::attr_name(a)); }

// Strict UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF. TextDecoder
// would turn anything else into U+FFFD and the UTF-16 lengths would no longer match.
inline bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t len;
    std::uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2, cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3, cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = cp << 6 | (d & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

// Replaces every invalid UTF-8 sequence with U+FFFD, as TextDecoder does (one U+FFFD
// per bad byte is enough here: the fuzzers only need valid text).
inline std::string to_valid_utf8(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (i + len <= s.size() && valid_utf8(s.substr(i, len))) {
      out.append(s, i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

// A strict RFC 8259 recogniser, written independently of nlohmann/json: whatever Lede
// accepts as JSON must be JSON to every other parser too (a leading UTF-8 BOM is allowed,
// as RFC 8259 permits and browsers' TextDecoder strips). Lede may be stricter (it refuses
// lone surrogates and numbers that overflow a double), never more lenient.
class StrictJson {
 public:
  explicit StrictJson(std::string_view s) : s_(s) {}
  bool ok() {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;
    ws();
    if (!value(0)) return false;
    ws();
    return i_ == s_.size() && valid_utf8(s_);
  }

 private:
  bool more() const { return i_ < s_.size(); }
  char peek() const { return more() ? s_[i_] : '\0'; }
  void ws() {
    while (more() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) ++i_;
  }
  bool lit(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }
  bool digits() {
    std::size_t b = i_;
    while (more() && peek() >= '0' && peek() <= '9') ++i_;
    return i_ > b;
  }
  bool number() {
    if (peek() == '-') ++i_;
    if (peek() == '0') ++i_;
    else if (!digits()) return false;
    if (peek() == '.') {
      ++i_;
      if (!digits()) return false;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++i_;
      if (peek() == '+' || peek() == '-') ++i_;
      if (!digits()) return false;
    }
    return true;
  }
  bool string() {
    if (peek() != '"') return false;
    for (++i_; more(); ++i_) {
      unsigned char c = static_cast<unsigned char>(peek());
      if (c == '"') {
        ++i_;
        return true;
      }
      if (c < 0x20) return false;
      if (c == '\\') {
        ++i_;
        char e = peek();
        if (e == 'u') {
          for (int k = 0; k < 4; ++k) {
            ++i_;
            char h = peek();
            if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'))) return false;
          }
        } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos || !more()) {
          return false;
        }
      }
    }
    return false;
  }
  bool value(int depth) {
    if (depth > 10000) return false;
    ws();
    char c = peek();
    if (c == '{' || c == '[') {
      char close = c == '{' ? '}' : ']';
      ++i_;
      ws();
      if (peek() == close) {
        ++i_;
        return true;
      }
      for (;;) {
        if (c == '{') {
          ws();
          if (!string()) return false;
          ws();
          if (peek() != ':') return false;
          ++i_;
        }
        if (!value(depth + 1)) return false;
        ws();
        if (peek() == close) {
          ++i_;
          return true;
        }
        if (peek() != ',') return false;
        ++i_;
      }
    }
    if (c == '"') return string();
    if (c == 't') return lit("true");
    if (c == 'f') return lit("false");
    if (c == 'n') return lit("null");
    return number();
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

struct Node {
  bool is_text = false;
  Tag tag = Tag::div;
  std::vector<std::pair<Attr, std::string>> attrs;
  std::string text;
  int parent = -1;
  std::vector<int> children;

  const std::string* attr(Attr a) const {
    for (const auto& kv : attrs)
      if (kv.first == a) return &kv.second;
    return nullptr;
  }
};

// nodes[0] is the fragment the article is appended to.
struct Dom {
  std::vector<Node> nodes;
  bool is(int id, Tag t) const { return id > 0 && !nodes[id].is_text && nodes[id].tag == t; }
  std::string text_content(int id) const {
    if (nodes[id].is_text) return nodes[id].text;
    std::string out;
    for (int c : nodes[id].children) out += text_content(c);
    return out;
  }
};

// The bytes of the next `units` UTF-16 code units of `s` from `pos`, or fails.
inline std::string take_utf16(const std::string& s, std::size_t& pos, std::uint32_t units) {
  std::size_t start = pos;
  while (units > 0) {
    FUZZ_CHECK(pos < s.size(), "a UTF-16 length runs past the end of the strings");
    unsigned char c = static_cast<unsigned char>(s[pos]);
    std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    std::uint32_t need = len == 4 ? 2 : 1;
    FUZZ_CHECK(units >= need, "a UTF-16 length ends inside a surrogate pair");
    units -= need;
    pos += len;
  }
  FUZZ_CHECK(pos <= s.size(), "a UTF-16 length ends inside a UTF-8 sequence");
  return s.substr(start, pos - start);
}

inline bool ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// The bytes of the `units` UTF-16 code units of `s` that end at `back` (the pool's part of
// strings that are not all ASCII, read from its end), or fails.
inline std::string take_utf16_back(const std::string& s, std::size_t& back, std::size_t front, std::uint32_t units) {
  std::size_t end = back;
  while (units > 0) {
    FUZZ_CHECK(back > front, "a WIDE string runs into the ASCII strings");
    do --back;
    while (back > front && (static_cast<unsigned char>(s[back]) & 0xC0) == 0x80);
    std::uint32_t need = static_cast<unsigned char>(s[back]) >= 0xF0 ? 2 : 1;
    FUZZ_CHECK(units >= need, "a UTF-16 length ends inside a surrogate pair");
    units -= need;
  }
  std::string v = s.substr(back, end - back);
  FUZZ_CHECK(!ascii(v), "an all-ASCII string flagged WIDE");
  return v;
}

// The op-stream's layout: src/output/op_writer.hpp (strings in two parts, the last word
// where they meet).
inline Dom decode(const lede::OpStream& s) {
  FUZZ_CHECK(valid_utf8(s.strings), "the op-stream strings are not valid UTF-8");
  FUZZ_CHECK(!s.ops.empty(), "an op-stream without its last word");
  const std::size_t split = s.ops.back();
  FUZZ_CHECK(split <= s.strings.size(), "the ASCII part is longer than the strings");
  FUZZ_CHECK(ascii(std::string_view(s.strings).substr(0, split)), "a non-ASCII byte in the ASCII part");
  Dom dom;
  dom.nodes.emplace_back();
  int current = 0;
  std::size_t pos = 0, back = s.strings.size();
  // The next string: from the front, or (WIDE) from the back.
  auto take = [&](std::uint32_t op, std::uint32_t units) {
    if (op & lede::kOpWide) return take_utf16_back(s.strings, back, split, units);
    std::string v = take_utf16(s.strings, pos, units);
    FUZZ_CHECK(pos <= split, "an ASCII string runs past the ASCII part");
    return v;
  };
  for (std::size_t i = 0; i + 1 < s.ops.size(); ++i) {
    std::uint32_t op = s.ops[i], code = op & 0x7F, arg = (op & ~std::uint32_t{lede::kOpWide}) >> 8;
    FUZZ_CHECK(!(op & lede::kOpWide) || code == lede::kOpText || code == lede::kOpAttr, "WIDE on an op without a string");
    switch (code) {
      case lede::kOpOpen: {
        FUZZ_CHECK(arg < static_cast<std::uint32_t>(Tag::count_), "OPEN with tag " + std::to_string(arg));
        FUZZ_CHECK(current == 0 || !lede::is_void(dom.nodes[current].tag),
                   "an element inside void <" + tag_str(dom.nodes[current].tag) + ">");
        Node n;
        n.tag = static_cast<Tag>(arg);
        n.parent = current;
        dom.nodes.push_back(n);
        int id = static_cast<int>(dom.nodes.size() - 1);
        dom.nodes[current].children.push_back(id);
        current = id;
        break;
      }
      case lede::kOpClose:
        FUZZ_CHECK(arg == 0, "CLOSE with an argument");
        FUZZ_CHECK(current != 0, "CLOSE without an open element");
        current = dom.nodes[current].parent;
        break;
      case lede::kOpText: {
        FUZZ_CHECK(arg == 0, "TEXT with an argument");
        FUZZ_CHECK(i + 2 < s.ops.size(), "TEXT without a length");
        FUZZ_CHECK(current == 0 || !lede::is_void(dom.nodes[current].tag),
                   "text inside void <" + tag_str(dom.nodes[current].tag) + ">");
        Node n;
        n.is_text = true;
        n.text = take(op, s.ops[++i]);
        n.parent = current;
        // An HTML parser never makes an empty text node or two adjacent ones: the DOM
        // built from ops must not either, or the two outputs differ.
        FUZZ_CHECK(!n.text.empty(), "an empty text node");
        const auto& siblings = dom.nodes[current].children;
        FUZZ_CHECK(siblings.empty() || !dom.nodes[siblings.back()].is_text,
                   "two adjacent text nodes: \"" + dom.nodes[siblings.back()].text + "\" + \"" +
                       n.text + "\"");
        dom.nodes.push_back(n);  // invalidates `siblings`
        dom.nodes[current].children.push_back(static_cast<int>(dom.nodes.size() - 1));
        break;
      }
      case lede::kOpAttr: {
        FUZZ_CHECK(arg < static_cast<std::uint32_t>(Attr::count_), "ATTR with attribute " + std::to_string(arg));
        FUZZ_CHECK(i + 2 < s.ops.size(), "ATTR without a length");
        FUZZ_CHECK(current != 0, "ATTR outside an element");
        Node& e = dom.nodes[current];
        Attr a = static_cast<Attr>(arg);
        FUZZ_CHECK(e.children.empty(), "ATTR after the element's children");
        FUZZ_CHECK(lede::is_allowed(e.tag, a), attr_str(a) + " on <" + tag_str(e.tag) + ">");
        FUZZ_CHECK(!e.attr(a), "attribute " + attr_str(a) + " set twice");
        e.attrs.emplace_back(a, take(op, s.ops[++i]));
        break;
      }
      default: fail("known opcode", "opcode " + std::to_string(op));
    }
  }
  FUZZ_CHECK(current == 0, "OPEN and CLOSE do not balance");
  FUZZ_CHECK(pos == split && back == split, "string bytes left over after the last op");
  return dom;
}

// HTML escaping, written independently of src/output/html_writer.cpp.
inline void escape(std::string& out, std::string_view text, bool attribute) {
  for (char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"' && attribute) out += "&quot;";
    else out += c;
  }
}

// With escaping off, the length of the result is what Limits::max_output_bytes bounds.
inline void serialize(const Dom& dom, int id, std::string& out, bool escaping = true) {
  const Node& n = dom.nodes[id];
  if (n.is_text) {
    if (escaping) escape(out, n.text, false);
    else out += n.text;
    return;
  }
  if (id != 0) {
    out += "<" + tag_str(n.tag);
    for (const auto& kv : n.attrs) {
      out += " " + attr_str(kv.first) + "=\"";
      if (escaping) escape(out, kv.second, true);
      else out += kv.second;
      out += '"';
    }
    out += '>';
    // An HTML parser drops one newline right after <pre>.
    if (n.tag == Tag::pre && !n.children.empty() && dom.nodes[n.children[0]].is_text &&
        dom.nodes[n.children[0]].text[0] == '\n')
      out += '\n';
  }
  for (int c : n.children) serialize(dom, c, out, escaping);
  if (id != 0 && !lede::is_void(n.tag)) out += "</" + tag_str(n.tag) + ">";
}

inline std::string serialize(const Dom& dom, bool escaping = true) {
  std::string out;
  serialize(dom, 0, out, escaping);
  return out;
}

// The scheme a browser sees in an attribute value (WHATWG URL parsing: strip leading
// and trailing C0 controls and spaces, drop tabs and newlines), lower-cased; "" if none.
inline std::string browser_scheme(std::string_view v) {
  std::string s;
  std::size_t b = 0, e = v.size();
  while (b < e && static_cast<unsigned char>(v[b]) <= 0x20) ++b;
  while (e > b && static_cast<unsigned char>(v[e - 1]) <= 0x20) --e;
  for (char c : v.substr(b, e - b))
    if (c != '\t' && c != '\n' && c != '\r') s += c;
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (s.empty() || !alpha(s[0])) return {};
  for (std::size_t i = 1; i < s.size(); ++i) {
    char c = s[i];
    if (c == ':') {
      std::string scheme = s.substr(0, i);
      for (char& ch : scheme)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
      return scheme;
    }
    if (!(alpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) return {};
  }
  return {};
}

inline bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

inline void check_url_attr(const Node& e, Attr a, const std::string& v) {
  lede::UrlKind kind;
  if (e.tag == Tag::a && a == Attr::href) kind = lede::UrlKind::link;
  else if (e.tag == Tag::img && a == Attr::src) kind = lede::UrlKind::image;
  else if (e.tag == Tag::audio && a == Attr::src) kind = lede::UrlKind::media;
  else if (e.tag == Tag::form && a == Attr::action) kind = lede::UrlKind::action;
  else fail("a URL attribute in a known place", attr_str(a) + " on <" + tag_str(e.tag) + ">");
  FUZZ_CHECK(!v.empty(), "an empty URL in " + attr_str(a));
  // The policy accepts what it produced, unchanged...
  auto again = lede::check_url(v, kind);
  FUZZ_CHECK(again && *again == v, "URL policy is not a fixed point on " + attr_str(a) + "=\"" + v + "\"");
  // ...and, judged independently, a browser would see an allowed scheme.
  std::string scheme = browser_scheme(v);
  std::string lower;
  for (char c : v) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  bool ok = scheme.empty() || scheme == "http" || scheme == "https" ||
            (kind == lede::UrlKind::link && (scheme == "mailto" || scheme == "tel"));
  if (!ok && kind == lede::UrlKind::image && scheme == "data")
    for (const char* type : {"png", "gif", "jpeg", "webp", "avif"}) {
      std::string p = std::string("data:image/") + type;
      if (starts_with(lower, p) && lower.size() > p.size() && (lower[p.size()] == ';' || lower[p.size()] == ','))
        ok = true;
    }
  FUZZ_CHECK(ok, "scheme '" + scheme + "' in " + attr_str(a) + "=\"" + v + "\"");
  // Nothing a browser would strip or that could end the attribute early.
  for (unsigned char c : v)
    FUZZ_CHECK(c > 0x20 && c != '"' && c != '<' && c != '>' && c != '\'' && c != 0x7F,
               "an unencoded character in URL " + v);
}

inline bool is_heading(Tag t) {
  return t == Tag::h1 || t == Tag::h2 || t == Tag::h3 || t == Tag::h4 || t == Tag::h5 || t == Tag::h6;
}

// Start tags that make an HTML parser close an open <p> (HTML "in body" insertion mode).
inline bool closes_p(Tag t) {
  switch (t) {
    case Tag::article: case Tag::aside: case Tag::blockquote: case Tag::details: case Tag::div:
    case Tag::dl: case Tag::figcaption: case Tag::figure: case Tag::footer: case Tag::header:
    case Tag::nav: case Tag::ol: case Tag::p: case Tag::section: case Tag::summary: case Tag::ul:
    case Tag::h1: case Tag::h2: case Tag::h3: case Tag::h4: case Tag::h5: case Tag::h6:
    case Tag::pre: case Tag::form: case Tag::li: case Tag::dd: case Tag::dt: case Tag::table:
    case Tag::hr:
      return true;
    default:
      return false;
  }
}

inline bool has_ancestor(const Dom& dom, int id, Tag t) {
  for (int p = dom.nodes[id].parent; p > 0; p = dom.nodes[p].parent)
    if (dom.nodes[p].tag == t) return true;
  return false;
}

// An audio duration as players show it: "M:SS" under an hour, else "H:MM:SS".
inline bool clock_text(const std::string& t) {
  std::vector<std::string> parts(1);
  for (char c : t) {
    if (c == ':') parts.emplace_back();
    else if (c >= '0' && c <= '9') parts.back() += c;
    else return false;
  }
  if (parts.size() < 2 || parts.size() > 3) return false;
  for (const auto& p : parts)
    if (p.empty() || p.size() > 13) return false;
  std::size_t n = parts.size();
  auto under60 = [](const std::string& p) { return std::stoi(p) < 60; };
  if (parts[n - 1].size() != 2 || !under60(parts[n - 1])) return false;
  if (n == 3) return parts[0][0] != '0' && parts[1].size() == 2 && under60(parts[1]);
  return parts[0].size() <= 2 && under60(parts[0]);
}

// What must hold for every rendered article. Mostly: the tree is one an HTML parser
// would build back unchanged from the HTML string (so render() and renderHTML() show the
// same DOM), plus the safety properties of URLs, ids and form controls.
inline void check_dom(const Dom& dom) {
  std::set<std::string> ids;
  std::vector<std::pair<Attr, std::string>> refs;
  for (int id = 1; id < static_cast<int>(dom.nodes.size()); ++id) {
    const Node& n = dom.nodes[id];
    const Node& parent = dom.nodes[n.parent];
    if (n.is_text) {
      FUZZ_CHECK(n.text.find('\r') == std::string::npos, "CR in text (the HTML parser turns it into LF)");
      FUZZ_CHECK(n.text.find('\0') == std::string::npos, "NUL in text");
      if (n.parent > 0)
        FUZZ_CHECK(parent.tag != Tag::table && parent.tag != Tag::thead && parent.tag != Tag::tbody &&
                       parent.tag != Tag::tfoot && parent.tag != Tag::tr,
                   "text directly inside <" + tag_str(parent.tag) + "> would be foster-parented");
      continue;
    }
    const std::string where = "<" + tag_str(n.tag) + "> in <" + (n.parent > 0 ? tag_str(parent.tag) : "#fragment") + ">";
    for (const auto& [a, v] : n.attrs) {
      FUZZ_CHECK(v.find('\r') == std::string::npos && v.find('\0') == std::string::npos,
                 "CR or NUL in attribute " + attr_str(a));
      if (lede::is_url_attr(a)) check_url_attr(n, a, v);
      if (a == Attr::id) {
        FUZZ_CHECK(starts_with(v, "lede-"), "id not made by Lede: " + v);
        FUZZ_CHECK(ids.insert(v).second, "duplicate id " + v);
      }
      if (a == Attr::for_ || a == Attr::aria_labelledby) refs.emplace_back(a, v);
    }
    if (const std::string* cls = n.attr(Attr::class_); cls && *cls == "lede-duration")
      FUZZ_CHECK(clock_text(dom.text_content(id)), "audio duration \"" + dom.text_content(id) + "\"");
    // Nesting an HTML parser would undo.
    if (closes_p(n.tag)) FUZZ_CHECK(!has_ancestor(dom, id, Tag::p), where + ": the parser would close the <p>");
    if (n.tag == Tag::a) FUZZ_CHECK(!has_ancestor(dom, id, Tag::a), "<a> inside <a>");
    if (n.tag == Tag::form) FUZZ_CHECK(!has_ancestor(dom, id, Tag::form), "<form> inside <form>");
    if (n.tag == Tag::button) FUZZ_CHECK(!has_ancestor(dom, id, Tag::button), "<button> inside <button>");
    if (is_heading(n.tag))
      for (int p = n.parent; p > 0; p = dom.nodes[p].parent)
        FUZZ_CHECK(!is_heading(dom.nodes[p].tag), "a heading inside a heading");
    if (n.tag == Tag::li) FUZZ_CHECK(dom.is(n.parent, Tag::ul) || dom.is(n.parent, Tag::ol), where);
    if (n.tag == Tag::dd || n.tag == Tag::dt) FUZZ_CHECK(dom.is(n.parent, Tag::dl), where);
    if (n.tag == Tag::tr)
      FUZZ_CHECK(dom.is(n.parent, Tag::thead) || dom.is(n.parent, Tag::tbody) || dom.is(n.parent, Tag::tfoot), where);
    if (n.tag == Tag::td || n.tag == Tag::th) FUZZ_CHECK(dom.is(n.parent, Tag::tr), where);
    if (n.tag == Tag::thead || n.tag == Tag::tbody || n.tag == Tag::tfoot || n.tag == Tag::caption)
      FUZZ_CHECK(dom.is(n.parent, Tag::table), where);
    if (n.tag == Tag::summary) FUZZ_CHECK(dom.is(n.parent, Tag::details), where);
    // Form controls exist only in the newsletter box that layout builds.
    if (n.tag == Tag::form || n.tag == Tag::input || n.tag == Tag::button || n.tag == Tag::label) {
      bool in_newsletter = false;
      for (int p = n.parent; p > 0; p = dom.nodes[p].parent) {
        const std::string* cls = dom.nodes[p].attr(Attr::class_);
        if (dom.nodes[p].tag == Tag::aside && cls && *cls == "lede-newsletter") in_newsletter = true;
      }
      FUZZ_CHECK(in_newsletter, where + " outside the newsletter box");
    }
  }
  for (const auto& [a, v] : refs)
    FUZZ_CHECK(ids.count(v), attr_str(a) + "=\"" + v + "\" names no element");
}

// Two lists of problems side by side: as many in each, and `same` of every pair.
template <typename Same>
void same_pairwise(const std::vector<const lede::Problem*>& a, const std::vector<const lede::Problem*>& b,
                   const char* what, Same same) {
  FUZZ_CHECK(a.size() == b.size(), std::string(what) + ": problem counts differ");
  for (std::size_t i = 0; i < a.size(); ++i)
    FUZZ_CHECK(same(*a[i], *b[i]), std::string(what) + ": " + a[i]->to_string() + " vs " + b[i]->to_string());
}

inline std::vector<const lede::Problem*> problems_of(const lede::Result& r) {
  std::vector<const lede::Problem*> out;
  for (const lede::Problem& p : r.problems) out.push_back(&p);
  return out;
}

// The same problems, in the same order.
inline void same_problems(const lede::Result& a, const lede::Result& b, const char* what) {
  same_pairwise(problems_of(a), problems_of(b), what, [](const lede::Problem& p, const lede::Problem& q) {
    return p.code == q.code && p.warning == q.warning && p.path == q.path && p.message == q.message &&
           p.line == q.line && p.column == q.column;
  });
}

// render_html and validate meet the same problems, except that validate is strict about
// Lede's own fields: a field render_html reads around with a warning (issue 19: one bad
// field never costs the article) is an error for validate. Errors come before warnings
// in a Result, so the strict list may be in another order: compared as sorted lists.
inline void same_problems_but_strict(const lede::Result& lenient, const lede::Result& strict, const char* what) {
  // A field validate refuses ends its reading there, so it may meet fewer problems after
  // it (a URL refused in the body it never laid out): then each of its problems is one
  // render_html met too, as an error or as that warning.
  bool refused_a_warned_field = false;
  for (const lede::Problem& q : strict.problems)
    for (const lede::Problem& p : lenient.problems)
      refused_a_warned_field |= !q.warning && p.warning && p.code == lede::ErrorCode::schema && p.path == q.path &&
                                p.message == q.message;
  if (refused_a_warned_field) {
    for (const lede::Problem& q : strict.problems) {
      bool met = false;
      for (const lede::Problem& p : lenient.problems)
        met |= p.path == q.path && p.message == q.message && p.line == q.line && p.column == q.column && p.code == q.code;
      FUZZ_CHECK(met, std::string(what) + ": validate met what render_html did not: " + q.to_string());
    }
    return;
  }
  auto key = [](const lede::Problem& p) {
    return std::make_tuple(p.path, p.message, p.line, p.column, static_cast<int>(p.code));
  };
  std::vector<const lede::Problem*> a = problems_of(lenient), b = problems_of(strict);
  auto by_key = [&](const lede::Problem* x, const lede::Problem* y) { return key(*x) < key(*y); };
  std::stable_sort(a.begin(), a.end(), by_key);
  std::stable_sort(b.begin(), b.end(), by_key);
  same_pairwise(a, b, what, [&](const lede::Problem& p, const lede::Problem& q) {
    return key(p) == key(q) && (p.warning == q.warning || (p.warning && !q.warning && p.code == lede::ErrorCode::schema));
  });
}

// Problems are well-formed: errors before warnings, positions inside the input.
inline void check_problems(const lede::Result& r, std::string_view input) {
  bool seen_warning = false;
  for (const lede::Problem& p : r.problems) {
    FUZZ_CHECK(!p.message.empty(), "a problem without a message");
    FUZZ_CHECK(!p.to_string().empty(), "a problem without text");
    FUZZ_CHECK(p.warning || !seen_warning, "an error after a warning");
    seen_warning |= p.warning;
    FUZZ_CHECK(static_cast<int>(p.code) >= 1 && static_cast<int>(p.code) <= 5, "problem code");
    if (p.code == lede::ErrorCode::syntax || p.code == lede::ErrorCode::too_deep) {
      FUZZ_CHECK(p.line >= 1 && p.column >= 1 && p.byte <= input.size(), p.to_string());
    }
  }
}

}  // namespace fuzz
