#include "tree/entities.hpp"

#include <cstdint>
#include <cstring>

#include "text/ascii.hpp"

namespace lede {

// The HTML5 named references, generated from md4c's list by scripts/gen-entities.mjs:
// names sorted bytewise and front-coded in blocks of kBlock (each entry: length of the
// prefix shared with the previous name, the rest of the name, a 0 byte); 24 bits of
// code points per entry (20 bits for the first, 4 bits choosing the second), stored as
// three planes of kCount bytes (low, middle, high), which gzip better than triples.
// lede.wasm links a table of the common names only (--common), with kFilterBits bits
// of hash filter over the names it leaves out; the full table has kFilterBits 0.
namespace entity_table {
extern const int kCount;
extern const unsigned char kNames[];
extern const std::uint16_t kBlocks[];
extern const unsigned char kCodepoints[];
extern const std::uint32_t kSeconds[];
extern const int kFilterBits;
extern const unsigned char kFilter[];
}  // namespace entity_table

namespace {

// The first name this build's table left out since take_missing_entity() last ran
// (empty: none). One render at a time per thread, as everywhere in the core.
thread_local char g_missing[33];

// Who looks up the names this build's table leaves out (set_entity_fallback).
EntityFallback g_fallback = nullptr;

constexpr int kBlock = 64;  // keep in sync with BLOCK in scripts/gen-entities.mjs

// A name the table does not have: is it one the full list may have? Then the fallback
// looks it up, or, without an answer, the name is remembered.
bool left_out(std::string_view name, unsigned long& first, unsigned long& second) {
  using namespace entity_table;
  if (kFilterBits == 0) return false;
  std::uint32_t h = 0x811c9dc5;  // FNV-1a, as in scripts/gen-entities.mjs
  for (char c : name) {
    bool alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (!alnum) return false;  // no HTML5 name has anything else
    h = (h ^ static_cast<unsigned char>(c)) * 0x01000193u;
  }
  std::uint32_t bit = h & static_cast<std::uint32_t>(kFilterBits - 1);
  if (!(kFilter[bit >> 3] >> (bit & 7) & 1)) return false;
  if (g_fallback) {
    int found = g_fallback(name, first, second);
    if (found >= 0) return found == 1;
  }
  if (!g_missing[0]) g_missing[name.copy(g_missing, name.size())] = 0;
  return false;
}

int compare(std::string_view a, const char* b, std::size_t b_size) {
  int c = std::memcmp(a.data(), b, a.size() < b_size ? a.size() : b_size);
  if (c) return c;
  return a.size() < b_size ? -1 : a.size() > b_size ? 1 : 0;
}

// Finds a bare name ("amp" for "&amp;"); returns false if it is not a reference.
bool lookup(std::string_view name, unsigned long& first, unsigned long& second) {
  using namespace entity_table;
  if (name.empty() || name.size() > 32) return false;
  // Bisect on the first (whole) name of each block, then walk that block.
  int blocks = (kCount + kBlock - 1) / kBlock;
  int lo = 0, hi = blocks - 1;
  while (lo < hi) {
    int mid = (lo + hi + 1) / 2;
    const char* head = reinterpret_cast<const char*>(kNames + kBlocks[mid] + 1);
    if (compare(name, head, std::strlen(head)) < 0)
      hi = mid - 1;
    else
      lo = mid;
  }
  char current[40];
  std::size_t length = 0;
  const unsigned char* p = kNames + kBlocks[lo];
  for (int i = lo * kBlock; i < kCount && i < (lo + 1) * kBlock; ++i) {
    length = *p++;
    while (*p) current[length++] = static_cast<char>(*p++);
    ++p;
    int c = compare(name, current, length);
    if (c < 0) break;  // sorted: it is not further on
    if (c == 0) {
      const unsigned char* cp = kCodepoints + i;
      unsigned long packed = cp[0] | cp[kCount] << 8 | static_cast<unsigned long>(cp[2 * kCount]) << 16;
      first = packed & 0xFFFFF;
      second = kSeconds[packed >> 20];
      return true;
    }
  }
  return left_out(name, first, second);
}

}  // namespace

void set_entity_fallback(EntityFallback fallback) { g_fallback = fallback; }

bool lookup_entity(std::string_view name, unsigned long& first, unsigned long& second) {
  return lookup(name, first, second);
}

std::string take_missing_entity() {
  std::string name = g_missing;
  g_missing[0] = 0;
  return name;
}

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
  unsigned long first, second;
  if (!lookup(ref.substr(1, ref.size() - 2), first, second)) return false;
  append_utf8(out, first);
  if (second) append_utf8(out, second);
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
