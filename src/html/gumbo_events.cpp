#include "html/gumbo_events.hpp"

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "html/arena.hpp"

extern "C" {
#include "gumbo.h"
}

namespace lede {
namespace {

// HtmlTag follows gumbo 0.13's tag order (html_names.hpp).
static_assert(static_cast<int>(HtmlTag::html) == GUMBO_TAG_HTML && static_cast<int>(HtmlTag::a) == GUMBO_TAG_A &&
                  static_cast<int>(HtmlTag::rtc) == GUMBO_TAG_RTC && kHtmlTagCount == GUMBO_TAG_UNKNOWN,
              "HtmlTag must follow gumbo's tag order");

HtmlNamespace space_of(GumboNamespaceEnum space) {
  return space == GUMBO_NAMESPACE_SVG ? HtmlNamespace::svg
         : space == GUMBO_NAMESPACE_MATHML ? HtmlNamespace::mathml
                                           : HtmlNamespace::html;
}

}  // namespace

void gumbo_html_events(std::string_view html, HtmlSink& sink) {
  // gumbo allocates from an arena that is freed whole: its own gumbo_destroy_output
  // recurses once per level of nesting, which deep input would turn into a stack overflow.
  Arena arena;
  GumboOptions o = kGumboDefaultOptions;
  o.allocator = [](void* a, std::size_t n) { return static_cast<Arena*>(a)->allocate(n); };
  o.deallocator = [](void*, void*) {};
  o.userdata = &arena;
  // Every parse error kept (in the arena, freed with it): told to keep none, gumbo 0.13
  // leaves a repeated attribute without a value in its name buffer, and the next
  // attribute's name starts with it (<img hidden hidden src=a> has "hiddensrc" and no src).
  o.max_errors = -1;
  o.fragment_context = GUMBO_TAG_DIV;
  o.fragment_namespace = GUMBO_NAMESPACE_HTML;
  const GumboNode* root = gumbo_parse_with_options(&o, html.data(), html.size())->root;

  // The walk: no recursion either, for the same reason.
  std::vector<std::pair<const GumboNode*, unsigned>> stack{{root, 0u}};
  std::vector<HtmlAttribute> attrs;
  std::string name;
  while (!stack.empty()) {
    const GumboNode* node = stack.back().first;
    const GumboVector& kids = node->v.element.children;
    unsigned i = stack.back().second;
    if (i >= kids.length) {
      stack.pop_back();
      if (!stack.empty()) sink.close();
      continue;
    }
    ++stack.back().second;
    const auto* c = static_cast<const GumboNode*>(kids.data[i]);
    switch (c->type) {
      case GUMBO_NODE_TEXT: case GUMBO_NODE_WHITESPACE: case GUMBO_NODE_CDATA:
        sink.text(c->v.text.text);
        break;
      case GUMBO_NODE_ELEMENT: case GUMBO_NODE_TEMPLATE: {
        const GumboElement& e = c->v.element;
        attrs.clear();
        for (unsigned k = 0; k < e.attributes.length; ++k) {
          const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[k]);
          attrs.push_back({a->name, a->value});
        }
        name.clear();
        if (e.tag == GUMBO_TAG_UNKNOWN) {  // its name as written, lowercase
          GumboStringPiece piece = e.original_tag;
          if (piece.data && piece.length) gumbo_tag_from_original_text(&piece);
          for (std::size_t k = 0; k < piece.length; ++k) {
            char ch = piece.data[k];
            name += ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch + 32) : ch;
          }
        }
        HtmlTag tag = e.tag == GUMBO_TAG_UNKNOWN ? HtmlTag::unknown : static_cast<HtmlTag>(e.tag);
        sink.open(tag, name, space_of(e.tag_namespace), attrs.data(), attrs.size());
        stack.emplace_back(c, 0u);
        break;
      }
      default: break;  // comments
    }
  }
}

}  // namespace lede
