// The walk's leaves (html_builder.hpp): what text, images, players, formulas, code
// blocks and links become.
#include "html/html_builder.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <utility>
#include <vector>

#include "html/html_media.hpp"
#include "html/html_roles.hpp"
#include "text/ascii.hpp"

namespace lede::html_walk {

void Builder::text(GNode n) {
  std::string_view s = text_of(n);
  Frame& f = top();
  if (f.ctx == Ctx::phrasing) {
    doc_.text(s);
    return;
  }
  if (f.ctx != Ctx::flow) return;  // text in table structure is never shown
  bool blank = trim(s).empty();
  if (blank) {
    if (f.run != kNone || (!f.wrap && f.force == 0)) doc_.text(s);
    return;
  }
  ensure_run();
  doc_.text(s);
}

void Builder::br() {
  Frame& f = top();
  if (f.ctx == Ctx::phrasing || (f.ctx == Ctx::flow && (f.run != kNone || (!f.wrap && f.force == 0)))) {
    doc_.open(Tag::br);
    doc_.close();
  }
}

void Builder::image(GNode n) {
  if (pixel(n)) return;
  std::string url = image_url(n);
  if (url.empty() || (top().ctx != Ctx::flow && top().ctx != Ctx::phrasing)) return;
  std::string alt = collapse_spaces(attr(n, "alt"));
  if (!url_allowed(url, UrlKind::image)) {
    refused("image", url, UrlKind::image);
    if (!alt.empty() && inline_here()) doc_.text(alt);  // a refused image keeps its description
    return;
  }
  if (!inline_here() || deeper_than_limit(1)) return;
  doc_.open(Tag::img);
  attributes(n);
  doc_.set_image_source(url, true);
  doc_.set(Attr::alt, alt);
  std::string_view w = trim(attr(n, "width")), h = trim(attr(n, "height"));
  auto pixels = [](std::string_view v) {
    return !v.empty() && v.size() <= 5 && v.find_first_not_of("0123456789") == std::string_view::npos;
  };
  if (pixels(w) && pixels(h)) {
    doc_.set(Attr::width, w);
    doc_.set(Attr::height, h);
  }
  title(n);
  doc_.close();
  shown_.add_copy(url);
  last_image_ = n;
}

// <noscript> holds the plain <img> for readers without JavaScript. Its image is shown
// unless the lazy image just before it already shows it (or any image shows its URL).
// gumbo parses noscript content as markup; the markup itself is never emitted.
void Builder::noscript(GNode n) {
  GNode prev_image = image_before(n);
  bool covered = prev_image && prev_image == last_image_;
  std::vector<GNode> images;
  std::string markup;  // noscript content that arrived as text
  visit(
      n,
      [&](GNode c) {
        if (is_text(c)) markup += text_of(c);
        if (!is_element(c)) return false;
        if (tag_of(c) == HtmlTag::img || tag_of(c) == HtmlTag::image) images.push_back(c);
        return true;
      },
      [](GNode) {});
  HtmlTree tree;  // the markup's parse: freed on return, so nothing may keep a view of it
  bool reparsed = images.empty() && markup.find('<') != std::string::npos;
  if (reparsed) {
    visit(
        parse(markup, tree, options_.gumbo, notes_),
        [&](GNode c) {
          if (!is_element(c)) return false;
          if (tag_of(c) == HtmlTag::img || tag_of(c) == HtmlTag::image) images.push_back(c);
          return true;
        },
        [](GNode) {});
  }
  for (GNode img : images) {
    std::string url = image_url(img);
    if (url.empty() || covered || shown_.contains(url)) continue;
    image(img);
  }
  // No image of the body's parse is ever one of these, so forgetting it decides the
  // same as comparing with it later would.
  if (reparsed && std::find(images.begin(), images.end(), last_image_) != images.end()) last_image_ = GNode{};
}

void Builder::embed(GNode n) {
  Embed e = embed_of(n);
  if (e.url.empty() || in_link_ > 0) return;
  Ctx ctx = top().ctx;
  if (ctx == Ctx::flow) {
    end_run();
    if (!deeper_than_limit(2)) link_card(doc_, e.url, e.label, false);
  } else if (ctx == Ctx::phrasing && !deeper_than_limit(1)) {
    link_card(doc_, e.url, e.label, true);
  }
}

void Builder::audio(GNode n) {
  std::string_view src = trim(attr(n, "src"));
  for (GNode c = first_child(n); c && src.empty(); c = next_sibling(c))
    if (tag_of(c) == HtmlTag::source) src = trim(attr(c, "src"));
  if (src.empty()) return;
  if (!url_allowed(src, UrlKind::media)) {
    refused("audio", std::string(src), UrlKind::media);
    return;
  }
  if (!inline_here() || deeper_than_limit(1)) return;
  doc_.open(Tag::audio);
  doc_.set_url(Attr::src, src, UrlKind::media);
  doc_.set(Attr::controls, "");
  doc_.set(Attr::preload, "metadata");
  doc_.close();
}

// MathML: its TeX annotation if it has one, else its text.
void Builder::math(GNode n) {
  std::string tex;
  visit(
      n,
      [&](GNode c) {
        if (!is_element(c)) return false;
        if (equals_ci(written_name(c), "annotation") &&
            (equals_ci(trim(attr(c, "encoding")), "application/x-tex") ||
             equals_ci(trim(attr(c, "encoding")), "tex")) && tex.empty())
          tex = collapse_spaces(text_below(c, " ", [](GNode) { return false; }));
        return true;
      },
      [](GNode) {});
  if (tex.empty())
    tex = collapse_spaces(text_below(n, " ", [](GNode c) {
      return equals_ci(written_name(c), "annotation") || tag_of(c) == HtmlTag::annotation_xml;
    }));
  formula(tex);
}

void Builder::formula(const std::string& text) {
  if (text.empty() || !inline_here() || deeper_than_limit(1)) return;
  doc_.open(Tag::code);
  doc_.set(Attr::class_, "lede-math");
  doc_.text(text);
  doc_.close();
}

void Builder::pre(GNode n) {
  std::string code = text_below(n, "\n", [](GNode c) { return hidden(c); });
  Ctx ctx = top().ctx;
  if (ctx == Ctx::phrasing) {
    doc_.text(" ");
    if (!deeper_than_limit(1)) {
      doc_.open(Tag::code);
      doc_.text(code);
      doc_.close();
    }
    doc_.text(" ");
    return;
  }
  if (ctx != Ctx::flow || trim(code).empty()) return;
  // The language: on <pre>, on a lone <code> inside it, or on the wrapper around it
  // (GitHub's <div class="highlight highlight-source-js"><pre>).
  std::string lang = language_of(n);
  for (GNode c = first_child(n); c && lang.empty(); c = next_sibling(c))
    if (tag_of(c) == HtmlTag::code) lang = language_of(c);
  if (lang.empty()) lang = language_of(parent_of(n));
  if (!open_block(Tag::pre, n)) return;
  if (!deeper_than_limit(1)) {
    doc_.open(Tag::code);
    if (!lang.empty()) doc_.set(Attr::class_, "language-" + lang);
    doc_.text(code);
    doc_.close();
  }
  doc_.close();
}

// The href to keep, or false: in-page links point at the prefixed ids (and are
// dropped when nothing in the article has that id); others go by the URL policy.
bool Builder::link_href(GNode n, std::string& out) {
  std::string_view href = trim(attr(n, "href"));
  if (href.empty()) return false;
  if (href[0] == '#') {
    std::string id(href.substr(1));
    if (!ids_.contains(id)) id = percent_decoded(id);
    if (id.empty() || !ids_.contains(id)) return false;
    out = "#lede-user-" + id;
    return true;
  }
  if (!url_allowed(href, UrlKind::link)) {
    refused("link", std::string(href), UrlKind::link);
    return false;
  }
  out.assign(href);
  return true;
}

std::string Builder::percent_decoded(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace lede::html_walk
