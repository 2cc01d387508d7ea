// The native front door (the CLI, the site builder, the tests, the fuzzers): the core
// with every extension — the adapters for other formats and feeds, HTML bodies and
// structured parts, gumbo and md4c linked in — behind the public API of include/lede/lede.hpp.
#include "lede/lede.hpp"

#include "html/gumbo_events.hpp"
#include "html/html_to_tree.hpp"
#include "html/lenient_html_parser.hpp"
#include "html/rich_parts.hpp"
#include "input/adapters/adapters.hpp"
#include "input/adapters/xml.hpp"
#include "input/formats.hpp"
#include "input/json_value.hpp"
#include "layout/body_view.hpp"
#include "output/article_json.hpp"
#include "output/html_writer.hpp"
#include "output/op_writer.hpp"
#include "output/page_writer.hpp"
#include "pipeline.hpp"
#include "problems.hpp"

extern "C" {
#include "md4c.h"
}

namespace lede {

namespace {

bool gumbo(std::string_view html, HtmlSink& sink) {
  gumbo_html_events(html, sink);
  return true;
}

// What the quick parser gives up on: gumbo, or the lenient reader if gumbo's work would
// not stay linear (html/lenient_html_parser.hpp).
bool given_up(std::string_view html, bool lenient_only, HtmlSink& sink, HtmlFallbackNotes& notes) {
  return read_given_up_html(html, lenient_only, sink, notes, gumbo);
}

// Titles and summaries sent as HTML (html_to_text), from the start.
[[maybe_unused]] const bool g_text_reader_set = (set_html_text_reader(given_up), true);

void read_feed(std::string_view xml, const Options& options, Article& article, std::vector<Problem>& problems) {
  read_xml_article(read_xml, xml, options, article, problems);
}

}  // namespace

const Extensions& native_extensions() {
  static const Extensions ext{read_foreign_article, read_feed, resolve_urls, rich_part_to_tree, given_up, md_parse};
  return ext;
}

bool read(std::string_view json, const Options& options, Article& article, Result& result, bool strict) {
  return read(json, options, native_extensions(), article, result, strict);
}

bool tree_of(std::string_view json, const Options& options, Document& doc, Result& result) {
  return tree_of(json, options, native_extensions(), doc, result);
}

void write_article_json(const Article& article, const Options& options, std::string& out) {
  write_article_json(article, options, native_extensions(), out);
}

bool lay_out(const Article& article, const Options& options, Document& doc, Result& result,
             std::vector<BodyPart>* spent_body) {
  return lay_out(article, options, native_extensions(), doc, result, spent_body);
}

Result render_html(std::string_view json, std::string& html, const Options& options) {
  Result result;
  Document doc(options.nofollow);
  if (tree_of(json, options, native_extensions(), doc, result)) write_html(doc, html);
  return result;
}

Result render_page(std::string_view json, std::string& html, const Options& options) {
  Result result;
  Article article;
  Document doc(options.nofollow);
  doc.reserve(json.size());
  if (read(json, options, article, result) && lay_out(article, options, doc, result))
    write_page(article, doc, html);
  return result;
}

Result render_ops(std::string_view json, OpStream& out, const Options& options) {
  Result result;
  Document doc(options.nofollow);
  if (tree_of(json, options, native_extensions(), doc, result)) write_ops(doc, out);
  return result;
}

// Lays the article out too (and throws the tree away): refused URLs in the body and
// the output limit are problems a render would meet.
Result validate(std::string_view json, const Options& options) {
  Result result;
  Article article;
  Document doc(options.nofollow);
  if (read(json, options, article, result, /*strict=*/true)) lay_out(article, options, doc, result);
  return result;
}

Result convert(std::string_view json, std::string& out, const Options& options) {
  Result result;
  Article article;
  if (read(json, options, article, result)) write_article_json(article, options, native_extensions(), out);
  return result;
}

const char* detected_format(std::string_view json, const Options& options) {
  if (looks_like_xml(json)) {
    std::vector<Item> items;
    std::vector<Problem> problems;
    Format format = xml_items(read_xml, json, options, items, problems);
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
    result.problems.push_back(error_problem(ErrorCode::schema, "", html_page_message));
    return result;
  }
  if (looks_like_xml(input)) {
    xml_items(read_xml, input, options, items, result.problems);
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
