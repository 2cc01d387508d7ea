// web/dist/lede.wasm: the core alone. Lede's own format with Markdown or plain text
// bodies; any other article is refused with needs_html_parser, and web/lede.js renders
// it with lede-html.wasm.
#include "wasm/exports.hpp"

LEDE_EXPORT(lede_render) int lede_render(char* json, std::size_t size, int format) {
  static const lede::Extensions none;
  return lede_wasm::render(json, size, format, none);
}
