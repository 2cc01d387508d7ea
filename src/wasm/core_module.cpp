// web/dist/lede.wasm: the core alone. Lede's own format with Markdown or plain text
// bodies; any other article is refused with needs_html_parser, and web/lede.js renders
// it with lede-html.wasm.
// md4c is linked in: a Markdown page loads this module alone (scripts/size-report.mjs).
#include "wasm/exports.hpp"

extern "C" {
#include "md4c.h"
}

LEDE_EXPORT(lede_render) int lede_render(char* json, std::size_t size, int format) {
  static const lede::Extensions markdown_only = [] {
    lede::Extensions ext;
    ext.markdown = md_parse;
    return ext;
  }();
  return lede_wasm::render(json, size, format, markdown_only);
}
