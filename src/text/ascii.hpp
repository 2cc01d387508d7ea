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

inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// Each run of HTML white space as one space, none at either end: text as a browser would
// show it inline (titles, alt text, names).
inline std::string collapse_spaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    bool space = is_html_space(c);
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
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
