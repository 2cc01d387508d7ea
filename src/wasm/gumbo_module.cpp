// web/dist/lede-gumbo.wasm: what reads the HTML lede-html.wasm's quick parser gives up on
// — gumbo and its walk into HTML events, and the lenient reader (for HTML on which
// gumbo's work would not stay linear, and for titles: html/lenient_html_parser.hpp) — and
// HTML5's full table of named references; nothing else of the core. lede-html.wasm hands
// it that HTML (through two functions web/lede.js imports into lede-html.wasm) and reads
// back the events in their byte form (html/html_events.hpp), and asks it for the named
// references outside HTML 4's (tree/entities.hpp, set_entity_fallback), so that the
// pages whose HTML the quick parser reads, most of them, never download this module.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "html/gumbo_events.hpp"
#include "html/html_events.hpp"
#include "html/lenient_html_parser.hpp"
#include "tree/entities.hpp"

#define LEDE_EXPORT(name) extern "C" __attribute__((export_name(#name)))

namespace {
std::string g_events;
// A bare name asked for (at most 32 bytes: no HTML5 name is longer) and its code points.
struct {
  char name[32];
  std::uint32_t codepoints[2];
} g_entity;
}  // namespace

LEDE_EXPORT(lede_gumbo_alloc) void* lede_gumbo_alloc(std::size_t size) { return std::malloc(size ? size : 1); }

static bool gumbo(std::string_view html, lede::HtmlSink& sink) {
  lede::gumbo_html_events(html, sink);
  return true;
}

// Reads `size` bytes of HTML at `html` (from lede_gumbo_alloc; freed here) as
// read_given_up_html does (the lenient reader alone if `lenient_only`) and returns the
// size of its events and one byte after them, HtmlFallbackNotes (1: lenient, 2:
// attributes dropped), at lede_gumbo_data() until lede_gumbo_clear().
LEDE_EXPORT(lede_gumbo_parse) std::size_t lede_gumbo_parse(char* html, std::size_t size, int lenient_only) {
  g_events.clear();
  lede::HtmlFallbackNotes notes;
  {
    lede::HtmlEventWriter writer(g_events);
    lede::read_given_up_html(std::string_view(html, size), lenient_only != 0, writer, notes, gumbo);
  }
  std::free(html);
  g_events += notes.to_byte();
  return g_events.size();
}

LEDE_EXPORT(lede_gumbo_data) const char* lede_gumbo_data() { return g_events.data(); }

// Memory never shrinks, but what it holds is given back for the next parse.
LEDE_EXPORT(lede_gumbo_clear) void lede_gumbo_clear() { std::string().swap(g_events); }

// Where web/lede.js writes a name for lede_gumbo_entity, and reads its code points after.
LEDE_EXPORT(lede_gumbo_entity_slot) void* lede_gumbo_entity_slot() { return &g_entity; }

// Looks up the `size` bytes of name in the slot: 1 with its code points there, else 0.
LEDE_EXPORT(lede_gumbo_entity) int lede_gumbo_entity(std::size_t size) {
  unsigned long first = 0, second = 0;
  if (size > sizeof g_entity.name || !lede::lookup_entity(std::string_view(g_entity.name, size), first, second)) return 0;
  g_entity.codepoints[0] = static_cast<std::uint32_t>(first);
  g_entity.codepoints[1] = static_cast<std::uint32_t>(second);
  return 1;
}
