// What a front door adds to the core, said in one place per build instead of chosen at
// link time. The core (lede_core: Lede's own format, Markdown, layout, the writers) calls
// these where it meets what it cannot read itself; a member left null makes that input an
// ErrorCode::needs_html_parser error, which is how web/dist/lede.wasm (the core alone)
// hands an article over to web/dist/lede-html.wasm.
//
//   front door                         read_foreign, read_xml,  rich_part  gumbo             markdown
//                                      resolve_urls
//   lede CLI, tests, site (lede.cpp)   adapters, feeds with    HTML       linked in         md4c linked in
//                                      expat linked in
//   web/dist/lede.wasm                 -                       -          -                 md4c linked in
//   web/dist/lede-html.wasm            adapters, feeds with    HTML       lede-gumbo.wasm,  lede-markdown.wasm,
//                                      lede-xml.wasm's expat              through JS        through JS
//                                      through JS
#pragma once
#include <string_view>
#include <vector>

#include "html/html_events.hpp"
#include "input/article.hpp"
#include "input/json_value.hpp"
#include "lede/lede.hpp"
#include "markdown/markdown_to_tree.hpp"
#include "tree/document.hpp"

namespace lede {

struct Extensions {
  // An article in another JSON format (input/adapters/): Readability, JSON Feed,
  // WordPress, schema.org, Apple News; the item Options::item of a feed or list.
  void (*read_foreign)(const JsonValue& json, const Options& options, Article& article,
                       std::vector<Problem>& problems, bool strict) = nullptr;
  // An item of an RSS or Atom feed (input/adapters/xml.cpp, expat).
  void (*read_xml)(std::string_view xml, const Options& options, Article& article,
                   std::vector<Problem>& problems) = nullptr;
  // The body's relative URLs resolved against the article's base (only other formats
  // give one: input/adapters/base_url.cpp).
  void (*resolve_urls)(Document& doc, NodeId top, std::string_view base) = nullptr;
  // A body part of HTML or of a structured kind (html/rich_parts.cpp). False after an
  // error.
  bool (*rich_part)(const BodyPart& part, Document& doc, const Options& options, const Extensions& ext,
                    std::vector<Problem>& problems) = nullptr;
  // gumbo's HTML events (html/gumbo_events.hpp), or the lenient reader's, for HTML the
  // quick parser gives up on (HtmlFallback, html/html_events.hpp); false if they are not
  // at hand yet.
  HtmlFallback gumbo = nullptr;
  // md4c (markdown/markdown_to_tree.hpp): md_parse where it is linked in; in lede-html.wasm
  // md4c's callbacks replayed from lede-markdown.wasm (html_module.cpp, which refuses the
  // article with needs_html_parser naming it until it is loaded).
  MarkdownParser markdown = nullptr;
};

}  // namespace lede
