#include "input/formats.hpp"

#include <string_view>

namespace lede {
namespace {

// A member that marks a format, strongest first: JSON-LD's keywords, JSON Feed's
// version, items and content, Apple News components, WordPress's rendered HTML, then
// Readability's content. Keys are string_views, whose lengths are compared first
// (strcmp with each of a WordPress post's keys was 0.5 % of its native render).
struct Marker {
  std::string_view key;
  char check;  // '*' any value, 's' a string, 'v' JSON Feed's version URL, 'n' a bare
               // version number, 'i' JSON Feed items, 'a' an array, 'r' an object with
               // "rendered", 'o' an object
  Format format;
};
constexpr Marker kMarkers[] = {
    {"@context", '*', Format::schema_org},   {"@type", '*', Format::schema_org},
    {"@graph", '*', Format::schema_org},     {"version", 'v', Format::json_feed},
    {"items", 'i', Format::json_feed},       {"content_html", '*', Format::json_feed},
    {"content_text", '*', Format::json_feed}, {"components", 'a', Format::apple_news},
    // After Apple News: its documents say "version": "1.0" too.
    {"version", 'n', Format::json_feed},
    {"title", 'r', Format::wordpress},       {"content", 'r', Format::wordpress},
    {"_embedded", 'o', Format::wordpress},
    {"content", 's', Format::readability},   {"textContent", 's', Format::readability},
};

// Every version string JSON Feed has been written with: its URL (http or https, with
// or without a trailing slash) or a bare number ("1", "1.0", "1.1").
bool json_feed_url(const std::string& v) { return v.find("jsonfeed.org/version/") != std::string::npos; }
bool json_feed_number(const std::string& v) { return v == "1" || v == "1.0" || v == "1.1"; }

// JSON Feed by its shape, when the version is missing or odd: an array of items that
// are objects, none of them with another format's markers (an empty array counts: a
// feed with nothing in it yet, said as such).
bool json_feed_items(const JsonValue& v) {
  if (v.type != JsonValue::Type::array) return false;
  for (const JsonValue& item : v.items)
    if (item.type != JsonValue::Type::object || item.find("body") || item.find("@type") || item.find("components"))
      return false;
  return true;
}

bool fits(const JsonValue& v, char check) {
  using T = JsonValue::Type;
  switch (check) {
    case 's': return v.type == T::string;
    case 'v': return v.type == T::string && json_feed_url(v.string);
    case 'n': return v.type == T::string && json_feed_number(v.string);
    case 'i': return json_feed_items(v);
    case 'a': return v.type == T::array;
    case 'r': return v.type == T::object && v.find("rendered");
    case 'o': return v.type == T::object;
    default: return true;
  }
}

}  // namespace

Format detect_format(const JsonValue& json) {
  if (json.type == JsonValue::Type::array) {
    // JSON-LD often comes as an array of nodes; WordPress lists its posts
    // (/wp-json/wp/v2/posts?slug=…) as an array.
    for (const JsonValue& item : json.items)
      if (detect_format(item) == Format::schema_org) return Format::schema_org;
    if (!json.items.empty() && detect_format(json.items[0]) == Format::wordpress) return Format::wordpress;
    return Format::lede;
  }
  std::size_t best = sizeof kMarkers / sizeof kMarkers[0];
  for (std::size_t m = 0; m < json.keys.size(); ++m) {
    const std::string& key = json.keys[m];
    if (key == std::string_view("body")) return Format::lede;  // Lede's own, whatever else it has
    for (std::size_t i = 0; i < best; ++i)
      if (key == kMarkers[i].key && fits(json.items[m], kMarkers[i].check)) best = i;
  }
  return best < sizeof kMarkers / sizeof kMarkers[0] ? kMarkers[best].format : Format::lede;
}

}  // namespace lede
