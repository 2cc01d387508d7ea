// libFuzzer target: arbitrary bytes as the Markdown `body` of an article.
//
// The bytes are made valid UTF-8 (invalid sequences become U+FFFD, as a browser's
// TextDecoder would do) and written into a JSON string with proper escaping, next to a
// fixed title. Such an article must always render. Then:
//  - render_html and render_ops describe the same tree: the op-stream, replayed into a
//    DOM and serialised independently (fuzz_common.hpp), equals the HTML string;
//  - every invariant of check_dom() holds;
//  - inside the body, only the elements and attributes Markdown can make appear (raw
//    HTML is text, never markup), with class values Lede chose;
//  - md4c's callbacks through their byte form (markdown_events.hpp, what lede-html.wasm
//    reads from lede-markdown.wasm) build the same HTML as md4c's callbacks directly.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_common.hpp"
#include "output/html_writer.hpp"
#include "text/escape.hpp"
#include "unit/markdown_stream.hpp"

namespace {

using lede::Attr;
using lede::Tag;

bool markdown_tag(Tag t) {
  switch (t) {
    case Tag::blockquote: case Tag::ul: case Tag::ol: case Tag::li: case Tag::hr:
    case Tag::h2: case Tag::h3: case Tag::h4: case Tag::h5: case Tag::h6: case Tag::pre:
    case Tag::code: case Tag::p: case Tag::div: case Tag::table: case Tag::thead:
    case Tag::tbody: case Tag::tr: case Tag::th: case Tag::td: case Tag::em: case Tag::strong:
    case Tag::del: case Tag::a: case Tag::span: case Tag::img: case Tag::br:
    case Tag::figure: case Tag::figcaption:  // a lone image with a title
      return true;
    default:  // h1 too: the title is the page's only h1
      return false;
  }
}

bool markdown_class(Tag t, const std::string& v) {
  if (t == Tag::div) return v == "lede-scroll";
  if (t == Tag::th || t == Tag::td)
    return v == "lede-align-start" || v == "lede-align-center" || v == "lede-align-end";
  if (t == Tag::li) return v == "lede-task" || v == "lede-task lede-task-done";
  if (t == Tag::span) return v == "lede-check";
  if (t == Tag::code) {
    if (v.size() <= 9 || v.compare(0, 9, "language-") != 0) return false;
    for (char c : v.substr(9))
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
            c == '_' || c == '+' || c == '#' || c == '.'))
        return false;
    return true;
  }
  return false;
}

// Whether a subtree says something to a screen reader, as layout decides (article_view.cpp):
// text other than spaces, tabs, line breaks and no-break spaces, or an image with such alt text.
bool named(const fuzz::Dom& dom, int id) {
  auto visible = [](const std::string& s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s.compare(i, 2, "\xC2\xA0") == 0) ++i;
      else if (!(s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')) return true;
    }
    return false;
  };
  const fuzz::Node& n = dom.nodes[id];
  if (n.is_text) return visible(n.text);
  if (n.tag == Tag::img) return n.attr(Attr::alt) && visible(*n.attr(Attr::alt));
  for (int c : n.children)
    if (named(dom, c)) return true;
  return false;
}

void check_body(const fuzz::Dom& dom, int id) {
  for (int c : dom.nodes[id].children) {
    const fuzz::Node& n = dom.nodes[c];
    if (n.is_text) continue;
    const std::string where = "<" + fuzz::tag_str(n.tag) + "> in the body";
    FUZZ_CHECK(markdown_tag(n.tag), where);
    for (const auto& [a, v] : n.attrs) {
      switch (a) {
        case Attr::class_: FUZZ_CHECK(markdown_class(n.tag, v), where + " with class=\"" + v + "\""); break;
        case Attr::href: case Attr::title: case Attr::rel: case Attr::src: case Attr::alt:
        case Attr::loading: case Attr::decoding: case Attr::referrerpolicy: case Attr::start:
        case Attr::role: case Attr::aria_label: case Attr::id:
          break;
        default: fuzz::fail("a Markdown attribute", where + " with " + fuzz::attr_str(a));
      }
    }
    if (n.tag == Tag::span && !n.attr(Attr::class_) && named(dom, c)) {
      // A bare <span> would mean an md4c span type Lede did not enable. Layout makes one
      // of a link with no name for a screen reader (no text, no described image): such a
      // span says nothing itself.
      fuzz::fail("no bare <span> but a nameless link's", where);
    }
    check_body(dom, c);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string markdown = fuzz::to_valid_utf8(std::string_view(reinterpret_cast<const char*>(data), size));
  std::string json = "{\"title\":\"Fuzz\",\"body\":" + lede::json_string(markdown) + "}";

  std::string html;
  lede::OpStream ops;
  lede::Result rh = lede::render_html(json, html);
  // A Markdown body always renders (nesting past the depth limit is flattened, issue 19);
  // the only problems are warnings about the body: refused URLs, and that flattening.
  bool only_url_warnings = true;
  for (const lede::Problem& p : rh.problems)
    only_url_warnings &= p.warning && p.path == "body" &&
                         (p.message.find(" URL refused ") != std::string::npos || p.code == lede::ErrorCode::too_deep);
  FUZZ_CHECK(rh.ok() && only_url_warnings, "a Markdown body did not render cleanly: " +
                                              (rh.problems.empty() ? "" : rh.problems.front().to_string()));
  lede::Result ro = lede::render_ops(json, ops);
  fuzz::same_problems(rh, ro, "render_html vs render_ops");

  fuzz::Dom dom = fuzz::decode(ops);
  fuzz::check_dom(dom);
  std::string replayed = fuzz::serialize(dom);
  FUZZ_CHECK(replayed == html, "op-stream and HTML differ:\nops:  " + replayed + "\nhtml: " + html);

  {
    lede::Result rs;
    lede::Document doc(false);
    std::string streamed;
    if (lede::tree_of(json, lede::Options{}, test::stream_extensions(), doc, rs)) lede::write_html(doc, streamed);
    fuzz::same_problems(rh, rs, "md4c directly vs its callbacks' byte form");
    FUZZ_CHECK(streamed == html, "md4c's callbacks through their byte form differ:\nstream: " + streamed + "\ndirect: " + html);
  }

  // <article> holds the header and, if the body is not empty, <div class="lede-body">.
  const fuzz::Node& article = dom.nodes[dom.nodes[0].children.at(0)];
  int body = -1;
  for (int c : article.children) {
    const std::string* cls = dom.nodes[c].attr(Attr::class_);
    if (cls && *cls == "lede-body") body = c;
  }
  FUZZ_CHECK((body >= 0) == !markdown.empty(), "a body <div> for an empty body, or none for text");
  if (body >= 0) check_body(dom, body);
  return 0;
}
