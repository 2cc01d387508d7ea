// md4c's callbacks through their byte form (markdown/markdown_events.hpp) and back, in
// one process: what lede-html.wasm does with lede-markdown.wasm, as an Extensions::markdown
// for the native pipeline (the unit tests and fuzz_markdown compare it with md_parse).
#pragma once
#include <cstdint>
#include <string>

#include "extensions.hpp"
#include "markdown/markdown_events.hpp"
#include "pipeline.hpp"

extern "C" {
#include "md4c.h"
}

namespace test {

inline int markdown_through_stream(const char* text, unsigned size, const MD_PARSER* parser, void* userdata) {
  std::string events;
  int r = lede::write_markdown_events(std::string_view(text, size), parser->flags, events, SIZE_MAX);
  if (r == lede::kMarkdownStreamTooLarge) return r;
  return lede::read_markdown_events(events, *parser, userdata);
}

// The native extensions with md4c's callbacks replayed from the stream.
inline const lede::Extensions& stream_extensions() {
  static const lede::Extensions ext = [] {
    lede::Extensions e = lede::native_extensions();
    e.markdown = markdown_through_stream;
    return e;
  }();
  return ext;
}

}  // namespace test
