// The lenient reader's tokenizer (lenient_reader.hpp), gumbo's way of reading tags,
// attributes, text and character references.
#include "html/lenient_reader.hpp"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "lede/lede.hpp"
#include "text/ascii.hpp"
#include "tree/entities.hpp"

namespace lede::lenient {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Windows-1252's characters for the numeric references &#128; to &#159;, as HTML reads them.
constexpr std::uint16_t kWindows1252[32] = {
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178};

}  // namespace

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

// Text waits until the tree changes (an element, a comment, a close): a tag HTML drops
// leaves the text either side as one node, as gumbo makes it.
void Reader::flush_text() {
  if (text_.empty()) return;
  if (!build_) {
    work_ += 1;
    reconstruct();
    text_.clear();
    return;
  }
  bool blank = true;
  for (char c : text_)
    if (!is_html_space(c)) {
      blank = false;
      break;
    }
  // Blank text stays in a table; other text goes before it.
  sink_->text(text_, blank ? HtmlPlace::append : place_for(false, HtmlTag::unknown));
  text_.clear();
}

// A character reference at in_[pos_] == '&', appended to `out` (build mode).
void Reader::reference(std::string& out, bool in_attribute) {
  std::size_t i = pos_ + 1;
  if (i < in_.size() && in_[i] == '#') {
    ++i;
    bool hex = i < in_.size() && (in_[i] == 'x' || in_[i] == 'X');
    if (hex) ++i;
    std::uint64_t cp = 0;
    std::size_t digits = 0;
    for (; i < in_.size(); ++i, ++digits) {
      char d = ascii_lower(in_[i]);
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

void Reader::tokenize() {
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

void Reader::bogus_comment(std::size_t from) {
  std::size_t end = in_.find('>', from);
  std::size_t stop = end == std::string_view::npos ? in_.size() : end;
  add_comment(in_.substr(from, stop - from));
  pos_ = end == std::string_view::npos ? in_.size() : end + 1;
}

void Reader::comment() {
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

// The tag name from pos_, lowercase. False at the end of the input.
bool Reader::read_name(std::string& name) {
  name.clear();
  while (pos_ < in_.size() && !is_html_space(in_[pos_]) && in_[pos_] != '/' && in_[pos_] != '>')
    name += ascii_lower(in_[pos_++]);
  return pos_ < in_.size();
}

// The attributes up to and including the tag's '>'. False if the input ends first.
bool Reader::read_attributes(bool& self_closing) {
  attrs_.clear();
  tag_attributes_ = tag_attribute_bytes_ = 0;
  values_.clear();
  names_.clear();
  indexed_ = false;
  self_closing = false;
  const std::size_t n = in_.size();
  std::size_t count = 0;
  while (true) {
    while (pos_ < n && is_html_space(in_[pos_])) ++pos_;
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
    while (pos_ < n && !is_html_space(in_[pos_]) && in_[pos_] != '/' && in_[pos_] != '>' && in_[pos_] != '=') ++pos_;
    std::string_view name = in_.substr(name_start, pos_ - name_start);
    std::size_t after_name = pos_;
    while (pos_ < n && is_html_space(in_[pos_])) ++pos_;
    std::size_t value_start = 0, value_end = 0;
    bool has_value = false;
    if (pos_ < n && in_[pos_] == '=') {
      ++pos_;
      while (pos_ < n && is_html_space(in_[pos_])) ++pos_;
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
        while (pos_ < n && !is_html_space(in_[pos_]) && in_[pos_] != '>') ++pos_;
        value_end = pos_;
        has_value = true;
      }
    } else {
      pos_ = after_name;
    }
    ++count;
    ++tag_attributes_;
    tag_attribute_bytes_ += name.size() + value_end - value_start + 2;
    if (!build_) {
      // gumbo compares each new name with every earlier one.
      work_ += count + (name.size() + value_end - value_start) / 8;
      if (over_budget()) return false;
      // What the estimate reads of them (a <font>'s color, the bytes of a formatting
      // element's attributes) is in the first ones; gumbo's cost is counted for all.
      if (attrs_.size() < Limits::kHtmlAttributes) attrs_.push_back({name, in_.substr(value_start, value_end - value_start)});
      continue;
    }
    std::string lowered;
    lowered.reserve(name.size());
    for (char ch : name) lowered += ascii_lower(ch);
    if (repeated(lowered)) continue;
    if (values_.size() / 2 >= Limits::kHtmlAttributes) {  // past the cap, every new name is dropped
      attributes_dropped_ = true;
      continue;
    }
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
    if (indexed_) names_.add(values_[values_.size() - 2], attrs_.size() - 1);
  }
  if (build_)  // views into values_, which no longer moves
    for (std::size_t k = 0; k < attrs_.size(); ++k) attrs_[k] = {values_[2 * k], values_[2 * k + 1]};
  return true;
}

bool Reader::repeated(const std::string& name) {
  static constexpr std::size_t kFew = 16;
  std::size_t count = values_.size() / 2;
  if (count < kFew) {
    for (std::size_t k = 0; k < count; ++k)
      if (values_[2 * k] == name) return true;
    return false;
  }
  if (!indexed_) {
    for (std::size_t k = 0; k < count; ++k) names_.add(values_[2 * k], k);
    indexed_ = true;
  }
  return names_.contains(name, [&](std::size_t k) -> std::string_view { return values_[2 * k]; });
}

// The text of a raw text element up to its end tag, which then closes it.
void Reader::raw_text(HtmlTag tag, bool references, std::string_view name) {
  const std::size_t n = in_.size();
  std::size_t end = n;
  if (tag != HtmlTag::plaintext) {
    for (std::size_t i = in_.find("</", pos_); i != std::string_view::npos; i = in_.find("</", i + 2)) {
      std::size_t k = 0;
      while (k < name.size() && i + 2 + k < n && ascii_lower(in_[i + 2 + k]) == name[k]) ++k;
      if (k == name.size() && i + 2 + k < n &&
          (is_html_space(in_[i + 2 + k]) || in_[i + 2 + k] == '/' || in_[i + 2 + k] == '>')) {
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

}  // namespace lede::lenient
