#include "html/html_events.hpp"

#include <vector>

#include "text/utf8.hpp"
#include "text/varint.hpp"

namespace lede {

void HtmlEventWriter::varint(std::uint32_t v) { append_varint(out_, v); }

void HtmlEventWriter::string(std::string_view s) {
  varint(static_cast<std::uint32_t>(s.size()));
  out_.append(s.data(), s.size());
}

void HtmlEventWriter::open(HtmlTag tag, std::string_view name, HtmlNamespace space, const HtmlAttribute* attributes,
                           std::size_t count, HtmlPlace place) {
  out_ += place == HtmlPlace::before_table ? '\x04' : '\x01';
  if (tag == HtmlTag::unknown) {
    varint(0);
    string(name);
  } else {
    varint(static_cast<std::uint32_t>(tag) + 1);
  }
  out_ += static_cast<char>(space);
  varint(static_cast<std::uint32_t>(count));
  for (std::size_t i = 0; i < count; ++i) {
    string(attributes[i].name);
    string(attributes[i].value);
  }
}

void HtmlEventWriter::text(std::string_view utf8, HtmlPlace place) {
  out_ += place == HtmlPlace::before_table ? '\x05' : '\x02';
  string(utf8);
}

void HtmlEventWriter::close() { out_ += '\x03'; }

namespace {

class Reader {
 public:
  Reader(std::string_view in, HtmlSink& sink) : in_(in), sink_(sink) {}

  bool run() {
    bool ok = true;
    while (pos_ < in_.size()) {
      if (!event()) {
        ok = false;
        break;
      }
    }
    for (; depth_ > 0; --depth_) sink_.close();
    return ok;
  }

 private:
  bool event() {
    char kind = in_[pos_++];
    switch (kind) {
      case '\x01':
      case '\x04': return element(kind == '\x04' ? HtmlPlace::before_table : HtmlPlace::append);
      case '\x02':
      case '\x05': {
        std::string_view s;
        if (!string(s)) return false;
        sink_.text(utf8(s, text_), kind == '\x05' ? HtmlPlace::before_table : HtmlPlace::append);
        return true;
      }
      case '\x03':
        if (depth_ > 0) {
          --depth_;
          sink_.close();
        }
        return true;
      default: return false;
    }
  }

  bool element(HtmlPlace place) {
    std::uint32_t tag = 0, count = 0;
    std::string_view name;
    if (!varint(tag)) return false;
    if (tag == 0 && !string(name)) return false;
    if (pos_ >= in_.size()) return false;
    auto space = static_cast<unsigned char>(in_[pos_++]);
    if (space > 2 || !varint(count)) return false;
    // Every attribute takes at least two bytes: a count past that is not a stream.
    if (count > (in_.size() - pos_) / 2) return false;
    attrs_.clear();
    values_.clear();
    values_.reserve(2 * count);  // the views below stay put
    for (std::uint32_t i = 0; i < count; ++i) {
      std::string_view n, v;
      if (!string(n) || !string(v)) return false;
      values_.emplace_back();
      std::string_view vn = utf8(n, values_.back());
      values_.emplace_back();
      std::string_view vv = utf8(v, values_.back());
      attrs_.push_back({vn, vv});
    }
    HtmlTag t = HtmlTag::unknown;
    std::string lowered;
    if (tag == 0) {
      // The name as a known tag, if it is one; else lowercase, as HTML writes names.
      t = html_tag(name);
      for (char c : utf8(name, name_)) lowered += c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    } else if (tag - 1 < static_cast<std::uint32_t>(kHtmlTagCount)) {
      t = static_cast<HtmlTag>(tag - 1);
    }
    sink_.open(t, t == HtmlTag::unknown ? std::string_view(lowered) : std::string_view(), static_cast<HtmlNamespace>(space),
               attrs_.data(), attrs_.size(), place);
    ++depth_;
    return true;
  }

  bool varint(std::uint32_t& v) { return read_varint(in_, pos_, v); }

  bool string(std::string_view& s) {
    std::uint32_t n;
    if (!varint(n) || n > in_.size() - pos_) return false;
    s = in_.substr(pos_, n);
    pos_ += n;
    return true;
  }

  // `s` if it is valid UTF-8; else a copy in `buffer` with U+FFFD for every byte that
  // does not belong to a character.
  static std::string_view utf8(std::string_view s, std::string& buffer) {
    auto valid_at = [&](std::size_t i) -> std::size_t {
      return static_cast<unsigned char>(s[i]) < 0x80 ? 1 : utf8_sequence_length(s.data() + i, s.data() + s.size());
    };
    std::size_t i = 0;
    while (i < s.size()) {
      std::size_t len = valid_at(i);
      if (!len) break;
      i += len;
    }
    if (i == s.size()) return s;
    buffer.assign(s.data(), i);
    while (i < s.size()) {
      std::size_t len = valid_at(i);
      if (len) {
        buffer.append(s.data() + i, len);
        i += len;
      } else {
        buffer += "\xEF\xBF\xBD";
        ++i;
      }
    }
    return buffer;
  }

  std::string_view in_;
  HtmlSink& sink_;
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;
  std::vector<HtmlAttribute> attrs_;
  std::vector<std::string> values_;
  std::string text_, name_;
};

}  // namespace

bool read_html_events(std::string_view bytes, HtmlSink& sink) { return Reader(bytes, sink).run(); }

}  // namespace lede
