#include "html/html_to_tree.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <utility>
#include <vector>

#include "html/html_tree.hpp"
#include "html/lenient_html_parser.hpp"
#include "html/serialized_html_parser.hpp"
#include "problems.hpp"
#include "text/ascii.hpp"
#include "tree/string_table.hpp"
#include "tree/url_policy.hpp"

namespace lede {
namespace {

// A node of an HTML tree (html_tree.hpp): the tree and the node's id in it. Most nodes
// are the body's; a <noscript>'s markup is parsed into a tree of its own.
struct GNode {
  const HtmlTree* tree = nullptr;
  HtmlNodeId id = kNoHtmlNode;
  explicit operator bool() const { return id != kNoHtmlNode; }
  bool operator==(const GNode& o) const { return tree == o.tree && id == o.id; }
  bool operator!=(const GNode& o) const { return !(*this == o); }
};

// ---------------------------------------------------------------------------
// The parse, into an HtmlTree: the quick parser takes HTML as browsers and CMSs write it;
// what it gives up on goes to gumbo if gumbo's work on it stays linear, else to the
// lenient reader (lenient_html_parser.hpp).

struct ParseNotes {
  bool lenient = false;             // read by the lenient reader
  bool attributes_dropped = false;  // a tag had more than Limits::kHtmlAttributes
  bool needs_gumbo = false;         // gumbo was needed and `gumbo` could not parse
};

// `html` parsed as the content of a <div> (HTML's fragment parsing: no-quirks mode, no
// <head>; <html>, <head> and <body> tags are ignored) into `tree`, whose root is the
// fragment's parent. Without `gumbo` (or if it cannot parse, as in a browser before its
// module is loaded) what gumbo would read is read leniently, and noted.
GNode parse(std::string_view html, HtmlTree& tree, HtmlProducer gumbo, ParseNotes& notes, bool quick = true) {
  tree.clear();
  tree.reserve(html);
  if (quick && serialized_html_events(html, tree)) return {&tree, tree.root()};
  tree.clear();
  if (gumbo_work_bounded(html)) {
    if (gumbo && gumbo(html, tree)) return {&tree, tree.root()};
    tree.clear();
    notes.needs_gumbo = true;
  } else {
    notes.lenient = true;
  }
  lenient_html_events(html, tree, &notes.attributes_dropped);
  return {&tree, tree.root()};
}

bool is_element(GNode n) { return n && n.tree->is_element(n.id); }
bool is_text(GNode n) { return n && n.tree->is_text(n.id); }
HtmlTag tag_of(GNode n) { return is_element(n) ? n.tree->tag(n.id) : HtmlTag::unknown; }
HtmlNamespace space_of(GNode n) { return n.tree->space(n.id); }
GNode parent_of(GNode n) { return {n.tree, n.tree->parent(n.id)}; }
GNode first_child(GNode n) { return {n.tree, n.tree->first_child(n.id)}; }
GNode next_sibling(GNode n) { return {n.tree, n.tree->next_sibling(n.id)}; }
std::string_view text_of(GNode n) { return n.tree->text_of(n.id); }

// The value of the attribute `name` (lowercase: every producer writes names so), or "".
std::string_view attr(GNode n, std::string_view name) {
  std::string_view value;
  return n.tree->find(n.id, name, value) ? value : std::string_view();
}
bool has_attr(GNode n, std::string_view name) {
  std::string_view value;
  return n.tree->find(n.id, name, value);
}


bool equals_ci(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}
bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && equals_ci(s.substr(0, prefix.size()), prefix);
}
bool contains_ci(std::string_view s, std::string_view part) {
  for (std::size_t i = 0; i + part.size() <= s.size(); ++i)
    if (equals_ci(s.substr(i, part.size()), part)) return true;
  return false;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_html_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_html_space(s.back())) s.remove_suffix(1);
  return s;
}

// The tag name as written, for elements gumbo does not know (MathML's <annotation>).
std::string_view written_name(GNode n) { return n.tree->name(n.id); }

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

bool has_word(std::string_view list, std::string_view name) {
  bool found = false;
  each_word(list, [&](std::string_view c) { found = found || equals_ci(c, name); });
  return found;
}
bool has_class(GNode n, std::string_view name) { return has_word(attr(n, "class"), name); }

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
bool invisible(GNode n) {
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

// ---------------------------------------------------------------------------
// What each input element becomes.

enum class Role : std::uint8_t {
  drop,        // left out with its content
  wrapper,     // a block that is unwrapped: div, section, article, …
  span,        // an inline element that is unwrapped: span, font, u, custom elements …
  paragraph,   // p
  heading,     // h1–h6
  list,        // ul, ol (menu, dir)
  item,        // li
  dl,          // dl
  term,        // dt, dd
  block,       // blockquote, figure, details
  figcaption,  // figcaption
  summary,     // summary
  pre,         // pre, listing, xmp, plaintext
  table,       // table
  caption,     // caption
  section,     // thead, tbody, tfoot
  row,         // tr
  cell,        // td, th
  rule,        // hr
  phrase,      // em, strong, code, … : kept inline
  link,        // a
  image,       // img
  br,          // br
  embed,       // iframe, video, embed: a link card
  audio,       // audio: a player
  tex,         // <script type="math/tex">: MathJax's TeX source
  noscript,    // noscript: its images, if they are not already shown
};

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
// One pass over the attributes: this is asked of every element, twice.
bool hidden(GNode n) {
  for (std::size_t i = 0, count = n.tree->attribute_count(n.id); i < count; ++i) {
    HtmlAttribute a = n.tree->attribute(n.id, i);
    if (a.name == "hidden") return true;
    if (a.name == "class" && has_word(a.value, "katex-html")) return true;
    if (a.name == "style" && !a.value.empty()) {
      std::string squeezed;
      for (char c : a.value)
        if (!is_html_space(c)) squeezed += ascii_lower(c);
      if (squeezed.find("display:none") != std::string::npos ||
          squeezed.find("visibility:hidden") != std::string::npos)
        return true;
    }
  }
  return false;
}

// The classes Lede's own layout gives body elements (layout/rich_parts.cpp), kept when
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

// ---------------------------------------------------------------------------
// Images: the real URL behind lazy loading.

// The largest candidate of a srcset: by width descriptor, else by density.
std::string largest_in_srcset(std::string_view s) {
  std::string best;
  double best_score = -1;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (is_html_space(s[i]) || s[i] == ',')) ++i;
    std::size_t b = i;
    while (i < s.size() && !is_html_space(s[i])) ++i;
    std::string_view url = s.substr(b, i - b);
    bool ended = false;  // "a.jpg," has no descriptors
    while (!url.empty() && url.back() == ',') {
      url.remove_suffix(1);
      ended = true;
    }
    double score = 1e-3;  // no descriptor: 1x
    if (!ended) {
      std::size_t d = i;
      int parens = 0;
      while (i < s.size() && (s[i] != ',' || parens > 0)) {
        if (s[i] == '(') ++parens;
        if (s[i] == ')') --parens;
        ++i;
      }
      std::string_view descriptors = trim(s.substr(d, i - d));
      if (!descriptors.empty()) {
        char unit = ascii_lower(descriptors.back());
        double value = std::strtod(std::string(descriptors.substr(0, descriptors.size() - 1)).c_str(), nullptr);
        if (unit == 'w') score = value;          // widths outrank densities
        else if (unit == 'x') score = value * 1e-3;
      }
    }
    if (!url.empty() && score > best_score) {
      best_score = score;
      best.assign(url);
    }
  }
  return best;
}

bool looks_like_image_url(std::string_view v) {
  v = trim(v);
  if (v.empty() || v.size() > 2048) return false;
  for (char c : v)
    if (is_html_space(c)) return false;
  std::string_view path = v.substr(0, v.find_first_of("?#"));
  for (std::string_view ext : {".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"})
    if (path.size() > ext.size() && equals_ci(path.substr(path.size() - ext.size()), ext)) return true;
  return false;
}

// A stand-in for the real image: empty, a tiny data: URL, or an SVG data: URL.
bool placeholder(std::string_view src) {
  src = trim(src);
  if (src.empty()) return true;
  if (!starts_with_ci(src, "data:")) return false;
  if (starts_with_ci(src, "data:image/svg")) return true;
  std::size_t comma = src.find(',');
  return comma == std::string_view::npos || src.size() - comma < 134;
}

// The URL an image shows once loaded: src, unless it is a placeholder (or the page
// marks the image lazy) and a data-src-like attribute holds the real one; else the
// largest candidate of srcset, data-srcset, or the srcset of a <picture>'s <source>.
std::string image_url(GNode img) {
  std::string_view src = trim(attr(img, "src"));
  std::string_view lazy;
  for (const char* name : {"data-src", "data-lazy-src", "data-original", "data-lazy",
                           "data-url", "data-hi-res-src", "data-full-src"}) {
    std::string_view v = trim(attr(img, name));
    if (!v.empty() && !placeholder(v)) {
      lazy = v;
      break;
    }
  }
  if (lazy.empty()) {  // any other data-* attribute that holds an image URL
    for (std::size_t i = 0, count = img.tree->attribute_count(img.id); i < count && lazy.empty(); ++i) {
      HtmlAttribute a = img.tree->attribute(img.id, i);
      if (starts_with_ci(a.name, "data-") && !contains_ci(a.name, "srcset") && looks_like_image_url(a.value))
        lazy = trim(a.value);
    }
  }
  bool lazy_class = false;
  each_class(img, [&](std::string_view c) { lazy_class = lazy_class || contains_ci(c, "lazy"); });
  if (!lazy.empty() && (placeholder(src) || lazy_class)) return std::string(lazy);
  if (!placeholder(src)) return std::string(src);
  for (const char* name : {"srcset", "data-srcset", "data-lazy-srcset"}) {
    std::string best = largest_in_srcset(attr(img, name));
    if (!best.empty()) return best;
  }
  GNode parent = parent_of(img);
  if (parent && tag_of(parent) == HtmlTag::picture) {
    for (GNode c = first_child(parent); c; c = next_sibling(c)) {
      if (tag_of(c) != HtmlTag::source) continue;
      for (const char* name : {"srcset", "data-srcset"}) {
        std::string best = largest_in_srcset(attr(c, name));
        if (!best.empty()) return best;
      }
    }
  }
  return {};  // only a placeholder
}

// A tracking pixel: declared 1×1 (or 0×0).
bool pixel(GNode img) {
  std::string_view w = trim(attr(img, "width")), h = trim(attr(img, "height"));
  return (w == "0" || w == "1") && (h == "0" || h == "1");
}

// ---------------------------------------------------------------------------
// Embedded video: the page to link to, and what to call it.

struct Embed {
  std::string url, label;
};

std::string_view host_of(std::string_view url) {
  std::size_t b = url.find("//");
  if (b == std::string_view::npos) return {};
  url.remove_prefix(b + 2);
  url = url.substr(0, url.find_first_of("/?#"));
  if (std::size_t at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
  if (starts_with_ci(url, "www.")) url.remove_prefix(4);
  return url;
}

Embed embed_of(GNode n) {
  std::string_view src = trim(attr(n, "src"));
  if (src.empty()) src = trim(attr(n, "data-src"));
  if (src.empty() && tag_of(n) == HtmlTag::video) {
    for (GNode c = first_child(n); c && src.empty(); c = next_sibling(c))
      if (tag_of(c) == HtmlTag::source) src = trim(attr(c, "src"));
  }
  Embed e;
  if (src.substr(0, 2) == "//")
    e.url = "https:" + std::string(src);
  else if (starts_with_ci(src, "http://") || starts_with_ci(src, "https://"))
    e.url.assign(src);
  else
    return e;  // relative or another scheme: nothing to link to
  // A copy: e.url is replaced below (player → page), and the label still needs the host.
  const std::string host(host_of(e.url));
  // Players → the pages people know.
  std::string_view path = std::string_view(e.url).substr(e.url.find(host) + host.size());
  std::string_view id = path.substr(path.rfind('/') + 1);
  id = id.substr(0, id.find_first_of("?#&"));
  bool video = tag_of(n) == HtmlTag::video;
  if ((host == "youtube.com" || host == "youtube-nocookie.com") && starts_with_ci(path, "/embed/") && !id.empty()) {
    e.url = "https://www.youtube.com/watch?v=" + std::string(id);
    video = true;
  } else if (host == "player.vimeo.com" && starts_with_ci(path, "/video/") && !id.empty()) {
    e.url = "https://vimeo.com/" + std::string(id);
    video = true;
  } else {
    for (std::string_view known : {"youtube.com", "youtu.be", "vimeo.com", "dailymotion.com",
                                   "twitch.tv", "ted.com", "archive.org", "streamable.com"})
      video = video || host == known ||
              (host.size() > known.size() && host.substr(host.size() - known.size() - 1) == "." + std::string(known));
  }
  std::string title = collapse_spaces(attr(n, "title"));
  e.label = std::string(video ? "Video: " : "Embedded content: ") +
            (title.empty() ? host : title);
  return e;
}

// ---------------------------------------------------------------------------
// Code blocks: the language from the usual class names.

std::string clean_language(std::string_view lang) {
  std::string out;
  for (char c : lang)
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '+' || c == '#' || c == '.')
      out += c;
  return out.size() > 40 ? std::string() : out;
}

std::string language_of(GNode n) {
  if (!n || !is_element(n)) return {};
  for (const char* name : {"data-lang", "data-language"})
    if (std::string lang = clean_language(trim(attr(n, name))); !lang.empty()) return lang;
  std::string lang;
  bool brush = false, source_code = false;
  std::string_view other;
  each_class(n, [&](std::string_view c) {
    if (!lang.empty()) return;
    for (std::string_view prefix : {"language-", "lang-", "highlight-source-", "highlight-"})
      if (starts_with_ci(c, prefix) && c.size() > prefix.size()) {
        lang = clean_language(c.substr(prefix.size()));
        return;
      }
    if (brush) {  // SyntaxHighlighter: class="brush: js; gutter: false"
      lang = clean_language(c.substr(0, c.find(';')));
      return;
    }
    if (equals_ci(c, "brush:")) brush = true;
    else if (equals_ci(c, "sourceCode")) source_code = true;  // pandoc: "sourceCode js"
    else other = c;
  });
  if (lang.empty() && source_code) lang = clean_language(other);
  return lang;
}

// ---------------------------------------------------------------------------
// Facts about each element's content, gathered before anything is written.

enum Facts : std::uint8_t {
  kText = 1,    // visible text below
  kMedia = 2,   // an image, player, embed or formula below
  kBlock = 4,   // a block element at or below
  kFlow = 8,    // a paragraph-level block (p, div, heading, table…) itself
  kFlowBelow = 16,  // one below, not counting inside lists
};

bool inline_role(Role r) {
  return r == Role::span || r == Role::phrase || r == Role::link || r == Role::image ||
         r == Role::br || r == Role::audio || r == Role::tex || r == Role::noscript;
}

bool flow_role(Role r) {
  return r == Role::wrapper || r == Role::paragraph || r == Role::heading || r == Role::pre ||
         r == Role::block || r == Role::table || r == Role::rule || r == Role::dl ||
         r == Role::embed;
}

class Builder {
 public:
  Builder(Document& doc, const HtmlOptions& options, ParseNotes& notes, std::vector<Problem>& problems)
      : doc_(doc), options_(options), problems_(problems), base_depth_(doc.depth()), notes_(notes) {}

  void build(GNode root) {
    bool has_noscript = survey(root);
    if (has_noscript) find_images_before_noscripts(root);
    Frame base;
    base.ctx = Ctx::flow;
    base.element = doc_.current();
    base.wrap = true;
    frames_.push_back(base);
    visit(
        root, [&](GNode n) { return enter(n); }, [&](GNode n) { leave(n); });
    end_run();
    doc_.close_to(base.element);
    if (refused_ > kMaxWarnings) {
      warn(std::to_string(refused_ - kMaxWarnings) + " more refused URLs; their text is kept");
    }
  }

 private:
  enum class Ctx : std::uint8_t { flow, phrasing, table, section, row };

  // One open output element that decides what may go into it.
  struct Frame {
    Ctx ctx = Ctx::flow;
    NodeId element = kNone;
    std::uint8_t closes = 1;  // elements to close on leaving (a table is div + table)
    bool wrap = false;        // flow: runs of inline content become paragraphs
    bool list = false;        // flow: takes <li>
    bool dl = false;          // flow: takes <dt> and <dd>
    bool figure = false;      // flow: takes <figcaption>
    bool details = false;     // flow: takes <summary>
    bool link = false, heading = false;
    int force = 0;            // flow: inside an input <p>: runs are paragraphs anyway
    NodeId run = kNone;       // flow: the open paragraph
    NodeId tbody = kNone;     // table: the <tbody> made for rows outside any section
  };
  enum class Entered : std::uint8_t { nothing, frame, paragraph, boundary, spaced };

  static constexpr int kMaxWarnings = 20;

  // --- before: facts, ids and link targets ---

  // For each <noscript>, the last image in the element just before it (that element, or
  // the last one below it): found in one walk, since asking each <noscript> to walk its
  // neighbour took quadratic time with <noscript>s after ever deeper elements.
  void find_images_before_noscripts(GNode root) {
    image_before_noscript_.assign(tree_->size(), kNoHtmlNode);
    std::vector<std::size_t> seen_at_enter;
    std::size_t seen = 0;
    GNode last;
    visit(
        root,
        [&](GNode c) {
          if (!is_element(c)) return false;
          seen_at_enter.push_back(seen);
          if (tag_of(c) == HtmlTag::img || tag_of(c) == HtmlTag::image) {
            ++seen;
            last = c;
          }
          return true;
        },
        [&](GNode c) {
          std::size_t before = seen_at_enter.back();
          seen_at_enter.pop_back();
          for (GNode next = next_sibling(c); next; next = next_sibling(next)) {
            if (!is_element(next)) continue;
            if (tag_of(next) == HtmlTag::noscript && seen > before) image_before_noscript_[next.id] = last.id;
            break;
          }
        });
  }

  GNode image_before(GNode noscript) const {
    if (noscript.tree != tree_ || image_before_noscript_.empty()) return {};
    return {tree_, image_before_noscript_[noscript.id]};
  }

  // Returns whether a <noscript> will be met.
  bool survey(GNode root) {
    tree_ = root.tree;
    facts_.assign(tree_->size(), 0);
    bool has_noscript = false;
    visit(
        root,
        [&](GNode n) {
          if (!is_element(n) || space_of(n) != HtmlNamespace::html || invisible(n) || hidden(n))
            return false;
          Tag tag;
          if (role_of(n, tag) == Role::drop) return false;
          if (tag_of(n) == HtmlTag::noscript) has_noscript = true;
          std::string_view id = attr(n, "id");
          if (id.empty() && tag_of(n) == HtmlTag::a) id = attr(n, "name");
          if (!id.empty() && id.size() <= 200) ids_.add_view(id);
          std::string_view href = trim(attr(n, "href"));
          if (tag_of(n) == HtmlTag::a && href.size() > 1 && href[0] == '#') {
            targets_.add_view(href.substr(1));
            std::string decoded = percent_decoded(href.substr(1));
            if (decoded != href.substr(1)) targets_.add_copy(decoded);
          }
          return true;
        },
        [&](GNode n) {
          Tag tag;
          Role role = role_of(n, tag);
          std::uint8_t facts = 0;
          if (role == Role::image || role == Role::embed || role == Role::audio || role == Role::tex)
            facts |= kMedia;
          if (!inline_role(role)) facts |= kBlock;
          if (flow_role(role)) facts |= kFlow;
          for (GNode c = first_child(n); c; c = next_sibling(c)) {
            if (is_text(c)) {
              if (visible(text_of(c))) facts |= kText;
            } else if (is_element(c)) {
              if (space_of(c) == HtmlNamespace::mathml && tag_of(c) == HtmlTag::math) {
                facts |= kMedia;
                continue;
              }
              std::uint8_t f = facts_[c.id];
              if (!f) continue;
              facts |= f & (kText | kMedia | kBlock);
              if ((f & (kFlow | kFlowBelow)) && role != Role::list && role != Role::dl)
                facts |= kFlowBelow;  // lists hold their own
            }
          }
          facts_[n.id] = facts;
        });
    return has_noscript;
  }

  // Text other than spaces and no-break spaces.
  static bool visible(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
        ++i;
        continue;
      }
      if (!is_html_space(s[i])) return true;
    }
    return false;
  }

  // Of the body's nodes (those of a <noscript>'s markup have none).
  std::uint8_t facts(GNode n) const { return n.tree == tree_ ? facts_[n.id] : 0; }
  bool has_content(GNode n) const { return facts(n) & (kText | kMedia); }

  // The input id this element carries, if a link in the article points at it. The view
  // returned is targets_' own (into the body's parse, or decoded_), never the element's:
  // the element may come from a <noscript>'s markup, parsed in an arena that is freed
  // long before used_ids_, which keeps the view.
  std::string_view target_id(GNode n) const {
    std::string_view id = attr(n, "id");
    if (id.empty() && tag_of(n) == HtmlTag::a) id = attr(n, "name");
    if (id.empty() || used_ids_.contains(id)) return {};
    std::uint32_t target = targets_.find(id);
    return target == StringTable::kMissing ? std::string_view() : targets_.at(target);
  }

  // --- the walk ---

  Frame& top() { return frames_.back(); }

  bool enter(GNode n) {
    if (is_text(n)) {
      text(n);
      return false;
    }
    if (!is_element(n) || invisible(n) || hidden(n)) return false;
    if (space_of(n) != HtmlNamespace::html) {
      if (space_of(n) == HtmlNamespace::mathml && tag_of(n) == HtmlTag::math) math(n);
      return false;  // SVG and stray MathML
    }
    Tag tag = Tag::span;
    Role role = role_of(n, tag);
    Ctx ctx = top().ctx;
    bool flow = ctx == Ctx::flow, phrasing = ctx == Ctx::phrasing;
    bool tables = !flow && !phrasing;
    switch (role) {
      case Role::drop: return false;
      case Role::image: image(n); return false;
      case Role::noscript: noscript(n); return false;
      case Role::br: br(); return false;
      case Role::rule:
        if (flow && open_block(Tag::hr, n)) doc_.close();
        return false;
      case Role::embed: embed(n); return false;
      case Role::audio: audio(n); return false;
      case Role::tex: formula(collapse_spaces(text_below(n, " ", [](GNode) { return false; }))); return false;
      case Role::pre: pre(n); return false;
      case Role::span:
        anchor(n);
        return push(Entered::nothing);
      case Role::wrapper: return transparent(n);
      case Role::paragraph:
        if (!flow) return transparent(n);
        if (!own_class(n).empty()) {  // Lede's embed card or caption: one line of its own
          end_run();
          Frame f;
          f.ctx = Ctx::phrasing;
          return open_frame(tag, n, f) || transparent(n);
        }
        end_run();
        ++top().force;
        anchor(n);
        return push(Entered::paragraph);
      case Role::heading: {
        if (!flow || !has_content(n)) return transparent(n);
        Frame f;
        f.ctx = Ctx::phrasing;
        f.heading = true;
        return open_frame(tag, n, f);
      }
      case Role::list: {
        if (!flow) return transparent(n);
        Frame f;
        f.list = true;
        if (!open_frame(tag, n, f)) return push(Entered::nothing);
        std::string_view start = trim(attr(n, "start"));
        if (tag == Tag::ol && is_integer(start)) doc_.set(Attr::start, start);
        return true;
      }
      case Role::item:
        if (!flow || !top().list || doc_.current() != top().element) return transparent(n);
        return open_flow(tag, n, (facts(n) & kFlowBelow) != 0);
      case Role::dl: {
        if (!flow) return transparent(n);
        Frame f;
        f.dl = true;
        return open_frame(tag, n, f) || push(Entered::nothing);
      }
      case Role::term:
        if (!flow || !top().dl || doc_.current() != top().element) return transparent(n);
        return open_flow(tag, n, (facts(n) & kFlowBelow) != 0);
      case Role::block: {
        if (!flow) return transparent(n);
        Frame f;
        f.wrap = tag != Tag::figure || (facts(n) & kFlowBelow);
        f.figure = tag == Tag::figure;
        f.details = tag == Tag::details;
        if (!open_frame(tag, n, f)) return transparent(n);
        if (tag == Tag::details && has_attr(n, "open")) doc_.set(Attr::open, "");
        return true;
      }
      case Role::figcaption:
        if (!flow || !top().figure || doc_.current() != top().element) return transparent(n);
        return open_flow(tag, n, (facts(n) & kFlowBelow) != 0);
      case Role::summary: {
        if (!flow || !top().details || doc_.current() != top().element) return transparent(n);
        Frame f;
        f.ctx = Ctx::phrasing;
        return open_frame(tag, n, f) || transparent(n);
      }
      case Role::table: return table(n);
      case Role::caption:
      case Role::section: {
        if (ctx != Ctx::table) return transparent(n);
        close_tbody();
        Frame f;
        f.ctx = role == Role::caption ? Ctx::flow : Ctx::section;
        return open_frame(tag, n, f) || push(Entered::nothing);
      }
      case Role::row: {
        if (ctx == Ctx::table && top().tbody == kNone) {
          if (!deeper_than_limit(2)) top().tbody = doc_.open(Tag::tbody);
        }
        if (ctx != Ctx::section && !(ctx == Ctx::table && top().tbody != kNone))
          return transparent(n);
        Frame f;
        f.ctx = Ctx::row;
        return open_frame(tag, n, f) || push(Entered::nothing);
      }
      case Role::cell: {
        if (ctx != Ctx::row) return transparent(n);
        Frame f;
        f.wrap = (facts(n) & kFlowBelow) != 0;
        if (!open_frame(tag, n, f)) return push(Entered::nothing);
        cell_attributes(n);
        return true;
      }
      case Role::phrase:
      case Role::link: {
        if (tables) return push(Entered::nothing);
        std::string href;
        if (role == Role::link && (!link_href(n, href) || top().link || in_link_ > 0)) {
          anchor(n);
          return push(Entered::nothing);
        }
        Frame f;
        f.ctx = Ctx::phrasing;
        f.link = role == Role::link;
        if (flow && (facts(n) & kBlock)) {
          // A link around blocks (a teaser card) stays a link, holding the blocks;
          // other inline elements around blocks are unwrapped.
          if (role != Role::link) return push(Entered::nothing);
          end_run();
          f.ctx = Ctx::flow;
          f.wrap = true;
        } else if (flow) {
          if (top().run == kNone && !has_content(n)) {
            anchor(n);
            return false;
          }
          ensure_run();
        }
        if (!open_frame(tag, n, f)) return push(Entered::nothing);
        if (role == Role::link) {
          doc_.set_url(Attr::href, href, UrlKind::link);
          ++in_link_;
        } else if (tag == Tag::time) {
          std::string_view datetime = trim(attr(n, "datetime"));
          if (!datetime.empty() && datetime.size() <= 64) doc_.set(Attr::datetime, datetime);
        }
        if (tag == Tag::abbr || tag == Tag::a) title(n);
        return true;
      }
    }
    return false;
  }

  void leave(GNode) {
    Entered what = entered_.back();
    entered_.pop_back();
    switch (what) {
      case Entered::nothing: break;
      case Entered::frame: {
        Frame f = frames_.back();
        if (f.ctx == Ctx::flow) end_run();
        doc_.close_to(f.element);
        for (int i = 0; i < f.closes; ++i) doc_.close();
        if (f.link) --in_link_;
        frames_.pop_back();
        break;
      }
      case Entered::paragraph:
        end_run();
        --top().force;
        break;
      case Entered::boundary: end_run(); break;
      case Entered::spaced: doc_.text(" "); break;
    }
  }

  bool push(Entered what) {
    entered_.push_back(what);
    return true;
  }

  // An element that is not kept: its children stand in its place. In flow it ends the
  // paragraph around it; inside a paragraph a space keeps its words apart.
  bool transparent(GNode n) {
    anchor(n);
    Ctx ctx = top().ctx;
    if (ctx == Ctx::flow) {
      end_run();
      return push(Entered::boundary);
    }
    if (ctx == Ctx::phrasing) {
      doc_.text(" ");
      return push(Entered::spaced);
    }
    return push(Entered::nothing);
  }

  // --- opening elements ---

  bool deeper_than_limit(std::size_t levels) {
    if (doc_.depth() - base_depth_ + levels <= options_.max_depth) return false;
    if (!too_deep_) {
      too_deep_ = true;
      warn("HTML nested deeper than " + std::to_string(options_.max_depth) +
           " levels: the elements below are unwrapped, their text is kept");
    }
    return true;
  }

  // Opens a block in a flow frame (ending the paragraph before it).
  bool open_block(Tag tag, GNode source) {
    end_run();
    if (deeper_than_limit(1)) return false;
    doc_.open(tag);
    attributes(source);
    return true;
  }

  bool open_frame(Tag tag, GNode source, Frame f) {
    bool block = top().ctx == Ctx::flow && f.ctx != Ctx::phrasing;
    if (block || tag == Tag::h1 || tag == Tag::h2 || tag == Tag::h3 || tag == Tag::h4 ||
        tag == Tag::h5 || tag == Tag::h6 || tag == Tag::summary)
      end_run();
    if (deeper_than_limit(1)) return false;
    f.element = doc_.open(tag);
    attributes(source);
    frames_.push_back(f);
    return push(Entered::frame);
  }

  bool open_flow(Tag tag, GNode source, bool wrap) {
    Frame f;
    f.wrap = wrap;
    return open_frame(tag, source, f) || transparent(source);
  }

  bool table(GNode n) {
    if (top().ctx != Ctx::flow || layout_table(n)) return transparent(n);
    end_run();
    if (deeper_than_limit(3)) return transparent(n);  // div, table, tbody
    Frame f;
    f.ctx = Ctx::table;
    f.closes = 2;
    doc_.open(Tag::div);
    doc_.set(Attr::class_, "lede-scroll");  // wide tables scroll in their own box
    f.element = doc_.open(Tag::table);
    attributes(n);
    frames_.push_back(f);
    return push(Entered::frame);
  }

  // A table used for layout rather than data: role="presentation", or a single cell.
  static bool layout_table(GNode n) {
    std::string_view role = trim(attr(n, "role"));
    if (equals_ci(role, "presentation") || equals_ci(role, "none")) return true;
    int cells = 0;
    visit(
        n,
        [&](GNode c) {
          if (!is_element(c) || cells > 1) return false;
          if (tag_of(c) == HtmlTag::td || tag_of(c) == HtmlTag::th) ++cells;
          return tag_of(c) == HtmlTag::tbody || tag_of(c) == HtmlTag::thead ||
                 tag_of(c) == HtmlTag::tfoot || tag_of(c) == HtmlTag::tr;
        },
        [](GNode) {});
    return cells == 1;
  }

  void close_tbody() {
    Frame& f = top();
    if (f.tbody == kNone) return;
    doc_.close_to(f.tbody);
    doc_.close();
    f.tbody = kNone;
  }

  // lang, dir and an id that a link points at: the attributes every kept element may
  // keep. Nothing is copied by name; each value is checked.
  void attributes(GNode n) {
    std::string_view lang = trim(attr(n, "lang"));
    if (looks_like_language_tag(lang)) doc_.set(Attr::lang, lang);
    std::string_view dir = trim(attr(n, "dir"));
    if (equals_ci(dir, "ltr") || equals_ci(dir, "rtl") || equals_ci(dir, "auto")) {
      std::string d(dir);
      for (char& c : d) c = ascii_lower(c);
      doc_.set(Attr::dir, d);
    }
    std::string_view id = target_id(n);
    if (!id.empty()) {
      used_ids_.add_view(id);
      doc_.set(Attr::id, "lede-user-" + std::string(id));
    }
    std::string_view own = own_class(n);
    if (!own.empty()) doc_.set(Attr::class_, own);
  }

  void title(GNode n) {
    std::string t = collapse_spaces(attr(n, "title"));
    if (!t.empty()) doc_.set(Attr::title, t);
  }

  void cell_attributes(GNode n) {
    for (auto [name, a] : {std::pair{"colspan", Attr::colspan}, std::pair{"rowspan", Attr::rowspan}}) {
      std::string_view v = trim(attr(n, name));
      if (!v.empty() && v.size() <= 4 && v.find_first_not_of("0123456789") == std::string_view::npos)
        doc_.set(a, v);
    }
    std::string_view scope = trim(attr(n, "scope"));
    for (const char* s : {"row", "col", "rowgroup", "colgroup"})
      if (equals_ci(scope, s)) doc_.set(Attr::scope, s);
    std::string_view align = trim(attr(n, "align"));
    if (equals_ci(align, "left")) doc_.set(Attr::class_, "lede-align-start");
    if (equals_ci(align, "center")) doc_.set(Attr::class_, "lede-align-center");
    if (equals_ci(align, "right")) doc_.set(Attr::class_, "lede-align-end");
  }

  static bool is_integer(std::string_view s) {
    if (!s.empty() && s[0] == '-') s.remove_prefix(1);
    return !s.empty() && s.size() <= 9 && s.find_first_not_of("0123456789") == std::string_view::npos;
  }

  // An empty <span id> where an unwrapped element carried an id a link points at, so
  // that footnote links keep working.
  void anchor(GNode n) {
    std::string_view id = target_id(n);
    Ctx ctx = top().ctx;
    if (id.empty() || (ctx != Ctx::flow && ctx != Ctx::phrasing) || deeper_than_limit(1)) return;
    used_ids_.add_view(id);
    doc_.open(Tag::span);
    doc_.set(Attr::id, "lede-user-" + std::string(id));
    doc_.close();
  }

  // --- paragraphs ---

  void ensure_run() {
    Frame& f = top();
    if (f.ctx != Ctx::flow || f.run != kNone || (!f.wrap && f.force == 0)) return;
    if (deeper_than_limit(1)) return;
    f.run = doc_.open(Tag::p);
  }

  void end_run() {
    Frame& f = top();
    if (f.ctx != Ctx::flow || f.run == kNone) return;
    doc_.close_to(f.run);
    doc_.close();
    f.run = kNone;
  }

  // Whether inline content may go here (making a paragraph first if needed).
  bool inline_here() {
    Frame& f = top();
    if (f.ctx == Ctx::phrasing) return true;
    if (f.ctx != Ctx::flow) return false;
    ensure_run();
    return true;
  }

  // --- leaves ---

  void text(GNode n) {
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

  void br() {
    Frame& f = top();
    if (f.ctx == Ctx::phrasing || (f.ctx == Ctx::flow && (f.run != kNone || (!f.wrap && f.force == 0)))) {
      doc_.open(Tag::br);
      doc_.close();
    }
  }

  void image(GNode n) {
    if (pixel(n)) return;
    std::string url = image_url(n);
    if (url.empty() || (top().ctx != Ctx::flow && top().ctx != Ctx::phrasing)) return;
    std::string alt = collapse_spaces(attr(n, "alt"));
    if (!check_url(url, UrlKind::image)) {
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
  void noscript(GNode n) {
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

  void embed(GNode n) {
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

  void audio(GNode n) {
    std::string_view src = trim(attr(n, "src"));
    for (GNode c = first_child(n); c && src.empty(); c = next_sibling(c))
      if (tag_of(c) == HtmlTag::source) src = trim(attr(c, "src"));
    if (src.empty()) return;
    if (!check_url(src, UrlKind::media)) {
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
  void math(GNode n) {
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

  void formula(const std::string& text) {
    if (text.empty() || !inline_here() || deeper_than_limit(1)) return;
    doc_.open(Tag::code);
    doc_.set(Attr::class_, "lede-math");
    doc_.text(text);
    doc_.close();
  }

  void pre(GNode n) {
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

  // --- links ---

  // The href to keep, or false: in-page links point at the prefixed ids (and are
  // dropped when nothing in the article has that id); others go by the URL policy.
  bool link_href(GNode n, std::string& out) {
    std::string_view href = trim(attr(n, "href"));
    if (href.empty()) return false;
    if (href[0] == '#') {
      std::string id(href.substr(1));
      if (!ids_.contains(id)) id = percent_decoded(id);
      if (id.empty() || !ids_.contains(id)) return false;
      out = "#lede-user-" + id;
      return true;
    }
    if (!check_url(href, UrlKind::link)) {
      refused("link", std::string(href), UrlKind::link);
      return false;
    }
    out.assign(href);
    return true;
  }

  static std::string percent_decoded(std::string_view s) {
    std::string out;
    auto hex = [](char c) {
      return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
        out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
        i += 2;
      } else {
        out += s[i];
      }
    }
    return out;
  }

  // --- problems ---

  void warn(std::string message) {
    problems_.push_back(warning_problem(ErrorCode::schema, options_.path, std::move(message)));
  }

  void refused(const char* what, const std::string& url, UrlKind kind) {
    if (++refused_ > kMaxWarnings) return;
    warn(refused_url_message(what, url, kind));
  }

  Document& doc_;
  const HtmlOptions& options_;
  std::vector<Problem>& problems_;
  std::size_t base_depth_;
  std::vector<Frame> frames_;
  std::vector<Entered> entered_;
  const HtmlTree* tree_ = nullptr;  // the body's
  std::vector<std::uint8_t> facts_;  // Facts of each of its nodes, by id
  std::vector<HtmlNodeId> image_before_noscript_;  // by a <noscript>'s id, when there is one
  // ids, link targets and the ids used: views of the body's attributes, which live as long
  // as the walk (targets_ keeps copies of the ids it decodes); the image URLs shown.
  StringTable ids_, targets_, used_ids_, shown_;
  GNode last_image_;
  ParseNotes& notes_;
  int in_link_ = 0;
  int refused_ = 0;
  bool too_deep_ = false;
};

}  // namespace

bool html_to_tree(std::string_view html, Document& doc, const HtmlOptions& options,
                  std::vector<Problem>& problems) {
  HtmlTree tree;
  ParseNotes notes;
  GNode root = parse(html, tree, options.gumbo, notes, options.quick_parser);
  Builder(doc, options, notes, problems).build(root);
  auto warn = [&](std::string message) {
    problems.push_back(warning_problem(ErrorCode::schema, options.path, std::move(message)));
  };
  if (notes.lenient)
    warn("HTML too deeply nested, with too many unclosed formatting elements or attributes to read by HTML's "
         "rules in time: read by simpler ones (an end tag closes what it names, nothing is reopened); its text is "
         "kept");
  if (notes.attributes_dropped)
    warn("an HTML tag with more than " + std::to_string(Limits::kHtmlAttributes) + " attributes: the rest are dropped");
  if (notes.needs_gumbo && options.gumbo) {
    problems.push_back(error_problem(ErrorCode::needs_html_parser, options.path,
                                     "this HTML needs gumbo (lede-gumbo.wasm; renderAsync loads it)"));
    return false;
  }
  return true;
}

void html_events_to_tree(std::string_view events, Document& doc, const HtmlOptions& options,
                         std::vector<Problem>& problems) {
  HtmlTree tree;
  read_html_events(events, tree);
  ParseNotes notes;
  Builder(doc, options, notes, problems).build(GNode{&tree, tree.root()});
}

std::string html_to_text(std::string_view html) {
  HtmlTree tree;
  ParseNotes notes;
  return collapse_spaces(text_below(parse(html, tree, nullptr, notes), " ", [](GNode n) {
    return tag_of(n) == HtmlTag::noscript || (is_element(n) && hidden(n));
  }));
}

void link_card(Document& doc, std::string_view url, std::string_view label, bool inline_only) {
  if (!check_url(url, UrlKind::link)) return;
  if (!inline_only) {
    doc.open(Tag::p);
    doc.set(Attr::class_, "lede-embed");
  }
  doc.open(Tag::a);
  if (inline_only) doc.set(Attr::class_, "lede-embed");
  doc.set_url(Attr::href, url, UrlKind::link);
  doc.text(label);
  doc.close();
  if (!inline_only) doc.close();
}

}  // namespace lede
