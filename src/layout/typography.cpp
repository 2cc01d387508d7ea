#include "layout/typography.hpp"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "tree/byte_lanes.hpp"

namespace lede {
namespace {

struct Marks {
  const char* open_double;
  const char* close_double;
  const char* open_single;
  const char* close_single;
  bool french_spacing;  // a narrow no-break space inside « »
};

constexpr Marks kEnglish{"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99", false};
constexpr Marks kGerman{"\xE2\x80\x9E", "\xE2\x80\x9C", "\xE2\x80\x9A", "\xE2\x80\x98", false};
constexpr Marks kFrench{"\xC2\xAB", "\xC2\xBB", "\xE2\x80\xB9", "\xE2\x80\xBA", true};
constexpr const char* kApostrophe = "\xE2\x80\x99";
constexpr const char* kNarrowNbsp = "\xE2\x80\xAF";

const Marks& marks_for(std::string_view lang) {
  auto is = [&](std::string_view code) {
    return lang.size() >= code.size() && lang.compare(0, code.size(), code) == 0 &&
           (lang.size() == code.size() || lang[code.size()] == '-');
  };
  if (is("de")) return kGerman;
  if (is("fr")) return kFrench;
  return kEnglish;
}

bool is_word_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// Where a URL starts whose scheme ends at `at`, a ':' or a '.' ("https:", "http:" and
// "mailto:" before "//" or the address, "www" before "."), at the start of a word and
// with something after the scheme; npos if none. URLs are found from their ':' or '.'
// because those are rare in prose, where h, m and w are not. next_stop()'s vector scan
// stops at a ':' or '.' only after the last letter of one of these schemes: a scheme
// added here must be added there.
std::size_t url_start(std::string_view in, std::size_t at) {
  auto scheme = [&](std::string_view name, std::string_view after) {
    if (at < name.size() || in.compare(at - name.size(), name.size(), name) != 0) return false;
    std::size_t start = at - name.size();
    if (start > 0 && is_word_char(static_cast<unsigned char>(in[start - 1]))) return false;
    return in.compare(at, after.size(), after) == 0 && in.size() > at + after.size();
  };
  if (in[at] == ':') {
    if (scheme("https", "://")) return at - 5;
    if (scheme("http", "://")) return at - 4;
    if (scheme("mailto", ":")) return at - 6;
  } else if (scheme("www", ".")) {
    return at - 3;
  }
  return std::string_view::npos;
}

}  // namespace

// The first byte from `from` on that the setter stops at (typography.hpp), or in.size().
// Sixteen bytes at a time where there are vectors of bytes, else eight in the lanes of one
// word, each compared with all five: most of a text is none of them.
std::size_t next_stop(std::string_view in, std::size_t from) {
  std::size_t i = from;
#ifdef LEDE_BYTE_VECTORS
  // Sixteen at a time where there are vectors of bytes, each lane seen with the bytes on
  // either side, so that only a stop the setter may act on stops it: a quote, "--", "..",
  // a '.' after a 'w' ("www.") and a ':' after an 's', 'p' or 'o' ("https:", "http:",
  // "mailto:"). A sentence's full stop, a hyphen and a colon in prose are copied with the
  // run around them, as the setter would copy them one by one. (The eight-lane loop below,
  // for the last bytes, stops at every one of the five: the setter looks again.)
  Bytes16 before = {};
  before[15] = i > 0 ? in[i - 1] : ' ';
  for (; in.size() - i >= 17; i += 16) {
    const Bytes16 v = load_bytes16(in.data() + i);
    const Bytes16 next = load_bytes16(in.data() + i + 1);
    const Bytes16 prev = __builtin_shufflevector(before, v, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30);
    const auto quote = (v == '"') | (v == '\'');
    const auto doubled = ((v == '-') | (v == '.')) & (next == v);
    const auto scheme_end = ((v == '.') & (prev == 'w')) | ((v == ':') & ((prev == 's') | (prev == 'p') | (prev == 'o')));
    if (unsigned m = bits(quote | doubled | scheme_end)) return i + static_cast<unsigned>(__builtin_ctz(m));
    before = v;
  }
#endif
  for (; i < in.size(); i += 8) {
    // A whole word where there is one (a fixed-size load; a copy of a varying size is a
    // call to memcpy in wasm: about 4 % of renderOps on wikipedia-2), else the rest
    // and NUL bytes past the end, which are not stops.
    std::uint64_t w = 0;
    if (in.size() - i >= 8) w = load_lanes(in.data() + i);
    else std::memcpy(&w, in.data() + i, in.size() - i);
    // All five stops are ASCII from '"' (0x22) to ':' (0x3A), a range that most words of
    // prose (letters, spaces) have no byte in: a range test of the lanes first, and the
    // five exact ones only for a word that has such a byte (a comma, a digit, a stop).
    // Lane by lane without carries: the high bits are cleared before adding, and a lane
    // that had one (UTF-8) is not in the range.
    std::uint64_t low = w & ~kLaneHighs;
    std::uint64_t in_range = (low + kLaneOnes * (0x80 - 0x22)) & ~(low + kLaneOnes * (0x80 - 0x3B)) & ~w & kLaneHighs;
    if (!in_range) continue;
    if (std::uint64_t m = lanes_equal(w, '"') | lanes_equal(w, '\'') | lanes_equal(w, '-') |
                          lanes_equal(w, '.') | lanes_equal(w, ':')) {
      std::size_t at = i + (static_cast<unsigned>(__builtin_ctzll(m)) >> 3);
      return at < in.size() ? at : in.size();
    }
  }
  return in.size();
}

namespace {

// Where Typesetter::set could first change `text` (only quotes, "--" and "..." are
// rewritten), or npos.
std::size_t first_mark(std::string_view text) {
  for (std::size_t i = next_stop(text, 0); i < text.size(); i = next_stop(text, i + 1)) {
    char c = text[i];
    if (c == '"' || c == '\'') return i;
    if ((c == '-' || c == '.') && i + 1 < text.size() && text[i + 1] == c &&
        (c == '-' || (i + 2 < text.size() && text[i + 2] == '.')))
      return i;
  }
  return std::string_view::npos;
}

bool is_block(Tag t) {
  switch (t) {
    case Tag::p: case Tag::li: case Tag::h1: case Tag::h2: case Tag::h3: case Tag::h4:
    case Tag::h5: case Tag::h6: case Tag::blockquote: case Tag::td: case Tag::th:
    case Tag::figcaption: case Tag::dt: case Tag::dd: case Tag::summary: case Tag::div:
    case Tag::header: case Tag::footer: case Tag::section: case Tag::aside: case Tag::nav:
    case Tag::figure: case Tag::ul: case Tag::ol: case Tag::article:
      return true;
    default:
      return false;
  }
}

bool is_code(Tag t) { return t == Tag::code || t == Tag::pre || t == Tag::kbd || t == Tag::samp; }

bool is_heading(Tag t) {
  return t == Tag::h1 || t == Tag::h2 || t == Tag::h3 || t == Tag::h4 || t == Tag::h5 || t == Tag::h6;
}

class Typesetter {
 public:
  explicit Typesetter(const Marks& m) : m_(m) {}

  // Starts a new block: quotes never pair across blocks.
  void new_block() {
    prev_ = ' ';
    double_open_ = false;
  }
  // Code in the middle of a sentence counts as a word for the quotes around it.
  void skipped() { prev_ = 'x'; }
  // Text that needed no change still tells the next quote what came before it.
  void saw(char last) { prev_ = last; }

  // Appends the set text to `out`, which may hold other texts before it and, from
  // `start` on, the beginning of this text's own.
  void set(std::string_view in, std::string& out, std::size_t start) {
    for (std::size_t i = 0; i < in.size(); ++i) {
      // Characters that are neither marks nor a ':' are copied a run at a time: this
      // loop sees every character of every text that has a quote in it.
      std::size_t run = next_stop(in, i);
      if (run > i) {
        out.append(in.data() + i, run - i);
        prev_ = in[run - 1];
        i = run;
        if (i == in.size()) break;
      }
      char c = in[i];
      // A URL written out in the text (an autolink's text, or one md4c did not link)
      // must stay exactly as typed: "p--q" in a path is not a dash. Its scheme is out
      // already (letters, copied as they are); the rest goes up to the next space.
      if ((c == ':' || c == '.') && url_start(in, i) != std::string_view::npos) {
        std::size_t end = in.find_first_of(" \t\n", i);
        if (end == std::string_view::npos) end = in.size();
        out.append(in.data() + i, end - i);
        i = end - 1;
        prev_ = in[i];  // as saw() would: the same whether or not the text needed setting
        continue;
      }
      if (c != '"' && c != '\'' && c != '-' && c != '.') {
        out += c;
        prev_ = c;
        continue;
      }
      // What follows the quote: a space or closing punctuation means it closes. (At the
      // end of a text node the next character is in another node: unknown.)
      unsigned char next = i + 1 < in.size() ? static_cast<unsigned char>(in[i + 1]) : 'x';
      bool next_closes = next == ' ' || next == '\n' || next == '\t' || next == '.' || next == ',' ||
                         next == ';' || next == ':' || next == '!' || next == '?' || next == ')';
      if (c == '"') {
        // Spaces on both sides (French typists do this): the quotes pair up in turn.
        bool at_end = i + 1 == in.size();
        bool open = opens() && (next_closes || at_end) ? !double_open_ : opens();
        double_open_ = open;
        if (open) {
          out += m_.open_double;
          if (m_.french_spacing) {
            out += kNarrowNbsp;
            while (i + 1 < in.size() && in[i + 1] == ' ') ++i;
          }
        } else {
          if (m_.french_spacing) {
            while (out.size() > start && out.back() == ' ') out.pop_back();
            out += kNarrowNbsp;
          }
          out += m_.close_double;
        }
        prev_ = open ? '(' : 'x';
        continue;
      }
      if (c == '\'') {
        bool next_is_word = i + 1 < in.size() && is_word_char(static_cast<unsigned char>(in[i + 1]));
        bool next_is_digit = i + 1 < in.size() && in[i + 1] >= '0' && in[i + 1] <= '9';
        if ((is_word_char(static_cast<unsigned char>(prev_)) && next_is_word) || (opens() && next_is_digit)) {
          out += kApostrophe;  // it's, don't, and the elided century of '90s
          prev_ = 'x';
        } else if (opens() && !next_closes) {
          out += m_.open_single;
          prev_ = '(';
        } else {
          out += m_.french_spacing ? kApostrophe : m_.close_single;
          prev_ = 'x';
        }
        continue;
      }
      if (c == '-' && i + 1 < in.size() && in[i + 1] == '-') {
        bool em = i + 2 < in.size() && in[i + 2] == '-';
        out += em ? "\xE2\x80\x94" : "\xE2\x80\x93";
        i += em ? 2 : 1;
        prev_ = ' ';  // a dash opens like a space: -- "quoted"
        continue;
      }
      if (c == '.' && i + 2 < in.size() && in[i + 1] == '.' && in[i + 2] == '.') {
        out += "\xE2\x80\xA6";
        i += 2;
        prev_ = '.';
        continue;
      }
      out += c;
      prev_ = c;
    }
  }

 private:
  // A quote opens after the start, a space, or opening punctuation.
  bool opens() const {
    unsigned char p = static_cast<unsigned char>(prev_);
    return p == ' ' || p == '\n' || p == '\t' || p == '(' || p == '[' || p == '{' || p == '/';
  }

  const Marks& m_;
  char prev_ = ' ';
  bool double_open_ = false;
};

// "Pakistan, China" → "Pakistan,\u00A0China": a heading never ends on a lone word. The
// last word may be a node of its own ("Rock and *roll*"), so the space before it is
// looked for backwards across the heading's text nodes.
void hold_last_words(Document& doc, NodeId heading) {
  std::vector<NodeId> texts;
  walk(
      doc, heading, [&](NodeId id) { if (doc.node(id).is_text) texts.push_back(id); }, [](NodeId) {});
  bool in_last_word = false;
  for (std::size_t k = texts.size(); k-- > 0;) {
    std::string_view text = doc.text_of(texts[k]);
    for (std::size_t i = text.size(); i-- > 0;) {
      if (text[i] != ' ') {
        in_last_word = true;
        continue;
      }
      if (!in_last_word) continue;  // trailing spaces
      // Only join two words: a space with nothing before it in the heading stays.
      bool word_before = text.find_first_not_of(' ') < i;
      for (std::size_t j = 0; j < k && !word_before; ++j)
        word_before = doc.text_of(texts[j]).find_first_not_of(' ') != std::string_view::npos;
      if (!word_before) return;
      std::string joined(text);
      joined.replace(i, 1, "\xC2\xA0");
      doc.set_text(texts[k], joined);
      return;
    }
  }
}

}  // namespace

void apply_typography(Document& doc, NodeId top, std::string_view lang) {
  Typesetter setter(marks_for(lang));
  std::size_t code_depth = 0;
  std::vector<NodeId> headings;
  doc.start_rewrite();
  walk(
      doc, top,
      [&](NodeId id) {
        const Node& n = doc.node(id);
        if (!n.is_text) {
          if (is_code(n.tag)) {
            if (code_depth++ == 0) setter.skipped();
          } else if (is_block(n.tag)) {
            setter.new_block();
          }
          if (is_heading(n.tag)) headings.push_back(id);
          return;
        }
        if (code_depth > 0) return;
        std::string_view text = doc.text_of(id);
        // Much text has nothing to set (a sentence's full stop is not an ellipsis): it
        // skips the setter's loop and moves to the new pool whole, at finish_rewrite().
        std::size_t mark = first_mark(text);
        if (mark == std::string_view::npos) {
          if (!text.empty()) setter.saw(text.back());
          return;
        }
        // What comes before the first mark is copied as it is, from the start of the
        // word it is in: a URL (which the setter leaves alone) starts no earlier.
        std::size_t space = text.find_last_of(" \t\n", mark);
        std::size_t plain = space == std::string_view::npos ? 0 : space + 1;
        std::string& pool = doc.rewrite_pool();
        std::size_t begin = pool.size();
        pool.append(text.data(), plain);
        if (plain > 0) setter.saw(text[plain - 1]);
        setter.set(text.substr(plain), pool, begin);
        doc.rewrote(id, begin);
      },
      [&](NodeId id) {
        Tag t = doc.node(id).tag;
        if (is_code(t)) --code_depth;
        else if (is_block(t)) setter.new_block();
      });
  doc.finish_rewrite();
  for (NodeId h : headings) hold_last_words(doc, h);
}

}  // namespace lede
