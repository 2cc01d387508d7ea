// The pipeline, as one sentence: read JSON → read the article → lay it out as a
// document tree → write HTML or DOM operations.
#include "lede/lede.hpp"

#include <algorithm>

#include "input/article_reader.hpp"
#include "input/json_reader.hpp"
#include "layout/article_view.hpp"
#include "output/html_writer.hpp"
#include "output/op_writer.hpp"
#include "output/page_writer.hpp"

namespace lede {

std::string Problem::to_string() const {
  if (line) return std::to_string(line) + ":" + std::to_string(column) + ": " + message;
  if (!path.empty()) return path + ": " + message;
  return message;
}

namespace {

bool read(std::string_view json, const Options& options, Article& article, Result& result) {
  JsonValue value;
  Problem error;
  if (!read_json(json, options.limits, value, error)) {
    result.problems.push_back(std::move(error));
    return false;
  }
  read_article(value, article, result.problems);
  // Errors first: Result::ok() looks at the first problem only.
  std::stable_partition(result.problems.begin(), result.problems.end(),
                        [](const Problem& p) { return !p.warning; });
  return result.ok();
}

bool lay_out(const Article& article, const Options& options, Document& doc, Result& result) {
  // Layout stops adding Markdown to the tree once it passes the limit; the rest of the
  // article is bounded by the input.
  doc.set_output_limit(options.limits.max_output_bytes);
  layout_article(article, doc);
  if (doc.output_bytes() <= options.limits.max_output_bytes) return true;
  Problem p;
  p.code = ErrorCode::output_limit;
  p.message = "the rendered article would be larger than the output limit of " +
              std::to_string(options.limits.max_output_bytes) + " bytes";
  result.problems.insert(result.problems.begin(), std::move(p));
  return false;
}

}  // namespace

Result render_html(std::string_view json, std::string& html, const Options& options) {
  Result result;
  Article article;
  Document doc;
  if (read(json, options, article, result) && lay_out(article, options, doc, result))
    write_html(doc, html);
  return result;
}

Result render_page(std::string_view json, std::string& html, const Options& options) {
  Result result;
  Article article;
  Document doc;
  if (read(json, options, article, result) && lay_out(article, options, doc, result))
    write_page(article, doc, html);
  return result;
}

Result render_ops(std::string_view json, OpStream& out, const Options& options) {
  Result result;
  Article article;
  Document doc;
  if (read(json, options, article, result) && lay_out(article, options, doc, result))
    write_ops(doc, out);
  return result;
}

Result validate(std::string_view json, const Options& options) {
  Result result;
  Article article;
  read(json, options, article, result);
  return result;
}

}  // namespace lede
