// The adapters: one file per foreign format, each mapping a JsonValue onto the article
// model. They are lenient: a member that does not fit is skipped with a warning that
// names its path, and only a missing title is an error. Field-by-field tables are in
// docs/article-json.md ("Other formats").
#pragma once
#include <algorithm>
#include <numeric>
#include <string>
#include <string_view>
#include <vector>

#include "input/adapters/xml.hpp"
#include "input/article.hpp"
#include "input/fields.hpp"
#include "input/json_value.hpp"
#include "lede/lede.hpp"
#include "tree/document.hpp"

namespace lede {

void read_readability(const JsonValue& json, Article& article, std::vector<Problem>& problems);
// Feeds and lists: the item `item` names (adapt::choose).
void read_json_feed(const JsonValue& json, const std::string& item, Article& article, std::vector<Problem>& problems);
void read_wordpress(const JsonValue& json, const std::string& item, Article& article, std::vector<Problem>& problems);
void read_schema_org(const JsonValue& json, Article& article, std::vector<Problem>& problems);
void read_apple_news(const JsonValue& json, Article& article, std::vector<Problem>& problems);

// RSS and Atom, as XML read by read_xml(): the item `item` names.
void read_rss(const XmlNode& root, const std::string& item, Article& article, std::vector<Problem>& problems);
void read_atom(const XmlNode& root, const std::string& item, Article& article, std::vector<Problem>& problems);

// The items of a JSON Feed, a WordPress list, an RSS or an Atom feed, as list_items()
// gives them.
void json_feed_items(const JsonValue& json, std::vector<Item>& items);
void wordpress_items(const JsonValue& json, std::vector<Item>& items);
void rss_items(const XmlNode& root, std::vector<Item>& items);
void atom_items(const XmlNode& root, std::vector<Item>& items);

// `ref` resolved against `base` (RFC 3986, section 5.2). In-page references ("#x") and
// absolute URLs are returned as they are; a relative base gives a relative result.
std::string resolve_url(std::string_view base, std::string_view ref);

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
unsigned pixels_of(std::string_view digits);

// The body as one part.
void body(Article& a, std::string text, BodyPart::Kind kind, std::string path);

// Text that some publishers send with HTML character references in it ("Tom &amp;
// Jerry"): the references decoded, white space collapsed.
std::string plain(std::string_view text);

// Text given as HTML: its text as a browser shows it (html/html_to_tree.hpp).
std::string html_text(std::string_view html);

// An excerpt as a standfirst: HTML's text without the theme's "[…]" or "Continue
// reading" at its end.
std::string excerpt(std::string_view html);

// Which of `keys` repeat an earlier one (true at each but the first of its kind).
// Sorted, not compared with every key before (30,000 authors took 1 s that way), nor
// hashed (a hash set was a quarter of the time at 8 MB, missing the cache on every key).
// One function for every item type: a sort instantiated per type cost about 1.5 KB of
// wasm each (docs/performance.md, "Sizes"); it is libc's qsort.
std::vector<bool> repeated_keys(const std::vector<std::string_view>& keys);

// Keeps the first of each run of items with the same key(item), in order.
template <typename T, typename Key>
void drop_repeats(std::vector<T>& items, Key key) {
  std::vector<std::string_view> keys;
  keys.reserve(items.size());
  for (const T& item : items) keys.push_back(key(item));
  std::vector<bool> repeated = repeated_keys(keys);
  std::size_t kept = 0;
  for (std::size_t i = 0; i < items.size(); ++i)
    if (!repeated[i] && kept++ != i) items[kept - 1] = std::move(items[i]);
  items.resize(kept);
}

void warn(std::vector<Problem>& problems, std::string path, std::string message);
void error(std::vector<Problem>& problems, std::string path, std::string message);

// A date as publishers write it (see date() above), from a string: ISO 8601, RFC 3339
// or RFC 822 ("Sat, 07 Sep 2002 09:42:31 GMT", as RSS writes it), made ISO 8601; ""
// with a warning naming `path` when it is none of these.
std::string date_text(std::string raw, const std::string& path, std::vector<Problem>& problems);

// An item without a title (JSON Feed and RSS allow it: a note, a status) is titled by
// the first words of its text, with a warning; "" if it has no text either.
std::string title_from_text(std::string_view text);

// Whether `want` (Options::item) names one of `count` items by id, url or slug rather
// than by its index.
bool by_key(const std::string& want, std::size_t count);

// Which of `count` items `want` names: "" the first; a number its index from 0 when
// there is an item there; anything else an item's id, url or slug, in that order
// (`items`, needed only when by_key(want, count)). npos, with an error naming `what`
// ("item", "entry", "post"), when there is no such item.
std::size_t choose(std::size_t count, const std::string& want, const std::vector<Item>& items,
                   const char* what, std::vector<Problem>& problems);

// Gives each item a slug unique in its feed: its own (`slug` already set), else the
// last segment of its URL's path, else its title; lowercase ASCII letters, digits and
// '-' with at least one letter, else none. Repeats get "-2", "-3"…
void make_slugs(std::vector<Item>& items);

}  // namespace adapt

// Resolves the relative href, src and action URLs under `top` against `base`
// (Article::base), judged by the URL policy again.
// In-page links (#…) stay. Extensions::resolve_urls in the builds with the adapters:
// only other formats set a base.
void resolve_urls(Document& doc, NodeId top, std::string_view base);

}  // namespace lede
