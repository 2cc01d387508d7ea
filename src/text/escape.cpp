#include "text/escape.hpp"

namespace lede {
namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

}  // namespace

std::int32_t next_code_point(std::string_view s, std::size_t& i) {
  const unsigned char c = static_cast<unsigned char>(s[i++]);
  if (c < 0x80) return c;
  int more;
  std::uint32_t cp;
  unsigned char lo = 0x80, hi = 0xbf;  // the range of the next byte (Unicode's table 3-7)
  if (c >= 0xc2 && c <= 0xdf) {
    more = 1;
    cp = c & 0x1f;
  } else if (c >= 0xe0 && c <= 0xef) {
    more = 2;
    cp = c & 0x0f;
    if (c == 0xe0) lo = 0xa0;  // no overlong forms
    if (c == 0xed) hi = 0x9f;  // no surrogates
  } else if (c >= 0xf0 && c <= 0xf4) {
    more = 3;
    cp = c & 0x07;
    if (c == 0xf0) lo = 0x90;
    if (c == 0xf4) hi = 0x8f;  // nothing past U+10FFFF
  } else {
    return -1;
  }
  for (; more > 0; --more) {
    if (i >= s.size()) return -1;
    const unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < lo || b > hi) return -1;
    lo = 0x80;
    hi = 0xbf;
    cp = (cp << 6) | (b & 0x3f);
    ++i;
  }
  return static_cast<std::int32_t>(cp);
}

void append_xml_text(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t from = i;
    const std::int32_t cp = next_code_point(text, i);
    switch (cp) {
      case '&': out += "&amp;"; continue;
      case '<': out += "&lt;"; continue;
      case '>': out += "&gt;"; continue;
      case '\r': out += "&#13;"; continue;
      case '\t':
      case '\n': out += static_cast<char>(cp); continue;
      case -1: out += kReplacement; continue;
      case 0xfffe:
      case 0xffff: continue;
      default:
        if (cp < 0x20) continue;
        out.append(text, from, i - from);
    }
  }
}

std::string xml_text(std::string_view text) {
  std::string out;
  append_xml_text(out, text);
  return out;
}

void append_json_string(std::string& out, std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t from = i;
    const std::int32_t cp = next_code_point(text, i);
    switch (cp) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case -1: out += kReplacement; break;
      default:
        if (cp < 0x20) {
          out += "\\u00";
          out += kHex[cp >> 4];
          out += kHex[cp & 15];
        } else {
          out.append(text, from, i - from);
        }
    }
  }
  out += '"';
}

std::string json_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t from = i;
    if (next_code_point(text, i) < 0)
      out += kReplacement;
    else
      out.append(text, from, i - from);
  }
  return out;
}

}  // namespace lede
