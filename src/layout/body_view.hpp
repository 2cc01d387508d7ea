// Step 3b: the body's parts → document tree. Every part goes through the same tree:
// Markdown through md4c (markdown/), HTML through gumbo (html/), plain text as
// paragraphs, structured parts (headings, quotes, photos… from Apple News) as elements.
#pragma once
#include <string_view>
#include <vector>

#include "input/article.hpp"
#include "lede/lede.hpp"
#include "tree/document.hpp"

namespace lede {

// Appends the parts to the current node of `doc` (the body). Problems in a part are
// named by the part's path. Returns false after an error (nesting past the limit, or
// a part this build cannot lay out).
bool body_to_tree(const std::vector<BodyPart>& parts, Document& doc, const Options& options,
                  std::vector<Problem>& problems);

// Plain text: a paragraph per run of lines between blank lines. Never markup.
void text_to_tree(std::string_view text, Document& doc);

// HTML and the structured kinds (layout/rich_parts.cpp). A build without the HTML
// parser (web/dist/lede.wasm) links src/wasm/markdown_only.cpp instead, which reports
// ErrorCode::needs_html_parser.
bool rich_part_to_tree(const BodyPart& part, Document& doc, const Options& options,
                       std::vector<Problem>& problems);

// Resolves the relative href, src and action URLs under `top` against `base`
// (Article::base; src/input/adapters/base_url.cpp), judged by the URL policy again.
// In-page links (#…) stay. lede.wasm links a stub from src/wasm/markdown_only.cpp:
// only other formats set a base.
void resolve_urls(Document& doc, NodeId top, std::string_view base);

}  // namespace lede
