// The public entry points that only a build with the adapters has (the CLI, the tests):
// lede.wasm does not export them.
#include "input/formats.hpp"
#include "input/json_value.hpp"
#include "lede/lede.hpp"
#include "output/article_json.hpp"
#include "pipeline.hpp"

namespace lede {

Result convert(std::string_view json, std::string& out, const Options& options) {
  Result result;
  Article article;
  if (read(json, options, article, result)) write_article_json(article, options, out);
  return result;
}

const char* detected_format(std::string_view json, const Options& options) {
  JsonValue value;
  Problem error;
  if (!read_json(json, options.limits, value, error)) return "";
  return format_name(detect_format(value));
}

}  // namespace lede
