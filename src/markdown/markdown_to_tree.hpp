// Markdown body → document tree. md4c parses and calls back; each callback adds to the
// tree at its cursor. Raw HTML in the Markdown is never interpreted: it stays text.
// md4c is reached through a MarkdownParser (Extensions::markdown): md_parse itself where
// md4c is linked in (natively, web/dist/lede.wasm), or in lede-html.wasm a function that
// has web/dist/lede-markdown.wasm run md4c and replays its callbacks from their byte form
// (markdown_events.hpp). Either way the same callbacks below build the tree.
#pragma once
#include <string_view>

#include <vector>

#include "lede/lede.hpp"
#include "tree/document.hpp"

struct MD_PARSER;  // md4c.h

namespace lede {

// md_parse's signature: md4c's callbacks in `parser` are called for `text`, with its flags.
// Its result is not read: lede-html.wasm, whose md4c may be missing (lede-markdown.wasm not
// loaded) or stopped (its callbacks' bytes past the output limit), refuses the article
// itself once the render is done (html_module.cpp), so that lede.wasm carries no code for it.
using MarkdownParser = int (*)(const char* text, unsigned size, const MD_PARSER* parser, void* userdata);

struct MarkdownOptions {
  std::size_t max_depth = 64;   // nested elements, counted from the insertion point
  bool keep_safe_html = false;  // see Options::keep_safe_html
};

// Appends the blocks of `markdown` (CommonMark with GFM tables, strikethrough, task
// lists and autolinks) to the current node of `doc`. Links and images whose URL is
// refused are added to `problems` as warnings of the "body" field. Past max_depth
// nothing deeper opens an element: its text joins the deepest one, with one warning.
// md4c runs as `parse`. False with ErrorCode::needs_html_parser if `parse` is null.
bool markdown_to_tree(std::string_view markdown, Document& doc, const MarkdownOptions& options,
                      std::vector<Problem>& problems, MarkdownParser parse);

}  // namespace lede
