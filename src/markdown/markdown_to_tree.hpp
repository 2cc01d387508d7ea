// Markdown body → document tree. md4c parses and calls back; each callback adds to the
// tree at its cursor. Raw HTML in the Markdown is never interpreted: it stays text.
#pragma once
#include <string_view>

#include <vector>

#include "lede/lede.hpp"
#include "tree/document.hpp"

namespace lede {

struct MarkdownOptions {
  std::size_t max_depth = 64;   // nested elements, counted from the insertion point
  bool keep_safe_html = false;  // see Options::keep_safe_html
};

// Appends the blocks of `markdown` (CommonMark with GFM tables, strikethrough, task
// lists and autolinks) to the current node of `doc`. Links and images whose URL is
// refused are added to `problems` as warnings of the "body" field. Past max_depth
// nothing deeper opens an element: its text joins the deepest one, with one warning.
// Returns true (false was an error; there is none left).
bool markdown_to_tree(std::string_view markdown, Document& doc, const MarkdownOptions& options,
                      std::vector<Problem>& problems);

}  // namespace lede
