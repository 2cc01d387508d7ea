// web/dist/lede-markdown.wasm: md4c and the writer of its callbacks' byte form
// (markdown/markdown_events.hpp); nothing of the core. lede-html.wasm hands it Markdown
// with md4c's flags (through two functions web/lede.js imports into lede-html.wasm) and
// replays the callbacks into its tree builder, so that a page showing a WordPress post
// never downloads md4c: lede-html.wasm needs it only for Markdown bodies (Lede's own
// format after an HTML article, Apple News's Markdown components). lede.wasm, for pages
// showing Markdown, keeps md4c linked in.
#include <cstdlib>
#include <string>

#include "markdown/markdown_events.hpp"

#define LEDE_EXPORT(name) extern "C" __attribute__((export_name(#name)))

namespace {
std::string g_events;
}  // namespace

LEDE_EXPORT(lede_markdown_alloc) void* lede_markdown_alloc(std::size_t size) { return std::malloc(size ? size : 1); }

// Parses `size` bytes of Markdown at `markdown` (from lede_markdown_alloc; freed here)
// with md4c's `flags` and returns the size of its callbacks' byte form, at
// lede_markdown_data() until lede_markdown_clear(); or kMarkdownStreamTooLarge (-3) once
// that passes `max_bytes` (nothing is kept then).
LEDE_EXPORT(lede_markdown_parse) long lede_markdown_parse(char* markdown, std::size_t size, unsigned flags,
                                                          std::size_t max_bytes) {
  g_events.clear();
  int r = lede::write_markdown_events(std::string_view(markdown, size), flags, g_events, max_bytes);
  std::free(markdown);
  if (r == lede::kMarkdownStreamTooLarge) {
    std::string().swap(g_events);
    return r;
  }
  return static_cast<long>(g_events.size());
}

LEDE_EXPORT(lede_markdown_data) const char* lede_markdown_data() { return g_events.data(); }

// Memory never shrinks, but what it holds is given back for the next parse.
LEDE_EXPORT(lede_markdown_clear) void lede_markdown_clear() { std::string().swap(g_events); }
