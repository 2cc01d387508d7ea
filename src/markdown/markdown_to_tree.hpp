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
// Returns 0, md4c's -1 (out of memory), a callback's non-zero return, or:
using MarkdownParser = int (*)(const char* text, unsigned size, const MD_PARSER* parser, void* userdata);
constexpr int kNoMarkdownParser = -2;  // md4c is not at hand yet (lede-markdown.wasm not loaded)
// kMarkdownStreamTooLarge (-3, markdown_events.hpp): the callbacks' byte form passed the
// output limit before md4c was done (only with lede-markdown.wasm).

struct MarkdownOptions {
  std::size_t max_depth = 64;   // nested elements, counted from the insertion point
  bool keep_safe_html = false;  // see Options::keep_safe_html
};

// Appends the blocks of `markdown` (CommonMark with GFM tables, strikethrough, task
// lists and autolinks) to the current node of `doc`. Links and images whose URL is
// refused are added to `problems` as warnings of the "body" field. Past max_depth
// nothing deeper opens an element: its text joins the deepest one, with one warning.
// md4c runs as `parse` (null: none at hand). False with an error if there was no md4c to
// parse it (ErrorCode::needs_html_parser, naming lede-markdown.wasm) or its callbacks'
// byte form was too large (ErrorCode::output_limit).
bool markdown_to_tree(std::string_view markdown, Document& doc, const MarkdownOptions& options,
                      std::vector<Problem>& problems, MarkdownParser parse);

}  // namespace lede
