#include "html/html_to_tree.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <utility>
#include <vector>

#include "html/html_builder.hpp"
#include "html/html_media.hpp"
#include "html/html_roles.hpp"
#include "html/html_tree.hpp"
#include "html/serialized_html_parser.hpp"
#include "problems.hpp"
#include "text/ascii.hpp"
#include "tree/kept.hpp"
#include "tree/string_table.hpp"
#include "tree/url_policy.hpp"

namespace lede {
namespace html_walk {

// ---------------------------------------------------------------------------
// The parse, into an HtmlTree: the quick parser takes HTML as browsers and CMSs write it;
// what it gives up on goes to the front door's HtmlFallback (html_events.hpp): gumbo if
// gumbo's work on it stays linear, else the lenient reader (lenient_html_parser.hpp). In
// a browser both are in lede-gumbo.wasm, so lede-html.wasm links neither.

// `html` parsed as the content of a <div> (HTML's fragment parsing: no-quirks mode, no
// <head>; <html>, <head> and <body> tags are ignored) into `tree`, whose root is the
// fragment's parent. Without `fallback`, or if it cannot read here (a browser before
// lede-gumbo.wasm is loaded), what the quick parser gives up on is left empty, and noted.
GNode parse(std::string_view html, HtmlTree& tree, HtmlFallback fallback, ParseNotes& notes, bool quick) {
  tree.clear();
  tree.reserve(html);
  if (quick && serialized_html_events(html, tree)) return {&tree, tree.root()};
  tree.clear();
  HtmlFallbackNotes read;
  if (!fallback || !fallback(html, false, tree, read)) {
    tree.clear();
    notes.needs_gumbo = true;
  } else if (read.lenient) {
    notes.lenient = true;
    notes.attributes_dropped = read.attributes_dropped;
  }
  return {&tree, tree.root()};
}

void Builder::build(GNode root) {
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

// For each <noscript>, the last image in the element just before it (that element, or
// the last one below it): found in one walk, since asking each <noscript> to walk its
// neighbour took quadratic time with <noscript>s after ever deeper elements.
void Builder::find_images_before_noscripts(GNode root) {
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

GNode Builder::image_before(GNode noscript) const {
  if (noscript.tree != tree_ || image_before_noscript_.empty()) return {};
  return {tree_, image_before_noscript_[noscript.id]};
}

// Returns whether a <noscript> will be met.
bool Builder::survey(GNode root) {
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
bool Builder::visible(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
      ++i;
      continue;
    }
    if (!is_html_space(s[i])) return true;
  }
  return false;
}

// The input id this element carries, if a link in the article points at it. The view
// returned is targets_' own (into the body's parse, or decoded_), never the element's:
// the element may come from a <noscript>'s markup, parsed in an arena that is freed
// long before used_ids_, which keeps the view.
std::string_view Builder::target_id(GNode n) const {
  std::string_view id = attr(n, "id");
  if (id.empty() && tag_of(n) == HtmlTag::a) id = attr(n, "name");
  if (id.empty() || used_ids_.contains(id)) return {};
  std::uint32_t target = targets_.find(id);
  return target == StringTable::kMissing ? std::string_view() : targets_.at(target);
}

bool Builder::enter(GNode n) {
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

void Builder::leave(GNode) {
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

bool Builder::push(Entered what) {
  entered_.push_back(what);
  return true;
}

// An element that is not kept: its children stand in its place. In flow it ends the
// paragraph around it; inside a paragraph a space keeps its words apart.
bool Builder::transparent(GNode n) {
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

bool Builder::deeper_than_limit(std::size_t levels) {
  if (doc_.depth() - base_depth_ + levels <= options_.max_depth) return false;
  if (!too_deep_) {
    too_deep_ = true;
    warn("HTML nested deeper than " + std::to_string(options_.max_depth) +
         " levels: the elements below are unwrapped, their text is kept");
  }
  return true;
}

// Opens a block in a flow frame (ending the paragraph before it).
bool Builder::open_block(Tag tag, GNode source) {
  end_run();
  if (deeper_than_limit(1)) return false;
  doc_.open(tag);
  attributes(source);
  return true;
}

bool Builder::open_frame(Tag tag, GNode source, Frame f) {
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

bool Builder::open_flow(Tag tag, GNode source, bool wrap) {
  Frame f;
  f.wrap = wrap;
  return open_frame(tag, source, f) || transparent(source);
}

bool Builder::table(GNode n) {
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
bool Builder::layout_table(GNode n) {
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

void Builder::close_tbody() {
  Frame& f = top();
  if (f.tbody == kNone) return;
  doc_.close_to(f.tbody);
  doc_.close();
  f.tbody = kNone;
}

// lang, dir and an id that a link points at: the attributes every kept element may
// keep. Nothing is copied by name; each value is checked.
void Builder::attributes(GNode n) {
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

void Builder::title(GNode n) {
  std::string t = collapse_spaces(attr(n, "title"));
  if (!t.empty()) doc_.set(Attr::title, t);
}

void Builder::cell_attributes(GNode n) {
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

bool Builder::is_integer(std::string_view s) {
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  return !s.empty() && s.size() <= 9 && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// An empty <span id> where an unwrapped element carried an id a link points at, so
// that footnote links keep working.
void Builder::anchor(GNode n) {
  std::string_view id = target_id(n);
  Ctx ctx = top().ctx;
  if (id.empty() || (ctx != Ctx::flow && ctx != Ctx::phrasing) || deeper_than_limit(1)) return;
  used_ids_.add_view(id);
  doc_.open(Tag::span);
  doc_.set(Attr::id, "lede-user-" + std::string(id));
  doc_.close();
}

void Builder::ensure_run() {
  Frame& f = top();
  if (f.ctx != Ctx::flow || f.run != kNone || (!f.wrap && f.force == 0)) return;
  if (deeper_than_limit(1)) return;
  f.run = doc_.open(Tag::p);
}

void Builder::end_run() {
  Frame& f = top();
  if (f.ctx != Ctx::flow || f.run == kNone) return;
  doc_.close_to(f.run);
  doc_.close();
  f.run = kNone;
}

// Whether inline content may go here (making a paragraph first if needed).
bool Builder::inline_here() {
  Frame& f = top();
  if (f.ctx == Ctx::phrasing) return true;
  if (f.ctx != Ctx::flow) return false;
  ensure_run();
  return true;
}

void Builder::warn(std::string message) {
  problems_.push_back(warning_problem(ErrorCode::schema, options_.path, std::move(message)));
}

void Builder::refused(const char* what, const std::string& url, UrlKind kind) {
  if (++refused_ > kMaxWarnings) return;
  warn(refused_url_message(what, url, kind));
}

}  // namespace html_walk

using namespace html_walk;

namespace {
Problem needs_gumbo_problem(const std::string& path) {
  return error_problem(ErrorCode::needs_html_parser, path, "this HTML needs gumbo (lede-gumbo.wasm; renderAsync loads it)");
}

// The trees html_to_tree and html_to_text lend (tree/kept.hpp).
LEDE_KEPT_SLOT(HtmlTree) t_body_tree;
LEDE_KEPT_SLOT(HtmlTree) t_text_tree;
}  // namespace

bool html_to_tree(std::string_view html, Document& doc, const HtmlOptions& options,
                  std::vector<Problem>& problems) {
  Lent<HtmlTree> tree(t_body_tree, html.size());
  ParseNotes notes;
  GNode root = parse(html, *tree, options.gumbo, notes, options.quick_parser);
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
  if (notes.needs_gumbo) {
    problems.push_back(needs_gumbo_problem(options.path));
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
  // A <noscript>'s markup in them is parsed here.
  if (notes.needs_gumbo) problems.push_back(needs_gumbo_problem(options.path));
}

namespace {
HtmlFallback g_text_reader = nullptr;
bool g_text_unread = false;

// The lenient reader alone, through the front door's fallback.
bool lenient_text(std::string_view html, HtmlSink& sink) {
  HtmlFallbackNotes notes;
  return g_text_reader && g_text_reader(html, true, sink, notes);
}
}  // namespace

void set_html_text_reader(HtmlFallback reader) { g_text_reader = reader; }

bool take_html_text_unread() { return std::exchange(g_text_unread, false); }

namespace {
// The quick parser's events of short HTML made text as they arrive, without a tree: what
// text_below() below would take from the tree they build, as long as every element is
// an HTML one appended where it belongs; one its attributes hide (hides(), as hidden()
// judges the tree's) is left out with its text. Any other event gives up (`done` false),
// and the tree is built as before. Titles, excerpts and captions are mostly text in a <p>
// or two: a post's render read three such trees (docs/performance.md, issue 17 "Stop 29"),
// and an excerpt's "Continue reading" link, with its classes, one more (stop 34).
class TextSink final : public HtmlSink {
 public:
  std::string out;
  bool done = true;

  void open(HtmlTag tag, std::string_view, HtmlNamespace space, const HtmlAttribute* attributes, std::size_t count,
            HtmlPlace place) override {
    if (space != HtmlNamespace::html || place != HtmlPlace::append) done = false;
    ++depth_;
    if (skip_from_) return;
    bool hide = false;
    for (std::size_t i = 0; i < count && !hide; ++i) hide = hides(attributes[i]);
    if (hide || tag == HtmlTag::noscript || tag == HtmlTag::script || tag == HtmlTag::style || tag == HtmlTag::template_ ||
        tag == HtmlTag::head || tag == HtmlTag::title || tag == HtmlTag::meta || tag == HtmlTag::link ||
        tag == HtmlTag::base)
      skip_from_ = depth_;
    else if (tag == HtmlTag::br)
      out += ' ';
  }
  void text(std::string_view utf8, HtmlPlace place) override {
    if (place != HtmlPlace::append) done = false;
    if (!skip_from_) out.append(utf8);
  }
  void close() override {
    if (skip_from_ == depth_) skip_from_ = 0;
    --depth_;
  }

 private:
  std::size_t depth_ = 0;
  std::size_t skip_from_ = 0;  // the depth of the element whose text is left out, or 0
};
}  // namespace

std::string html_to_text(std::string_view html) {
  // No markup and no reference (a name, a term, many titles): the quick parser would make
  // one text node of it as it is, so its text is the HTML's own.
  if (html.find_first_of("<&") == std::string_view::npos && characters_as_written(html)) return collapse_spaces(html);
  {
    TextSink sink;
    if (serialized_html_events(html, sink) && sink.done) return collapse_spaces(sink.out);
  }
  Lent<HtmlTree> kept(t_text_tree, html.size());
  HtmlTree& tree = *kept;
  tree.reserve(html);
  if (!serialized_html_events(html, tree)) {
    tree.clear();
    if (!lenient_text(html, tree)) {
      g_text_unread = true;
      return {};
    }
  }
  return collapse_spaces(text_below(GNode{&tree, tree.root()}, " ", [](GNode n) {
    return tag_of(n) == HtmlTag::noscript || (is_element(n) && hidden(n));
  }));
}

void link_card(Document& doc, std::string_view url, std::string_view label, bool inline_only) {
  if (!url_allowed(url, UrlKind::link)) return;
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
