#include "input/formats.hpp"

#include <cstring>


namespace lede {
namespace {

// A member that marks a format, strongest first: JSON-LD's keywords, JSON Feed's
// version and content, Apple News components, WordPress's rendered HTML, then
// Readability's content. (One table and one loop: this is in lede.wasm too.)
struct Marker {
  const char* key;
  char check;  // '*' any value, 's' a string, 'v' a JSON Feed version, 'a' an array,
               // 'r' an object with "rendered"
  Format format;
};
constexpr Marker kMarkers[] = {
    {"@context", '*', Format::schema_org},   {"@type", '*', Format::schema_org},
    {"@graph", '*', Format::schema_org},     {"version", 'v', Format::json_feed},
    {"content_html", '*', Format::json_feed}, {"content_text", '*', Format::json_feed},
    {"components", 'a', Format::apple_news}, {"title", 'r', Format::wordpress},
    {"content", 'r', Format::wordpress},     {"content", 's', Format::readability},
    {"textContent", 's', Format::readability},
};

bool fits(const JsonValue& v, char check) {
  using T = JsonValue::Type;
  switch (check) {
    case 's': return v.type == T::string;
    case 'v': return v.type == T::string && v.string.compare(0, 29, "https://jsonfeed.org/version/") == 0;
    case 'a': return v.type == T::array;
    case 'r': return v.type == T::object && v.find("rendered");
    default: return true;
  }
}

}  // namespace

Format detect_format(const JsonValue& json) {
  if (json.type == JsonValue::Type::array) {
    // JSON-LD often comes as an array of nodes.
    for (const JsonValue& item : json.items)
      if (detect_format(item) == Format::schema_org) return Format::schema_org;
    return Format::lede;
  }
  std::size_t best = sizeof kMarkers / sizeof kMarkers[0];
  for (std::size_t m = 0; m < json.keys.size(); ++m) {
    const char* key = json.keys[m].c_str();
    if (!std::strcmp(key, "body")) return Format::lede;  // Lede's own, whatever else it has
    for (std::size_t i = 0; i < best; ++i)
      if (!std::strcmp(key, kMarkers[i].key) && fits(json.items[m], kMarkers[i].check)) best = i;
  }
  return best < sizeof kMarkers / sizeof kMarkers[0] ? kMarkers[best].format : Format::lede;
}



}  // namespace lede
