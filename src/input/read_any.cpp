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

namespace {

void needs_adapters(std::vector<Problem>& problems) {
  Problem p;
  p.code = ErrorCode::needs_html_parser;
  p.message = "needs lede-html.wasm (renderAsync loads it)";
  problems.push_back(std::move(p));
}

}  // namespace

void read_any_article(const JsonValue& json, ForeignReader read_foreign, Article& article,
                      std::vector<Problem>& problems) {
  if (!needs_adapter(json))
    read_article(json, article, problems);
  else if (read_foreign)
    read_foreign(json, article, problems);
  else
    needs_adapters(problems);
}

void read_any_article(JsonValue&& json, ForeignReader read_foreign, Article& article,
                      std::vector<Problem>& problems) {
  if (!needs_adapter(json))
    read_article(std::move(json), article, problems);
  else if (read_foreign)
    read_foreign(json, article, problems);
  else
    needs_adapters(problems);
}

}  // namespace lede
