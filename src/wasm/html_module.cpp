// web/dist/lede-html.wasm: the core with HTML bodies and the other formats. gumbo, for
// the HTML the quick parser gives up on, and expat, for RSS and Atom feeds, are modules of
// their own (lede-gumbo.wasm, lede-xml.wasm: gumbo_module.cpp, xml_module.cpp), each
// reached through two functions web/lede.js supplies; -1 from the first says the module
// is not loaded yet, which becomes a needs_html_parser error naming it (renderAsync
// loads it and renders again).
#include <string>

#include "html/rich_parts.hpp"
#include "input/adapters/adapters.hpp"
#include "input/adapters/xml.hpp"
#include "input/formats.hpp"
#include "layout/body_view.hpp"
#include "wasm/exports.hpp"

extern "C" {
// The size of the events of `size` bytes of HTML parsed by lede-gumbo.wasm, or -1.
__attribute__((import_module("env"), import_name("lede_gumbo_parse"))) long lede_gumbo_parse(const char* html,
                                                                                               std::size_t size);
// Copies those events to `out` (as many bytes as lede_gumbo_parse said).
__attribute__((import_module("env"), import_name("lede_gumbo_take"))) void lede_gumbo_take(char* out);
// The size of read_xml()'s outcome for `size` bytes of XML read by lede-xml.wasm within
// the two limits it takes, or -1.
__attribute__((import_module("env"), import_name("lede_xml_parse"))) long lede_xml_parse(const char* xml,
                                                                                           std::size_t size,
                                                                                           std::size_t max_input_bytes,
                                                                                           std::size_t max_depth);
// Copies that outcome to `out`.
__attribute__((import_module("env"), import_name("lede_xml_take"))) void lede_xml_take(char* out);
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

bool xml_module(std::string_view xml, const lede::Limits& limits, lede::XmlNode& root, lede::Problem& error) {
  long size = lede_xml_parse(xml.data(), xml.size(), limits.max_input_bytes, limits.max_json_depth);
  if (size < 0) {
    error.code = lede::ErrorCode::needs_html_parser;
    error.message = "a feed needs lede-xml.wasm (renderAsync loads it)";
    return false;
  }
  std::string outcome(static_cast<std::size_t>(size), '\0');
  lede_xml_take(outcome.data());
  return lede::read_xml_outcome(outcome, root, error);
}

void read_feed(std::string_view xml, const lede::Options& options, lede::Article& article,
               std::vector<lede::Problem>& problems) {
  lede::read_xml_article(xml_module, xml, options, article, problems);
}

}  // namespace

LEDE_EXPORT(lede_render) int lede_render(char* json, std::size_t size, int format) {
  static const lede::Extensions html{lede::read_foreign_article, read_feed, lede::resolve_urls, lede::rich_part_to_tree,
                                     gumbo};
  return lede_wasm::render(json, size, format, html);
}
