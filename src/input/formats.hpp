// The formats Lede reads, and which one a JSON value is. Lede's own format is read by
// article_reader.cpp; every other format by one adapter in adapters/, all mapping onto
// the same article model.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "input/article.hpp"
#include "input/json_value.hpp"
#include "lede/lede.hpp"

namespace lede {

enum class Format : std::uint8_t {
  lede,         // docs/article-json.md
  readability,  // Mozilla Readability's parse() result: { title, content (HTML), … }
  json_feed,    // JSON Feed 1.0 or 1.1: a whole feed (one of its items) or one item
  wordpress,    // a WordPress REST API post, or a list of them, with or without ?_embed
  schema_org,   // schema.org Article / NewsArticle / BlogPosting … as JSON-LD
  apple_news,   // Apple News Format: { components: [...] }
  rss,          // RSS 0.9x, 1.0 (RDF) and 2.0, as XML: one of its items
  atom,         // Atom 1.0 (and 0.3), as XML: one of its entries, or an entry document
};

// Recognises a format by members no other format has; anything else is Lede's own
// format (which then reports what is wrong with it). See docs/article-json.md.
Format detect_format(const JsonValue& json);

// "Lede", "Readability", "JSON Feed", "WordPress", "schema.org", "Apple News", "RSS", "Atom".
const char* format_name(Format format);

// Reads an article in any JSON format, the item `options.item` of a feed or list: Lede's
// own here, the others with `read_foreign` (the adapters; null in a build without them:
// then an article that may be in another format is an ErrorCode::needs_html_parser
// error). `strict`: see read_article().
using ForeignReader = void (*)(const JsonValue& json, const Options& options, Article& article,
                               std::vector<Problem>& problems, bool strict);
void read_any_article(const JsonValue& json, const Options& options, ForeignReader read_foreign, Article& article,
                      std::vector<Problem>& problems, bool strict = false);
// The same for a value thrown away next (Lede's own body is moved, not copied).
void read_any_article(JsonValue&& json, const Options& options, ForeignReader read_foreign, Article& article,
                      std::vector<Problem>& problems, bool strict = false);

// False, with an error, when `item` (Options::item) names another item than the first
// of an input that holds one article.
bool one_article(const std::string& item, std::vector<Problem>& problems);

// Whether `json` may be in another format: true for everything detect_format() does not
// call Lede's, and for a little more (read_any.cpp).
bool needs_adapter(const JsonValue& json);

// detect_format() and the adapters (adapters/): a ForeignReader, in the builds that have
// them (extensions.hpp).
void read_foreign_article(const JsonValue& json, const Options& options, Article& article,
                          std::vector<Problem>& problems, bool strict);

// Whether `input` is XML (an RSS or Atom feed) rather than JSON: its first character
// after a byte order mark and white space is '<' (in UTF-8 or UTF-16).
bool looks_like_xml(std::string_view input);

// An HTML page where an article or a feed was expected (a server's error page, a link
// to the article itself): "<!doctype html" or "<html" first, in any letter case. Told
// apart before any XML parser runs, in every build, with html_page_message().
bool looks_like_html_page(std::string_view input);
extern const char* const html_page_message;

// An XML parser for the feed adapters (adapters/xml.hpp): read_xml natively (expat); in
// browsers lede-xml.wasm's, reached through web/lede.js (src/wasm/html_module.cpp).
struct XmlNode;
using XmlParser = bool (*)(std::string_view xml, const Limits& limits, XmlNode& root, Problem& error);

// An RSS or Atom feed's item `options.item`, its XML read by `parse` (adapters/
// feed_common.cpp; a front door wraps it as Extensions::read_xml). Problems with the XML
// have a line and column.
void read_xml_article(XmlParser parse, std::string_view xml, const Options& options, Article& article,
                      std::vector<Problem>& problems);

// The items of an RSS or Atom feed, and which of the two it is (Format::lede, with an
// error, for neither).
Format xml_items(XmlParser parse, std::string_view xml, const Options& options, std::vector<Item>& items,
                 std::vector<Problem>& problems);

}  // namespace lede
