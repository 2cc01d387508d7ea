// Linked into web/dist/lede.wasm in place of the HTML parser and the format adapters,
// which would more than double its size. An article that needs them is refused with
// ErrorCode::needs_html_parser; web/lede.js then renders it with lede-html.wasm, which
// has everything.
#include "input/formats.hpp"
#include "layout/body_view.hpp"

namespace lede {
namespace {

bool needs_html_parser(const std::string& path, std::vector<Problem>& problems) {
  Problem p;
  p.code = ErrorCode::needs_html_parser;
  p.path = path;
  p.message = "needs lede-html.wasm (renderAsync loads it)";
  problems.push_back(std::move(p));
  return false;
}

}  // namespace

void read_foreign_article(const JsonValue&, const Options&, Article&, std::vector<Problem>& problems, bool) {
  needs_html_parser("", problems);
}

void read_xml_article(std::string_view, const Options&, Article&, std::vector<Problem>& problems) {
  needs_html_parser("", problems);
}

// Only other formats set Article::base, and lede.wasm reads none of them.
void resolve_urls(Document&, NodeId, std::string_view) {}

bool rich_part_to_tree(const BodyPart& part, Document&, const Options&, std::vector<Problem>& problems) {
  return needs_html_parser(part.path, problems);
}

}  // namespace lede
