#include <cstring>

#include "input/article_reader.hpp"
#include "input/formats.hpp"

namespace lede {

// Deliberately loose and small (it is all lede.wasm knows of other formats): a
// member another format has and Lede's own does not. An article that looks foreign
// but is not goes to the adapters, whose detect_format() hands it back to
// read_article(): the same result, from lede-html.wasm.
bool needs_adapter(const JsonValue& json) {
  if (json.type == JsonValue::Type::array) return true;  // JSON-LD, or an error either way
  if (json.find("body")) return false;
  static const char* const kMarkers[] = {"@context", "@type", "@graph", "content_html",
                                         "content_text", "components", "content", "textContent"};
  for (std::size_t i = 0; i < json.keys.size(); ++i) {
    const char* key = json.keys[i].c_str();
    for (const char* marker : kMarkers)
      if (!std::strcmp(key, marker)) return true;
    const JsonValue& v = json.items[i];
    if ((!std::strcmp(key, "title") && v.type == JsonValue::Type::object) ||
        (!std::strcmp(key, "version") && v.type == JsonValue::Type::string &&
         !v.string.compare(0, 20, "https://jsonfeed.org")))
      return true;
  }
  return false;
}

void read_any_article(const JsonValue& json, Article& article, std::vector<Problem>& problems) {
  if (needs_adapter(json))
    read_foreign_article(json, article, problems);
  else
    read_article(json, article, problems);
}

void read_any_article(JsonValue&& json, Article& article, std::vector<Problem>& problems) {
  if (needs_adapter(json))
    read_foreign_article(json, article, problems);
  else
    read_article(std::move(json), article, problems);
}

}  // namespace lede
