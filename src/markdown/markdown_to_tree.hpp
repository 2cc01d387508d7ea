// Markdown body → document tree. md4c parses and calls back; each callback adds to the
// tree at its cursor. Raw HTML in the Markdown is never interpreted: it stays text.
#pragma once
#include <string_view>

#include <vector>

#include "lede/lede.hpp"
#include "tree/document.hpp"

namespace lede {

// Appends the blocks of `markdown` (CommonMark with GFM tables, strikethrough, task
// lists and autolinks) to the current node of `doc`. Links and images whose URL is
// refused are reported to `warnings`, if given, as problems of the "body" field.
void markdown_to_tree(std::string_view markdown, Document& doc,
                      std::vector<Problem>* warnings = nullptr);

}  // namespace lede
