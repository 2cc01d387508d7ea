// An HTML tokenizer, after the WHATWG specification's tokenization states for a
// fragment in the data state: text (with character references decoded), start and end
// tags with attributes, comments and doctypes. Lede uses it only to find the few tags
// it keeps from raw HTML in Markdown (see Options::keep_safe_html); nothing it reads
// is ever written out as markup.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lede/lede.hpp"
#include "tree/attribute_names.hpp"

namespace lede {

struct HtmlToken {
  enum class Kind { text, start_tag, end_tag, comment };
  Kind kind = Kind::text;
  std::string data;  // text (references decoded), lower-cased tag name, or comment text
  std::vector<std::pair<std::string, std::string>> attributes;  // first of each name wins
  bool self_closing = false;
  bool attributes_dropped = false;  // it had more than Limits::kHtmlAttributes names: the rest are gone

  const std::string* attribute(std::string_view name) const {
    for (const auto& a : attributes)
      if (a.first == name) return &a.second;
    return nullptr;
  }
};

class HtmlTokenizer {
 public:
  // Feeds more input; complete tokens are appended to `out`. A tag or comment cut at
  // the end of the input waits for the next feed (or finish()).
  void feed(std::string_view html, std::vector<HtmlToken>& out);
  // Ends the input: an unfinished tag is dropped, as HTML does at end of file;
  // an unfinished comment is emitted.
  void finish(std::vector<HtmlToken>& out);

 private:
  enum class State {
    data, tag_open, end_tag_open, tag_name, before_attr_name, attr_name, after_attr_name,
    before_attr_value, attr_value_double, attr_value_single, attr_value_unquoted,
    after_attr_value, self_closing, markup_declaration, comment, bogus_comment,
  };
  void emit_text(std::vector<HtmlToken>& out);
  void emit_tag(std::vector<HtmlToken>& out);
  void start_attribute();
  void end_attribute();

  State state_ = State::data;
  std::string text_;     // raw text of the data state, decoded when emitted
  std::string pending_;  // bytes of a markup declaration not yet decided
  HtmlToken tag_;
  std::string attr_name_, attr_value_;
  bool in_attribute_ = false;
  // The tag's attribute names once it has many, so that each new one is checked for a
  // duplicate in O(1): one <abbr> with 100,000 attributes took 12 s compared one by one.
  AttributeNames names_;
  bool indexed_ = false;  // names_ holds the tag's attributes
};

}  // namespace lede
