#include "html/html_roles.hpp"

namespace lede::html_walk {

Role role_of(GNode n, Tag& tag) {
  switch (tag_of(n)) {
    case HtmlTag::p: tag = Tag::p; return Role::paragraph;
    case HtmlTag::h1: tag = Tag::h1; return Role::heading;
    case HtmlTag::h2: tag = Tag::h2; return Role::heading;
    case HtmlTag::h3: tag = Tag::h3; return Role::heading;
    case HtmlTag::h4: tag = Tag::h4; return Role::heading;
    case HtmlTag::h5: tag = Tag::h5; return Role::heading;
    case HtmlTag::h6: tag = Tag::h6; return Role::heading;
    case HtmlTag::ol: tag = Tag::ol; return Role::list;
    case HtmlTag::ul: case HtmlTag::menu: case HtmlTag::dir: tag = Tag::ul; return Role::list;
    case HtmlTag::li: tag = Tag::li; return Role::item;
    case HtmlTag::dl: tag = Tag::dl; return Role::dl;
    case HtmlTag::dt: tag = Tag::dt; return Role::term;
    case HtmlTag::dd: tag = Tag::dd; return Role::term;
    case HtmlTag::blockquote: tag = Tag::blockquote; return Role::block;
    case HtmlTag::figure: tag = Tag::figure; return Role::block;
    case HtmlTag::details: tag = Tag::details; return Role::block;
    case HtmlTag::figcaption: tag = Tag::figcaption; return Role::figcaption;
    case HtmlTag::summary: tag = Tag::summary; return Role::summary;
    case HtmlTag::pre: case HtmlTag::listing: case HtmlTag::xmp: case HtmlTag::plaintext:
      tag = Tag::pre;
      return Role::pre;
    case HtmlTag::table: tag = Tag::table; return Role::table;
    case HtmlTag::caption: tag = Tag::caption; return Role::caption;
    case HtmlTag::thead: tag = Tag::thead; return Role::section;
    case HtmlTag::tbody: tag = Tag::tbody; return Role::section;
    case HtmlTag::tfoot: tag = Tag::tfoot; return Role::section;
    case HtmlTag::tr: tag = Tag::tr; return Role::row;
    case HtmlTag::td: tag = Tag::td; return Role::cell;
    case HtmlTag::th: tag = Tag::th; return Role::cell;
    case HtmlTag::hr: tag = Tag::hr; return Role::rule;
    case HtmlTag::em: case HtmlTag::i: case HtmlTag::var: case HtmlTag::dfn:
      tag = Tag::em;
      return Role::phrase;
    case HtmlTag::strong: case HtmlTag::b: tag = Tag::strong; return Role::phrase;
    case HtmlTag::code: case HtmlTag::tt: tag = Tag::code; return Role::phrase;
    case HtmlTag::kbd: tag = Tag::kbd; return Role::phrase;
    case HtmlTag::samp: tag = Tag::samp; return Role::phrase;
    case HtmlTag::sub: tag = Tag::sub; return Role::phrase;
    case HtmlTag::sup: tag = Tag::sup; return Role::phrase;
    case HtmlTag::abbr: case HtmlTag::acronym: tag = Tag::abbr; return Role::phrase;
    case HtmlTag::time: tag = Tag::time; return Role::phrase;
    case HtmlTag::del: tag = Tag::del; return Role::phrase;
    case HtmlTag::s: case HtmlTag::strike: tag = Tag::s; return Role::phrase;
    case HtmlTag::ins: tag = Tag::ins; return Role::phrase;
    case HtmlTag::mark: tag = Tag::mark; return Role::phrase;
    case HtmlTag::q: tag = Tag::q; return Role::phrase;
    case HtmlTag::cite: tag = Tag::cite; return Role::phrase;
    case HtmlTag::small: tag = Tag::small; return Role::phrase;
    case HtmlTag::a: tag = Tag::a; return Role::link;
    case HtmlTag::img: case HtmlTag::image: tag = Tag::img; return Role::image;
    case HtmlTag::br: return Role::br;
    case HtmlTag::iframe: case HtmlTag::video: case HtmlTag::embed: return Role::embed;
    case HtmlTag::audio: return Role::audio;
    case HtmlTag::noscript: return Role::noscript;
    case HtmlTag::script:
      return starts_with_ci(trim(attr(n, "type")), "math/tex") ? Role::tex : Role::drop;
    case HtmlTag::div: case HtmlTag::section: case HtmlTag::article: case HtmlTag::main_:
    case HtmlTag::header: case HtmlTag::footer: case HtmlTag::aside: case HtmlTag::nav:
    case HtmlTag::address: case HtmlTag::center: case HtmlTag::hgroup: case HtmlTag::search:
    case HtmlTag::fieldset: case HtmlTag::legend: case HtmlTag::form: case HtmlTag::body:
    case HtmlTag::html: case HtmlTag::multicol:
      return Role::wrapper;
    // Dropped with their content: scripts and styles, forms, plugins, graphics, media
    // parts, and everything that belongs to a document's head.
    case HtmlTag::style: case HtmlTag::template_: case HtmlTag::head: case HtmlTag::title:
    case HtmlTag::base: case HtmlTag::link: case HtmlTag::meta: case HtmlTag::object:
    case HtmlTag::param: case HtmlTag::applet: case HtmlTag::canvas: case HtmlTag::svg:
    case HtmlTag::math: case HtmlTag::source: case HtmlTag::track: case HtmlTag::map:
    case HtmlTag::area: case HtmlTag::input: case HtmlTag::button: case HtmlTag::select:
    case HtmlTag::datalist: case HtmlTag::optgroup: case HtmlTag::option:
    case HtmlTag::textarea: case HtmlTag::keygen: case HtmlTag::output:
    case HtmlTag::progress: case HtmlTag::meter: case HtmlTag::frame:
    case HtmlTag::frameset: case HtmlTag::noframes: case HtmlTag::noembed:
    case HtmlTag::colgroup: case HtmlTag::col: case HtmlTag::wbr: case HtmlTag::dialog:
    case HtmlTag::bgsound: case HtmlTag::basefont: case HtmlTag::isindex:
    case HtmlTag::nextid: case HtmlTag::spacer: case HtmlTag::menuitem:
      return Role::drop;
    default:
      return Role::span;
  }
}

// Hidden by the page: the hidden attribute, display:none or visibility:hidden, and
// KaTeX's visual copy of the formula it also gives as MathML.
bool hides(const HtmlAttribute& a) {
  if (a.name == "hidden") return true;
  if (a.name == "class") return has_word(a.value, "katex-html");
  if (a.name != "style" || a.value.empty()) return false;
  std::string squeezed;
  for (char c : a.value)
    if (!is_html_space(c)) squeezed += ascii_lower(c);
  return squeezed.find("display:none") != std::string::npos || squeezed.find("visibility:hidden") != std::string::npos;
}

// One pass over the attributes: this is asked of every element, twice.
bool hidden(GNode n) {
  for (std::size_t i = 0, count = n.tree->attribute_count(n.id); i < count; ++i)
    if (hides(n.tree->attribute(n.id, i))) return true;
  return false;
}

// The classes Lede's own layout gives body elements (html/rich_parts.cpp), kept when
// its HTML comes back in (`lede convert` writes a body of mixed parts as HTML). Only on
// the element Lede puts each on, and no others: an article cannot dress its text up as
// Lede's header, footer or newsletter box.
std::string_view own_class(GNode n) {
  static const struct {
    HtmlTag tag;
    const char* name;
  } kOwn[] = {{HtmlTag::figure, "lede-figure"}, {HtmlTag::figure, "lede-audio"},
              {HtmlTag::blockquote, "lede-pullquote"}, {HtmlTag::p, "lede-embed"},
              {HtmlTag::p, "lede-caption"}, {HtmlTag::small, "lede-credit"},
              {HtmlTag::code, "lede-math"}};
  for (const auto& own : kOwn)
    if (tag_of(n) == own.tag && has_class(n, own.name)) return own.name;
  return {};
}

}  // namespace lede::html_walk
