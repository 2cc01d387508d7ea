// Markdown body → document tree. md4c parses and calls back; each callback adds to the
// tree at its cursor. Raw HTML in the Markdown is never interpreted: it stays text.
#pragma once
#include <string_view>

#include "tree/document.hpp"

namespace lede {

// Appends the blocks of `markdown` (CommonMark with GFM tables, strikethrough, task
// lists and autolinks) to the current node of `doc`.
void markdown_to_tree(std::string_view markdown, Document& doc);

}  // namespace lede
