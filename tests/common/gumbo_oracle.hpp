// The oracle for src/html/serialized_html_parser.cpp, shared by its unit test and its
// fuzz target: gumbo's own tree for the same input, and the first difference between two
// trees, node by node.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "html/serialized_html_parser.hpp"

namespace gumbo_oracle {

inline const GumboNode* gumbo_tree(const std::string& html, lede::Arena& arena) {
  GumboOptions o = kGumboDefaultOptions;
  o.allocator = [](void* a, std::size_t n) { return static_cast<lede::Arena*>(a)->allocate(n); };
  o.deallocator = [](void*, void*) {};
  o.userdata = &arena;
  // All errors kept, unlike html_to_tree's gumbo (max_errors = 0). Told to keep none,
  // gumbo 0.13 leaves a repeated attribute without a value in its name buffer, and the
  // next attribute's name starts with it (<img hidden hidden src=a> has "hiddensrc"):
  // the oracle is the tree HTML says, which the quick parser builds.
  o.max_errors = -1;
  o.fragment_context = GUMBO_TAG_DIV;
  o.fragment_namespace = GUMBO_NAMESPACE_HTML;
  return gumbo_parse_with_options(&o, html.data(), html.size())->root;
}

inline const GumboVector* children(const GumboNode* n) {
  if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE) return &n->v.element.children;
  if (n->type == GUMBO_NODE_DOCUMENT) return &n->v.document.children;
  return nullptr;
}

inline std::string piece(const GumboStringPiece& p) { return p.data ? std::string(p.data, p.length) : std::string(); }

// The first difference between two trees, or "" if there is none.
inline std::string difference(const GumboNode* want, const GumboNode* got) {
  std::vector<std::pair<const GumboNode*, const GumboNode*>> todo{{want, got}};
  while (!todo.empty()) {
    auto [a, b] = todo.back();
    todo.pop_back();
    if (a->type != b->type) return "node type " + std::to_string(a->type) + " / " + std::to_string(b->type);
    if (a->parent && b->parent && a->index_within_parent != b->index_within_parent) return "index within parent";
    if (a->type == GUMBO_NODE_ELEMENT) {
      const GumboElement& x = a->v.element;
      const GumboElement& y = b->v.element;
      if (x.tag != y.tag || x.tag_namespace != y.tag_namespace) return std::string("tag ") + gumbo_normalized_tagname(x.tag);
      if (x.tag != GUMBO_TAG_HTML && piece(x.original_tag) != piece(y.original_tag))
        return "original tag " + piece(x.original_tag) + " / " + piece(y.original_tag);
      if (x.attributes.length != y.attributes.length) return "attribute count on " + piece(x.original_tag);
      for (unsigned i = 0; i < x.attributes.length; ++i) {
        auto* p = static_cast<const GumboAttribute*>(x.attributes.data[i]);
        auto* q = static_cast<const GumboAttribute*>(y.attributes.data[i]);
        if (std::string(p->name) != q->name || std::string(p->value) != q->value ||
            p->attr_namespace != q->attr_namespace)
          return std::string("attribute ") + p->name + "=" + p->value + " / " + q->name + "=" + q->value;
      }
    } else if (a->type != GUMBO_NODE_DOCUMENT) {
      if (std::string(a->v.text.text) != b->v.text.text)
        return std::string("text \"") + a->v.text.text + "\" / \"" + b->v.text.text + "\"";
    }
    const GumboVector* u = children(a);
    const GumboVector* v = children(b);
    if (!u) continue;
    if (u->length != v->length) return "child count " + std::to_string(u->length) + " / " + std::to_string(v->length);
    for (unsigned i = 0; i < u->length; ++i) {
      auto* p = static_cast<const GumboNode*>(u->data[i]);
      auto* q = static_cast<const GumboNode*>(v->data[i]);
      if (q->parent != b) return "parent";
      todo.emplace_back(p, q);
    }
  }
  return "";
}

}  // namespace gumbo_oracle
