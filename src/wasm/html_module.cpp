// web/dist/lede-html.wasm: the core with HTML bodies, the other formats and gumbo, for
// the HTML the quick parser gives up on.
#include "html/gumbo_events.hpp"
#include "input/formats.hpp"
#include "layout/body_view.hpp"
#include "layout/rich_parts.hpp"
#include "wasm/exports.hpp"

namespace {

bool gumbo(std::string_view html, lede::HtmlSink& sink) {
  lede::gumbo_html_events(html, sink);
  return true;
}

}  // namespace

LEDE_EXPORT(lede_render) int lede_render(char* json, std::size_t size, int format) {
  static const lede::Extensions html{lede::read_foreign_article, lede::read_xml_article, lede::resolve_urls,
                                     lede::rich_part_to_tree, gumbo};
  return lede_wasm::render(json, size, format, html);
}
