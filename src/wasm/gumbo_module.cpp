// web/dist/lede-gumbo.wasm: gumbo and its walk into HTML events, and nothing of the core.
// lede-html.wasm hands it the HTML its quick parser gives up on (through two functions
// web/lede.js imports into lede-html.wasm) and reads back the events in their byte form
// (html/html_events.hpp), so that the pages whose HTML the quick parser reads, most of
// them, never download gumbo.
#include <cstdlib>
#include <string>

#include "html/gumbo_events.hpp"
#include "html/html_events.hpp"

#define LEDE_EXPORT(name) extern "C" __attribute__((export_name(#name)))

namespace {
std::string g_events;
}  // namespace

LEDE_EXPORT(lede_gumbo_alloc) void* lede_gumbo_alloc(std::size_t size) { return std::malloc(size ? size : 1); }

// Parses `size` bytes of HTML at `html` (from lede_gumbo_alloc; freed here) and returns
// the size of its events, at lede_gumbo_data() until lede_gumbo_clear().
LEDE_EXPORT(lede_gumbo_parse) std::size_t lede_gumbo_parse(char* html, std::size_t size) {
  g_events.clear();
  {
    lede::HtmlEventWriter writer(g_events);
    lede::gumbo_html_events(std::string_view(html, size), writer);
  }
  std::free(html);
  return g_events.size();
}

LEDE_EXPORT(lede_gumbo_data) const char* lede_gumbo_data() { return g_events.data(); }

// Memory never shrinks, but what it holds is given back for the next parse.
LEDE_EXPORT(lede_gumbo_clear) void lede_gumbo_clear() { std::string().swap(g_events); }
