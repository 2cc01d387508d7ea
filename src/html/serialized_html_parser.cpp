#include "html/serialized_html_parser.hpp"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "lede/lede.hpp"
#include "text/ascii.hpp"
#include "tree/attribute_names.hpp"
#include "tree/byte_lanes.hpp"
#include "tree/entities.hpp"
#include "tree/kept.hpp"

namespace lede {
namespace {


// HTML white space without CR (text/ascii.hpp has the whole set): CR in the input sends it
// to gumbo, and a CR from a character reference keeps text in a table from being blank,
// which hands that text to gumbo too.
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The characters gumbo does not keep as they are: CR (CR LF becomes LF), NUL and the other
// controls but tab, LF and FF, surrogates, values past U+10FFFF, and noncharacters.
bool changed_by_gumbo(std::uint32_t c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\f') || (c >= 0x7F && c <= 0x9F) ||
         (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF || (c >= 0xFDD0 && c <= 0xFDEF) ||
         (c & 0xFFFE) == 0xFFFE;
}

}  // namespace

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

namespace {

class Parser {
 public:
  // As new, with the buffers' memory kept (serialized_html_events keeps a parser): what a
  // run left (it may have given up midway) is dropped.
  void clear() {
    in_ = {};
    sink_ = nullptr;
    pos_ = 0;
    open_.clear();
    attrs_.clear();
    abuf_.clear();
    attr_names_.clear();
    attrs_indexed_ = false;
    views_.clear();
    names_.clear();
    text_.clear();
    tag_.clear();
    name_.clear();
    value_.clear();
  }

  // On a new or cleared parser.
  bool run(std::string_view html, HtmlSink& sink) {
    in_ = html;
    sink_ = &sink;
    if (!characters_as_written(in_)) return false;
    push_open(HtmlTag::html, HtmlNamespace::html, {});  // the fragment's parent, the sink's root
    if (!parse()) return false;
    while (open_.size() > 1) close();
    return true;
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

  // The tag's attributes: names and values in abuf_ (a foreign attribute's name may be
  // one HTML writes otherwise, `renamed`).
  struct Attr {
    std::uint32_t name, name_size, value, value_size;
    const char* renamed = nullptr;
  };

  struct Open {
    HtmlTag tag;
    HtmlNamespace space;
    std::uint8_t scope;     // Scope bits of the elements from the root up to this one
    std::uint32_t name;     // for foreign elements and those HTML does not know: their
    std::uint32_t name_size;  // lowercase name, in names_
  };

  // The Scope bits with `tag` opened on top of elements that have `below`.
  static std::uint8_t scope_after(std::uint8_t below, HtmlTag tag) {
    std::uint8_t s = below;
    switch (tag) {
      case HtmlTag::p: s |= kPInButtonScope; break;
      case HtmlTag::applet: case HtmlTag::caption: case HtmlTag::html: case HtmlTag::table:
      case HtmlTag::td: case HtmlTag::th: case HtmlTag::marquee: case HtmlTag::object:
      case HtmlTag::template_: case HtmlTag::button:
        s &= ~kPInButtonScope;
        break;
      default: break;
    }
    switch (tag) {
      case HtmlTag::li: s |= kListItem; break;
      case HtmlTag::ul: case HtmlTag::ol: case HtmlTag::menu: case HtmlTag::dir: s &= ~kListItem; break;
      case HtmlTag::dd: case HtmlTag::dt: s |= kDefinition; break;
      case HtmlTag::dl: s &= ~kDefinition; break;
      case HtmlTag::a: s |= kLink; break;
      case HtmlTag::form: s |= kForm; break;
      case HtmlTag::table: case HtmlTag::caption: case HtmlTag::colgroup: case HtmlTag::tbody:
      case HtmlTag::thead: case HtmlTag::tfoot: case HtmlTag::tr: case HtmlTag::td: case HtmlTag::th:
        s |= kTable;
        break;
      default: break;
    }
    return s;
  }

  void push_open(HtmlTag tag, HtmlNamespace space, std::string_view name) {
    std::uint8_t below = open_.empty() ? 0 : open_.back().scope;
    auto at = static_cast<std::uint32_t>(names_.size());
    names_.append(name.data(), name.size());
    open_.push_back({tag, space, scope_after(below, tag), at, static_cast<std::uint32_t>(name.size())});
  }

  std::string_view open_name() const {
    return std::string_view(names_).substr(open_.back().name, open_.back().name_size);
  }

  bool in_scope(Scope s) const { return (open_.back().scope & s) != 0; }

  HtmlTag current() const { return open_.back().tag; }

  void close() {
    names_.resize(open_.back().name);
    open_.pop_back();
    sink_->close();
  }

  bool foreign() const { return open_.back().space != HtmlNamespace::html; }

  bool in_table_part() const {
    if (foreign()) return false;
    switch (current()) {
      case HtmlTag::table: case HtmlTag::tbody: case HtmlTag::thead: case HtmlTag::tfoot:
      case HtmlTag::tr: case HtmlTag::colgroup:
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
    sink_->text(text_);
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
        char d = ascii_lower(in_[i]);
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
    HtmlTag tag;
    bool self_closing;
  };

  bool tag_name(Tag& t) {
    std::size_t start = pos_;
    tag_.clear();
    while (pos_ < in_.size() && (is_alpha(in_[pos_]) || is_digit(in_[pos_]) || in_[pos_] == '-'))
      tag_ += ascii_lower(in_[pos_++]);
    if (pos_ == start || pos_ >= in_.size()) return false;
    char c = in_[pos_];
    if (!is_space(c) && c != '/' && c != '>') return false;
    t.tag = html_tag(tag_);
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
    abuf_.clear();
    attr_names_.clear();
    attrs_indexed_ = false;
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
        name_ += ascii_lower(c);
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
      Attr a;
      a.name = static_cast<std::uint32_t>(abuf_.size());
      a.name_size = static_cast<std::uint32_t>(name_.size());
      abuf_ += name_;
      a.value = static_cast<std::uint32_t>(abuf_.size());
      a.value_size = static_cast<std::uint32_t>(value_.size());
      abuf_ += value_;
      attrs_.push_back(a);
      if (attrs_indexed_) attr_names_.add(name_, attrs_.size() - 1);
    }
  }

  // Whether the tag already has an attribute named name_. A few are compared one by one;
  // past that a set of the names keeps a tag with 20,000 attributes linear.
  static constexpr std::size_t kFewAttributes = 16;
  bool repeated_attribute() {
    if (attrs_.size() < kFewAttributes) {
      for (const Attr& a : attrs_)
        if (attr_name(a) == name_) return true;
      return false;
    }
    if (!attrs_indexed_) {  // from here on the names are in attr_names_
      for (std::size_t i = 0; i < attrs_.size(); ++i) attr_names_.add(attr_name(attrs_[i]), i);
      attrs_indexed_ = true;
    }
    return attr_names_.contains(name_, [&](std::size_t i) { return attr_name(attrs_[i]); });
  }

  std::string_view attr_name(const Attr& a) const {
    return a.renamed ? std::string_view(a.renamed) : std::string_view(abuf_).substr(a.name, a.name_size);
  }

  // A block start tag closes an open <p>. Only the plain case is taken: the <p> is the
  // current element (Readability's content has <p><h2>, from its div-to-p rewrite).
  bool close_p() {
    if (!in_scope(kPInButtonScope)) return true;
    if (current() != HtmlTag::p) return false;
    close();
    return true;
  }

  // Whether HTML's "in body" rules only insert this start tag (and its element stays
  // open unless it is void), after closing a <p> the plain way (close_p).
  bool make_room(HtmlTag t) {
    switch (t) {
      case HtmlTag::address: case HtmlTag::article: case HtmlTag::aside: case HtmlTag::blockquote:
      case HtmlTag::center: case HtmlTag::details: case HtmlTag::dialog: case HtmlTag::dir:
      case HtmlTag::div: case HtmlTag::dl: case HtmlTag::fieldset: case HtmlTag::figcaption:
      case HtmlTag::figure: case HtmlTag::footer: case HtmlTag::header: case HtmlTag::hgroup:
      case HtmlTag::menu: case HtmlTag::main_: case HtmlTag::nav: case HtmlTag::ol: case HtmlTag::p:
      case HtmlTag::section: case HtmlTag::summary: case HtmlTag::ul: case HtmlTag::search:
      case HtmlTag::pre: case HtmlTag::listing: case HtmlTag::table: case HtmlTag::hr:
        return close_p();
      case HtmlTag::h1: case HtmlTag::h2: case HtmlTag::h3: case HtmlTag::h4: case HtmlTag::h5:
      case HtmlTag::h6:
        if (!close_p()) return false;
        switch (current()) {  // a heading in a heading closes the first
          case HtmlTag::h1: case HtmlTag::h2: case HtmlTag::h3: case HtmlTag::h4: case HtmlTag::h5:
          case HtmlTag::h6:
            return false;
          default: return true;
        }
      case HtmlTag::form:  // a form in a form is dropped
        return !in_scope(kForm) && close_p();
      case HtmlTag::li:
        return !in_scope(kListItem) && close_p();
      case HtmlTag::dd: case HtmlTag::dt:
        return !in_scope(kDefinition) && close_p();
      case HtmlTag::a:  // an <a> in an <a> closes the first (the adoption agency)
        return !in_scope(kLink);
      // What these do is more than inserting, or they change how what follows is read.
      case HtmlTag::html: case HtmlTag::head: case HtmlTag::body: case HtmlTag::frameset:
      case HtmlTag::frame: case HtmlTag::noframes: case HtmlTag::script:
      case HtmlTag::style: case HtmlTag::template_: case HtmlTag::title: case HtmlTag::plaintext:
      case HtmlTag::button: case HtmlTag::textarea: case HtmlTag::xmp:
      case HtmlTag::noembed: case HtmlTag::select: case HtmlTag::option: case HtmlTag::optgroup:
      case HtmlTag::rb: case HtmlTag::rp: case HtmlTag::rt: case HtmlTag::rtc: case HtmlTag::math:
      case HtmlTag::svg: case HtmlTag::image: case HtmlTag::isindex: case HtmlTag::nobr:
      case HtmlTag::applet: case HtmlTag::marquee: case HtmlTag::object: case HtmlTag::caption:
      case HtmlTag::col: case HtmlTag::colgroup: case HtmlTag::tbody: case HtmlTag::td:
      case HtmlTag::tfoot: case HtmlTag::th: case HtmlTag::thead: case HtmlTag::tr:
        return false;
      default:
        // Formatting elements, void elements (<meta>, <link> and the like too: "in body"
        // inserts them as "in head" does), <iframe> (taken only empty, see start_tag)
        // and every other element.
        return true;
    }
  }

  static bool is_void(HtmlTag t) {
    switch (t) {
      case HtmlTag::area: case HtmlTag::br: case HtmlTag::embed: case HtmlTag::img:
      case HtmlTag::keygen: case HtmlTag::wbr: case HtmlTag::input: case HtmlTag::param:
      case HtmlTag::source: case HtmlTag::track: case HtmlTag::hr: case HtmlTag::col:
      case HtmlTag::meta: case HtmlTag::link: case HtmlTag::base: case HtmlTag::basefont:
      case HtmlTag::bgsound:
        return true;
      default: return false;
    }
  }

  // Which start tags the table modes take as they are, with the current element.
  bool table_child(HtmlTag t) const {
    switch (current()) {
      case HtmlTag::table:
        return t == HtmlTag::caption || t == HtmlTag::colgroup || t == HtmlTag::tbody ||
               t == HtmlTag::thead || t == HtmlTag::tfoot;
      case HtmlTag::tbody: case HtmlTag::thead: case HtmlTag::tfoot:
        return t == HtmlTag::tr;
      case HtmlTag::tr:
        return t == HtmlTag::td || t == HtmlTag::th;
      case HtmlTag::colgroup:
        return t == HtmlTag::col;
      default: return false;
    }
  }

  // A start tag HTML drops in the body: table parts with no table open. Its text
  // either side stays one text node.
  bool ignored(HtmlTag t) const {
    switch (t) {
      case HtmlTag::caption: case HtmlTag::col: case HtmlTag::colgroup: case HtmlTag::frame:
      case HtmlTag::head: case HtmlTag::tbody: case HtmlTag::td: case HtmlTag::tfoot:
      case HtmlTag::th: case HtmlTag::thead: case HtmlTag::tr:
        return !in_scope(kTable);
      default: return false;
    }
  }

  // ---- foreign content: <svg> and <math> ----

  // Where HTML's rules take start tags inside foreign content again; this parser gives
  // up there.
  bool integration_point() const {
    const Open& e = open_.back();
    if (e.space == HtmlNamespace::mathml)
      return e.tag == HtmlTag::mi || e.tag == HtmlTag::mo || e.tag == HtmlTag::mn ||
             e.tag == HtmlTag::ms || e.tag == HtmlTag::mtext || e.tag == HtmlTag::annotation_xml;
    return e.tag == HtmlTag::foreignobject || e.tag == HtmlTag::desc || e.tag == HtmlTag::title;
  }

  // HTML start tags that end foreign content.
  bool breaks_out(HtmlTag t) const {
    if (breaks_out_of_foreign(t)) return true;
    switch (t) {
      case HtmlTag::font:
        for (const Attr& a : attrs_) {
          std::string_view name = attr_name(a);
          if (name == "color" || name == "face" || name == "size") return true;
        }
        return false;
      default: return false;
    }
  }

  // The attribute names HTML writes otherwise on foreign elements (gumbo 0.13's tables).
  void adjust_foreign(HtmlNamespace space) {
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
    // The names in their namespaces (xlink:href is href in XLink's), as gumbo gives them.
    static const char* const kForeign[][2] = {
        {"xlink:actuate", "actuate"}, {"xlink:arcrole", "arcrole"}, {"xlink:href", "href"}, {"xlink:role", "role"},
        {"xlink:show", "show"},       {"xlink:title", "title"},     {"xlink:type", "type"}, {"xml:lang", "lang"},
        {"xml:space", "space"},       {"xmlns", "xmlns"},           {"xmlns:xlink", "xlink"}};
    for (Attr& a : attrs_) {
      std::string_view name = attr_name(a);
      if (space == HtmlNamespace::svg) {
        for (const auto& r : kSvg)
          if (name == r[0]) a.renamed = r[1];
      } else if (name == "definitionurl") {
        a.renamed = "definitionURL";
      }
      for (const auto& r : kForeign)
        if (name == r[0]) a.renamed = r[1];
    }
  }

  bool start_tag() {
    Tag t;
    if (!tag_name(t) || !attributes(t)) return false;
    if (!foreign() && !in_table_part() && ignored(t.tag)) return true;
    if (!flush_text()) return false;  // before close_p() may close the text's parent
    HtmlNamespace space = HtmlNamespace::html;
    if (foreign()) {
      if (integration_point() || breaks_out(t.tag)) return false;
      space = open_.back().space;
    } else if (in_table_part()) {
      if (!table_child(t.tag)) return false;
    } else if (t.tag == HtmlTag::svg || t.tag == HtmlTag::math) {
      space = t.tag == HtmlTag::svg ? HtmlNamespace::svg : HtmlNamespace::mathml;
    } else if (!make_room(t.tag)) {
      return false;
    }
    bool html = space == HtmlNamespace::html;
    if (!html) adjust_foreign(space);
    // A void element, or a foreign one closed by its '/'. HTML ignores the '/' on its
    // other elements, which then stay open.
    bool is_empty = html ? is_void(t.tag) : t.self_closing;
    if (html && t.self_closing && !is_empty) return false;
    if (html && t.tag == HtmlTag::iframe) {  // its content is raw text; only an empty one is taken
      if (in_.substr(pos_, 9) != "</iframe>") return false;
      pos_ += 9;
      is_empty = true;
    }
    views_.clear();
    for (const Attr& a : attrs_) views_.push_back({attr_name(a), std::string_view(abuf_).substr(a.value, a.value_size)});
    // Foreign end tags are matched by name, as are those of elements HTML does not know.
    std::string_view name = !html || t.tag == HtmlTag::unknown ? std::string_view(tag_) : std::string_view();
    sink_->open(t.tag, name, space, views_.data(), views_.size());
    if (is_empty) {
      sink_->close();
      return true;
    }
    push_open(t.tag, space, name);
    // A newline right after <pre> or <listing> is not part of its text.
    if (html && (t.tag == HtmlTag::pre || t.tag == HtmlTag::listing) && pos_ < in_.size()) {
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
      if (t.tag == HtmlTag::p || t.tag == HtmlTag::br || tag_ != open_name()) return false;
      if (!flush_text()) return false;
      close();
      return true;
    }
    if (ignored(t.tag)) return true;  // no table is open, so there is none to end
    if (t.tag == HtmlTag::p && current() != HtmlTag::p && !in_scope(kPInButtonScope)) {
      // A </p> with no <p> open stands for an empty one (left by close_p), which in a
      // table would be moved out of it.
      if (in_table_part() || !flush_text()) return false;
      sink_->open(HtmlTag::p, {}, HtmlNamespace::html, nullptr, 0);
      sink_->close();
      return true;
    }
    if (open_.size() < 2 || t.tag != current()) return false;
    if (t.tag == HtmlTag::unknown && tag_ != open_name()) return false;
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
    pos_ = end + 3;  // comments are not events
    return true;
  }

  bool parse() {
    const std::size_t n = in_.size();
    while (pos_ < n) {
      std::size_t run = until(pos_, '<', '&');
      text_.append(in_.data() + pos_, run - pos_);
      pos_ = run;
      if (pos_ >= n) break;
      if (in_[pos_] == '&') {
        if (!reference(text_)) return false;
        continue;
      }
      // '<'
      if (pos_ + 1 >= n) return false;
      char c = in_[pos_ + 1];
      std::size_t at = pos_;
      if (is_alpha(c)) {
        ++pos_;
        if (!start_tag()) return false;
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
  HtmlSink* sink_ = nullptr;
  std::size_t pos_ = 0;
  std::vector<Open> open_;
  std::vector<Attr> attrs_;
  std::string abuf_;
  AttributeNames attr_names_;  // of attrs_, once there are many
  bool attrs_indexed_ = false;
  std::vector<HtmlAttribute> views_;
  std::string names_;  // of the open elements that keep theirs (Open::name)
  std::string text_, tag_, name_, value_;  // tag_: the tag's name; name_: an attribute's
};

// The parser serialized_html_events lends (tree/kept.hpp).
LEDE_KEPT_SLOT(Parser) t_parser;

}  // namespace

bool serialized_html_events(std::string_view html, HtmlSink& sink) {
  Lent<Parser> parser(t_parser, html.size());
  return parser->run(html, sink);
}

}  // namespace lede
