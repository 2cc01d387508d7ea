// HTML body → document tree. A producer of HTML events (html_events.hpp: the quick
// parser, gumbo, the lenient reader) fills an HtmlTree; one walk over it adds to the
// document tree at its cursor, through the Document API only (open, text, set, set_url). Nothing of the input HTML reaches the output otherwise:
// no attribute is copied by name, no markup is passed through, nothing is re-parsed.
//
// What is kept: text; paragraphs, headings, lists, definition lists, block quotes,
// figures and captions, tables, code blocks (with their language), details; inline
// emphasis, code, sub/sup, abbr, time, del/ins, mark, q, cite, small, links (by the URL
// policy) and images (lazy ones too: data-src, srcset, <noscript> fallbacks). Math
// becomes <code class="lede-math"> (TeX if given), embedded video a link card. Wrappers
// (div, span, section, font…) are unwrapped; script, style, forms, svg and the like are
// dropped with their content. The result re-parses to the same DOM (see the browser
// tests): blocks never land inside a paragraph, table parts only inside tables.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "html/html_events.hpp"
#include "lede/lede.hpp"
#include "tree/document.hpp"

namespace lede {

struct HtmlOptions {
  std::size_t max_depth = 64;  // nested output elements; deeper ones are unwrapped
  std::string path = "body";   // names the field in warnings
  // gumbo or the lenient reader, for HTML the quick parser gives up on (HtmlFallback,
  // html_events.hpp). Without it, or if it cannot read (a browser before lede-gumbo.wasm
  // is loaded), the body is refused with ErrorCode::needs_html_parser.
  HtmlFallback gumbo = nullptr;
  // false: gumbo reads everything, the quick parser nothing (for tests that compare them).
  bool quick_parser = true;
};

// Appends the HTML fragment's content to the current node of `doc`, which must accept
// blocks (the body, a block quote). Refused link and image URLs are warnings; nothing
// in HTML is an error: this fails only when the HTML needs `gumbo` and it cannot parse.
bool html_to_tree(std::string_view html, Document& doc, const HtmlOptions& options,
                  std::vector<Problem>& problems);

// The same for HTML already read into events, in their byte form (html_events.hpp): from
// a producer outside the core, such as a browser extension walking a DOM it has.
void html_events_to_tree(std::string_view events, Document& doc, const HtmlOptions& options,
                         std::vector<Problem>& problems);

// The text of an HTML fragment, as a browser would show it on one line: character
// references decoded, tags and the content of script and style dropped, white space
// collapsed. For titles and names that publishers send as HTML (WordPress). Read by the
// quick parser, or else the lenient reader (never gumbo, so that every build reads a
// title alike), which is the front door's (set_html_text_reader). Without it, or if it
// cannot read here (a browser before lede-gumbo.wasm is loaded), the text is empty and
// take_html_text_unread() says so: the front door then refuses the article with
// needs_html_parser (src/wasm/html_module.cpp).
std::string html_to_text(std::string_view html);
void set_html_text_reader(HtmlFallback reader);
bool take_html_text_unread();

// A link standing in for embedded content: <p class="lede-embed"><a>label</a></p>, or
// the bare <a class="lede-embed"> where only inline content may go. Nothing if the URL
// is refused.
void link_card(Document& doc, std::string_view url, std::string_view label, bool inline_only);

}  // namespace lede
