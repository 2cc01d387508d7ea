// The lenient reader's one pass over HTML, declared here so its two halves can live
// apart: the tokenizer (lenient_tokens.cpp: input stream, text, character references,
// tags and attributes, comments, raw text) and the model of gumbo's tree construction
// (lenient_html_parser.cpp: the stack of open elements, the list of active formatting
// elements, what each start and end tag does, and the work estimate).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "html/html_events.hpp"
#include "html/lenient_html_parser.hpp"
#include "tree/attribute_names.hpp"
#include "tree/string_table.hpp"

namespace lede::lenient {

// What HTML's input stream makes of the bytes: CR LF and CR become LF; NUL, controls,
// noncharacters, surrogates and bytes that are not UTF-8 become U+FFFD.
std::string normalized(std::string_view in);

// One pass over the HTML, gumbo's way of tokenizing it, with a model of its tree
// construction: in `build` mode it makes the lenient tree, otherwise it adds up what
// gumbo's walks would cost (`work_`) and stops once past the budget.
class Reader {
 public:
  Reader(std::string_view html, HtmlSink* sink, std::size_t budget)
      : in_(html), sink_(sink), build_(sink != nullptr), budget_(budget) {}

  // Estimate mode: the work, counted up to just past the budget.
  std::size_t work() {
    run();
    return work_;
  }

  void events(bool* attributes_dropped) {
    run();
    if (attributes_dropped) *attributes_dropped = attributes_dropped_;
  }

 private:
  static constexpr std::int32_t kNone = -1;

  struct Open {
    std::string_view name;   // lowercase; the key for elements other than HTML's known ones
    HtmlTag tag;
    HtmlNamespace space;
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
  };

  struct Entry {  // the list of active formatting elements
    HtmlTag tag;
    bool marker;
    std::uint32_t id;
    std::int32_t at;  // its index in open_ when it was last open
    std::uint32_t weight;
    std::uint64_t hash;
  };
  using Attribute = HtmlAttribute;
  void run();

  bool over_budget() const { return !build_ && work_ > budget_; }

  // ---- the tree ----

  HtmlTag current() const { return open_.back().tag; }
  bool current_html() const { return open_.back().space == HtmlNamespace::html; }
  std::int32_t top_index() const { return static_cast<std::int32_t>(open_.size()) - 1; }

  bool fostering() const;
  HtmlPlace place_for(bool element, HtmlTag tag) const;
  std::vector<std::int32_t>* positions(HtmlTag tag, HtmlNamespace space, std::string_view name, bool add);
  std::int32_t last_named(HtmlTag tag, std::string_view name);
  void push(HtmlTag tag, HtmlNamespace space, std::string_view name);
  void pop();
  void pop_to(std::int32_t index);
  std::int32_t last_open(HtmlTag tag) const;
  bool in_scope(std::int32_t at, std::int32_t Open::*barrier) const;
  void close_p();

  // ---- the list of active formatting elements (what gumbo's walks cost) ----

  std::size_t after_marker() const;
  bool entry_open(const Entry& e) const;
  void reconstruct();
  bool adopt_formatting(HtmlTag tag);
  void add_formatting(HtmlTag tag, const std::vector<Attribute>& attrs);

  // ---- text ----

  void flush_text();
  void reference(std::string& out, bool in_attribute);

  // ---- tokens ----

  void tokenize();
  void bogus_comment(std::size_t from);
  void comment();

  // Comments are not events, but they end the text before them: gumbo keeps the text on
  // either side as two nodes (found by fuzz_html: "x<!--a-->\ny").
  void add_comment(std::string_view) { flush_text(); }

  bool read_name(std::string& name);
  bool read_attributes(bool& self_closing);
  bool repeated(const std::string& name);

  // ---- start tags ----

  bool start_tag();
  bool integration_point() const;
  bool has_attribute(std::string_view name) const;
  void insert_start(HtmlTag tag, bool self_closing, std::size_t at);
  void body_start(HtmlTag tag, bool self_closing, std::size_t at);
  void table_start(HtmlTag tag, bool self_closing, std::size_t at);
  void element(HtmlTag tag, HtmlNamespace space, bool self_closing, std::size_t at, bool written = true);

  // Names of elements gumbo does not know, kept for the estimate's stack.
  std::string_view intern(const std::string& name) { return names_by_text_.at(names_by_text_.add_copy(name)); }

  void raw_text(HtmlTag tag, bool references, std::string_view name);

  // ---- end tags ----

  bool end_tag();
  void insert_end(HtmlTag tag);
  std::string_view in_;
  std::string normalized_;  // build mode: the input as HTML's input stream has it
  HtmlSink* sink_;
  const bool build_;
  const std::size_t budget_;
  std::size_t work_ = 0;
  std::size_t pos_ = 0;
  std::vector<Open> open_;
  std::vector<std::vector<std::int32_t>> at_;                             // by tag: where it is open
  StringTable names_by_text_;                     // names of elements other than HTML's known ones
  std::vector<std::vector<std::int32_t>> named_;  // by their number there: where they are open
  std::vector<Entry> list_;
  std::vector<Attribute> attrs_;
  std::vector<std::string> values_;  // build mode: names and values, decoded
  AttributeNames names_;  // build mode: of the tag's attributes, once it has many
  bool indexed_ = false;
  std::string text_, name_;
  std::uint32_t next_id_ = 1;
  bool attributes_dropped_ = false;
  std::size_t tag_attributes_ = 0, tag_attribute_bytes_ = 0;  // of the tag being read, all of them
};

}  // namespace lede::lenient
