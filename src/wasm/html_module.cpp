// web/dist/lede-html.wasm: the core with HTML bodies and the other formats. gumbo, for
// the HTML the quick parser gives up on, is a module of its own (lede-gumbo.wasm, see
// gumbo_module.cpp), reached through two functions web/lede.js supplies.
#include <string>

#include "input/formats.hpp"
#include "layout/body_view.hpp"
#include "layout/rich_parts.hpp"
#include "wasm/exports.hpp"

extern "C" {
// The size of the events of `size` bytes of HTML parsed by lede-gumbo.wasm, or -1 while
// that module is not loaded (renderAsync loads it on the needs_html_parser this gives).
__attribute__((import_module("env"), import_name("lede_gumbo_parse"))) long lede_gumbo_parse(const char* html,
                                                                                               std::size_t size);
// Copies those events to `out` (as many bytes as lede_gumbo_parse said).
__attribute__((import_module("env"), import_name("lede_gumbo_take"))) void lede_gumbo_take(char* out);
}

namespace {

bool gumbo(std::string_view html, lede::HtmlSink& sink) {
  long size = lede_gumbo_parse(html.data(), html.size());
  if (size < 0) return false;
  std::string events(static_cast<std::size_t>(size), '\0');
  lede_gumbo_take(events.data());
  lede::read_html_events(events, sink);
  return true;
}

}  // namespace

LEDE_EXPORT(lede_render) int lede_render(char* json, std::size_t size, int format) {
  static const lede::Extensions html{lede::read_foreign_article, lede::read_xml_article, lede::resolve_urls,
                                     lede::rich_part_to_tree, gumbo};
  return lede_wasm::render(json, size, format, html);
}
