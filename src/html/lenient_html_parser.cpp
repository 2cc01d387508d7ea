#include "html/lenient_html_parser.hpp"

#include <cstdint>
#include <cstring>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lede/lede.hpp"
#include "tree/entities.hpp"

namespace lede {
namespace {

using GNode = GumboNode;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// What HTML's input stream makes of the bytes: CR LF and CR become LF; NUL, controls,
// noncharacters, surrogates and bytes that are not UTF-8 become U+FFFD.
std::string normalized(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size();) {
    auto b = static_cast<unsigned char>(in[i]);
    if (b == '\r') {
      out += '\n';
      i += i + 1 < in.size() && in[i + 1] == '\n' ? 2 : 1;
      continue;
    }
    if (b < 0x80) {
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\f') out += "\xEF\xBF\xBD";
      else if (b == 0x7F) out += "\xEF\xBF\xBD";
      else out += static_cast<char>(b);
      ++i;
      continue;
    }
    std::size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0;
    bool ok = len != 0 && b <= 0xF4 && i + len <= in.size();
    std::uint32_t c = b & (0x7Fu >> len);
    for (std::size_t k = 1; ok && k < len; ++k) {
      auto t = static_cast<unsigned char>(in[i + k]);
      ok = (t & 0xC0) == 0x80;
      c = (c << 6) | (t & 0x3F);
    }
    ok = ok && !(len == 3 && c < 0x800) && !(len == 4 && c < 0x10000);
    if (!ok) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    bool replaced = (c >= 0x80 && c <= 0x9F) || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF ||
                    (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
    if (replaced) out += "\xEF\xBF\xBD";
    else out.append(in.data() + i, len);
    i += len;
  }
  return out;
}

// Windows-1252's characters for the numeric references &#128; to &#159;, as HTML reads them.
constexpr std::uint16_t kWindows1252[32] = {
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178};

// The elements HTML calls special (gumbo's is_special_node), in the HTML namespace.
bool special(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_APPLET: case GUMBO_TAG_AREA: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE: case GUMBO_TAG_BASE: case GUMBO_TAG_BASEFONT: case GUMBO_TAG_BGSOUND:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BODY: case GUMBO_TAG_BR: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_CENTER: case GUMBO_TAG_COL: case GUMBO_TAG_COLGROUP:
    case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL:
    case GUMBO_TAG_DT: case GUMBO_TAG_EMBED: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM: case GUMBO_TAG_FRAME:
    case GUMBO_TAG_FRAMESET: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HEAD: case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR: case GUMBO_TAG_HTML: case GUMBO_TAG_IFRAME: case GUMBO_TAG_IMG: case GUMBO_TAG_INPUT:
    case GUMBO_TAG_LI: case GUMBO_TAG_LINK: case GUMBO_TAG_LISTING: case GUMBO_TAG_MARQUEE:
    case GUMBO_TAG_MENU: case GUMBO_TAG_META: case GUMBO_TAG_NAV: case GUMBO_TAG_NOEMBED:
    case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_OBJECT: case GUMBO_TAG_OL:
    case GUMBO_TAG_P: case GUMBO_TAG_PARAM: case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_PRE:
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_SECTION: case GUMBO_TAG_SELECT: case GUMBO_TAG_STYLE:
    case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_TD:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_TR: case GUMBO_TAG_UL: case GUMBO_TAG_WBR:
    case GUMBO_TAG_XMP: case GUMBO_TAG_SEARCH:
      return true;
    default: return false;
  }
}

bool formatting(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_A: case GUMBO_TAG_B: case GUMBO_TAG_BIG: case GUMBO_TAG_CODE: case GUMBO_TAG_EM:
    case GUMBO_TAG_FONT: case GUMBO_TAG_I: case GUMBO_TAG_NOBR: case GUMBO_TAG_S: case GUMBO_TAG_SMALL:
    case GUMBO_TAG_STRIKE: case GUMBO_TAG_STRONG: case GUMBO_TAG_TT: case GUMBO_TAG_U:
      return true;
    default: return false;
  }
}

bool heading(GumboTag t) { return t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6; }

// The barriers of HTML's "has an element in scope".
bool scope_barrier(GumboTag t, GumboNamespaceEnum space) {
  if (space == GUMBO_NAMESPACE_MATHML)
    return t == GUMBO_TAG_MI || t == GUMBO_TAG_MO || t == GUMBO_TAG_MN || t == GUMBO_TAG_MS ||
           t == GUMBO_TAG_MTEXT || t == GUMBO_TAG_ANNOTATION_XML;
  if (space == GUMBO_NAMESPACE_SVG)
    return t == GUMBO_TAG_FOREIGNOBJECT || t == GUMBO_TAG_DESC || t == GUMBO_TAG_TITLE;
  switch (t) {
    case GUMBO_TAG_APPLET: case GUMBO_TAG_CAPTION: case GUMBO_TAG_HTML: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_MARQUEE: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_TEMPLATE:
      return true;
    default: return false;
  }
}

// The elements that put a marker on the list of active formatting elements.
bool marker(GumboTag t) {
  return t == GUMBO_TAG_TD || t == GUMBO_TAG_TH || t == GUMBO_TAG_CAPTION || t == GUMBO_TAG_APPLET ||
         t == GUMBO_TAG_MARQUEE || t == GUMBO_TAG_OBJECT || t == GUMBO_TAG_TEMPLATE;
}

bool is_void(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_AREA: case GUMBO_TAG_BR: case GUMBO_TAG_EMBED: case GUMBO_TAG_IMG: case GUMBO_TAG_IMAGE:
    case GUMBO_TAG_KEYGEN: case GUMBO_TAG_WBR: case GUMBO_TAG_INPUT: case GUMBO_TAG_PARAM:
    case GUMBO_TAG_SOURCE: case GUMBO_TAG_TRACK: case GUMBO_TAG_HR: case GUMBO_TAG_COL:
    case GUMBO_TAG_META: case GUMBO_TAG_LINK: case GUMBO_TAG_BASE: case GUMBO_TAG_BASEFONT:
    case GUMBO_TAG_BGSOUND: case GUMBO_TAG_FRAME:
      return true;
    default: return false;
  }
}

// Start tags that close an open <p> and insert their element without reopening
// formatting elements first.
bool closes_p(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_CENTER: case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIALOG: case GUMBO_TAG_DIR:
    case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_MENU: case GUMBO_TAG_MAIN: case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_UL: case GUMBO_TAG_SEARCH:
    case GUMBO_TAG_PRE: case GUMBO_TAG_LISTING: case GUMBO_TAG_TABLE: case GUMBO_TAG_HR:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_FORM: case GUMBO_TAG_LI: case GUMBO_TAG_DD: case GUMBO_TAG_DT:
    case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_XMP:
      return true;
    default: return false;
  }
}

bool table_part(GumboTag t) {
  return t == GUMBO_TAG_TABLE || t == GUMBO_TAG_TBODY || t == GUMBO_TAG_THEAD || t == GUMBO_TAG_TFOOT ||
         t == GUMBO_TAG_TR;
}

bool table_tag(GumboTag t) {
  return table_part(t) || t == GUMBO_TAG_CAPTION || t == GUMBO_TAG_COL || t == GUMBO_TAG_COLGROUP ||
         t == GUMBO_TAG_TD || t == GUMBO_TAG_TH;
}

// HTML start tags that end foreign content (a <font> only with color, face or size).
bool breaks_out(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_B: case GUMBO_TAG_BIG: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BODY:
    case GUMBO_TAG_BR: case GUMBO_TAG_CENTER: case GUMBO_TAG_CODE: case GUMBO_TAG_DD: case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_EM: case GUMBO_TAG_EMBED: case GUMBO_TAG_H1:
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_HR: case GUMBO_TAG_I: case GUMBO_TAG_IMG: case GUMBO_TAG_LI:
    case GUMBO_TAG_LISTING: case GUMBO_TAG_MENU: case GUMBO_TAG_META: case GUMBO_TAG_NOBR: case GUMBO_TAG_OL:
    case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_RUBY: case GUMBO_TAG_S: case GUMBO_TAG_SMALL:
    case GUMBO_TAG_SPAN: case GUMBO_TAG_STRONG: case GUMBO_TAG_STRIKE: case GUMBO_TAG_SUB: case GUMBO_TAG_SUP:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_TT: case GUMBO_TAG_U: case GUMBO_TAG_UL: case GUMBO_TAG_VAR:
      return true;
    default: return false;
  }
}

// One pass over the HTML, gumbo's way of tokenizing it, with a model of its tree
// construction: in `build` mode it makes the lenient tree, otherwise it adds up what
// gumbo's walks would cost (`work_`) and stops once past the budget.
class Reader {
 public:
  Reader(std::string_view html, Arena* arena, std::size_t budget)
      : in_(html), arena_(arena), build_(arena != nullptr), budget_(budget) {}

  // Estimate mode: the work, counted up to just past the budget.
  std::size_t work() {
    run();
    return work_;
  }

  const GNode* tree(bool* attributes_dropped) {
    run();
    if (attributes_dropped) *attributes_dropped = attributes_dropped_;
    return root_;
  }

 private:
  static constexpr std::int32_t kNone = -1;

  struct Open {
    GNode* node;             // build mode
    std::size_t first_kid;   // build mode: where its children start in kids_
    std::string_view name;   // lowercase; the key for elements other than HTML's known ones
    GumboTag tag;
    GumboNamespaceEnum space;
    std::uint32_t id;        // for the list of active formatting elements
    std::size_t list_mark;   // that list's length when a marker element opened
    // The nearest at or below this entry (indices into open_, kNone if none):
    std::int32_t barrier;         // scope barrier
    std::int32_t button_barrier;  // barrier of button scope
    std::int32_t list_barrier;    // barrier of list item scope
    std::int32_t table_barrier;   // barrier of table scope (html, table, template)
    std::int32_t special;         // special element
    std::int32_t li;              // <li> that a new <li> closes
    std::int32_t dd;              // <dd> or <dt> that a new one closes
    std::int32_t heading;         // h1–h6
    std::int32_t cell;            // td or th
    std::int32_t table;           // table
    std::int32_t html;            // an element of the HTML namespace
    std::uint32_t fostered;       // build mode: first of this table's fostered nodes in fostered_
  };

  struct Entry {  // the list of active formatting elements
    GumboTag tag;    // GUMBO_TAG_LAST: a marker
    std::uint32_t id;
    std::int32_t at;  // its index in open_ when it was last open
    std::uint32_t weight;
    std::uint64_t hash;
  };

  struct Attribute {
    std::string_view name, value;
  };

  void run() {
    if (build_) {
      std::string text = normalized(in_);
      char* p = static_cast<char*>(arena_->allocate(text.size() + 1));
      std::memcpy(p, text.data(), text.size());
      p[text.size()] = '\0';
      in_ = std::string_view(p, text.size());
      GNode* document = new_node(GUMBO_NODE_DOCUMENT);
      root_ = new_node(GUMBO_NODE_ELEMENT);
      root_->v.element.tag = GUMBO_TAG_HTML;
      root_->v.element.tag_namespace = GUMBO_NAMESPACE_HTML;
      root_->parent = document;
      GumboVector& top = document->v.document.children;
      top.data = static_cast<void**>(arena_->allocate(sizeof(void*)));
      top.data[0] = root_;
      top.length = top.capacity = 1;
    }
    at_.resize(GUMBO_TAG_LAST + 1);
    push(root_, GUMBO_TAG_HTML, GUMBO_NAMESPACE_HTML, "html");
    tokenize();
    flush_text();
    while (!open_.empty()) pop();
  }

  bool over_budget() const { return !build_ && work_ > budget_; }

  // ---- the tree ----

  GNode* new_node(GumboNodeType type) {
    auto* n = static_cast<GNode*>(arena_->allocate(sizeof(GNode)));
    std::memset(static_cast<void*>(n), 0, sizeof(GNode));
    n->type = type;
    return n;
  }

  const char* copy(std::string_view s) {
    auto* p = static_cast<char*>(arena_->allocate(s.size() + 1));
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return p;
  }

  GumboTag current() const { return open_.back().tag; }
  bool current_html() const { return open_.back().space == GUMBO_NAMESPACE_HTML; }
  std::int32_t top_index() const { return static_cast<std::int32_t>(open_.size()) - 1; }

  // Where a node goes: into the current element, or, for what HTML does not allow
  // directly in a table, before the nearest table (foster parenting).
  bool fostering() const { return current_html() && table_part(current()); }

  void adopt(GNode* n) {
    bool stays = n->type == GUMBO_NODE_ELEMENT && n->v.element.tag_namespace == GUMBO_NAMESPACE_HTML &&
                 (table_tag(n->v.element.tag) || n->v.element.tag == GUMBO_TAG_STYLE ||
                  n->v.element.tag == GUMBO_TAG_SCRIPT || n->v.element.tag == GUMBO_TAG_TEMPLATE);
    if (fostering() && !stays) {
      const Open& table = open_[open_.back().table];
      n->parent = table.node->parent;
      fostered_.push_back(n);
      return;
    }
    n->parent = open_.back().node;
    kids_.push_back(n);
  }

  // Where elements of this name are open. `name` must outlive the parse (the arena's
  // copy, or interned_) when `add` is set.
  std::vector<std::int32_t>* positions(GumboTag tag, GumboNamespaceEnum space, std::string_view name, bool add) {
    if (space == GUMBO_NAMESPACE_HTML && tag != GUMBO_TAG_UNKNOWN) return &at_[tag];
    if (add) return &named_[name];
    auto found = named_.find(name);
    return found == named_.end() ? nullptr : &found->second;
  }

  // The index of the last open element named `name` (of the HTML namespace if `tag` is
  // known, by name otherwise), or kNone.
  std::int32_t last_named(GumboTag tag, std::string_view name) {
    const std::vector<std::int32_t>* v = positions(tag, GUMBO_NAMESPACE_HTML, name, false);
    return v && !v->empty() ? v->back() : kNone;
  }

  void push(GNode* n, GumboTag tag, GumboNamespaceEnum space, std::string_view name) {
    Open o{};
    o.node = n;
    o.first_kid = kids_.size();
    o.name = name;
    o.tag = tag;
    o.space = space;
    o.id = next_id_++;
    o.list_mark = list_.size();
    const std::int32_t i = static_cast<std::int32_t>(open_.size());
    const Open* below = open_.empty() ? nullptr : &open_.back();
    auto inherit = [&](std::int32_t Open::*field) { return below ? below->*field : kNone; };
    bool html = space == GUMBO_NAMESPACE_HTML;
    bool barrier = scope_barrier(tag, space);
    o.barrier = barrier ? i : inherit(&Open::barrier);
    o.button_barrier = barrier || (html && tag == GUMBO_TAG_BUTTON) ? i : inherit(&Open::button_barrier);
    o.list_barrier = barrier || (html && (tag == GUMBO_TAG_OL || tag == GUMBO_TAG_UL)) ? i : inherit(&Open::list_barrier);
    o.table_barrier = html && (tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_TABLE || tag == GUMBO_TAG_TEMPLATE)
                          ? i
                          : inherit(&Open::table_barrier);
    bool is_special = (html && special(tag)) || (!html && barrier);
    o.special = is_special ? i : inherit(&Open::special);
    bool li_stop = is_special && !(html && (tag == GUMBO_TAG_ADDRESS || tag == GUMBO_TAG_DIV || tag == GUMBO_TAG_P));
    o.li = html && tag == GUMBO_TAG_LI ? i : li_stop ? kNone : inherit(&Open::li);
    o.dd = html && (tag == GUMBO_TAG_DD || tag == GUMBO_TAG_DT) ? i : li_stop ? kNone : inherit(&Open::dd);
    o.heading = html && heading(tag) ? i : inherit(&Open::heading);
    o.cell = html && (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) ? i : inherit(&Open::cell);
    o.table = html && tag == GUMBO_TAG_TABLE ? i : inherit(&Open::table);
    o.html = html ? i : inherit(&Open::html);
    o.fostered = static_cast<std::uint32_t>(fostered_.size());
    open_.push_back(o);
    positions(tag, space, name, true)->push_back(i);
    if (html && marker(tag)) list_.push_back({GUMBO_TAG_LAST, 0, kNone, 0, 0});
  }

  void pop() {
    flush_text();
    Open& o = open_.back();
    positions(o.tag, o.space, o.name, true)->pop_back();
    if (o.space == GUMBO_NAMESPACE_HTML && marker(o.tag)) {
      // HTML clears the list of active formatting elements up to the last marker.
      while (!list_.empty() && list_.back().tag != GUMBO_TAG_LAST) list_.pop_back();
      if (!list_.empty()) list_.pop_back();
    }
    if (build_) close_node(o);
    open_.pop_back();
  }

  void close_node(const Open& o) {
    GumboVector& v = o.node->v.element.children;
    v.length = v.capacity = static_cast<unsigned>(kids_.size() - o.first_kid);
    if (v.length) {
      v.data = static_cast<void**>(arena_->allocate(v.length * sizeof(void*)));
      std::memcpy(v.data, kids_.data() + o.first_kid, v.length * sizeof(void*));
      for (unsigned k = 0; k < v.length; ++k) static_cast<GNode*>(v.data[k])->index_within_parent = k;
    }
    kids_.resize(o.first_kid);
    // A table's fostered nodes go just before it in its parent.
    if (o.space == GUMBO_NAMESPACE_HTML && o.tag == GUMBO_TAG_TABLE && fostered_.size() > o.fostered) {
      bool last = !kids_.empty() && kids_.back() == o.node;
      if (last) kids_.pop_back();
      kids_.insert(kids_.end(), fostered_.begin() + o.fostered, fostered_.end());
      if (last) kids_.push_back(o.node);
      fostered_.resize(o.fostered);
    }
  }

  void pop_to(std::int32_t index) {
    while (top_index() >= index) pop();
  }

  // The index of the last open `tag` (HTML), or kNone.
  std::int32_t last_open(GumboTag tag) const {
    const auto& v = at_[tag];
    return v.empty() ? kNone : v.back();
  }

  bool in_scope(std::int32_t at, std::int32_t Open::*barrier) const {
    return at != kNone && at >= open_.back().*barrier;
  }

  void close_p() {
    std::int32_t p = last_open(GUMBO_TAG_P);
    if (in_scope(p, &Open::button_barrier)) pop_to(p);
  }

  // ---- the list of active formatting elements (what gumbo's walks cost) ----

  std::size_t after_marker() const {
    std::size_t k = list_.size();
    while (k > 0 && list_[k - 1].tag != GUMBO_TAG_LAST) --k;
    return k;
  }

  bool entry_open(const Entry& e) const {
    return e.at != kNone && e.at < static_cast<std::int32_t>(open_.size()) && open_[e.at].id == e.id;
  }

  // HTML reopens (clones) the formatting elements that are closed but still listed,
  // before text and most start tags: what that costs gumbo, with the clones now open.
  void reconstruct() {
    if (build_ || list_.empty()) return;
    std::size_t k = list_.size();
    while (k > 0 && list_[k - 1].tag != GUMBO_TAG_LAST && !entry_open(list_[k - 1])) {
      --k;
      work_ += 1;
      if (over_budget()) return;
    }
    for (; k < list_.size(); ++k) {
      Entry& e = list_[k];
      if (e.tag == GUMBO_TAG_LAST || entry_open(e)) continue;
      work_ += e.weight + open_.size();
      push(nullptr, e.tag, GUMBO_NAMESPACE_HTML, {});
      e.id = open_.back().id;
      e.at = top_index();
    }
  }

  // An end tag (or <a>, <nobr>) for a formatting element: HTML's adoption agency. If the
  // element is open with nothing special above it, it is closed with what is above it;
  // otherwise gumbo moves nodes around, which never deepens its stack, and this model
  // keeps its stack as it is (so it never counts fewer open elements than gumbo has).
  // Returns whether a listed element was found.
  bool adopt_formatting(GumboTag tag) {
    if (build_) return false;  // the lenient reading closes formatting elements as any other
    work_ += open_.size() + (list_.size() - after_marker());
    for (std::size_t k = list_.size(); k > 0 && list_[k - 1].tag != GUMBO_TAG_LAST; --k) {
      Entry& e = list_[k - 1];
      if (e.tag != tag) continue;
      if (entry_open(e) && e.at > open_.back().special) pop_to(e.at);
      list_.erase(list_.begin() + static_cast<std::ptrdiff_t>(k - 1));
      return true;
    }
    return false;
  }

  void add_formatting(GumboTag tag, const std::vector<Attribute>& attrs) {
    if (build_) return;
    std::uint64_t hash = 1469598103934665603ull;
    std::size_t bytes = 0;
    for (const Attribute& a : attrs) {
      for (char c : a.name) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
      hash = (hash ^ 0xFF) * 1099511628211ull;
      for (char c : a.value) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
      hash = (hash ^ 0xFE) * 1099511628211ull;
      bytes += a.name.size() + a.value.size() + 2;
    }
    // Noah's Ark: a fourth identical element pushes the earliest of three out.
    std::size_t first = after_marker(), same = 0, earliest = 0;
    work_ += list_.size() - first;
    for (std::size_t k = list_.size(); k-- > first;)
      if (list_[k].tag == tag && list_[k].hash == hash) {
        ++same;
        earliest = k;
      }
    if (same >= 3) list_.erase(list_.begin() + static_cast<std::ptrdiff_t>(earliest));
    std::uint32_t weight = static_cast<std::uint32_t>(8 + bytes / 4 + attrs.size() * 4);
    list_.push_back({tag, open_.back().id, top_index(), weight, hash});
  }

  // ---- text ----

  // Text waits until the tree changes (an element, a comment, a close): a tag HTML drops
  // leaves the text either side as one node, as gumbo makes it.
  void flush_text() {
    if (text_.empty()) return;
    if (!build_) {
      work_ += 1;
      reconstruct();
      text_.clear();
      return;
    }
    bool blank = true;
    for (char c : text_)
      if (!is_space(c)) {
        blank = false;
        break;
      }
    GNode* n = new_node(blank ? GUMBO_NODE_WHITESPACE : GUMBO_NODE_TEXT);
    n->v.text.text = copy(text_);
    // Blank text stays in a table; other text goes before it.
    if (blank && fostering()) {
      n->parent = open_.back().node;
      kids_.push_back(n);
    } else {
      adopt(n);
    }
    text_.clear();
  }

  // A character reference at in_[pos_] == '&', appended to `out` (build mode).
  void reference(std::string& out, bool in_attribute) {
    std::size_t i = pos_ + 1;
    if (i < in_.size() && in_[i] == '#') {
      ++i;
      bool hex = i < in_.size() && (in_[i] == 'x' || in_[i] == 'X');
      if (hex) ++i;
      std::uint64_t cp = 0;
      std::size_t digits = 0;
      for (; i < in_.size(); ++i, ++digits) {
        char d = lower(in_[i]);
        int v = d >= '0' && d <= '9' ? d - '0' : hex && d >= 'a' && d <= 'f' ? d - 'a' + 10 : -1;
        if (v < 0) break;
        if (cp <= 0x10FFFF) cp = cp * (hex ? 16 : 10) + static_cast<std::uint64_t>(v);
      }
      if (digits == 0) {
        out += '&';
        ++pos_;
        return;
      }
      if (i < in_.size() && in_[i] == ';') ++i;
      if (cp >= 0x80 && cp <= 0x9F) cp = kWindows1252[cp - 0x80];
      if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
      append_utf8(out, static_cast<unsigned long>(cp));
      pos_ = i;
      return;
    }
    while (i < in_.size() && (is_alpha(in_[i]) || (in_[i] >= '0' && in_[i] <= '9'))) ++i;
    if (i < in_.size() && in_[i] == ';' && i - pos_ < 64 && decode_entity(in_.substr(pos_, i + 1 - pos_), out)) {
      pos_ = i + 1;
      return;
    }
    (void)in_attribute;
    out += '&';
    ++pos_;
  }

  // ---- tokens ----

  void tokenize() {
    const std::size_t n = in_.size();
    while (pos_ < n && !over_budget()) {
      std::size_t lt = in_.find_first_of(build_ ? "<&" : "<", pos_);
      if (lt == std::string_view::npos) lt = n;
      if (lt > pos_) {
        if (build_) text_.append(in_.data() + pos_, lt - pos_);
        else text_ = "x";
        pos_ = lt;
      }
      if (pos_ >= n) break;
      if (in_[pos_] == '&') {
        reference(text_, false);
        continue;
      }
      char c = pos_ + 1 < n ? in_[pos_ + 1] : '\0';
      if (is_alpha(c)) {
        if (!start_tag()) return;  // cut off by the end of the input: dropped
      } else if (c == '/') {
        if (pos_ + 2 < n && is_alpha(in_[pos_ + 2])) {
          if (!end_tag()) return;
        } else if (pos_ + 2 < n && in_[pos_ + 2] == '>') {
          pos_ += 3;  // "</>" is nothing
        } else {
          bogus_comment(pos_ + 2);
        }
      } else if (c == '!') {
        if (in_.substr(pos_, 4) == "<!--") {
          comment();
        } else if (in_.substr(pos_, 9) == "<![CDATA[" && !current_html()) {
          std::size_t end = in_.find("]]>", pos_ + 9);
          std::size_t stop = end == std::string_view::npos ? n : end;
          if (build_) text_.append(in_.data() + pos_ + 9, stop - pos_ - 9);
          else text_ = "x";
          pos_ = end == std::string_view::npos ? n : end + 3;
        } else {
          bogus_comment(pos_ + 2);
        }
      } else if (c == '?') {
        bogus_comment(pos_ + 1);
      } else {
        if (build_) text_ += '<';
        ++pos_;
      }
    }
  }

  void bogus_comment(std::size_t from) {
    std::size_t end = in_.find('>', from);
    std::size_t stop = end == std::string_view::npos ? in_.size() : end;
    add_comment(in_.substr(from, stop - from));
    pos_ = end == std::string_view::npos ? in_.size() : end + 1;
  }

  void comment() {
    std::size_t body = pos_ + 4;
    std::size_t end = body, next = 0;
    if (in_.substr(body, 1) == ">") {
      next = body + 1;
    } else if (in_.substr(body, 2) == "->") {
      next = body + 2;
    } else {
      while (true) {
        end = in_.find("--", end);
        if (end == std::string_view::npos) {
          end = next = in_.size();
          break;
        }
        if (in_.substr(end + 2, 1) == ">") {
          next = end + 3;
          break;
        }
        if (in_.substr(end + 2, 2) == "!>") {
          next = end + 4;
          break;
        }
        ++end;
      }
    }
    add_comment(in_.substr(body, end - body));
    pos_ = next;
  }

  // Comments stay where they are, in a table too (the tree builder never reads them; they
  // keep the tree the same as gumbo's where the two agree).
  void add_comment(std::string_view text) {
    if (!build_) return;
    flush_text();
    GNode* n = new_node(GUMBO_NODE_COMMENT);
    n->v.text.text = copy(text);
    n->parent = open_.back().node;
    kids_.push_back(n);
  }

  // The tag name from pos_, lowercase. False at the end of the input.
  bool read_name(std::string& name) {
    name.clear();
    while (pos_ < in_.size() && !is_space(in_[pos_]) && in_[pos_] != '/' && in_[pos_] != '>')
      name += lower(in_[pos_++]);
    return pos_ < in_.size();
  }

  // The attributes up to and including the tag's '>'. False if the input ends first.
  bool read_attributes(bool& self_closing) {
    attrs_.clear();
    values_.clear();
    if (!names_.empty()) names_.clear();
    self_closing = false;
    const std::size_t n = in_.size();
    std::size_t count = 0;
    while (true) {
      while (pos_ < n && is_space(in_[pos_])) ++pos_;
      if (pos_ >= n) return false;
      char c = in_[pos_];
      if (c == '>') {
        ++pos_;
        break;
      }
      if (c == '/') {
        ++pos_;
        if (pos_ < n && in_[pos_] == '>') {
          self_closing = true;
          ++pos_;
          break;
        }
        continue;
      }
      std::size_t name_start = pos_++;
      while (pos_ < n && !is_space(in_[pos_]) && in_[pos_] != '/' && in_[pos_] != '>' && in_[pos_] != '=') ++pos_;
      std::string_view name = in_.substr(name_start, pos_ - name_start);
      std::size_t after_name = pos_;
      while (pos_ < n && is_space(in_[pos_])) ++pos_;
      std::size_t value_start = 0, value_end = 0;
      bool has_value = false;
      if (pos_ < n && in_[pos_] == '=') {
        ++pos_;
        while (pos_ < n && is_space(in_[pos_])) ++pos_;
        if (pos_ >= n) return false;
        char q = in_[pos_];
        if (q == '"' || q == '\'') {
          std::size_t close = in_.find(q, pos_ + 1);
          if (close == std::string_view::npos) return false;
          value_start = pos_ + 1;
          value_end = close;
          pos_ = close + 1;
          has_value = true;
        } else if (q != '>') {
          value_start = pos_;
          while (pos_ < n && !is_space(in_[pos_]) && in_[pos_] != '>') ++pos_;
          value_end = pos_;
          has_value = true;
        }
      } else {
        pos_ = after_name;
      }
      ++count;
      if (!build_) {
        // gumbo compares each new name with every earlier one.
        work_ += count + (name.size() + value_end - value_start) / 8;
        if (over_budget()) return false;
        attrs_.push_back({name, in_.substr(value_start, value_end - value_start)});
        continue;
      }
      if (values_.size() / 2 >= Limits::kHtmlAttributes) {  // past the cap, every attribute is dropped
        attributes_dropped_ = true;
        continue;
      }
      std::string lowered;
      lowered.reserve(name.size());
      for (char ch : name) lowered += lower(ch);
      if (repeated(lowered)) continue;
      std::string value;
      if (has_value) {
        std::size_t save = pos_;
        for (pos_ = value_start; pos_ < value_end;) {
          if (in_[pos_] == '&') {
            reference(value, true);
            if (pos_ > value_end) pos_ = value_end;
          } else {
            value += in_[pos_++];
          }
        }
        pos_ = save;
      }
      values_.push_back(std::move(lowered));
      values_.push_back(std::move(value));
      attrs_.push_back({});
    }
    if (build_)  // views into values_, which no longer moves
      for (std::size_t k = 0; k < attrs_.size(); ++k) attrs_[k] = {values_[2 * k], values_[2 * k + 1]};
    return true;
  }

  bool repeated(const std::string& name) {
    static constexpr std::size_t kFew = 16;
    std::size_t count = values_.size() / 2;
    if (count < kFew) {
      for (std::size_t k = 0; k < count; ++k)
        if (values_[2 * k] == name) return true;
      return false;
    }
    if (names_.empty())
      for (std::size_t k = 0; k < count; ++k) names_.insert(values_[2 * k]);
    return !names_.insert(name).second;
  }

  // ---- start tags ----

  bool start_tag() {
    std::size_t at = pos_;
    ++pos_;
    if (!read_name(name_)) return false;
    bool self_closing;
    if (!read_attributes(self_closing)) return false;
    GumboTag tag = gumbo_tagn_enum(name_.data(), static_cast<unsigned>(name_.size()));
    work_ += 1 + open_.size();
    insert_start(tag, self_closing, at);
    return true;
  }

  bool integration_point() const {
    const Open& o = open_.back();
    if (o.space == GUMBO_NAMESPACE_MATHML)
      return o.tag == GUMBO_TAG_MI || o.tag == GUMBO_TAG_MO || o.tag == GUMBO_TAG_MN ||
             o.tag == GUMBO_TAG_MS || o.tag == GUMBO_TAG_MTEXT || o.tag == GUMBO_TAG_ANNOTATION_XML;
    return o.space == GUMBO_NAMESPACE_SVG &&
           (o.tag == GUMBO_TAG_FOREIGNOBJECT || o.tag == GUMBO_TAG_DESC || o.tag == GUMBO_TAG_TITLE);
  }

  bool has_attribute(std::string_view name) const {
    for (const Attribute& a : attrs_)
      if (a.name.size() == name.size()) {
        bool same = true;
        for (std::size_t k = 0; k < name.size() && same; ++k) same = lower(a.name[k]) == name[k];
        if (same) return true;
      }
    return false;
  }

  void insert_start(GumboTag tag, bool self_closing, std::size_t at) {
    // Foreign content: its own elements nest as written, until an HTML tag ends it.
    if (!current_html() && !integration_point()) {
      bool out = breaks_out(tag) ||
                 (tag == GUMBO_TAG_FONT && (has_attribute("color") || has_attribute("face") || has_attribute("size")));
      if (!out) {
        element(tag, open_.back().space, self_closing, at);
        return;
      }
      while (!current_html() && !integration_point()) pop();
    }
    switch (tag) {
      case GUMBO_TAG_HTML: case GUMBO_TAG_BODY: case GUMBO_TAG_HEAD: case GUMBO_TAG_FRAMESET:
      case GUMBO_TAG_FRAME:
        return;  // ignored in a fragment's body
      default: break;
    }
    if (table_tag(tag)) {
      table_start(tag, self_closing, at);
      return;
    }
    body_start(tag, self_closing, at);  // in a table's parts, adopt() puts it before the table
  }

  void body_start(GumboTag tag, bool self_closing, std::size_t at) {
    if (closes_p(tag)) {
      if (tag == GUMBO_TAG_FORM && !at_[GUMBO_TAG_FORM].empty()) return;  // a form in a form is dropped
      if (tag == GUMBO_TAG_LI) {
        std::int32_t li = open_.back().li;
        if (li != kNone) pop_to(li);
      } else if (tag == GUMBO_TAG_DD || tag == GUMBO_TAG_DT) {
        std::int32_t dd = open_.back().dd;
        if (dd != kNone) pop_to(dd);
      }
      close_p();
      if (heading(tag) && current_html() && heading(current())) pop();
      element(tag, GUMBO_NAMESPACE_HTML, false, at);
      if ((tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_LISTING) && pos_ < in_.size() && in_[pos_] == '\n') ++pos_;
      if (tag == GUMBO_TAG_PLAINTEXT) raw_text(tag, true, {});
      if (tag == GUMBO_TAG_XMP) raw_text(tag, false, "xmp");
      return;
    }
    switch (tag) {
      case GUMBO_TAG_A: case GUMBO_TAG_NOBR: {  // links do not nest
        std::int32_t open = last_open(tag);
        if (build_ && in_scope(open, &Open::barrier)) pop_to(open);
        if (!build_ && (tag == GUMBO_TAG_A || in_scope(open, &Open::barrier))) adopt_formatting(tag);
        break;
      }
      case GUMBO_TAG_BUTTON: {
        std::int32_t button = last_open(GUMBO_TAG_BUTTON);
        if (in_scope(button, &Open::barrier)) pop_to(button);
        break;
      }
      case GUMBO_TAG_OPTION: case GUMBO_TAG_OPTGROUP:
        if (current_html() && current() == GUMBO_TAG_OPTION) pop();
        break;
      case GUMBO_TAG_RB: case GUMBO_TAG_RTC: case GUMBO_TAG_RP: case GUMBO_TAG_RT:
        if (current_html() && (current() == GUMBO_TAG_RB || current() == GUMBO_TAG_RTC ||
                               current() == GUMBO_TAG_RP || current() == GUMBO_TAG_RT))
          pop();
        break;
      default: break;
    }
    reconstruct();
    if (tag == GUMBO_TAG_MATH || tag == GUMBO_TAG_SVG) {
      element(tag, tag == GUMBO_TAG_MATH ? GUMBO_NAMESPACE_MATHML : GUMBO_NAMESPACE_SVG, self_closing, at);
      return;
    }
    if (tag == GUMBO_TAG_IMAGE) tag = GUMBO_TAG_IMG;
    element(tag, GUMBO_NAMESPACE_HTML, false, at);
    if (formatting(tag) && !is_void(tag)) add_formatting(tag, attrs_);
    switch (tag) {
      case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_IFRAME: case GUMBO_TAG_NOEMBED:
      case GUMBO_TAG_NOFRAMES:
        raw_text(tag, false, name_);
        break;
      case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_TITLE:
        if (tag == GUMBO_TAG_TEXTAREA && pos_ < in_.size() && in_[pos_] == '\n') ++pos_;
        raw_text(tag, true, name_);
        break;
      default: break;
    }
  }

  void table_start(GumboTag tag, bool self_closing, std::size_t at) {
    (void)self_closing;
    std::int32_t table = open_.back().table;
    bool table_open = table != kNone && table == open_.back().table_barrier;
    if (!table_open) {
      if (tag == GUMBO_TAG_TABLE) body_start(tag, false, at);
      return;  // table parts with no table open are dropped
    }
    std::int32_t cell = open_.back().cell, caption = last_open(GUMBO_TAG_CAPTION);
    bool in_cell = cell != kNone && cell > table, in_caption = caption != kNone && caption > table;
    if (tag == GUMBO_TAG_TABLE) {
      if (!in_cell && !in_caption) pop_to(table);  // a table in a table's parts ends the first
      body_start(tag, false, at);
      return;
    }
    // In a cell or caption: a table part closes it first.
    if (in_cell) pop_to(cell);
    else if (in_caption) pop_to(caption);
    // Back to the table's own parts, then what HTML implies between them.
    auto back_to = [&](std::initializer_list<GumboTag> keep) {
      while (top_index() > table) {
        bool kept = false;
        for (GumboTag k : keep) kept = kept || current() == k;
        if (kept && current_html()) break;
        pop();
      }
    };
    switch (tag) {
      case GUMBO_TAG_CAPTION: case GUMBO_TAG_COLGROUP: case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD:
      case GUMBO_TAG_TFOOT:
        back_to({});
        element(tag, GUMBO_NAMESPACE_HTML, false, at);
        return;
      case GUMBO_TAG_COL:
        back_to({GUMBO_TAG_COLGROUP});
        if (current() != GUMBO_TAG_COLGROUP) element(GUMBO_TAG_COLGROUP, GUMBO_NAMESPACE_HTML, false, at, false);
        element(GUMBO_TAG_COL, GUMBO_NAMESPACE_HTML, true, at);
        return;
      case GUMBO_TAG_TR:
        back_to({GUMBO_TAG_TBODY, GUMBO_TAG_THEAD, GUMBO_TAG_TFOOT});
        if (current() == GUMBO_TAG_TABLE) element(GUMBO_TAG_TBODY, GUMBO_NAMESPACE_HTML, false, at, false);
        element(tag, GUMBO_NAMESPACE_HTML, false, at);
        return;
      case GUMBO_TAG_TD: case GUMBO_TAG_TH:
        back_to({GUMBO_TAG_TBODY, GUMBO_TAG_THEAD, GUMBO_TAG_TFOOT, GUMBO_TAG_TR});
        if (current() == GUMBO_TAG_TABLE) element(GUMBO_TAG_TBODY, GUMBO_NAMESPACE_HTML, false, at, false);
        if (current() != GUMBO_TAG_TR) element(GUMBO_TAG_TR, GUMBO_NAMESPACE_HTML, false, at, false);
        element(tag, GUMBO_NAMESPACE_HTML, false, at);
        return;
      default: return;
    }
  }

  // Opens an element (or adds a void one) named name_, with attrs_ if the tag was
  // written (not implied by another).
  void element(GumboTag tag, GumboNamespaceEnum space, bool self_closing, std::size_t at, bool written = true) {
    flush_text();
    bool empty = space == GUMBO_NAMESPACE_HTML ? is_void(tag) : self_closing;
    GNode* n = nullptr;
    std::string_view name;
    if (build_) {
      n = new_node(GUMBO_NODE_ELEMENT);
      GumboElement& e = n->v.element;
      e.tag = tag;
      e.tag_namespace = space;
      e.original_tag = GumboStringPiece{in_.data() + at, pos_ - at};
      GumboVector& v = e.attributes;
      std::size_t count = written ? attrs_.size() : 0;
      v.length = v.capacity = static_cast<unsigned>(count);
      if (count) {
        v.data = static_cast<void**>(arena_->allocate(attrs_.size() * sizeof(void*)));
        for (std::size_t k = 0; k < count; ++k) {
          auto* a = static_cast<GumboAttribute*>(arena_->allocate(sizeof(GumboAttribute)));
          std::memset(static_cast<void*>(a), 0, sizeof(GumboAttribute));
          a->attr_namespace = GUMBO_ATTR_NAMESPACE_NONE;
          a->name = copy(attrs_[k].name);
          a->value = copy(attrs_[k].value);
          v.data[k] = a;
        }
      }
      adopt(n);
      if (!empty && (tag == GUMBO_TAG_UNKNOWN || space != GUMBO_NAMESPACE_HTML)) name = copy(name_);
      if (!written) n->v.element.original_tag = GumboStringPiece{nullptr, 0};
    } else if (!empty && (tag == GUMBO_TAG_UNKNOWN || space != GUMBO_NAMESPACE_HTML)) {
      name = intern(name_);
    }
    if (!empty) push(n, tag, space, name);
  }

  // Names of elements gumbo does not know, kept for the estimate's stack.
  std::string_view intern(const std::string& name) { return *interned_.insert(name).first; }

  // The text of a raw text element up to its end tag, which then closes it.
  void raw_text(GumboTag tag, bool references, std::string_view name) {
    const std::size_t n = in_.size();
    std::size_t end = n;
    if (tag != GUMBO_TAG_PLAINTEXT) {
      for (std::size_t i = in_.find("</", pos_); i != std::string_view::npos; i = in_.find("</", i + 2)) {
        std::size_t k = 0;
        while (k < name.size() && i + 2 + k < n && lower(in_[i + 2 + k]) == name[k]) ++k;
        if (k == name.size() && i + 2 + k < n &&
            (is_space(in_[i + 2 + k]) || in_[i + 2 + k] == '/' || in_[i + 2 + k] == '>')) {
          end = i;
          break;
        }
      }
    }
    if (build_) {
      while (pos_ < end) {
        if (references && in_[pos_] == '&') {
          reference(text_, false);
        } else {
          std::size_t stop = references ? in_.find('&', pos_) : end;
          if (stop == std::string_view::npos || stop > end) stop = end;
          text_.append(in_.data() + pos_, stop - pos_);
          pos_ = stop;
        }
      }
      if (pos_ > end) pos_ = end;
      flush_text();
    }
    pos_ = end;
    if (end == n) return;  // closed at the end of the input
  }

  // ---- end tags ----

  bool end_tag() {
    pos_ += 2;
    if (!read_name(name_)) return false;
    bool self_closing;
    if (!read_attributes(self_closing)) return false;
    GumboTag tag = gumbo_tagn_enum(name_.data(), static_cast<unsigned>(name_.size()));
    work_ += 1 + open_.size();
    insert_end(tag);
    return true;
  }

  void insert_end(GumboTag tag) {
    // In foreign content an end tag closes the foreign element it names, if one is open
    // above the nearest HTML element.
    if (!current_html()) {
      auto found = named_.find(name_);
      if (found != named_.end() && !found->second.empty() && found->second.back() > open_.back().html) {
        pop_to(found->second.back());
        return;
      }
    }
    switch (tag) {
      case GUMBO_TAG_HTML: case GUMBO_TAG_BODY: case GUMBO_TAG_HEAD: case GUMBO_TAG_FRAMESET:
        return;
      case GUMBO_TAG_BR:  // </br> is a <br>
        reconstruct();
        element(GUMBO_TAG_BR, GUMBO_NAMESPACE_HTML, false, pos_, false);
        return;
      case GUMBO_TAG_P: {
        std::int32_t p = last_open(GUMBO_TAG_P);
        if (in_scope(p, &Open::button_barrier)) {
          pop_to(p);
        } else {  // a </p> with no <p> open stands for an empty one
          element(GUMBO_TAG_P, GUMBO_NAMESPACE_HTML, false, pos_, false);
          pop();
        }
        return;
      }
      case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT:
      case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION: {
        std::int32_t at = last_open(tag);
        if (in_scope(at, &Open::table_barrier)) pop_to(at);
        return;
      }
      default: break;
    }
    std::int32_t at = last_named(tag, name_);
    if (build_) {
      // The lenient reading: an end tag closes the element it names, unless a table,
      // cell or the like lies between.
      if (heading(tag)) at = open_.back().heading;
      if (in_scope(at, &Open::barrier)) pop_to(at);
      return;
    }
    // gumbo's rules, where they differ, counting no fewer open elements than gumbo.
    switch (tag) {
      case GUMBO_TAG_LI:
        if (in_scope(at, &Open::list_barrier)) pop_to(at);
        return;
      case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
      case GUMBO_TAG_H6: {
        std::int32_t h = open_.back().heading;
        if (in_scope(h, &Open::barrier)) pop_to(h);
        return;
      }
      case GUMBO_TAG_FORM:  // gumbo takes the form out of the middle of the stack
        if (current_html() && current() == GUMBO_TAG_FORM) pop();
        return;
      case GUMBO_TAG_COLGROUP: case GUMBO_TAG_COL:
        if (current_html() && current() == tag) pop();
        return;
      default: break;
    }
    if (tag != GUMBO_TAG_UNKNOWN && formatting(tag) && adopt_formatting(tag)) return;
    if (tag != GUMBO_TAG_UNKNOWN && special(tag)) {
      if (in_scope(at, &Open::barrier)) pop_to(at);
      return;
    }
    // Any other end tag closes the element it names if nothing special is open above it.
    if (at != kNone && at > open_.back().special) pop_to(at);
  }

  std::string_view in_;
  Arena* arena_;
  const bool build_;
  const std::size_t budget_;
  std::size_t work_ = 0;
  std::size_t pos_ = 0;
  GNode* root_ = nullptr;
  std::vector<Open> open_;
  std::vector<std::vector<std::int32_t>> at_;                             // by tag: where it is open
  std::unordered_map<std::string_view, std::vector<std::int32_t>> named_;  // the same by name
  std::unordered_set<std::string> interned_;
  std::vector<Entry> list_;
  std::vector<void*> kids_;
  std::vector<GNode*> fostered_;
  std::vector<Attribute> attrs_;
  std::vector<std::string> values_;  // build mode: names and values, decoded
  std::unordered_set<std::string> names_;
  std::string text_, name_;
  std::uint32_t next_id_ = 1;
  bool attributes_dropped_ = false;
};

}  // namespace

std::size_t gumbo_work(std::string_view html, std::size_t limit) { return Reader(html, nullptr, limit).work(); }

bool gumbo_work_bounded(std::string_view html) {
  std::size_t budget = kGumboWorkPerByte * html.size() + kGumboWorkBase;
  return gumbo_work(html, budget) <= budget;
}

const GumboNode* parse_lenient_html(std::string_view html, Arena& arena, bool* attributes_dropped) {
  return Reader(html, &arena, 0).tree(attributes_dropped);
}

}  // namespace lede
