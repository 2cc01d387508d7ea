#include "tree/entities.hpp"

extern "C" {
#include "entity.h"  // md4c's table of HTML5 named references
}

namespace lede {

void append_utf8(std::string& out, unsigned long cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Parses the digits of a numeric reference starting at text[i] (just after "&#").
// Returns the index after the digits (and after ';' if present), or 0 if none.
std::size_t parse_numeric(std::string_view text, std::size_t i, unsigned long& cp) {
  bool hex = i < text.size() && (text[i] == 'x' || text[i] == 'X');
  if (hex) ++i;
  std::size_t start = i;
  cp = 0;
  for (; i < text.size(); ++i) {
    int d = hex ? hex_value(text[i]) : (text[i] >= '0' && text[i] <= '9' ? text[i] - '0' : -1);
    if (d < 0) break;
    // Saturate: anything past U+10FFFF becomes U+FFFD anyway.
    if (cp <= 0x10FFFF) cp = cp * (hex ? 16 : 10) + static_cast<unsigned long>(d);
  }
  if (i == start) return 0;
  if (i < text.size() && text[i] == ';') ++i;
  return i;
}

}  // namespace

bool decode_entity(std::string_view ref, std::string& out) {
  if (ref.size() < 3 || ref.front() != '&' || ref.back() != ';') return false;
  if (ref[1] == '#') {
    unsigned long cp;
    if (parse_numeric(ref, 2, cp) != ref.size()) return false;
    append_utf8(out, cp);
    return true;
  }
  const ENTITY* e = entity_lookup(ref.data(), ref.size());
  if (!e) return false;
  append_utf8(out, e->codepoints[0]);
  if (e->codepoints[1]) append_utf8(out, e->codepoints[1]);
  return true;
}

std::string decode_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] != '&') {
      out += text[i++];
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '#') {
      unsigned long cp;
      if (std::size_t end = parse_numeric(text, i + 2, cp)) {
        append_utf8(out, cp);
        i = end;
        continue;
      }
    } else {
      // Named references are at most 32 bytes long ("&CounterClockwiseContourIntegral;").
      std::size_t semi = text.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 40 &&
          decode_entity(text.substr(i, semi - i + 1), out)) {
        i = semi + 1;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

}  // namespace lede
