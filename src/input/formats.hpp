// The formats Lede reads, and which one a JSON value is. Lede's own format is read by
// article_reader.cpp; every other format by one adapter in adapters/, all mapping onto
// the same article model.
#pragma once
#include <cstdint>
#include <vector>

#include "input/article.hpp"
#include "input/json_value.hpp"
#include "lede/lede.hpp"

namespace lede {

enum class Format : std::uint8_t {
  lede,         // docs/article-json.md
  readability,  // Mozilla Readability's parse() result: { title, content (HTML), … }
  json_feed,    // JSON Feed 1.1: a whole feed (its first item) or one item
  wordpress,    // a WordPress REST API post, with or without ?_embed
  schema_org,   // schema.org Article / NewsArticle / BlogPosting … as JSON-LD
  apple_news,   // Apple News Format: { components: [...] }
};

// Recognises a format by members no other format has; anything else is Lede's own
// format (which then reports what is wrong with it). See docs/article-json.md.
Format detect_format(const JsonValue& json);

// "Lede", "Readability", "JSON Feed", "WordPress", "schema.org", "Apple News".
const char* format_name(Format format);

// Reads an article in any format: Lede's own strictly, the others leniently with
// `read_foreign` (the adapters; null in a build without them: then an article that may
// be in another format is an ErrorCode::needs_html_parser error).
using ForeignReader = void (*)(const JsonValue& json, Article& article, std::vector<Problem>& problems);
void read_any_article(const JsonValue& json, ForeignReader read_foreign, Article& article,
                      std::vector<Problem>& problems);
// The same for a value thrown away next (Lede's own body is moved, not copied).
void read_any_article(JsonValue&& json, ForeignReader read_foreign, Article& article,
                      std::vector<Problem>& problems);

// Whether `json` may be in another format: true for everything detect_format() does not
// call Lede's, and for a little more (read_any.cpp).
bool needs_adapter(const JsonValue& json);

// detect_format() and the adapters (adapters/): a ForeignReader, in the builds that have them.
void read_foreign_article(const JsonValue& json, Article& article, std::vector<Problem>& problems);

}  // namespace lede
