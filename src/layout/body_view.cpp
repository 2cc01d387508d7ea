#include "layout/body_view.hpp"
#include <algorithm>

#include "markdown/markdown_to_tree.hpp"
#include "problems.hpp"

namespace lede {

void text_to_tree(std::string_view text, Document& doc) {
  std::size_t begin = 0, end = 0, first = 0, last = 0;
  bool paragraph = false, line = false;  // one is open / the current line has text
  for (std::size_t i = 0; i <= text.size(); ++i) {
    char c = i < text.size() ? text[i] : '\n';
    if (c != '\n') {
      if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v') {
        if (!line) first = i;
        line = true;
        last = i + 1;
      }
      continue;
    }
    if (line) {
      if (!paragraph) begin = first;
      paragraph = true;
      end = last;
    }
    if (paragraph && (!line || i == text.size())) {  // a blank line, or the end
      doc.open(Tag::p);
      doc.text(text.substr(begin, end - begin));
      doc.close();
      paragraph = false;
    }
    line = false;
  }
}

void needs_html_parser(const std::string& path, std::vector<Problem>& problems) {
  problems.push_back(error_problem(ErrorCode::needs_html_parser, path, kNeedsHtmlModule));
}

bool body_to_tree(const std::vector<BodyPart>& parts, Document& doc, const Options& options,
                  const Extensions& ext, std::vector<Problem>& problems) {
  NodeId body = doc.current();
  for (const BodyPart& part : parts) {
    std::size_t first = problems.size();
    bool ok = true;
    switch (part.kind) {
      case BodyPart::Kind::markdown: {
        MarkdownOptions md;
        md.max_depth = std::min(options.limits.max_markdown_depth, Limits::kMarkdownDepthCeiling);
        md.keep_safe_html = options.keep_safe_html;
        ok = markdown_to_tree(part.text, doc, md, problems, ext.markdown);
        break;
      }
      case BodyPart::Kind::text: text_to_tree(part.text, doc); break;
      default:
        if (ext.rich_part) {
          ok = ext.rich_part(part, doc, options, ext, problems);
        } else {
          needs_html_parser(part.path, problems);
          ok = false;
        }
        break;
    }
    doc.close_to(body);
    // The Markdown reader names its problems "body"; a part knows where it came from.
    for (std::size_t i = first; i < problems.size(); ++i) problems[i].path = part.path;
    if (!ok) return false;
  }
  return true;
}

}  // namespace lede
