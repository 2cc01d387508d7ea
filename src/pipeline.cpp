// The pipeline, as one sentence: read JSON → read the article → lay it out as a
// document tree (→ a writer: HTML or DOM operations). What a build adds to the core
// comes in as Extensions.
#include "pipeline.hpp"

#include "input/formats.hpp"
#include "input/json_value.hpp"
#include "layout/article_view.hpp"
#include "problems.hpp"

namespace lede {

std::string Problem::to_string() const {
  if (line) return std::to_string(line) + ":" + std::to_string(column) + ": " + message;
  if (!path.empty()) return path + ": " + message;
  return message;
}

bool read(std::string_view json, const Options& options, const Extensions& ext, Article& article, Result& result,
          bool strict) {
  std::vector<Problem> problems;
  if (looks_like_html_page(json)) {
    problems.push_back(error_problem(ErrorCode::schema, "", html_page_message));
  } else if (looks_like_xml(json)) {
    if (ext.read_xml) {
      ext.read_xml(json, options, article, problems);  // RSS or Atom
    } else {
      problems.push_back(error_problem(ErrorCode::needs_html_parser, "", kNeedsHtmlModule));
    }
  } else {
    JsonValue value;
    Problem error;
    if (!read_json(json, options.limits, value, error)) {
      result.problems.push_back(std::move(error));
      return false;
    }
    read_any_article(std::move(value), options, ext.read_foreign, article, problems, strict);
  }
  // Errors first, each group in reading order: Result::ok() looks at the first only.
  for (int warnings = 0; warnings < 2; ++warnings)
    for (Problem& p : problems)
      if (p.warning == (warnings == 1)) result.problems.push_back(std::move(p));
  return result.ok();
}

// Puts `p` before every problem in `result` (Result::ok() looks at the first only).
// Rebuilding with push_back keeps vector::insert, which is large, out of lede.wasm.
static void put_first(Problem&& p, Result& result) {
  std::vector<Problem> all;
  all.reserve(result.problems.size() + 1);
  all.push_back(std::move(p));
  for (Problem& q : result.problems) all.push_back(std::move(q));
  result.problems.swap(all);
}

bool lay_out(const Article& article, const Options& options, const Extensions& ext, Document& doc, Result& result,
             std::vector<BodyPart>* spent_body) {
  // Layout stops adding Markdown to the tree once it passes the limit; the rest of the
  // article is bounded by the input.
  doc.set_output_limit(options.limits.max_output_bytes);
  std::vector<Problem> problems;
  bool laid_out = layout_article(article, doc, options, ext, problems, spent_body);
  // Errors go first, before the reader's warnings; layout's warnings go last.
  for (Problem& p : problems) {
    if (p.warning)
      result.problems.push_back(std::move(p));
    else
      put_first(std::move(p), result);
  }
  if (!laid_out) return false;
  if (doc.output_bytes() <= options.limits.max_output_bytes) return true;
  put_first(error_problem(ErrorCode::output_limit, "",
                          "the rendered article would be larger than the output limit of " +
                              std::to_string(options.limits.max_output_bytes) + " bytes"),
            result);
  return false;
}

// The tree holds everything a writer needs. The article (its body nearly the size of
// the input) is gone before the writer starts, so that the output can take its memory.
bool tree_of(std::string_view json, const Options& options, const Extensions& ext, Document& doc, Result& result) {
  Article article;
  bool ok = read(json, options, ext, article, result);
  doc.reserve(json.size());
  return ok && lay_out(article, options, ext, doc, result, &article.body);
}

}  // namespace lede
