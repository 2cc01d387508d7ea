#include "html/html_tokenizer.hpp"

#include "text/ascii.hpp"
#include "tree/entities.hpp"

namespace lede {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

void HtmlTokenizer::emit_text(std::vector<HtmlToken>& out) {
  if (text_.empty()) return;
  HtmlToken t;
  t.data = decode_entities(text_);
  text_.clear();
  out.push_back(std::move(t));
}

void HtmlTokenizer::start_attribute() {
  end_attribute();
  in_attribute_ = true;
}

void HtmlTokenizer::end_attribute() {
  if (!in_attribute_) return;
  in_attribute_ = false;
  // A duplicate name is dropped (the first one wins); past Limits::kHtmlAttributes every name is.
  static constexpr std::size_t kFew = 16;
  auto& attrs = tag_.attributes;
  auto name_at = [&](std::size_t i) -> std::string_view { return attrs[i].first; };
  bool repeated;
  if (attrs.size() < kFew) {
    repeated = tag_.attribute(attr_name_) != nullptr;
  } else {
    if (!indexed_) {
      for (std::size_t i = 0; i < attrs.size(); ++i) names_.add(attrs[i].first, i);
      indexed_ = true;
    }
    repeated = names_.contains(attr_name_, name_at);
  }
  if (repeated) {
  } else if (attrs.size() >= Limits::kHtmlAttributes) {
    tag_.attributes_dropped = true;
  } else {
    if (indexed_) names_.add(attr_name_, attrs.size());
    attrs.emplace_back(attr_name_, decode_entities(attr_value_));
  }
  attr_name_.clear();
  attr_value_.clear();
}

void HtmlTokenizer::emit_tag(std::vector<HtmlToken>& out) {
  end_attribute();
  emit_text(out);
  if (tag_.kind == HtmlToken::Kind::end_tag) {  // end tags carry no attributes
    tag_.attributes.clear();
    tag_.self_closing = false;
  }
  out.push_back(std::move(tag_));
  tag_ = HtmlToken{};
  names_.clear();
  indexed_ = false;
  state_ = State::data;
}

void HtmlTokenizer::feed(std::string_view in, std::vector<HtmlToken>& out) {
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    switch (state_) {
      case State::data:
        if (c == '<')
          state_ = State::tag_open;
        else
          text_ += c;
        break;
      case State::tag_open:
        if (c == '!') {
          state_ = State::markup_declaration;
          pending_.clear();
        } else if (c == '/') {
          state_ = State::end_tag_open;
        } else if (is_alpha(c)) {
          tag_ = HtmlToken{};
          names_.clear();  // of a tag cut short at the end of an earlier feed
          indexed_ = false;
          tag_.kind = HtmlToken::Kind::start_tag;
          tag_.data = ascii_lower(c);
          state_ = State::tag_name;
        } else if (c == '?') {
          tag_ = HtmlToken{};
          tag_.kind = HtmlToken::Kind::comment;
          tag_.data = c;
          state_ = State::bogus_comment;
        } else {  // "<" that starts nothing is text
          text_ += '<';
          state_ = State::data;
          --i;
        }
        break;
      case State::end_tag_open:
        if (is_alpha(c)) {
          tag_ = HtmlToken{};
          tag_.kind = HtmlToken::Kind::end_tag;
          tag_.data = ascii_lower(c);
          state_ = State::tag_name;
        } else if (c == '>') {  // "</>" is dropped
          state_ = State::data;
        } else {
          tag_ = HtmlToken{};
          tag_.kind = HtmlToken::Kind::comment;
          tag_.data = c;
          state_ = State::bogus_comment;
        }
        break;
      case State::tag_name:
        if (is_html_space(c))
          state_ = State::before_attr_name;
        else if (c == '/')
          state_ = State::self_closing;
        else if (c == '>')
          emit_tag(out);
        else
          tag_.data += ascii_lower(c);
        break;
      case State::before_attr_name:
        if (is_html_space(c)) break;
        if (c == '/' || c == '>') {
          state_ = State::after_attr_name;
          --i;
        } else {
          start_attribute();
          attr_name_ = ascii_lower(c);  // '=' here starts a name, as the spec says
          state_ = State::attr_name;
        }
        break;
      case State::attr_name:
        if (is_html_space(c) || c == '/' || c == '>') {
          state_ = State::after_attr_name;
          --i;
        } else if (c == '=') {
          state_ = State::before_attr_value;
        } else {
          attr_name_ += ascii_lower(c);
        }
        break;
      case State::after_attr_name:
        if (is_html_space(c)) break;
        if (c == '/') {
          state_ = State::self_closing;
        } else if (c == '=') {
          state_ = State::before_attr_value;
        } else if (c == '>') {
          emit_tag(out);
        } else {
          start_attribute();
          attr_name_ = ascii_lower(c);
          state_ = State::attr_name;
        }
        break;
      case State::before_attr_value:
        if (is_html_space(c)) break;
        if (c == '"') {
          state_ = State::attr_value_double;
        } else if (c == '\'') {
          state_ = State::attr_value_single;
        } else if (c == '>') {
          emit_tag(out);
        } else {
          state_ = State::attr_value_unquoted;
          --i;
        }
        break;
      case State::attr_value_double:
      case State::attr_value_single:
        if (c == (state_ == State::attr_value_double ? '"' : '\''))
          state_ = State::after_attr_value;
        else
          attr_value_ += c;
        break;
      case State::attr_value_unquoted:
        if (is_html_space(c))
          state_ = State::before_attr_name;
        else if (c == '>')
          emit_tag(out);
        else
          attr_value_ += c;
        break;
      case State::after_attr_value:
        if (is_html_space(c)) {
          state_ = State::before_attr_name;
        } else if (c == '/') {
          state_ = State::self_closing;
        } else if (c == '>') {
          emit_tag(out);
        } else {
          state_ = State::before_attr_name;
          --i;
        }
        break;
      case State::self_closing:
        if (c == '>') {
          tag_.self_closing = true;
          emit_tag(out);
        } else {
          state_ = State::before_attr_name;
          --i;
        }
        break;
      case State::markup_declaration:
        // "<!--" starts a comment; anything else ("<!DOCTYPE", "<![CDATA[") is a bogus
        // comment up to the next '>'.
        pending_ += c;
        if (pending_ == "-") break;
        tag_ = HtmlToken{};
        tag_.kind = HtmlToken::Kind::comment;
        if (pending_ == "--") {
          state_ = State::comment;
          pending_.clear();
          break;
        }
        state_ = State::bogus_comment;
        {
          // Those one or two bytes belong to the bogus comment (or end it).
          std::string replay;
          replay.swap(pending_);
          for (char r : replay) {
            if (state_ != State::bogus_comment)
              text_ += r;
            else if (r == '>')
              emit_tag(out);
            else
              tag_.data += r;
          }
        }
        break;
      case State::comment:
        tag_.data += c;
        // Ends at "-->", "--!>", or right away at "<!-->" and "<!--->".
        if (c == '>') {
          std::string& d = tag_.data;
          std::size_t n = d.size();
          std::size_t cut = std::string::npos;
          if (n == 1 || (n == 2 && d[0] == '-'))
            cut = 0;
          else if (n >= 3 && d.compare(n - 3, 3, "-->") == 0)
            cut = n - 3;
          else if (n >= 4 && d.compare(n - 4, 4, "--!>") == 0)
            cut = n - 4;
          if (cut != std::string::npos) {
            d.resize(cut);
            emit_tag(out);
          }
        }
        break;
      case State::bogus_comment:
        if (c == '>')
          emit_tag(out);
        else
          tag_.data += c;
        break;
    }
  }
  if (state_ == State::data) emit_text(out);
}

void HtmlTokenizer::finish(std::vector<HtmlToken>& out) {
  if (state_ == State::tag_open || state_ == State::end_tag_open) text_ += state_ == State::tag_open ? "<" : "</";
  if (state_ == State::comment || state_ == State::bogus_comment) {
    emit_tag(out);
  } else if (state_ == State::markup_declaration) {
    tag_ = HtmlToken{};
    tag_.kind = HtmlToken::Kind::comment;
    emit_tag(out);
  }
  emit_text(out);
  state_ = State::data;
  tag_ = HtmlToken{};
  in_attribute_ = false;
  attr_name_.clear();
  attr_value_.clear();
  pending_.clear();
}

}  // namespace lede
