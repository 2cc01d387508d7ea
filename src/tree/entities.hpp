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

// web/dist/lede.wasm and lede-html.wasm know only the common names (HTML 4's and
// &apos;; see scripts/gen-entities.mjs). A lookup there that meets a name it lacks but
// the HTML5 list may have, and that no fallback answers, records it, and the wasm front
// door refuses the article with ErrorCode::needs_html_parser, so that the module with
// the full table renders it as it always did (lede.wasm: lede-html.wasm; lede-html.wasm:
// itself once lede-gumbo.wasm is loaded). Returns the first such name since the last
// call ("" if none; always "" with the full table) and forgets it.
std::string take_missing_entity();

// Who looks up the names a common table leaves out: lede-html.wasm, which links the
// common table too, asks lede-gumbo.wasm's full table through web/lede.js
// (src/wasm/html_module.cpp). Returns 1 with the name's code points (second 0 if it has
// one), 0 for a name in no list, -1 when it cannot tell yet (lede-gumbo.wasm is not
// loaded): the name is then remembered for take_missing_entity(). Never set natively
// nor in lede.wasm; with the full table it is never asked.
using EntityFallback = int (*)(std::string_view name, unsigned long& first, unsigned long& second);
void set_entity_fallback(EntityFallback fallback);

// This build's table's lookup of a bare name ("ngE" for "&ngE;"), for the module that
// answers a fallback (src/wasm/gumbo_module.cpp, with the full table).
bool lookup_entity(std::string_view name, unsigned long& first, unsigned long& second);

}  // namespace lede
