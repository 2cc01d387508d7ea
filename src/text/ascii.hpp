// Small text helpers every stage shares, one definition per meaning, instead of a private
// copy in each file (the copies had drifted apart: four whitespace sets for one idea).
//
// White space here is HTML's, "ASCII whitespace" in the WHATWG's Infra standard: tab,
// LF, FF, CR and space. JSON's own set (no FF) decides what a blank field is
// (input/fields.hpp's is_blank), and the quick HTML parser's set has no CR, which it leaves
// to gumbo (html/serialized_html_parser.cpp).
#pragma once
#include <string>
#include <string_view>

namespace lede {

inline bool is_html_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

// JSON's white space (RFC 8259): HTML's without FF.
inline bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A hexadecimal digit's value, either case, or -1.
inline int hex_value(char c) {
  return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// Each run of HTML white space as one space, none at either end: text as a browser would
// show it inline (titles, alt text, names).
inline std::string collapse_spaces(std::string_view s) {
  // Written through a pointer into a buffer of the input's size: a push_back a byte was a
  // call with a capacity check each in wasm.
  std::string out(s.size(), '\0');
  char* begin = out.data();
  char* o = begin;
  bool space = false;  // white space since the last character written
  for (char c : s) {
    if (is_html_space(c)) {
      space = o != begin;
      continue;
    }
    if (space) *o++ = ' ';
    space = false;
    *o++ = c;
  }
  out.resize(static_cast<std::size_t>(o - begin));
  return out;
}

// BCP 47 in shape only: letters, digits and hyphens, starting with a letter.
inline bool looks_like_language_tag(std::string_view s) {
  if (s.empty() || s.size() > 35) return false;
  if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'))) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
      return false;
  return true;
}

}  // namespace lede
