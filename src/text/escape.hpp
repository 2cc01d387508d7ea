// Text escaped for the formats Lede writes besides HTML: the feeds and sitemaps of
// `lede site`, and article JSON (output/article_json.cpp). XML 1.0 cannot hold every
// character (its Char production leaves out the C0 controls but tab, LF and CR, U+FFFE
// and U+FFFF), and no XML or JSON reader takes bytes that are not UTF-8. Article fields
// come from JSON and are UTF-8, but may hold any of those characters (a title "T\u0001"),
// and the site's name and address come from the command line, which may hold any bytes.
// Each writer below therefore drops what its format cannot hold and replaces each
// ill-formed UTF-8 sequence by U+FFFD (one per maximal ill-formed subsequence, as
// WHATWG's decoder does).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace lede {

// The code point at s[i], advancing i past it; -1 for an ill-formed sequence (i then
// past its maximal subpart, at least one byte).
std::int32_t next_code_point(std::string_view s, std::size_t& i);

// Character data for an XML 1.0 element: & < > escaped, CR as &#13; (a parser would read
// a raw one as LF), every character XML cannot hold dropped.
void append_xml_text(std::string& out, std::string_view text);
std::string xml_text(std::string_view text);

// A JSON string literal, quotes included: valid UTF-8 whatever `text` holds.
void append_json_string(std::string& out, std::string_view text);
std::string json_string(std::string_view text);

// `text` as valid UTF-8 (for HTML, which can hold any character but not broken bytes).
std::string valid_utf8(std::string_view text);

}  // namespace lede
