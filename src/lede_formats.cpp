// The public entry points that only a build with the adapters has (the CLI, the tests):
// lede.wasm does not export them.
#include "input/adapters/adapters.hpp"
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
  if (looks_like_xml(json)) {
    std::vector<Item> items;
    std::vector<Problem> problems;
    Format format = xml_items(json, options, items, problems);
    return format == Format::lede ? "" : format_name(format);
  }
  JsonValue value;
  Problem error;
  if (!read_json(json, options.limits, value, error)) return "";
  return format_name(detect_format(value));
}

Result list_items(std::string_view input, std::vector<Item>& items, const Options& options) {
  Result result;
  items.clear();
  if (looks_like_html_page(input)) {
    Problem p;
    p.code = ErrorCode::schema;
    p.message = html_page_message;
    result.problems.push_back(std::move(p));
    return result;
  }
  if (looks_like_xml(input)) {
    xml_items(input, options, items, result.problems);
    if (!result.ok()) items.clear();
    return result;
  }
  JsonValue value;
  Problem error;
  if (!read_json(input, options.limits, value, error)) {
    result.problems.push_back(std::move(error));
    return result;
  }
  Format format = detect_format(value);
  if (format == Format::json_feed) {
    json_feed_items(value, items);
  } else if (format == Format::wordpress) {
    wordpress_items(value, items);
  } else {
    // One article: its own title and url.
    Article article;
    Options first = options;
    first.item.clear();
    if (!read(input, first, article, result)) return result;
    items.push_back(Item{"", article.url, "", article.title});
    adapt::make_slugs(items);
  }
  return result;
}

}  // namespace lede
