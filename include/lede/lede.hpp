// Lede: an article in JSON (Lede's own format or another's) or a feed in XML (RSS, Atom)
// in, safe HTML or DOM operations out. Every `json` parameter below takes either: an
// input whose first non-blank character is '<' is read as XML (not in lede.wasm).
//
//   std::string html;
//   lede::Result r = lede::render_html(json_text, html);
//   if (!r) std::cerr << r.problems.front().to_string();
//
// Every entry point takes the whole input at once and never throws; problems come back
// as values that name where they are (line and column, or a field path).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lede {

struct Limits {
  std::size_t max_input_bytes = std::size_t{8} << 20;    // 8 MiB
  std::size_t max_json_depth = 64;                       // nested objects and arrays (XML: elements)
  std::size_t max_output_bytes = std::size_t{64} << 20;  // the HTML, before escaping
  std::size_t max_markdown_depth = 64;  // nested elements inside the Markdown body; what is
                                        // deeper is flattened into the level above, with a warning
  // Raising the depth limits has a ceiling: 10,000 for JSON (the reader recurses) and
  // 400 for Markdown (browsers flatten HTML nested past 512 elements, and the two
  // outputs would no longer give the same DOM).
  static constexpr std::size_t kJsonDepthCeiling = 10000;
  static constexpr std::size_t kMarkdownDepthCeiling = 400;
  // Attributes kept on one HTML tag (in HTML bodies, and the raw HTML keep_safe_html
  // reads): no real tag comes near, and past it the rest are dropped with a warning, so
  // that a tag with 100,000 attributes costs no more than its bytes.
  static constexpr std::size_t kHtmlAttributes = 256;
};

struct Options {
  Limits limits;
  // Raw HTML in the Markdown body is shown as text. With this set, a small safe subset
  // (sup, sub, kbd, mark, br, abbr, details, summary, figure, figcaption) is kept as
  // elements, read by an HTML tokenizer; every other tag is dropped, its text kept.
  bool keep_safe_html = false;
  // Links that leave the page get rel="noopener noreferrer"; with this set also
  // "nofollow ugc", for articles the host does not vouch for.
  bool nofollow = false;
  // Which article of a feed or a list (JSON Feed, RSS, Atom, a WordPress list) to read:
  // "" the first; a number is an index from 0 ("2" is the third) when there is an item
  // there; anything else (or a number past the last index) an item's id, url or slug
  // (see list_items()). An input that holds one article is a list of one. No such item
  // is an error.
  std::string item;
};

// Stable identifiers: they cross the wasm boundary as numbers and tests match them.
enum class ErrorCode : int {
  ok = 0,
  too_large = 1,     // input longer than Limits::max_input_bytes
  syntax = 2,        // not JSON, or not well-formed XML (or an unread encoding); line and column set
  too_deep = 3,      // nesting past Limits::max_json_depth (line and column set); as a
                     // warning, Markdown past Limits::max_markdown_depth (path "body")
  schema = 4,        // JSON or XML, but not an article Lede reads; path set when a member is
  output_limit = 5,  // the rendered article would pass Limits::max_output_bytes
  // Only from a build without the HTML parser and the format adapters (web/dist/lede.wasm):
  // the article has an HTML body or comes in another format (Readability, JSON Feed,
  // WordPress, schema.org, Apple News). web/lede.js then renders it with lede-html.wasm.
  needs_html_parser = 6,
};

struct Problem {
  ErrorCode code = ErrorCode::ok;
  bool warning = false;  // the article still renders (e.g. a refused URL is dropped)
  std::string path;      // "related[3].url", for schema problems
  std::string message;   // "expected a string"
  std::size_t byte = 0, line = 0, column = 0;  // 1-based line and column; 0 if unknown

  // "3:14: syntax error ...", "related[3].url: expected a string", or the message.
  std::string to_string() const;
};

struct Result {
  std::vector<Problem> problems;  // errors first, then warnings

  // True when the article rendered (there may still be warnings).
  bool ok() const { return problems.empty() || problems.front().warning; }
  explicit operator bool() const { return ok(); }
  const Problem* first_error() const { return ok() ? nullptr : &problems.front(); }
};

// The article as an HTML fragment: one <article class="lede">.
Result render_html(std::string_view json, std::string& html, const Options& = {});

// A complete standalone HTML page with Lede's stylesheet inlined, for static hosting.
Result render_page(std::string_view json, std::string& html, const Options& = {});

// The article as DOM operations for the browser. See src/output/op_writer.hpp for the
// format; web/lede.js decodes it.
struct OpStream {
  std::vector<std::uint32_t> ops;  // opcodes and lengths, then where `strings` holds the others
  std::string strings;             // UTF-8 text of every string: ASCII ones, then the others
};
Result render_ops(std::string_view json, OpStream& out, const Options& = {});

// Every problem in the article, without rendering. Stricter than rendering: a member
// of Lede's own format that cannot be read (a date that is not one, a number where a
// string belongs) is an error here, while the render functions leave it out with a
// warning. In other formats it is a warning either way.
Result validate(std::string_view json, const Options& = {});

// The article in Lede's own JSON (docs/article-json.md), whatever format it came in:
// pretty-printed, members in a fixed order. HTML bodies stay HTML ("body_format": "html").
Result convert(std::string_view json, std::string& lede_json, const Options& = {});

// The input formats Lede reads; see src/input/formats.hpp for how each is recognised.
// "Lede", "Readability", "JSON Feed", "WordPress", "schema.org", "Apple News", "RSS",
// "Atom", or "" when the input is neither JSON nor XML.
const char* detected_format(std::string_view input, const Options& = {});

// One article of a feed or list, as Options::item names it.
struct Item {
  std::string id;     // the item's own id (JSON Feed id, RSS guid, Atom id, WordPress id)
  std::string url;    // its link, as the feed gives it
  std::string slug;   // unique in the input: lowercase ASCII letters, digits and '-',
                      // with a letter; "" when nothing gives one (name it by its index)
  std::string title;  // as shown
};

// The articles `input` holds, in order: one per item of a feed (JSON Feed, RSS, Atom)
// or a WordPress list, one for any other article. items[i] is Options::item = "i".
Result list_items(std::string_view input, std::vector<Item>& items, const Options& = {});

}  // namespace lede
