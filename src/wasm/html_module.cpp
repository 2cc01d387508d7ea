// web/dist/lede-html.wasm: the core with HTML bodies and the other formats. gumbo, for
// the HTML the quick parser gives up on, and expat with the feed adapters, for RSS and
// Atom feeds, are modules of their own (lede-gumbo.wasm, lede-xml.wasm: gumbo_module.cpp,
// xml_module.cpp), each reached through two functions web/lede.js supplies; -1 from the
// first says the module is not loaded yet, which becomes a needs_html_parser error
// naming it (renderAsync loads it and renders again).
#include <cstdint>
#include <string>

#include "html/rich_parts.hpp"
#include "input/adapters/adapters.hpp"
#include "input/adapters/article_outcome.hpp"
#include "input/formats.hpp"
#include "layout/body_view.hpp"
#include "tree/entities.hpp"
#include "wasm/exports.hpp"

extern "C" {
// The size of the events of `size` bytes of HTML parsed by lede-gumbo.wasm, or -1.
__attribute__((import_module("env"), import_name("lede_gumbo_parse"))) long lede_gumbo_parse(const char* html,
                                                                                               std::size_t size);
// Copies those events to `out` (as many bytes as lede_gumbo_parse said).
__attribute__((import_module("env"), import_name("lede_gumbo_take"))) void lede_gumbo_take(char* out);
// The size of the article lede-xml.wasm read from a feed request of `size` bytes
// (article_outcome.hpp), or -1.
__attribute__((import_module("env"), import_name("lede_xml_parse"))) long lede_xml_parse(const char* request,
                                                                                           std::size_t size);
// Copies that outcome to `out`.
__attribute__((import_module("env"), import_name("lede_xml_take"))) void lede_xml_take(char* out);
// A named reference outside HTML 4's, looked up in lede-gumbo.wasm's full table: 1 with
// its two code points at `out`, 0 for a name in no list, -1 if that module is not loaded.
__attribute__((import_module("env"), import_name("lede_entity"))) int lede_entity(const char* name, std::size_t size,
                                                                                   std::uint32_t* out);
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

int entity(std::string_view name, unsigned long& first, unsigned long& second) {
  std::uint32_t out[2] = {0, 0};
  int found = lede_entity(name.data(), name.size(), out);
  first = out[0];
  second = out[1];
  return found;
}

void read_feed(std::string_view xml, const lede::Options& options, lede::Article& article,
               std::vector<lede::Problem>& problems) {
  std::string request;
  lede::write_feed_request(xml, options, request);
  long size = lede_xml_parse(request.data(), request.size());
  if (size < 0) {
    problems.push_back(lede::Problem{lede::ErrorCode::needs_html_parser, false, "",
                                     "a feed needs lede-xml.wasm (renderAsync loads it)"});
    return;
  }
  std::string().swap(request);
  std::string outcome(static_cast<std::size_t>(size), '\0');
  lede_xml_take(outcome.data());
  lede::read_article_outcome(outcome, article, problems);
}

}  // namespace

LEDE_EXPORT(lede_render) int lede_render(char* json, std::size_t size, int format) {
  static const lede::Extensions html{lede::read_foreign_article, read_feed, lede::resolve_urls, lede::rich_part_to_tree,
                                     gumbo};
  lede::set_entity_fallback(entity);
  return lede_wasm::render(json, size, format, html);
}
