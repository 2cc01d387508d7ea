#include "html/serialized_html_parser.hpp"

#include <cstdint>
#include <cstring>
#include <string>
#include <unordered_set>
#include <vector>

#include "lede/lede.hpp"
#include "tree/byte_lanes.hpp"
#include "tree/entities.hpp"

namespace lede {
namespace {

using GNode = GumboNode;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// The characters gumbo does not keep as they are: CR (CR LF becomes LF), NUL and the other
// controls but tab, LF and FF, surrogates, values past U+10FFFF, and noncharacters.
bool changed_by_gumbo(std::uint32_t c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\f') || (c >= 0x7F && c <= 0x9F) ||
         (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF || (c >= 0xFDD0 && c <= 0xFDEF) ||
         (c & 0xFFFE) == 0xFFFE;
}

// Whether gumbo reads every character of `s` as it is: no carriage return (it turns CR
// LF into LF), no NUL or other control character but tab, LF and FF, no noncharacter, and
// well-formed UTF-8 (gumbo puts U+FFFD for all of those).
bool characters_as_written(std::string_view s) {
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      std::uint64_t w = load_lanes(s.data() + i);
      // Lanes under 0x20, and lanes from 0x7F up (a carry out of 0xFF marks only the
      // lane above one that is marked itself).
      if (!((((w - kLaneOnes * 0x20) & ~w) | (w + kLaneOnes) | w) & kLaneHighs)) {
        i += 8;
        continue;
      }
    }
    auto b = static_cast<unsigned char>(s[i]);
    if ((b >= 0x20 && b < 0x7F) || b == '\t' || b == '\n' || b == '\f') {
      ++i;
      continue;
    }
    std::size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0;
    if (len == 0 || b > 0xF4 || i + len > n) return false;
    std::uint32_t c = b & (0x7Fu >> len);
    for (std::size_t k = 1; k < len; ++k) {
      auto t = static_cast<unsigned char>(s[i + k]);
      if ((t & 0xC0) != 0x80) return false;
      c = (c << 6) | (t & 0x3F);
    }
    if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) || changed_by_gumbo(c)) return false;
    i += len;
  }
  return true;
}

class Parser {
 public:
  Parser(std::string_view html, Arena& arena) : in_(html), arena_(arena) {}

  const GNode* run() {
    if (!characters_as_written(in_)) return nullptr;
    GNode* document = new_node(GUMBO_NODE_DOCUMENT);
    root_ = new_node(GUMBO_NODE_ELEMENT);
    root_->v.element.tag = GUMBO_TAG_HTML;
    root_->v.element.tag_namespace = GUMBO_NAMESPACE_HTML;
    root_->parent = document;
    push_open(root_, {});
    if (!parse()) return nullptr;
    while (!open_.empty()) close();
    GumboVector& top = document->v.document.children;
    top.data = static_cast<void**>(arena_.allocate(sizeof(void*)));
    top.data[0] = root_;
    top.length = top.capacity = 1;
    return root_;
  }

 private:
  // What the open elements from the root up to one of them hold, for the checks that
  // HTML words as walks down the stack: kept per entry, they cost O(1) a tag, not O(depth)
  // (40,000 nested <div>s took seconds).
  enum Scope : std::uint8_t {
    kPInButtonScope = 1,  // HTML's "has a p element in button scope"
    kListItem = 2,        // an <li> after the last ul, ol, menu or dir
    kDefinition = 4,      // a <dd> or <dt> after the last dl
    kLink = 8,            // an <a>
    kForm = 16,           // a <form>
    kTable = 32,          // a table, or one of its parts
  };

  struct Open {
    GNode* node;
    std::size_t first_kid;   // where its children start in kids_
    std::string_view name;   // lowercase, for foreign elements and those gumbo does not know
    std::uint8_t scope;      // Scope bits of the elements from the root up to this one
  };

  // The Scope bits with `tag` opened on top of elements that have `below`.
  static std::uint8_t scope_after(std::uint8_t below, GumboTag tag) {
    std::uint8_t s = below;
    switch (tag) {
      case GUMBO_TAG_P: s |= kPInButtonScope; break;
      case GUMBO_TAG_APPLET: case GUMBO_TAG_CAPTION: case GUMBO_TAG_HTML: case GUMBO_TAG_TABLE:
      case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_MARQUEE: case GUMBO_TAG_OBJECT:
      case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_BUTTON:
        s &= ~kPInButtonScope;
        break;
      default: break;
    }
    switch (tag) {
      case GUMBO_TAG_LI: s |= kListItem; break;
      case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_MENU: case GUMBO_TAG_DIR: s &= ~kListItem; break;
      case GUMBO_TAG_DD: case GUMBO_TAG_DT: s |= kDefinition; break;
      case GUMBO_TAG_DL: s &= ~kDefinition; break;
      case GUMBO_TAG_A: s |= kLink; break;
      case GUMBO_TAG_FORM: s |= kForm; break;
      case GUMBO_TAG_TABLE: case GUMBO_TAG_CAPTION: case GUMBO_TAG_COLGROUP: case GUMBO_TAG_TBODY:
      case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
        s |= kTable;
        break;
      default: break;
    }
    return s;
  }

  void push_open(GNode* n, std::string_view name) {
    std::uint8_t below = open_.empty() ? 0 : open_.back().scope;
    open_.push_back({n, kids_.size(), name, scope_after(below, n->v.element.tag)});
  }

  bool in_scope(Scope s) const { return (open_.back().scope & s) != 0; }

  GNode* new_node(GumboNodeType type) {
    auto* n = static_cast<GNode*>(arena_.allocate(sizeof(GNode)));
    std::memset(static_cast<void*>(n), 0, sizeof(GNode));
    n->type = type;
    return n;
  }

  const char* copy(std::string_view s) {
    auto* p = static_cast<char*>(arena_.allocate(s.size() + 1));
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return p;
  }

  GumboTag current() const { return open_.back().node->v.element.tag; }

  void adopt(GNode* n) {
    n->parent = open_.back().node;
    n->index_within_parent = static_cast<unsigned>(kids_.size() - open_.back().first_kid);
    kids_.push_back(n);
  }

  void close() {
    Open o = open_.back();
    GumboVector& v = o.node->v.element.children;
    v.length = v.capacity = static_cast<unsigned>(kids_.size() - o.first_kid);
    if (v.length) {
      v.data = static_cast<void**>(arena_.allocate(v.length * sizeof(void*)));
      std::memcpy(v.data, kids_.data() + o.first_kid, v.length * sizeof(void*));
    }
    kids_.resize(o.first_kid);
    open_.pop_back();
  }

  bool foreign() const { return open_.back().node->v.element.tag_namespace != GUMBO_NAMESPACE_HTML; }

  bool in_table_part() const {
    if (foreign()) return false;
    switch (current()) {
      case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT:
      case GUMBO_TAG_TR: case GUMBO_TAG_COLGROUP:
        return true;
      default: return false;
    }
  }

  // ---- text ----
  bool flush_text() {
    if (text_.empty()) return true;
    bool blank = true;
    for (char c : text_)
      if (!is_space(c)) {
        blank = false;
        break;
      }
    // Text in a table outside its cells is moved out of the table (foster parenting).
    if (!blank && in_table_part()) return false;
    GNode* n = new_node(blank ? GUMBO_NODE_WHITESPACE : GUMBO_NODE_TEXT);
    n->v.text.text = copy(text_);
    n->v.text.original_text = GumboStringPiece{in_.data() + text_start_, text_end_ - text_start_};
    adopt(n);
    text_.clear();
    return true;
  }

  // A character reference at pos_ ('&'), appended to `out`. False where gumbo might read
  // it differently: names without ';', unknown names (gumbo then matches a prefix),
  // numbers that gumbo replaces or that stand for white space or controls.
  bool reference(std::string& out) {
    std::size_t i = pos_ + 1;
    if (i >= in_.size()) {
      out += '&';
      ++pos_;
      return true;
    }
    char c = in_[i];
    if (c == '#') {
      ++i;
      bool hex = i < in_.size() && (in_[i] == 'x' || in_[i] == 'X');
      if (hex) ++i;
      std::uint32_t cp = 0;
      std::size_t digits = 0;
      for (; i < in_.size() && digits < 8; ++i, ++digits) {
        char d = lower(in_[i]);
        int v = is_digit(d) ? d - '0' : hex && d >= 'a' && d <= 'f' ? d - 'a' + 10 : -1;
        if (v < 0) break;
        cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
      }
      if (digits == 0 || digits == 8 || i >= in_.size() || in_[i] != ';') return false;
      if (cp < 0x21 || changed_by_gumbo(cp)) return false;  // white space could retype the text node
      append_utf8(out, cp);
      pos_ = i + 1;
      return true;
    }
    if (!is_alpha(c) && !is_digit(c)) {  // not a reference: the '&' as it is
      out += '&';
      ++pos_;
      return true;
    }
    while (i < in_.size() && (is_alpha(in_[i]) || is_digit(in_[i]))) ++i;
    if (i >= in_.size() || in_[i] != ';') return false;
    if (!common_reference(in_.substr(pos_ + 1, i - pos_ - 1), out) &&
        !decode_entity(in_.substr(pos_, i + 1 - pos_), out))
      return false;
    pos_ = i + 1;
    return true;
  }

  // The references serializers write (innerHTML writes only these five), without a search
  // of the whole table: every '&' in a URL is an &amp;, and the table is front-coded.
  static bool common_reference(std::string_view name, std::string& out) {
    if (name == "amp") out += '&';
    else if (name == "nbsp") out += "\xC2\xA0";
    else if (name == "lt") out += '<';
    else if (name == "gt") out += '>';
    else if (name == "quot") out += '"';
    else return false;
    return true;
  }

  // ---- tags ----
  struct Tag {
    std::string_view name;  // lowercase, for tags gumbo does not know
    GumboTag tag;
    bool self_closing;
  };

  bool tag_name(Tag& t) {
    std::size_t start = pos_;
    tag_.clear();
    while (pos_ < in_.size() && (is_alpha(in_[pos_]) || is_digit(in_[pos_]) || in_[pos_] == '-'))
      tag_ += lower(in_[pos_++]);
    if (pos_ == start || pos_ >= in_.size()) return false;
    char c = in_[pos_];
    if (!is_space(c) && c != '/' && c != '>') return false;
    t.tag = gumbo_tagn_enum(tag_.data(), static_cast<unsigned>(tag_.size()));
    t.name = t.tag == GUMBO_TAG_UNKNOWN ? std::string_view(copy(tag_), tag_.size()) : std::string_view();
    return true;
  }

  // The first position from `i` that holds `a` or `b`, or the end: a word at a time,
  // since text and attribute values are most of the input.
  std::size_t until(std::size_t i, char a, char b) const {
    const std::size_t n = in_.size();
    for (; i + 8 <= n; i += 8) {
      std::uint64_t w = load_lanes(in_.data() + i);
      if (lanes_equal(w, static_cast<unsigned char>(a)) | lanes_equal(w, static_cast<unsigned char>(b))) break;
    }
    while (i < n && in_[i] != a && in_[i] != b) ++i;
    return i;
  }

  void skip_space() {
    while (pos_ < in_.size() && is_space(in_[pos_])) ++pos_;
  }

  // The attributes after a start tag's name, up to and including its '>'.
  bool attributes(Tag& t) {
    attrs_.clear();
    if (!attr_names_.empty()) attr_names_.clear();  // clear() would cost its buckets every tag
    t.self_closing = false;
    while (true) {
      skip_space();
      if (pos_ >= in_.size()) return false;
      char c = in_[pos_];
      if (c == '>') {
        ++pos_;
        return true;
      }
      if (c == '/') {
        if (pos_ + 1 >= in_.size() || in_[pos_ + 1] != '>') return false;
        t.self_closing = true;
        pos_ += 2;
        return true;
      }
      name_.clear();
      while (pos_ < in_.size()) {
        c = in_[pos_];
        if (is_space(c) || c == '/' || c == '>' || c == '=') break;
        if (c == '"' || c == '\'' || c == '<') return false;
        name_ += lower(c);
        ++pos_;
      }
      if (name_.empty() || pos_ >= in_.size()) return false;
      value_.clear();
      skip_space();
      if (pos_ < in_.size() && in_[pos_] == '=') {
        ++pos_;
        skip_space();
        if (pos_ >= in_.size()) return false;
        char quote = in_[pos_];
        if (quote == '"' || quote == '\'') {
          ++pos_;
          while (true) {
            std::size_t run = until(pos_, quote, '&');
            value_.append(in_.data() + pos_, run - pos_);
            pos_ = run;
            if (pos_ >= in_.size()) return false;
            if (in_[pos_] == quote) break;
            if (!reference(value_)) return false;
          }
          ++pos_;
          // HTML wants white space between attributes; gumbo reads on without it.
          if (pos_ < in_.size() && !is_space(in_[pos_]) && in_[pos_] != '>' && in_[pos_] != '/') return false;
        } else {
          while (pos_ < in_.size()) {
            c = in_[pos_];
            if (is_space(c) || c == '>') break;
            if (c == '"' || c == '\'' || c == '<' || c == '=' || c == '`' || c == '/') return false;
            if (c == '&') {
              if (!reference(value_)) return false;
            } else {
              value_ += c;
              ++pos_;
            }
          }
          if (value_.empty()) return false;
        }
      }
      if (repeated_attribute()) continue;  // the first of two with one name counts
      // gumbo keeps them all; the lenient reader would drop the rest (and gumbo's cost
      // grows with their square): the quick parser leaves such a tag to those two.
      if (attrs_.size() >= Limits::kHtmlAttributes) return false;
      auto* a = static_cast<GumboAttribute*>(arena_.allocate(sizeof(GumboAttribute)));
      std::memset(static_cast<void*>(a), 0, sizeof(GumboAttribute));
      a->attr_namespace = GUMBO_ATTR_NAMESPACE_NONE;
      a->name = copy(name_);
      a->value = copy(value_);
      attrs_.push_back(a);
      if (!attr_names_.empty()) attr_names_.insert(a->name);
    }
  }

  // Whether the tag already has an attribute named name_. A few are compared one by one;
  // past that a set of the names keeps a tag with 20,000 attributes linear.
  bool repeated_attribute() {
    static constexpr std::size_t kFew = 16;
    if (attrs_.size() < kFew) {
      for (void* a : attrs_)
        if (name_ == static_cast<GumboAttribute*>(a)->name) return true;
      return false;
    }
    if (attr_names_.empty())
      for (void* a : attrs_) attr_names_.insert(static_cast<GumboAttribute*>(a)->name);
    return attr_names_.count(name_) != 0;
  }

  // A block start tag closes an open <p>. Only the plain case is taken: the <p> is the
  // current element (Readability's content has <p><h2>, from its div-to-p rewrite).
  bool close_p() {
    if (!in_scope(kPInButtonScope)) return true;
    if (current() != GUMBO_TAG_P) return false;
    close();
    return true;
  }

  // Whether HTML's "in body" rules only insert this start tag (and its element stays
  // open unless it is void), after closing a <p> the plain way (close_p).
  bool make_room(GumboTag t) {
    switch (t) {
      case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BLOCKQUOTE:
      case GUMBO_TAG_CENTER: case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIALOG: case GUMBO_TAG_DIR:
      case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION:
      case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP:
      case GUMBO_TAG_MENU: case GUMBO_TAG_MAIN: case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P:
      case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_UL: case GUMBO_TAG_SEARCH:
      case GUMBO_TAG_PRE: case GUMBO_TAG_LISTING: case GUMBO_TAG_TABLE: case GUMBO_TAG_HR:
        return close_p();
      case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
      case GUMBO_TAG_H6:
        if (!close_p()) return false;
        switch (current()) {  // a heading in a heading closes the first
          case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
          case GUMBO_TAG_H6:
            return false;
          default: return true;
        }
      case GUMBO_TAG_FORM:  // a form in a form is dropped
        return !in_scope(kForm) && close_p();
      case GUMBO_TAG_LI:
        return !in_scope(kListItem) && close_p();
      case GUMBO_TAG_DD: case GUMBO_TAG_DT:
        return !in_scope(kDefinition) && close_p();
      case GUMBO_TAG_A:  // an <a> in an <a> closes the first (the adoption agency)
        return !in_scope(kLink);
      // What these do is more than inserting, or they change how what follows is read.
      case GUMBO_TAG_HTML: case GUMBO_TAG_HEAD: case GUMBO_TAG_BODY: case GUMBO_TAG_FRAMESET:
      case GUMBO_TAG_FRAME: case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_SCRIPT:
      case GUMBO_TAG_STYLE: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_TITLE: case GUMBO_TAG_PLAINTEXT:
      case GUMBO_TAG_BUTTON: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_XMP:
      case GUMBO_TAG_NOEMBED: case GUMBO_TAG_SELECT: case GUMBO_TAG_OPTION: case GUMBO_TAG_OPTGROUP:
      case GUMBO_TAG_RB: case GUMBO_TAG_RP: case GUMBO_TAG_RT: case GUMBO_TAG_RTC: case GUMBO_TAG_MATH:
      case GUMBO_TAG_SVG: case GUMBO_TAG_IMAGE: case GUMBO_TAG_ISINDEX: case GUMBO_TAG_NOBR:
      case GUMBO_TAG_APPLET: case GUMBO_TAG_MARQUEE: case GUMBO_TAG_OBJECT: case GUMBO_TAG_CAPTION:
      case GUMBO_TAG_COL: case GUMBO_TAG_COLGROUP: case GUMBO_TAG_TBODY: case GUMBO_TAG_TD:
      case GUMBO_TAG_TFOOT: case GUMBO_TAG_TH: case GUMBO_TAG_THEAD: case GUMBO_TAG_TR:
        return false;
      default:
        // Formatting elements, void elements (<meta>, <link> and the like too: "in body"
        // inserts them as "in head" does), <iframe> (taken only empty, see start_tag)
        // and every other element.
        return true;
    }
  }

  static bool is_void(GumboTag t) {
    switch (t) {
      case GUMBO_TAG_AREA: case GUMBO_TAG_BR: case GUMBO_TAG_EMBED: case GUMBO_TAG_IMG:
      case GUMBO_TAG_KEYGEN: case GUMBO_TAG_WBR: case GUMBO_TAG_INPUT: case GUMBO_TAG_PARAM:
      case GUMBO_TAG_SOURCE: case GUMBO_TAG_TRACK: case GUMBO_TAG_HR: case GUMBO_TAG_COL:
      case GUMBO_TAG_META: case GUMBO_TAG_LINK: case GUMBO_TAG_BASE: case GUMBO_TAG_BASEFONT:
      case GUMBO_TAG_BGSOUND:
        return true;
      default: return false;
    }
  }

  // Which start tags the table modes take as they are, with the current element.
  bool table_child(GumboTag t) const {
    switch (current()) {
      case GUMBO_TAG_TABLE:
        return t == GUMBO_TAG_CAPTION || t == GUMBO_TAG_COLGROUP || t == GUMBO_TAG_TBODY ||
               t == GUMBO_TAG_THEAD || t == GUMBO_TAG_TFOOT;
      case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT:
        return t == GUMBO_TAG_TR;
      case GUMBO_TAG_TR:
        return t == GUMBO_TAG_TD || t == GUMBO_TAG_TH;
      case GUMBO_TAG_COLGROUP:
        return t == GUMBO_TAG_COL;
      default: return false;
    }
  }

  // A start tag HTML drops in the body: table parts with no table open. Its text
  // either side stays one text node.
  bool ignored(GumboTag t) const {
    switch (t) {
      case GUMBO_TAG_CAPTION: case GUMBO_TAG_COL: case GUMBO_TAG_COLGROUP: case GUMBO_TAG_FRAME:
      case GUMBO_TAG_HEAD: case GUMBO_TAG_TBODY: case GUMBO_TAG_TD: case GUMBO_TAG_TFOOT:
      case GUMBO_TAG_TH: case GUMBO_TAG_THEAD: case GUMBO_TAG_TR:
        return !in_scope(kTable);
      default: return false;
    }
  }

  // ---- foreign content: <svg> and <math> ----

  // Where HTML's rules take start tags inside foreign content again; this parser gives
  // up there.
  bool integration_point() const {
    const GumboElement& e = open_.back().node->v.element;
    if (e.tag_namespace == GUMBO_NAMESPACE_MATHML)
      return e.tag == GUMBO_TAG_MI || e.tag == GUMBO_TAG_MO || e.tag == GUMBO_TAG_MN ||
             e.tag == GUMBO_TAG_MS || e.tag == GUMBO_TAG_MTEXT || e.tag == GUMBO_TAG_ANNOTATION_XML;
    return e.tag == GUMBO_TAG_FOREIGNOBJECT || e.tag == GUMBO_TAG_DESC || e.tag == GUMBO_TAG_TITLE;
  }

  // HTML start tags that end foreign content.
  bool breaks_out(GumboTag t) const {
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
      case GUMBO_TAG_FONT:
        for (void* a : attrs_) {
          std::string_view name = static_cast<GumboAttribute*>(a)->name;
          if (name == "color" || name == "face" || name == "size") return true;
        }
        return false;
      default: return false;
    }
  }

  // The attribute names HTML writes otherwise on foreign elements (gumbo 0.13's tables).
  void adjust_foreign(GumboNamespaceEnum space) {
    static const char* const kSvg[][2] = {
        {"attributename", "attributeName"}, {"attributetype", "attributeType"},
        {"basefrequency", "baseFrequency"}, {"baseprofile", "baseProfile"}, {"calcmode", "calcMode"},
        {"clippathunits", "clipPathUnits"}, {"diffuseconstant", "diffuseConstant"}, {"edgemode", "edgeMode"},
        {"filterunits", "filterUnits"}, {"glyphref", "glyphRef"}, {"gradienttransform", "gradientTransform"},
        {"gradientunits", "gradientUnits"}, {"kernelmatrix", "kernelMatrix"},
        {"kernelunitlength", "kernelUnitLength"}, {"keypoints", "keyPoints"}, {"keysplines", "keySplines"},
        {"keytimes", "keyTimes"}, {"lengthadjust", "lengthAdjust"}, {"limitingconeangle", "limitingConeAngle"},
        {"markerheight", "markerHeight"}, {"markerunits", "markerUnits"}, {"markerwidth", "markerWidth"},
        {"maskcontentunits", "maskContentUnits"}, {"maskunits", "maskUnits"}, {"numoctaves", "numOctaves"},
        {"pathlength", "pathLength"}, {"patterncontentunits", "patternContentUnits"},
        {"patterntransform", "patternTransform"}, {"patternunits", "patternUnits"}, {"pointsatx", "pointsAtX"},
        {"pointsaty", "pointsAtY"}, {"pointsatz", "pointsAtZ"}, {"preservealpha", "preserveAlpha"},
        {"preserveaspectratio", "preserveAspectRatio"}, {"primitiveunits", "primitiveUnits"}, {"refx", "refX"},
        {"refy", "refY"}, {"repeatcount", "repeatCount"}, {"repeatdur", "repeatDur"},
        {"requiredextensions", "requiredExtensions"}, {"requiredfeatures", "requiredFeatures"},
        {"specularconstant", "specularConstant"}, {"specularexponent", "specularExponent"},
        {"spreadmethod", "spreadMethod"}, {"startoffset", "startOffset"}, {"stddeviation", "stdDeviation"},
        {"stitchtiles", "stitchTiles"}, {"surfacescale", "surfaceScale"}, {"systemlanguage", "systemLanguage"},
        {"tablevalues", "tableValues"}, {"targetx", "targetX"}, {"targety", "targetY"},
        {"textlength", "textLength"}, {"viewbox", "viewBox"}, {"viewtarget", "viewTarget"},
        {"xchannelselector", "xChannelSelector"}, {"ychannelselector", "yChannelSelector"},
        {"zoomandpan", "zoomAndPan"}};
    static const struct {
      const char* from;
      const char* to;
      GumboAttributeNamespaceEnum space;
    } kForeign[] = {
        {"xlink:actuate", "actuate", GUMBO_ATTR_NAMESPACE_XLINK}, {"xlink:arcrole", "arcrole", GUMBO_ATTR_NAMESPACE_XLINK},
        {"xlink:href", "href", GUMBO_ATTR_NAMESPACE_XLINK}, {"xlink:role", "role", GUMBO_ATTR_NAMESPACE_XLINK},
        {"xlink:show", "show", GUMBO_ATTR_NAMESPACE_XLINK}, {"xlink:title", "title", GUMBO_ATTR_NAMESPACE_XLINK},
        {"xlink:type", "type", GUMBO_ATTR_NAMESPACE_XLINK}, {"xml:lang", "lang", GUMBO_ATTR_NAMESPACE_XML},
        {"xml:space", "space", GUMBO_ATTR_NAMESPACE_XML}, {"xmlns", "xmlns", GUMBO_ATTR_NAMESPACE_XMLNS},
        {"xmlns:xlink", "xlink", GUMBO_ATTR_NAMESPACE_XMLNS}};
    for (void* p : attrs_) {
      auto* a = static_cast<GumboAttribute*>(p);
      std::string_view name = a->name;
      if (space == GUMBO_NAMESPACE_SVG) {
        for (const auto& r : kSvg)
          if (name == r[0]) a->name = r[1];
      } else if (name == "definitionurl") {
        a->name = "definitionURL";
      }
      for (const auto& r : kForeign)
        if (name == r.from) {
          a->name = r.to;
          a->attr_namespace = r.space;
        }
    }
  }

  bool start_tag(std::size_t at) {
    Tag t;
    if (!tag_name(t) || !attributes(t)) return false;
    if (!foreign() && !in_table_part() && ignored(t.tag)) return true;
    if (!flush_text()) return false;  // before close_p() may close the text's parent
    GumboNamespaceEnum space = GUMBO_NAMESPACE_HTML;
    if (foreign()) {
      if (integration_point() || breaks_out(t.tag)) return false;
      space = open_.back().node->v.element.tag_namespace;
    } else if (in_table_part()) {
      if (!table_child(t.tag)) return false;
    } else if (t.tag == GUMBO_TAG_SVG || t.tag == GUMBO_TAG_MATH) {
      space = t.tag == GUMBO_TAG_SVG ? GUMBO_NAMESPACE_SVG : GUMBO_NAMESPACE_MATHML;
    } else if (!make_room(t.tag)) {
      return false;
    }
    bool html = space == GUMBO_NAMESPACE_HTML;
    if (!html) adjust_foreign(space);
    // A void element, or a foreign one closed by its '/'. HTML ignores the '/' on its
    // other elements, which then stay open.
    bool is_empty = html ? is_void(t.tag) : t.self_closing;
    if (html && t.self_closing && !is_empty) return false;
    GNode* n = new_node(GUMBO_NODE_ELEMENT);
    GumboElement& e = n->v.element;
    e.tag = t.tag;
    e.tag_namespace = space;
    e.original_tag = GumboStringPiece{in_.data() + at, pos_ - at};
    GumboVector& v = e.attributes;
    v.length = v.capacity = static_cast<unsigned>(attrs_.size());
    if (!attrs_.empty()) {
      v.data = static_cast<void**>(arena_.allocate(attrs_.size() * sizeof(void*)));
      std::memcpy(v.data, attrs_.data(), attrs_.size() * sizeof(void*));
    }
    adopt(n);
    if (is_empty) return true;
    if (html && t.tag == GUMBO_TAG_IFRAME) {  // its content is raw text; only an empty one is taken
      if (in_.substr(pos_, 9) != "</iframe>") return false;
      pos_ += 9;
      return true;
    }
    // Foreign end tags are matched by name, as are those of elements gumbo does not know.
    std::string_view name = t.name;
    if (!html && name.empty()) name = std::string_view(copy(tag_), tag_.size());
    push_open(n, name);
    // A newline right after <pre> or <listing> is not part of its text.
    if (html && (t.tag == GUMBO_TAG_PRE || t.tag == GUMBO_TAG_LISTING) && pos_ < in_.size()) {
      if (in_[pos_] == '\n') ++pos_;
      else if (in_[pos_] == '&') return false;  // "&#10;" would be dropped too
    }
    return true;
  }

  // An end tag is taken only for the current element (which is never <html>).
  bool end_tag() {
    Tag t;
    if (!tag_name(t)) return false;
    std::size_t name_end = pos_;
    skip_space();
    if (pos_ >= in_.size() || in_[pos_] != '>') return false;
    ++pos_;
    if (foreign()) {  // matched by name; </p> and </br> end foreign content
      // gumbo 0.13 compares the end tag as written, white space and all: "</mi >" does
      // not end an <mi> there.
      if (pos_ != name_end + 1) return false;
      if (t.tag == GUMBO_TAG_P || t.tag == GUMBO_TAG_BR || tag_ != open_.back().name) return false;
      if (!flush_text()) return false;
      close();
      return true;
    }
    if (ignored(t.tag)) return true;  // no table is open, so there is none to end
    if (t.tag == GUMBO_TAG_P && current() != GUMBO_TAG_P && !in_scope(kPInButtonScope)) {
      // A </p> with no <p> open stands for an empty one (left by close_p), which in a
      // table would be moved out of it.
      if (in_table_part() || !flush_text()) return false;
      GNode* n = new_node(GUMBO_NODE_ELEMENT);
      n->v.element.tag = GUMBO_TAG_P;
      n->v.element.tag_namespace = GUMBO_NAMESPACE_HTML;
      adopt(n);
      return true;
    }
    if (open_.size() < 2 || t.tag != current()) return false;
    if (t.tag == GUMBO_TAG_UNKNOWN && tag_ != open_.back().name) return false;
    if (!flush_text()) return false;
    close();
    return true;
  }

  bool comment(std::size_t at) {
    std::size_t body = at + 4;
    std::size_t end = in_.find("-->", body);
    if (end == std::string_view::npos) return false;
    std::string_view text = in_.substr(body, end - body);
    // "<!-->", "<!--->", "--!>" and nested "<!--" are read otherwise by HTML.
    if (text.empty() || text[0] == '>' || text.substr(0, 2) == "->" || text.back() == '-' ||
        text.find("--!") != std::string_view::npos || text.find("<!--") != std::string_view::npos)
      return false;
    GNode* n = new_node(GUMBO_NODE_COMMENT);
    n->v.text.text = copy(text);
    n->v.text.original_text = GumboStringPiece{in_.data() + at, end + 3 - at};
    adopt(n);
    pos_ = end + 3;
    return true;
  }

  bool parse() {
    const std::size_t n = in_.size();
    text_start_ = 0;
    while (pos_ < n) {
      std::size_t run = until(pos_, '<', '&');
      if (text_.empty()) text_start_ = pos_;
      text_.append(in_.data() + pos_, run - pos_);
      pos_ = text_end_ = run;
      if (pos_ >= n) break;
      if (in_[pos_] == '&') {
        if (!reference(text_)) return false;
        text_end_ = pos_;
        continue;
      }
      // '<'
      if (pos_ + 1 >= n) return false;
      char c = in_[pos_ + 1];
      std::size_t at = pos_;
      if (is_alpha(c)) {
        ++pos_;
        if (!start_tag(at)) return false;
      } else if (c == '/' && pos_ + 2 < n && is_alpha(in_[pos_ + 2])) {
        pos_ += 2;
        if (!end_tag()) return false;
      } else if (in_.substr(pos_, 4) == "<!--") {
        if (!flush_text() || !comment(at)) return false;
      } else {
        return false;
      }
    }
    return flush_text();
  }

  std::string_view in_;
  Arena& arena_;
  std::size_t pos_ = 0;
  GNode* root_ = nullptr;
  std::vector<Open> open_;
  std::vector<void*> kids_;
  std::vector<void*> attrs_;
  std::unordered_set<std::string_view> attr_names_;  // of attrs_, once there are many
  std::string text_, tag_, name_, value_;  // tag_: the tag's name; name_: an attribute's
  std::size_t text_start_ = 0, text_end_ = 0;  // where the pending text was written
};

}  // namespace

const GumboNode* parse_serialized_html(std::string_view html, Arena& arena) {
  return Parser(html, arena).run();
}

}  // namespace lede
