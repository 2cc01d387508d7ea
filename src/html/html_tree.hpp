// The tree the HTML event stream describes (html_events.hpp), as the tree builder reads it:
// compact nodes in one array, linked to parent, first child and next sibling, their text
// and attributes in one pool. It is an HtmlSink, so any producer fills it; it keeps what
// the events say and nothing else (no comments, no positions).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "html/html_events.hpp"

namespace lede {

using HtmlNodeId = std::uint32_t;
inline constexpr HtmlNodeId kNoHtmlNode = 0;

class HtmlTree : public HtmlSink {
 public:
  HtmlTree() { clear(); }
  HtmlTree(const HtmlTree&) = delete;
  HtmlTree& operator=(const HtmlTree&) = delete;

  // Back to the root alone (an <html> element: the fragment's parent), keeping memory.
  void clear();
  // Room for what `html` can hold: its text and attributes, and a node for each tag and
  // each text between two (elements that HTML implies are few). Reserved, not written:
  // it costs address space, and the vectors never copy themselves while they grow.
  void reserve(std::string_view html);

  void open(HtmlTag tag, std::string_view name, HtmlNamespace space, const HtmlAttribute* attributes,
            std::size_t count, HtmlPlace place = HtmlPlace::append) override;
  void text(std::string_view utf8, HtmlPlace place = HtmlPlace::append) override;
  void close() override;

  // ---- reading ----
  HtmlNodeId root() const { return 1; }
  std::size_t size() const { return nodes_.size(); }  // node ids are below this
  bool is_text(HtmlNodeId n) const { return nodes_[n].is_text; }
  bool is_element(HtmlNodeId n) const { return n != kNoHtmlNode && !nodes_[n].is_text; }
  HtmlTag tag(HtmlNodeId n) const { return nodes_[n].is_text ? HtmlTag::unknown : nodes_[n].tag; }
  HtmlNamespace space(HtmlNodeId n) const { return nodes_[n].space; }
  // The name as written (lowercase) for HtmlTag::unknown, else the tag's name.
  std::string_view name(HtmlNodeId n) const;
  std::string_view text_of(HtmlNodeId n) const { return slice(nodes_[n].begin, nodes_[n].size); }
  HtmlNodeId parent(HtmlNodeId n) const { return nodes_[n].parent; }
  HtmlNodeId first_child(HtmlNodeId n) const { return nodes_[n].first_child; }
  HtmlNodeId next_sibling(HtmlNodeId n) const { return nodes_[n].next_sibling; }
  std::size_t attribute_count(HtmlNodeId n) const { return nodes_[n].is_text ? 0 : nodes_[n].size; }
  HtmlAttribute attribute(HtmlNodeId n, std::size_t i) const {
    const Attr& a = attrs_[nodes_[n].begin + i];
    return {slice(a.name_begin, a.name_size), slice(a.value_begin, a.value_size)};
  }
  // The value of the first attribute named `name` (lowercase), and whether there is one.
  bool find(HtmlNodeId n, std::string_view name, std::string_view& value) const;
  // Text and attribute bytes held: for tests and measurements.
  std::size_t pool_bytes() const { return pool_.size(); }

 private:
  struct Node {
    HtmlNodeId parent = kNoHtmlNode, first_child = kNoHtmlNode, next_sibling = kNoHtmlNode;
    std::uint32_t begin = 0, size = 0;            // text: its bytes; element: its attributes
    std::uint32_t name_begin = 0, name_size = 0;  // an unknown element's name
    HtmlTag tag = HtmlTag::unknown;
    HtmlNamespace space = HtmlNamespace::html;
    bool is_text = false;
  };
  struct Attr {
    std::uint32_t name_begin, name_size, value_begin, value_size;
  };
  struct Open {
    HtmlNodeId node, last_child;
  };
  struct Table {
    std::size_t open;   // its entry in open_
    HtmlNodeId before;  // the node its fostered nodes go after (none: first in the parent)
  };

  std::string_view slice(std::uint32_t begin, std::uint32_t size) const {
    return std::string_view(pool_).substr(begin, size);
  }
  std::uint32_t store(std::string_view s);
  HtmlNodeId add(Node n, HtmlPlace place);

  std::vector<Node> nodes_;
  std::vector<Attr> attrs_;
  std::string pool_;
  std::vector<Open> open_;
  std::vector<Table> tables_;
};

}  // namespace lede
