// The adapters: one file per foreign format, each mapping a JsonValue onto the article
// model. They are lenient: a member that does not fit is skipped with a warning that
// names its path, and only a missing title is an error. Field-by-field tables are in
// docs/article-json.md ("Other formats").
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "input/article.hpp"
#include "input/fields.hpp"
#include "input/json_value.hpp"
#include "lede/lede.hpp"

namespace lede {

void read_readability(const JsonValue& json, Article& article, std::vector<Problem>& problems);
void read_json_feed(const JsonValue& json, Article& article, std::vector<Problem>& problems);
void read_wordpress(const JsonValue& json, Article& article, std::vector<Problem>& problems);
void read_schema_org(const JsonValue& json, Article& article, std::vector<Problem>& problems);
void read_apple_news(const JsonValue& json, Article& article, std::vector<Problem>& problems);

namespace adapt {

// The string at `key`, or "" (a value of another type is a warning).
std::string string(Fields& f, const char* key);

// `title` is the only member an adapter insists on: an error naming `path` if blank.
void require_title(Article& a, const std::string& path, std::vector<Problem>& problems);

// A date as publishers write it, made ISO 8601 when that is unambiguous: "+0100"
// becomes "+01:00", an unreadable time of day is dropped. A warning if nothing is left.
std::string date(Fields& f, const char* key);

// A language tag: "en_US" becomes "en-US". A warning if it is not one.
std::string language(Fields& f, const char* key);

// A URL the policy accepts for `kind`, or "" with a warning (as Fields::url).
std::string url(Fields& f, const char* key, UrlKind kind);

// A whole number of pixels given as a number or a string of digits, else 0.
unsigned pixels(const JsonValue* v);

// The body as one part.
void body(Article& a, std::string text, BodyPart::Kind kind, std::string path);

// Text that some publishers send with HTML character references in it ("Tom &amp;
// Jerry"): the references decoded, white space collapsed.
std::string plain(std::string_view text);

// Text given as HTML: its text as a browser shows it (html/html_to_tree.hpp).
std::string html_text(std::string_view html);

void warn(std::vector<Problem>& problems, std::string path, std::string message);

}  // namespace adapt
}  // namespace lede
