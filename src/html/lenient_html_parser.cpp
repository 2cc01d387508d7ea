#include "html/lenient_html_parser.hpp"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "lede/lede.hpp"
#include "text/ascii.hpp"
#include "tree/attribute_names.hpp"
#include "tree/entities.hpp"
#include "tree/string_table.hpp"

#include "html/lenient_reader.hpp"

namespace lede::lenient {
namespace {

// The elements HTML calls special (gumbo's is_special_node), in the HTML namespace.
bool special(HtmlTag t) {
  switch (t) {
    case HtmlTag::address: case HtmlTag::applet: case HtmlTag::area: case HtmlTag::article:
    case HtmlTag::aside: case HtmlTag::base: case HtmlTag::basefont: case HtmlTag::bgsound:
    case HtmlTag::blockquote: case HtmlTag::body: case HtmlTag::br: case HtmlTag::button:
    case HtmlTag::caption: case HtmlTag::center: case HtmlTag::col: case HtmlTag::colgroup:
    case HtmlTag::dd: case HtmlTag::details: case HtmlTag::dir: case HtmlTag::div: case HtmlTag::dl:
    case HtmlTag::dt: case HtmlTag::embed: case HtmlTag::fieldset: case HtmlTag::figcaption:
    case HtmlTag::figure: case HtmlTag::footer: case HtmlTag::form: case HtmlTag::frame:
    case HtmlTag::frameset: case HtmlTag::h1: case HtmlTag::h2: case HtmlTag::h3: case HtmlTag::h4:
    case HtmlTag::h5: case HtmlTag::h6: case HtmlTag::head: case HtmlTag::header: case HtmlTag::hgroup:
    case HtmlTag::hr: case HtmlTag::html: case HtmlTag::iframe: case HtmlTag::img: case HtmlTag::input:
    case HtmlTag::li: case HtmlTag::link: case HtmlTag::listing: case HtmlTag::marquee:
    case HtmlTag::menu: case HtmlTag::meta: case HtmlTag::nav: case HtmlTag::noembed:
    case HtmlTag::noframes: case HtmlTag::noscript: case HtmlTag::object: case HtmlTag::ol:
    case HtmlTag::p: case HtmlTag::param: case HtmlTag::plaintext: case HtmlTag::pre:
    case HtmlTag::script: case HtmlTag::section: case HtmlTag::select: case HtmlTag::style:
    case HtmlTag::summary: case HtmlTag::table: case HtmlTag::tbody: case HtmlTag::td:
    case HtmlTag::template_: case HtmlTag::textarea: case HtmlTag::tfoot: case HtmlTag::th:
    case HtmlTag::thead: case HtmlTag::title: case HtmlTag::tr: case HtmlTag::ul: case HtmlTag::wbr:
    case HtmlTag::xmp: case HtmlTag::search:
      return true;
    default: return false;
  }
}

bool formatting(HtmlTag t) {
  switch (t) {
    case HtmlTag::a: case HtmlTag::b: case HtmlTag::big: case HtmlTag::code: case HtmlTag::em:
    case HtmlTag::font: case HtmlTag::i: case HtmlTag::nobr: case HtmlTag::s: case HtmlTag::small:
    case HtmlTag::strike: case HtmlTag::strong: case HtmlTag::tt: case HtmlTag::u:
      return true;
    default: return false;
  }
}

bool heading(HtmlTag t) { return t >= HtmlTag::h1 && t <= HtmlTag::h6; }

// The barriers of HTML's "has an element in scope".
bool scope_barrier(HtmlTag t, HtmlNamespace space) {
  if (space == HtmlNamespace::mathml)
    return t == HtmlTag::mi || t == HtmlTag::mo || t == HtmlTag::mn || t == HtmlTag::ms ||
           t == HtmlTag::mtext || t == HtmlTag::annotation_xml;
  if (space == HtmlNamespace::svg)
    return t == HtmlTag::foreignobject || t == HtmlTag::desc || t == HtmlTag::title;
  switch (t) {
    case HtmlTag::applet: case HtmlTag::caption: case HtmlTag::html: case HtmlTag::table:
    case HtmlTag::td: case HtmlTag::th: case HtmlTag::marquee: case HtmlTag::object:
    case HtmlTag::template_:
      return true;
    default: return false;
  }
}

// The elements that put a marker on the list of active formatting elements.
bool marker(HtmlTag t) {
  return t == HtmlTag::td || t == HtmlTag::th || t == HtmlTag::caption || t == HtmlTag::applet ||
         t == HtmlTag::marquee || t == HtmlTag::object || t == HtmlTag::template_;
}

bool is_void(HtmlTag t) {
  switch (t) {
    case HtmlTag::area: case HtmlTag::br: case HtmlTag::embed: case HtmlTag::img: case HtmlTag::image:
    case HtmlTag::keygen: case HtmlTag::wbr: case HtmlTag::input: case HtmlTag::param:
    case HtmlTag::source: case HtmlTag::track: case HtmlTag::hr: case HtmlTag::col:
    case HtmlTag::meta: case HtmlTag::link: case HtmlTag::base: case HtmlTag::basefont:
    case HtmlTag::bgsound: case HtmlTag::frame:
      return true;
    default: return false;
  }
}

// Start tags that close an open <p> and insert their element without reopening
// formatting elements first.
bool closes_p(HtmlTag t) {
  switch (t) {
    case HtmlTag::address: case HtmlTag::article: case HtmlTag::aside: case HtmlTag::blockquote:
    case HtmlTag::center: case HtmlTag::details: case HtmlTag::dialog: case HtmlTag::dir:
    case HtmlTag::div: case HtmlTag::dl: case HtmlTag::fieldset: case HtmlTag::figcaption:
    case HtmlTag::figure: case HtmlTag::footer: case HtmlTag::header: case HtmlTag::hgroup:
    case HtmlTag::menu: case HtmlTag::main_: case HtmlTag::nav: case HtmlTag::ol: case HtmlTag::p:
    case HtmlTag::section: case HtmlTag::summary: case HtmlTag::ul: case HtmlTag::search:
    case HtmlTag::pre: case HtmlTag::listing: case HtmlTag::table: case HtmlTag::hr:
    case HtmlTag::h1: case HtmlTag::h2: case HtmlTag::h3: case HtmlTag::h4: case HtmlTag::h5:
    case HtmlTag::h6: case HtmlTag::form: case HtmlTag::li: case HtmlTag::dd: case HtmlTag::dt:
    case HtmlTag::plaintext: case HtmlTag::xmp:
      return true;
    default: return false;
  }
}

bool table_part(HtmlTag t) {
  return t == HtmlTag::table || t == HtmlTag::tbody || t == HtmlTag::thead || t == HtmlTag::tfoot ||
         t == HtmlTag::tr;
}

bool table_tag(HtmlTag t) {
  return table_part(t) || t == HtmlTag::caption || t == HtmlTag::col || t == HtmlTag::colgroup ||
         t == HtmlTag::td || t == HtmlTag::th;
}


}  // namespace

void Reader::run() {
  if (build_) {
    normalized_ = normalized(in_);
    in_ = normalized_;
  }
  at_.resize(kHtmlTagCount + 1);
  push(HtmlTag::html, HtmlNamespace::html, "html");  // the fragment's parent, the sink's root
  tokenize();
  flush_text();
  while (!open_.empty()) pop();
}

// Where a node goes: into the current element, or, for what HTML does not allow
// directly in a table, before the nearest table (foster parenting).
bool Reader::fostering() const { return current_html() && table_part(current()); }

// Where a node goes: in the current element, or before the nearest table if HTML
// does not allow it in the table part that is the current element (foster parenting).
HtmlPlace Reader::place_for(bool element, HtmlTag tag) const {
  if (!fostering()) return HtmlPlace::append;
  bool stays = element && (table_tag(tag) || tag == HtmlTag::style || tag == HtmlTag::script ||
                           tag == HtmlTag::template_);
  return stays ? HtmlPlace::append : HtmlPlace::before_table;
}

// Where elements of this name are open (a new name is added when `add` is set).
std::vector<std::int32_t>* Reader::positions(HtmlTag tag, HtmlNamespace space, std::string_view name, bool add) {
  if (space == HtmlNamespace::html && tag != HtmlTag::unknown) return &at_[static_cast<std::size_t>(tag)];
  std::uint32_t n = add ? names_by_text_.add_copy(name) : names_by_text_.find(name);
  if (n == StringTable::kMissing) return nullptr;
  if (n >= named_.size()) named_.resize(n + 1);
  return &named_[n];
}

// The index of the last open element named `name` (of the HTML namespace if `tag` is
// known, by name otherwise), or kNone.
std::int32_t Reader::last_named(HtmlTag tag, std::string_view name) {
  const std::vector<std::int32_t>* v = positions(tag, HtmlNamespace::html, name, false);
  return v && !v->empty() ? v->back() : kNone;
}

void Reader::push(HtmlTag tag, HtmlNamespace space, std::string_view name) {
  Open o{};
  o.name = name;
  o.tag = tag;
  o.space = space;
  o.id = next_id_++;
  o.list_mark = list_.size();
  const std::int32_t i = static_cast<std::int32_t>(open_.size());
  const Open* below = open_.empty() ? nullptr : &open_.back();
  auto inherit = [&](std::int32_t Open::*field) { return below ? below->*field : kNone; };
  bool html = space == HtmlNamespace::html;
  bool barrier = scope_barrier(tag, space);
  o.barrier = barrier ? i : inherit(&Open::barrier);
  o.button_barrier = barrier || (html && tag == HtmlTag::button) ? i : inherit(&Open::button_barrier);
  o.list_barrier = barrier || (html && (tag == HtmlTag::ol || tag == HtmlTag::ul)) ? i : inherit(&Open::list_barrier);
  o.table_barrier = html && (tag == HtmlTag::html || tag == HtmlTag::table || tag == HtmlTag::template_)
                        ? i
                        : inherit(&Open::table_barrier);
  bool is_special = (html && special(tag)) || (!html && barrier);
  o.special = is_special ? i : inherit(&Open::special);
  bool li_stop = is_special && !(html && (tag == HtmlTag::address || tag == HtmlTag::div || tag == HtmlTag::p));
  o.li = html && tag == HtmlTag::li ? i : li_stop ? kNone : inherit(&Open::li);
  o.dd = html && (tag == HtmlTag::dd || tag == HtmlTag::dt) ? i : li_stop ? kNone : inherit(&Open::dd);
  o.heading = html && heading(tag) ? i : inherit(&Open::heading);
  o.cell = html && (tag == HtmlTag::td || tag == HtmlTag::th) ? i : inherit(&Open::cell);
  o.table = html && tag == HtmlTag::table ? i : inherit(&Open::table);
  o.html = html ? i : inherit(&Open::html);
  open_.push_back(o);
  positions(tag, space, name, true)->push_back(i);
  if (html && marker(tag)) list_.push_back({HtmlTag::unknown, true, 0, kNone, 0, 0});
}

void Reader::pop() {
  flush_text();
  Open& o = open_.back();
  positions(o.tag, o.space, o.name, true)->pop_back();
  if (o.space == HtmlNamespace::html && marker(o.tag)) {
    // HTML clears the list of active formatting elements up to the last marker.
    while (!list_.empty() && !list_.back().marker) list_.pop_back();
    if (!list_.empty()) list_.pop_back();
  }
  open_.pop_back();
  if (build_ && !open_.empty()) sink_->close();  // the root is the sink's own
}

void Reader::pop_to(std::int32_t index) {
  while (top_index() >= index) pop();
}

// The index of the last open `tag` (HTML), or kNone.
std::int32_t Reader::last_open(HtmlTag tag) const {
  const auto& v = at_[static_cast<std::size_t>(tag)];
  return v.empty() ? kNone : v.back();
}

bool Reader::in_scope(std::int32_t at, std::int32_t Open::*barrier) const {
  return at != kNone && at >= open_.back().*barrier;
}

void Reader::close_p() {
  std::int32_t p = last_open(HtmlTag::p);
  if (in_scope(p, &Open::button_barrier)) pop_to(p);
}

std::size_t Reader::after_marker() const {
  std::size_t k = list_.size();
  while (k > 0 && !list_[k - 1].marker) --k;
  return k;
}

bool Reader::entry_open(const Entry& e) const {
  return e.at != kNone && e.at < static_cast<std::int32_t>(open_.size()) && open_[e.at].id == e.id;
}

// HTML reopens (clones) the formatting elements that are closed but still listed,
// before text and most start tags: what that costs gumbo, with the clones now open.
void Reader::reconstruct() {
  if (build_ || list_.empty()) return;
  std::size_t k = list_.size();
  while (k > 0 && !list_[k - 1].marker && !entry_open(list_[k - 1])) {
    --k;
    work_ += 1;
    if (over_budget()) return;
  }
  for (; k < list_.size(); ++k) {
    Entry& e = list_[k];
    if (e.marker || entry_open(e)) continue;
    work_ += e.weight + open_.size();
    push(e.tag, HtmlNamespace::html, {});
    e.id = open_.back().id;
    e.at = top_index();
  }
}

// An end tag (or <a>, <nobr>) for a formatting element: HTML's adoption agency. If the
// element is open with nothing special above it, it is closed with what is above it;
// otherwise gumbo moves nodes around, which never deepens its stack, and this model
// keeps its stack as it is (so it never counts fewer open elements than gumbo has).
// Returns whether a listed element was found.
bool Reader::adopt_formatting(HtmlTag tag) {
  if (build_) return false;  // the lenient reading closes formatting elements as any other
  work_ += open_.size() + (list_.size() - after_marker());
  for (std::size_t k = list_.size(); k > 0 && !list_[k - 1].marker; --k) {
    Entry& e = list_[k - 1];
    if (e.tag != tag) continue;
    if (entry_open(e) && e.at > open_.back().special) pop_to(e.at);
    list_.erase(list_.begin() + static_cast<std::ptrdiff_t>(k - 1));
    return true;
  }
  return false;
}

void Reader::add_formatting(HtmlTag tag, const std::vector<Attribute>& attrs) {
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
  (void)bytes;  // of the first ones; gumbo copies them all when it reopens the element
  std::uint32_t weight = static_cast<std::uint32_t>(8 + tag_attribute_bytes_ / 4 + tag_attributes_ * 4);
  list_.push_back({tag, false, open_.back().id, top_index(), weight, hash});
}

bool Reader::start_tag() {
  std::size_t at = pos_;
  ++pos_;
  if (!read_name(name_)) return false;
  bool self_closing;
  if (!read_attributes(self_closing)) return false;
  HtmlTag tag = html_tag(name_);
  work_ += 1 + open_.size();
  insert_start(tag, self_closing, at);
  return true;
}

bool Reader::integration_point() const {
  const Open& o = open_.back();
  if (o.space == HtmlNamespace::mathml)
    return o.tag == HtmlTag::mi || o.tag == HtmlTag::mo || o.tag == HtmlTag::mn ||
           o.tag == HtmlTag::ms || o.tag == HtmlTag::mtext || o.tag == HtmlTag::annotation_xml;
  return o.space == HtmlNamespace::svg &&
         (o.tag == HtmlTag::foreignobject || o.tag == HtmlTag::desc || o.tag == HtmlTag::title);
}

bool Reader::has_attribute(std::string_view name) const {
  for (const Attribute& a : attrs_)
    if (a.name.size() == name.size()) {
      bool same = true;
      for (std::size_t k = 0; k < name.size() && same; ++k) same = ascii_lower(a.name[k]) == name[k];
      if (same) return true;
    }
  return false;
}

void Reader::insert_start(HtmlTag tag, bool self_closing, std::size_t at) {
  // Foreign content: its own elements nest as written, until an HTML tag ends it.
  if (!current_html() && !integration_point()) {
    bool out = breaks_out_of_foreign(tag) ||
               (tag == HtmlTag::font && (has_attribute("color") || has_attribute("face") || has_attribute("size")));
    if (!out) {
      element(tag, open_.back().space, self_closing, at);
      return;
    }
    while (!current_html() && !integration_point()) pop();
  }
  switch (tag) {
    case HtmlTag::html: case HtmlTag::body: case HtmlTag::head: case HtmlTag::frameset:
    case HtmlTag::frame:
      return;  // ignored in a fragment's body
    default: break;
  }
  if (table_tag(tag)) {
    table_start(tag, self_closing, at);
    return;
  }
  body_start(tag, self_closing, at);  // in a table's parts, adopt() puts it before the table
}

void Reader::body_start(HtmlTag tag, bool self_closing, std::size_t at) {
  if (closes_p(tag)) {
    if (tag == HtmlTag::form && !at_[static_cast<std::size_t>(HtmlTag::form)].empty()) return;  // a form in a form is dropped
    if (tag == HtmlTag::li) {
      std::int32_t li = open_.back().li;
      if (li != kNone) pop_to(li);
    } else if (tag == HtmlTag::dd || tag == HtmlTag::dt) {
      std::int32_t dd = open_.back().dd;
      if (dd != kNone) pop_to(dd);
    }
    close_p();
    if (heading(tag) && current_html() && heading(current())) pop();
    element(tag, HtmlNamespace::html, false, at);
    if ((tag == HtmlTag::pre || tag == HtmlTag::listing) && pos_ < in_.size() && in_[pos_] == '\n') ++pos_;
    if (tag == HtmlTag::plaintext) raw_text(tag, true, {});
    if (tag == HtmlTag::xmp) raw_text(tag, false, "xmp");
    return;
  }
  switch (tag) {
    case HtmlTag::a: case HtmlTag::nobr: {  // links do not nest
      std::int32_t open = last_open(tag);
      if (build_ && in_scope(open, &Open::barrier)) pop_to(open);
      if (!build_ && (tag == HtmlTag::a || in_scope(open, &Open::barrier))) adopt_formatting(tag);
      break;
    }
    case HtmlTag::button: {
      std::int32_t button = last_open(HtmlTag::button);
      if (in_scope(button, &Open::barrier)) pop_to(button);
      break;
    }
    case HtmlTag::option: case HtmlTag::optgroup:
      if (current_html() && current() == HtmlTag::option) pop();
      break;
    case HtmlTag::rb: case HtmlTag::rtc: case HtmlTag::rp: case HtmlTag::rt:
      if (current_html() && (current() == HtmlTag::rb || current() == HtmlTag::rtc ||
                             current() == HtmlTag::rp || current() == HtmlTag::rt))
        pop();
      break;
    default: break;
  }
  reconstruct();
  if (tag == HtmlTag::math || tag == HtmlTag::svg) {
    element(tag, tag == HtmlTag::math ? HtmlNamespace::mathml : HtmlNamespace::svg, self_closing, at);
    return;
  }
  if (tag == HtmlTag::image) tag = HtmlTag::img;
  element(tag, HtmlNamespace::html, false, at);
  if (formatting(tag) && !is_void(tag)) add_formatting(tag, attrs_);
  switch (tag) {
    case HtmlTag::script: case HtmlTag::style: case HtmlTag::iframe: case HtmlTag::noembed:
    case HtmlTag::noframes:
      raw_text(tag, false, name_);
      break;
    case HtmlTag::textarea: case HtmlTag::title:
      if (tag == HtmlTag::textarea && pos_ < in_.size() && in_[pos_] == '\n') ++pos_;
      raw_text(tag, true, name_);
      break;
    default: break;
  }
}

void Reader::table_start(HtmlTag tag, bool self_closing, std::size_t at) {
  (void)self_closing;
  std::int32_t table = open_.back().table;
  bool table_open = table != kNone && table == open_.back().table_barrier;
  if (!table_open) {
    if (tag == HtmlTag::table) body_start(tag, false, at);
    return;  // table parts with no table open are dropped
  }
  std::int32_t cell = open_.back().cell, caption = last_open(HtmlTag::caption);
  bool in_cell = cell != kNone && cell > table, in_caption = caption != kNone && caption > table;
  if (tag == HtmlTag::table) {
    if (!in_cell && !in_caption) pop_to(table);  // a table in a table's parts ends the first
    body_start(tag, false, at);
    return;
  }
  // In a cell or caption: a table part closes it first.
  if (in_cell) pop_to(cell);
  else if (in_caption) pop_to(caption);
  // Back to the table's own parts, then what HTML implies between them.
  auto back_to = [&](std::initializer_list<HtmlTag> keep) {
    while (top_index() > table) {
      bool kept = false;
      for (HtmlTag k : keep) kept = kept || current() == k;
      if (kept && current_html()) break;
      pop();
    }
  };
  switch (tag) {
    case HtmlTag::caption: case HtmlTag::colgroup: case HtmlTag::tbody: case HtmlTag::thead:
    case HtmlTag::tfoot:
      back_to({});
      element(tag, HtmlNamespace::html, false, at);
      return;
    case HtmlTag::col:
      back_to({HtmlTag::colgroup});
      if (current() != HtmlTag::colgroup) element(HtmlTag::colgroup, HtmlNamespace::html, false, at, false);
      element(HtmlTag::col, HtmlNamespace::html, true, at);
      return;
    case HtmlTag::tr:
      back_to({HtmlTag::tbody, HtmlTag::thead, HtmlTag::tfoot});
      if (current() == HtmlTag::table) element(HtmlTag::tbody, HtmlNamespace::html, false, at, false);
      element(tag, HtmlNamespace::html, false, at);
      return;
    case HtmlTag::td: case HtmlTag::th:
      back_to({HtmlTag::tbody, HtmlTag::thead, HtmlTag::tfoot, HtmlTag::tr});
      if (current() == HtmlTag::table) element(HtmlTag::tbody, HtmlNamespace::html, false, at, false);
      if (current() != HtmlTag::tr) element(HtmlTag::tr, HtmlNamespace::html, false, at, false);
      element(tag, HtmlNamespace::html, false, at);
      return;
    default: return;
  }
}

// Opens an element (or adds a void one) named name_, with attrs_ if the tag was
// written (not implied by another).
void Reader::element(HtmlTag tag, HtmlNamespace space, bool self_closing, std::size_t at, bool written) {
  flush_text();
  bool empty = space == HtmlNamespace::html ? is_void(tag) : self_closing;
  std::string_view name;
  if (tag == HtmlTag::unknown || space != HtmlNamespace::html) name = intern(name_);
  if (build_) {
    (void)at;
    std::size_t count = written ? attrs_.size() : 0;
    sink_->open(tag, name, space, attrs_.data(), count, place_for(true, tag));
    if (empty) sink_->close();
  }
  if (!empty) push(tag, space, name);
}

bool Reader::end_tag() {
  pos_ += 2;
  if (!read_name(name_)) return false;
  bool self_closing;
  if (!read_attributes(self_closing)) return false;
  HtmlTag tag = html_tag(name_);
  work_ += 1 + open_.size();
  insert_end(tag);
  return true;
}

void Reader::insert_end(HtmlTag tag) {
  // In foreign content an end tag closes the foreign element it names, if one is open
  // above the nearest HTML element.
  if (!current_html()) {
    const std::vector<std::int32_t>* found = positions(HtmlTag::unknown, open_.back().space, name_, false);
    if (found && !found->empty() && found->back() > open_.back().html) {
      pop_to(found->back());
      return;
    }
  }
  switch (tag) {
    case HtmlTag::html: case HtmlTag::body: case HtmlTag::head: case HtmlTag::frameset:
      return;
    case HtmlTag::br:  // </br> is a <br>
      reconstruct();
      element(HtmlTag::br, HtmlNamespace::html, false, pos_, false);
      return;
    case HtmlTag::p: {
      std::int32_t p = last_open(HtmlTag::p);
      if (in_scope(p, &Open::button_barrier)) {
        pop_to(p);
      } else {  // a </p> with no <p> open stands for an empty one
        element(HtmlTag::p, HtmlNamespace::html, false, pos_, false);
        pop();
      }
      return;
    }
    case HtmlTag::table: case HtmlTag::tbody: case HtmlTag::thead: case HtmlTag::tfoot:
    case HtmlTag::tr: case HtmlTag::td: case HtmlTag::th: case HtmlTag::caption: {
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
    case HtmlTag::li:
      if (in_scope(at, &Open::list_barrier)) pop_to(at);
      return;
    case HtmlTag::h1: case HtmlTag::h2: case HtmlTag::h3: case HtmlTag::h4: case HtmlTag::h5:
    case HtmlTag::h6: {
      std::int32_t h = open_.back().heading;
      if (in_scope(h, &Open::barrier)) pop_to(h);
      return;
    }
    case HtmlTag::form:  // gumbo takes the form out of the middle of the stack
      if (current_html() && current() == HtmlTag::form) pop();
      return;
    case HtmlTag::colgroup: case HtmlTag::col:
      if (current_html() && current() == tag) pop();
      return;
    default: break;
  }
  if (tag != HtmlTag::unknown && formatting(tag) && adopt_formatting(tag)) return;
  if (tag != HtmlTag::unknown && special(tag)) {
    if (in_scope(at, &Open::barrier)) pop_to(at);
    return;
  }
  // Any other end tag closes the element it names if nothing special is open above it.
  if (at != kNone && at > open_.back().special) pop_to(at);
}

}  // namespace lede::lenient

namespace lede {

using lenient::Reader;

std::size_t gumbo_work(std::string_view html, std::size_t limit) { return Reader(html, nullptr, limit).work(); }

bool gumbo_work_bounded(std::string_view html) {
  std::size_t budget = kGumboWorkPerByte * html.size() + kGumboWorkBase;
  return gumbo_work(html, budget) <= budget;
}

void lenient_html_events(std::string_view html, HtmlSink& sink, bool* attributes_dropped) {
  Reader(html, &sink, 0).events(attributes_dropped);
}

bool read_given_up_html(std::string_view html, bool lenient_only, HtmlSink& sink, HtmlFallbackNotes& notes,
                        HtmlProducer gumbo) {
  if (!lenient_only && gumbo_work_bounded(html)) return gumbo && gumbo(html, sink);
  notes.lenient = !lenient_only;
  lenient_html_events(html, sink, &notes.attributes_dropped);
  return true;
}

}  // namespace lede
