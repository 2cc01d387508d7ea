// A node of an HTML tree and what the walk asks of it, shared by the walk's parts
// (html_builder.hpp): header-only so the small accessors stay inlined in each.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "html/html_tree.hpp"
#include "text/ascii.hpp"

namespace lede::html_walk {

// A node of an HTML tree (html_tree.hpp): the tree and the node's id in it. Most nodes
// are the body's; a <noscript>'s markup is parsed into a tree of its own.
struct GNode {
  const HtmlTree* tree = nullptr;
  HtmlNodeId id = kNoHtmlNode;
  explicit operator bool() const { return id != kNoHtmlNode; }
  bool operator==(const GNode& o) const { return tree == o.tree && id == o.id; }
  bool operator!=(const GNode& o) const { return !(*this == o); }
};

inline bool is_element(GNode n) { return n && n.tree->is_element(n.id); }
inline bool is_text(GNode n) { return n && n.tree->is_text(n.id); }
inline HtmlTag tag_of(GNode n) { return is_element(n) ? n.tree->tag(n.id) : HtmlTag::unknown; }
inline HtmlNamespace space_of(GNode n) { return n.tree->space(n.id); }
inline GNode parent_of(GNode n) { return {n.tree, n.tree->parent(n.id)}; }
inline GNode first_child(GNode n) { return {n.tree, n.tree->first_child(n.id)}; }
inline GNode next_sibling(GNode n) { return {n.tree, n.tree->next_sibling(n.id)}; }
inline std::string_view text_of(GNode n) { return n.tree->text_of(n.id); }

// The value of the attribute `name` (lowercase: every producer writes names so), or "".
inline std::string_view attr(GNode n, std::string_view name) {
  std::string_view value;
  return n.tree->find(n.id, name, value) ? value : std::string_view();
}
inline bool has_attr(GNode n, std::string_view name) {
  std::string_view value;
  return n.tree->find(n.id, name, value);
}


inline bool equals_ci(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}
inline bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && equals_ci(s.substr(0, prefix.size()), prefix);
}
inline bool contains_ci(std::string_view s, std::string_view part) {
  for (std::size_t i = 0; i + part.size() <= s.size(); ++i)
    if (equals_ci(s.substr(i, part.size()), part)) return true;
  return false;
}

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && is_html_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_html_space(s.back())) s.remove_suffix(1);
  return s;
}

// The tag name as written, for elements gumbo does not know (MathML's <annotation>).
inline std::string_view written_name(GNode n) { return n.tree->name(n.id); }

// The whitespace-separated words of a class attribute, one at a time.
template <typename F>
void each_word(std::string_view s, F&& f) {
  while (!s.empty()) {
    while (!s.empty() && is_html_space(s.front())) s.remove_prefix(1);
    std::size_t e = 0;
    while (e < s.size() && !is_html_space(s[e])) ++e;
    if (e) f(s.substr(0, e));
    s.remove_prefix(e);
  }
}

template <typename F>
void each_class(GNode n, F&& f) {
  each_word(attr(n, "class"), f);
}

inline bool has_word(std::string_view list, std::string_view name) {
  bool found = false;
  each_word(list, [&](std::string_view c) { found = found || equals_ci(c, name); });
  return found;
}
inline bool has_class(GNode n, std::string_view name) { return has_word(attr(n, "class"), name); }

// Visits the nodes below `top` in document order. enter(node) returns whether to visit
// the node's children; leave(node) follows the children of every node entered so.
template <typename Enter, typename Leave>
void visit(GNode top, Enter&& enter, Leave&& leave) {
  const HtmlTree& t = *top.tree;
  struct Level {
    HtmlNodeId node, next;  // the node, and its child to enter next
  };
  std::vector<Level> stack;
  stack.push_back({top.id, t.first_child(top.id)});
  while (!stack.empty()) {
    Level& level = stack.back();
    if (level.next != kNoHtmlNode) {
      HtmlNodeId c = level.next;
      level.next = t.next_sibling(c);
      if (enter(GNode{&t, c})) stack.push_back({c, t.first_child(c)});
    } else {
      HtmlNodeId node = level.node;
      stack.pop_back();
      if (!stack.empty()) leave(GNode{&t, node});
    }
  }
}

// Content a reader never sees as text.
inline bool invisible(GNode n) {
  switch (tag_of(n)) {
    case HtmlTag::script: case HtmlTag::style: case HtmlTag::template_: case HtmlTag::head:
    case HtmlTag::title: case HtmlTag::meta: case HtmlTag::link: case HtmlTag::base:
      return true;
    default:
      return false;
  }
}

// The text below `top`; <br> becomes `br`. `skip` says which elements to leave out.
template <typename Skip>
std::string text_below(GNode top, const char* br, Skip&& skip) {
  std::string out;
  visit(
      top,
      [&](GNode n) {
        if (is_text(n)) {
          out += text_of(n);
          return false;
        }
        if (!is_element(n) || invisible(n) || skip(n)) return false;
        if (tag_of(n) == HtmlTag::br) out += br;
        return true;
      },
      [](GNode) {});
  return out;
}

}  // namespace lede::html_walk
