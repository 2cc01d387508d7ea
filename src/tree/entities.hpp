// HTML character references: "&amp;", "&#233;", "&#xE9;".
#pragma once
#include <string>
#include <string_view>

namespace lede {

// Appends the UTF-8 encoding of `codepoint`, or U+FFFD where HTML would substitute it
// (NUL, surrogates, values past U+10FFFF).
void append_utf8(std::string& out, unsigned long codepoint);

// Decodes one complete reference (including '&' and ';') as md4c reports it. Returns
// false, appending nothing, if it is not a known reference.
bool decode_entity(std::string_view ref, std::string& out);

// Decodes every reference in `text` the way an HTML attribute value would, including
// numeric references without the closing ';' ("&#106avascript:"). Used to judge URLs
// by what a browser would see if the text ever went through an HTML parser.
std::string decode_entities(std::string_view text);

// web/dist/lede.wasm knows only the common names (HTML 4's and &apos;; see
// scripts/gen-entities.mjs). A lookup there that meets a name it lacks but the HTML5
// list may have records it, and the wasm front door refuses the article with
// ErrorCode::needs_html_parser, so that lede-html.wasm, with every name, renders it as
// it always did. Returns the first such name since the last call ("" if none; always
// "" with the full table) and forgets it.
std::string take_missing_entity();

}  // namespace lede
