#include "layout/reading_time.hpp"

#include <cstdint>

#include "tree/byte_lanes.hpp"

namespace lede {
namespace {

// Decodes one UTF-8 code point at s[i], advancing i. Input is valid UTF-8 (checked by
// the JSON reader).
unsigned long next_codepoint(std::string_view s, std::size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i++]);
  if (c < 0x80) return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
  unsigned long cp = c & (0x3F >> extra);
  for (int k = 0; k < extra && i < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  return cp;
}

bool is_cjk(unsigned long cp) {
  return (cp >= 0x3040 && cp <= 0x30FF) ||   // Hiragana, Katakana
         (cp >= 0x3400 && cp <= 0x4DBF) ||   // CJK Extension A
         (cp >= 0x4E00 && cp <= 0x9FFF) ||   // CJK Unified Ideographs
         (cp >= 0xAC00 && cp <= 0xD7AF) ||   // Hangul syllables
         (cp >= 0xF900 && cp <= 0xFAFF) ||   // CJK Compatibility Ideographs
         (cp >= 0x20000 && cp <= 0x2FFFF);   // CJK Extensions B and later
}

// Letters and digits of any script (roughly: everything that is not ASCII punctuation,
// space, or general punctuation).
constexpr bool is_word_part(unsigned long cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  if (cp >= 0x2000 && cp <= 0x206F) return false;  // general punctuation, spaces
  if (cp == 0xA0 || (cp >= 0x3000 && cp <= 0x303F)) return false;  // no-break space, CJK punctuation
  return true;
}

std::string with_separators(std::size_t n, bool english) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += english ? "," : "\xE2\x80\xAF";  // narrow nbsp
    out += digits[i];
  }
  return out;
}

// What an ASCII byte does to a word, one lookup a byte: 1 a letter or digit, 2 an
// apostrophe (part of the word only inside one: "it's"), 0 ends it.
struct AsciiWordPart {
  unsigned char kind[128] = {};
  constexpr AsciiWordPart() {
    for (unsigned c = 0; c < 128; ++c) kind[c] = is_word_part(c) ? 1 : 0;
    kind[static_cast<unsigned char>('\'')] = 2;
  }
};
constexpr AsciiWordPart kAsciiWordPart;

}  // namespace

void count_text(std::string_view s, ReadingTime& rt) {
  unsigned in_word = rt.in_word;
  std::size_t words = rt.words;
  for (std::size_t i = 0; i < s.size();) {
#ifdef LEDE_BYTE_VECTORS
    // Sixteen at a time where there are vectors of bytes, as eight below: a word starts
    // at a letter or digit whose lane before it (or the text before, in_word) is neither.
    if (i + 16 <= s.size()) {
      const Bytes16 v = load_bytes16(s.data() + i);
      if (!bits((v >= 0x80) | (v == '\''))) {
        const Bytes16 folded = v | 0x20;  // A-Z → a-z
        const unsigned parts = bits(((folded - 'a') < 26) | ((v - '0') < 10));
        words += static_cast<std::size_t>(__builtin_popcount(parts & ~(parts << 1 | in_word)));
        in_word = parts >> 15;
        i += 16;
        continue;
      }
    }
#endif
    // Eight ASCII bytes without an apostrophe at a time, in the lanes of one word: a
    // word starts where a letter or digit follows anything else.
    if (i + 8 <= s.size()) {
      constexpr std::uint64_t kOnes = kLaneOnes, kHigh = kLaneHighs;
      std::uint64_t w = load_lanes(s.data() + i);
      if (!(w & kHigh) && !lanes_equal(w, '\'')) {
        // Lane by lane, no carries (every byte < 0x80): x ≥ lo sets the lane's high bit
        // of x + (0x80 - lo).
        std::uint64_t folded = w | kOnes * 0x20;  // A-Z → a-z
        std::uint64_t letter = (folded + kOnes * (0x80 - 'a')) & ~(folded + kOnes * (0x80 - 'z' - 1));
        std::uint64_t digit = (w + kOnes * (0x80 - '0')) & ~(w + kOnes * (0x80 - '9' - 1));
        std::uint64_t parts = ((letter | digit) & kHigh) >> 7;  // 1 in each lane that is
        std::uint64_t starts = parts & ~(parts << 8 | in_word);
        words += static_cast<std::size_t>((starts * kOnes) >> 56);
        in_word = static_cast<unsigned>(parts >> 56);
        i += 8;
        continue;
      }
    }
    // ASCII is most of the text of most articles: it needs neither decoding nor the CJK
    // ranges, and no branch on the character (word boundaries are too irregular for the
    // branch predictor).
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      unsigned k = kAsciiWordPart.kind[c];
      unsigned next = (k & 1) | (in_word & (k >> 1));
      words += next & ~in_word;
      in_word = next;
      continue;
    }
    bool was_in_word = in_word;
    unsigned long cp = next_codepoint(s, i);
    if (is_cjk(cp)) {
      ++rt.cjk_chars;
      in_word = 0;
    } else if (is_word_part(cp) || (was_in_word && cp == 0x2019)) {
      if (!was_in_word) ++words;
      in_word = 1;
    } else {
      in_word = 0;
    }
  }
  rt.words = words;
  rt.in_word = in_word;
}

bool joins_words(Tag tag) {
  switch (tag) {
    case Tag::a: case Tag::abbr: case Tag::cite: case Tag::code: case Tag::del: case Tag::em:
    case Tag::ins: case Tag::kbd: case Tag::mark: case Tag::q: case Tag::s: case Tag::samp:
    case Tag::small: case Tag::span: case Tag::strong: case Tag::sub: case Tag::sup: case Tag::time:
      return true;
    default:
      return false;
  }
}

void finish(ReadingTime& rt) {
  // Silent reading: about 200 to 260 words a minute in alphabetic languages, about
  // 350 to 500 characters a minute in Chinese and Japanese.
  double slow = rt.words / 200.0 + rt.cjk_chars / 350.0;
  double fast = rt.words / 260.0 + rt.cjk_chars / 500.0;
  rt.minutes_low = static_cast<unsigned>(fast + 0.5);
  rt.minutes_high = static_cast<unsigned>(slow + 0.5);
  if (rt.minutes_low < 1) rt.minutes_low = 1;
  if (rt.minutes_high < rt.minutes_low) rt.minutes_high = rt.minutes_low;
}

std::string describe_minutes(const ReadingTime& rt) {
  std::string out = std::to_string(rt.minutes_low);
  if (rt.minutes_high != rt.minutes_low) (out += "\xE2\x80\x93") += std::to_string(rt.minutes_high);
  out += " min read";
  return out;
}

std::string describe_length(const ReadingTime& rt, std::string_view lang) {
  bool english = lang.empty() || lang.substr(0, 2) == "en";
  std::string out = with_separators(rt.cjk_chars > rt.words ? rt.cjk_chars + rt.words : rt.words, english);
  out += rt.cjk_chars > rt.words ? " characters" : rt.words == 1 ? " word" : " words";
  return out;
}

}  // namespace lede
