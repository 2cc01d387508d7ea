#include "html/html_tree.hpp"

namespace lede {

void HtmlTree::clear() {
  nodes_.clear();
  attrs_.clear();
  pool_.clear();
  open_.clear();
  tables_.clear();
  nodes_.emplace_back();  // id 0: no node
  Node root;
  root.tag = HtmlTag::html;
  nodes_.push_back(root);
  open_.push_back({1, kNoHtmlNode});
}

void HtmlTree::reserve(std::string_view html) {
  std::size_t tags = 0;
  for (std::size_t at = html.find('<'); at != std::string_view::npos; at = html.find('<', at + 1)) ++tags;
  pool_.reserve(html.size());
  nodes_.reserve(nodes_.size() + 2 * tags + 2);
}

std::uint32_t HtmlTree::store(std::string_view s) {
  auto begin = static_cast<std::uint32_t>(pool_.size());
  pool_.append(s.data(), s.size());
  return begin;
}

std::string_view HtmlTree::name(HtmlNodeId n) const {
  const Node& node = nodes_[n];
  if (node.is_text) return {};
  if (node.tag != HtmlTag::unknown) return html_tag_name(node.tag);
  return slice(node.name_begin, node.name_size);
}

HtmlNodeId HtmlTree::add(Node n, HtmlPlace place) {
  auto id = static_cast<HtmlNodeId>(nodes_.size());
  if (place == HtmlPlace::before_table && !tables_.empty()) {
    Table& t = tables_.back();
    HtmlNodeId table = open_[t.open].node;
    HtmlNodeId parent = nodes_[table].parent;
    n.parent = parent;
    if (t.before == kNoHtmlNode) {
      n.next_sibling = nodes_[parent].first_child;
      nodes_.push_back(n);
      nodes_[parent].first_child = id;
    } else {
      n.next_sibling = nodes_[t.before].next_sibling;
      nodes_.push_back(n);
      nodes_[t.before].next_sibling = id;
    }
    t.before = id;
    return id;
  }
  Open& o = open_.back();
  n.parent = o.node;
  nodes_.push_back(n);
  if (o.last_child == kNoHtmlNode) nodes_[o.node].first_child = id;
  else nodes_[o.last_child].next_sibling = id;
  o.last_child = id;
  return id;
}

void HtmlTree::open(HtmlTag tag, std::string_view name, HtmlNamespace space, const HtmlAttribute* attributes,
                    std::size_t count, HtmlPlace place) {
  Node n;
  n.tag = tag;
  n.space = space;
  if (tag == HtmlTag::unknown) {
    n.name_begin = store(name);
    n.name_size = static_cast<std::uint32_t>(name.size());
  }
  n.begin = static_cast<std::uint32_t>(attrs_.size());
  n.size = static_cast<std::uint32_t>(count);
  for (std::size_t i = 0; i < count; ++i) {
    Attr a;
    a.name_begin = store(attributes[i].name);
    a.name_size = static_cast<std::uint32_t>(attributes[i].name.size());
    a.value_begin = store(attributes[i].value);
    a.value_size = static_cast<std::uint32_t>(attributes[i].value.size());
    attrs_.push_back(a);
  }
  // A table's fostered nodes go after its previous sibling (none: first in its parent).
  bool fostered = place == HtmlPlace::before_table && !tables_.empty();
  HtmlNodeId previous = fostered ? tables_.back().before : open_.back().last_child;
  HtmlNodeId id = add(n, place);
  open_.push_back({id, kNoHtmlNode});
  if (tag == HtmlTag::table && space == HtmlNamespace::html) tables_.push_back({open_.size() - 1, previous});
}

void HtmlTree::text(std::string_view utf8, HtmlPlace place) {
  Node n;
  n.is_text = true;
  n.begin = store(utf8);
  n.size = static_cast<std::uint32_t>(utf8.size());
  add(n, place);
}

void HtmlTree::close() {
  if (open_.size() <= 1) return;  // the root stays open
  if (!tables_.empty() && tables_.back().open == open_.size() - 1) tables_.pop_back();
  open_.pop_back();
}

bool HtmlTree::find(HtmlNodeId n, std::string_view name, std::string_view& value) const {
  const Node& node = nodes_[n];
  if (node.is_text) return false;
  for (std::uint32_t i = 0; i < node.size; ++i) {
    const Attr& a = attrs_[node.begin + i];
    if (a.name_size == name.size() && pool_.compare(a.name_begin, a.name_size, name) == 0) {
      value = slice(a.value_begin, a.value_size);
      return true;
    }
  }
  return false;
}

}  // namespace lede
