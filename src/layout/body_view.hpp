// Step 3b: the body's parts → document tree. Every part goes through the same tree:
// Markdown through md4c (markdown/), plain text as paragraphs, and, in builds that have
// them (extensions.hpp), HTML (html/) and structured parts (headings, quotes, photos…
// from Apple News) through html/rich_parts.cpp.
#pragma once
#include <string_view>
#include <vector>

#include "extensions.hpp"
#include "input/article.hpp"
#include "lede/lede.hpp"
#include "tree/document.hpp"

namespace lede {

// Appends the parts to the current node of `doc` (the body). Problems in a part are
// named by the part's path. Returns false after an error (nesting past the limit, or
// a part this build cannot lay out: HTML and structured parts need ext.rich_part).
bool body_to_tree(const std::vector<BodyPart>& parts, Document& doc, const Options& options,
                  const Extensions& ext, std::vector<Problem>& problems);

// Plain text: a paragraph per run of lines between blank lines. Never markup.
void text_to_tree(std::string_view text, Document& doc);

// The error for input this build cannot read (a member of Extensions it lacks).
void needs_html_parser(const std::string& path, std::vector<Problem>& problems);

}  // namespace lede
