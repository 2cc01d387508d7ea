// The oracle for the quick parser (src/html/serialized_html_parser.cpp) and the lenient
// reader, shared by their unit tests and the fuzz target: gumbo's own events for the same
// input (src/html/gumbo_events.cpp, as every native build runs it), and the first
// difference between two trees, node by node.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "html/gumbo_events.hpp"
#include "html/html_tree.hpp"

namespace gumbo_oracle {

// gumbo's tree of `html`, as events into `tree`.
inline lede::HtmlTree& gumbo_tree(const std::string& html, lede::HtmlTree& tree) {
  tree.clear();
  lede::gumbo_html_events(html, tree);
  return tree;
}

// The first difference between two trees, or "" if there is none.
inline std::string difference(const lede::HtmlTree& want, const lede::HtmlTree& got) {
  using lede::HtmlNodeId;
  std::vector<std::pair<HtmlNodeId, HtmlNodeId>> todo{{want.root(), got.root()}};
  while (!todo.empty()) {
    auto [a, b] = todo.back();
    todo.pop_back();
    if (want.is_text(a) != got.is_text(b)) return "node type";
    if (want.is_text(a)) {
      if (want.text_of(a) != got.text_of(b))
        return "text \"" + std::string(want.text_of(a)) + "\" / \"" + std::string(got.text_of(b)) + "\"";
      continue;
    }
    if (want.tag(a) != got.tag(b) || want.space(a) != got.space(b) || want.name(a) != got.name(b))
      return "tag " + std::string(want.name(a)) + " / " + std::string(got.name(b));
    if (want.attribute_count(a) != got.attribute_count(b)) return "attribute count on " + std::string(want.name(a));
    for (std::size_t i = 0; i < want.attribute_count(a); ++i) {
      lede::HtmlAttribute p = want.attribute(a, i), q = got.attribute(b, i);
      if (p.name != q.name || p.value != q.value)
        return "attribute " + std::string(p.name) + "=" + std::string(p.value) + " / " + std::string(q.name) + "=" +
               std::string(q.value);
    }
    HtmlNodeId u = want.first_child(a), v = got.first_child(b);
    std::vector<std::pair<HtmlNodeId, HtmlNodeId>> kids;
    for (; u && v; u = want.next_sibling(u), v = got.next_sibling(v)) {
      if (got.parent(v) != b) return "parent";
      kids.emplace_back(u, v);
    }
    if (u || v) return "child count differs under " + std::string(want.name(a));
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) todo.push_back(*it);
  }
  return "";
}

}  // namespace gumbo_oracle
