#include "input/json_value.hpp"

// nlohmann/json reads the text through its SAX interface: Builder below turns the events
// into a JsonValue, as nlohmann's own json_sax_dom_parser does for its json type, and
// enforces the depth limit as it goes. Errors are events too (parse_error), so with
// JSON_NOEXCEPTION nothing can throw (the wasm build has no exceptions at all). SAX
// measured best of nlohmann's ways in (docs/performance.md, "JSON"): a DOM parse, with or
// without a callback, builds nlohmann's tree first and is slower, larger and needs twice
// the memory.
#define JSON_NOEXCEPTION 1
#define JSON_NO_IO 1
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "text/ascii.hpp"
#include "text/utf8.hpp"
#include "tree/byte_lanes.hpp"

namespace lede {
namespace {

// nlohmann's lexer keeps the raw bytes of the token it reads in `token_string`, a
// std::vector of the input adapter's char_type, only to quote them in an error message
// ("last read: '...'"). For a long body that is a second copy of it, grown by doubling:
// spec's peak heap was the input, the body's bytes, that copy and its previous half-size
// block (docs/performance.md, "Stop 28"). The input is one contiguous buffer, and what the
// lexer keeps there is always its latest bytes (it appends every byte it gets and drops
// only the last one, to read it again), so Lede's input adapter reads bytes of its own
// type, LexByte, whose vector below keeps just how many there are and finds them in the
// input when the message is written.
enum class LexByte : unsigned char {};

class LexString;

// Where the adapter is in the input. The token's vector has no way to the lexer's adapter,
// so read_json names the one being read here (a parse runs on one thread, start to end).
struct Cursor {
  const char* at;
  const char* end;

  // Runs of plain bytes inside strings (below): where they go, where the adapter is in the
  // JSON's string grammar, and how many bytes the lexer has not been handed one by one
  // (in all, for an error's position, and in the current token, for its "last read").
  // The last is `:null`, handed out for an unread member's colon and value (skip_unread).
  enum class In : unsigned char { value, string, escape, hex, after_hex, utf8, colon_null };
  In in = In::value;
  unsigned char left = 0;  // hex digits, UTF-8 continuation bytes or bytes of `:null` still to come
  LexString* buffer = nullptr;
  std::size_t passed = 0;
  std::size_t passed_in_token = 0;
  std::size_t* token_count = nullptr;  // the bytes the lexer counted in its token (below)
};
thread_local Cursor* t_cursor = nullptr;

// The lexer's buffer for a string's bytes (basic_json's StringType, so nlohmann's lexer
// uses it): nlohmann appends each byte with push_back, which for std::string is a call
// into libc++ (an extern template) a byte. Here the std::string's size is kept at its
// capacity and the length is counted beside it, so an append is a compare and a store,
// inline; take() hands the bytes over as a std::string. The lexer uses clear(),
// push_back(), size() and data() (NUL-terminated: strtod reads numbers from it).
class LexString : public std::string {
 public:
  // The lexer's string buffer is the one LexString made while a text is read: the input
  // adapter appends its runs here (below).
  LexString() {
    if (t_cursor && !t_cursor->buffer) t_cursor->buffer = this;
  }
  // One memcpy call, though most runs are short (a WordPress post's keys, slugs, URL
  // pieces between `\/` escapes): fixed-size copies for them saved 0.5 % of its native
  // render and cost 76 B gzip of lede-html.wasm, too much of its page's budget.
  void append(const char* run, std::size_t n) {
    while (room_ - length_ < n) grow();
    std::memcpy(begin_ + length_, run, n);
    length_ += n;
  }
  void push_back(char c) {
    if (length_ == room_) grow();
    begin_[length_++] = c;
  }
  void clear() { length_ = 0; }
  std::string_view view() const { return {begin_, length_}; }
  std::size_t size() const { return length_; }
  char* data() {
    if (!begin_) grow();
    begin_[length_] = '\0';  // at most the string's own terminator, which may hold NUL
    return begin_;
  }

  // The bytes read so far. A string under 16 KiB is copied (exactly its size; the buffer
  // stays for the next), a longer one such as a long article's body moved out (not
  // copied: while the lexer reads it the heap is at its peak). Copying the seed's 6 KB
  // body rather than moving it lowered its peak heap from 4.86× to 4.75× its input.
  std::string take() {
    std::string& buffer = *this;
    if (length_ < kCopyBelow) return std::string(begin_, length_);
    buffer.resize(length_);
    std::string out = std::move(buffer);
    buffer.clear();  // a moved-from string is valid but unspecified
    begin_ = nullptr;
    length_ = room_ = 0;
    return out;
  }

 private:
  static constexpr std::size_t kCopyBelow = 16384;

  void grow() {
    std::string& buffer = *this;
    buffer.reserve(room_ < 16 ? 16 : room_ * 2);
    buffer.resize(buffer.capacity());
    begin_ = &buffer[0];
    room_ = buffer.size();
  }

  char* begin_ = nullptr;
  std::size_t length_ = 0;
  std::size_t room_ = 0;
};

// A byte that nlohmann's lexer, inside a string, only appends to its buffer: printable
// ASCII other than the quote and the backslash (its scan_string's "U+0020..U+007F" case).
constexpr bool plain_in_string(unsigned char b) { return b >= 0x20 && b < 0x80 && b != '"' && b != '\\'; }

// Past the 8-byte words of plain bytes from `p` (plain_in_string): at the first byte that
// is not, or where fewer than 8 bytes are left. A lane stops the run if its high bit is
// set, if it is below 0x20 (the lowest such lane is always exact: bytes above it only
// matter once one is found), or if it holds a quote or a backslash.
inline const char* past_plain_lanes(const char* p, const char* end) {
#ifdef LEDE_BYTE_VECTORS
  for (; end - p >= 16; p += 16) {
    const Bytes16 v = load_bytes16(p);
    if (unsigned m = bits((v < 0x20) | (v >= 0x80) | (v == '"') | (v == '\\'))) return p + __builtin_ctz(m);
  }
#endif
  for (; end - p >= 8; p += 8) {
    const std::uint64_t w = load_lanes(p);
    const std::uint64_t stops =
        ((w | ((w - kLaneOnes * 0x20) & ~w)) & kLaneHighs) | lanes_equal(w, '"') | lanes_equal(w, '\\');
    if (stops) return p + (__builtin_ctzll(stops) >> 3);
  }
  return p;
}

// Where the run of plain bytes from `p` ends: printable ASCII other than the quote and the
// backslash (nlohmann's scan_string appends these as they are) and well-formed UTF-8
// (which it appends after checking the ranges utf8_sequence_length checks). Eight bytes
// at a time (past_plain_lanes), as typography reads text (byte_lanes.hpp); a stop that
// begins a well-formed UTF-8 sequence does not end the run.
const char* plain_run_end(const char* p, const char* end) {
  while (true) {
    p = past_plain_lanes(p, end);
    while (p != end && plain_in_string(static_cast<unsigned char>(*p))) ++p;
    if (p == end || static_cast<unsigned char>(*p) < 0x80) return p;
    const std::size_t n = utf8_sequence_length(p, end);
    if (n == 0) return p;
    p += n;
  }
}

// The character a two-byte escape stands for (`\n` for a newline…), or 0 for `\u` and
// for what is no escape at all, which the lexer is left to read and judge.
constexpr char unescaped(char c) {
  switch (c) {
    case '"': return '"';
    case '\\': return '\\';
    case '/': return '/';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    default: return 0;
  }
}

const char* skip_space(const char* p, const char* end) {
  while (p != end && is_json_space(*p)) ++p;
  return p;
}

// Where a string that opened before `p` ends, past its closing quote, or nullptr for
// anything the lexer might judge otherwise: a control character, ill-formed UTF-8, a bad
// escape, and (left to the lexer, which pairs them) any `\u` escape of a surrogate.
[[gnu::noinline]] const char* skip_string(const char* p, const char* end) {
  while (true) {
    p = past_plain_lanes(p, end);
    if (p == end) return nullptr;
    const unsigned char b = static_cast<unsigned char>(*p);
    if (plain_in_string(b)) {
      ++p;
    } else if (b == '"') {
      return end - p < 2 ? nullptr : p + 1;  // the quote as the input's last byte: the lexer's case
    } else if (b >= 0x80) {
      const std::size_t n = utf8_sequence_length(p, end);
      if (n == 0) return nullptr;
      p += n;
    } else if (b != '\\' || end - p < 2) {
      return nullptr;
    } else if (unescaped(p[1])) {
      p += 2;
    } else {
      if (p[1] != 'u' || end - p < 6) return nullptr;
      int code = 0;
      for (int i = 2; i < 6; ++i) {
        const int d = hex_value(p[i]);
        if (d < 0) return nullptr;
        code = code * 16 + d;
      }
      if (code >= 0xD800 && code <= 0xDFFF) return nullptr;
      p += 6;
    }
  }
}

// Where a number starting at `p` ends, or nullptr. An exponent is left to the lexer (a
// number may overflow to infinity, which nlohmann refuses), and so is a number so long
// that it might.
[[gnu::noinline]] const char* skip_number(const char* p, const char* end) {
  const char* start = p;
  if (*p == '-') ++p;
  const char* digits = p;
  while (p != end && *p >= '0' && *p <= '9') ++p;
  if (p == digits || (*digits == '0' && p - digits > 1)) return nullptr;
  if (p != end && *p == '.') {
    digits = ++p;
    while (p != end && *p >= '0' && *p <= '9') ++p;
    if (p == digits) return nullptr;
  }
  if (p != end && (*p == 'e' || *p == 'E')) return nullptr;
  return p - start > 300 ? nullptr : p;
}

const char* skip_literal(const char* p, const char* end, std::string_view word) {
  return static_cast<std::size_t>(end - p) >= word.size() && std::memcmp(p, word.data(), word.size()) == 0
             ? p + word.size()
             : nullptr;
}

// An unread member's value (unread_member: a WordPress post's _links, Yoast's tags,
// image sizes) need not reach the parser: it is checked here and the lexer is handed
// `null` instead (skip_unread, below). About half of a real WordPress post's JSON is such values (10 KB of
// antelope's 18 KB, 544 of its 897 tokens), and nlohmann's lexer and parser, which take
// 60 % of that post's native render, spend most of it on tokens. This is a checker of the
// JSON grammar only, not a reader: it returns where the value ends only when nlohmann would
// take the same bytes without a word, and nullptr for anything else at all (a number with
// an exponent, a surrogate escape, nesting past `depth` levels or 64, any mistake), which
// the lexer then reads as before, with its own error and position. The fuzz target
// compares both ways on every input (tests/fuzz/fuzz_article.cpp). What it buys, measured
// (docs/performance.md, "Stop 34"): a real post's native render 18-20 % fewer
// instructions, its renderOps() in Chromium 15-19 % less time, for 810 B gzip.
[[gnu::noinline]] const char* unread_value(const char* p, const char* end, std::size_t depth, const char*& last_token) {
  depth = std::min<std::size_t>(depth, 64);
  std::uint64_t objects = 0;  // a bit a level open, innermost lowest: 1 for an object
  std::size_t open = 0;
  const auto key = [&](const char* at) -> const char* {  // `"name" :`, then the value
    at = skip_space(at, end);
    if (at == end || *at != '"') return nullptr;
    last_token = at;
    if (!(at = skip_string(at + 1, end))) return nullptr;
    at = skip_space(at, end);
    return at != end && *at == ':' ? at + 1 : nullptr;
  };
  while (true) {
    p = skip_space(p, end);
    if (p == end) return nullptr;
    const char c = *p;
    if (c == '{' || c == '[') {
      if (open == depth) return nullptr;
      objects = objects << 1 | (c == '{');
      ++open;
      p = skip_space(p + 1, end);
      if (p != end && *p == (c == '{' ? '}' : ']')) {
        ++p;
        --open;
        objects >>= 1;
      } else {
        if (c == '{' && !(p = key(p))) return nullptr;
        continue;
      }
    } else if (c == '"') {
      last_token = p;
      p = skip_string(p + 1, end);
    } else if (c == 't') {
      p = skip_literal(p, end, "true");
    } else if (c == 'f') {
      p = skip_literal(p, end, "false");
    } else if (c == 'n') {
      p = skip_literal(p, end, "null");
    } else {
      last_token = p;
      p = skip_number(p, end);
    }
    // After a value: the end of the unread one, the next value of its container, or the
    // container's end.
    while (true) {
      if (!p) return nullptr;
      if (open == 0) return p;
      p = skip_space(p, end);
      if (p == end) return nullptr;
      const bool object = objects & 1;
      if (*p == ',') {
        p = object ? key(p + 1) : p + 1;
        if (!p) return nullptr;
        break;
      }
      if (*p != (object ? '}' : ']')) return nullptr;
      ++p;
      --open;
      objects >>= 1;
    }
  }
}

// Whether read_json skips unread members' values without the parser. lede.wasm reads only
// Lede's own format, which has no such members, and builds this file without it (about
// 1 KB gzip; CMakeLists.txt, lede_json_fast): the parser then reads them, as it reads any
// value the check declines.
#ifndef LEDE_JSON_SKIPS_UNREAD
#define LEDE_JSON_SKIPS_UNREAD 1
#endif
constexpr bool kSkipsUnread = LEDE_JSON_SKIPS_UNREAD;

// Right after an unread member's name (Builder::key): if unread_value vouches for its
// value, the lexer is handed `:null` for the colon and the value, and reads on after them.
// Otherwise nothing changes, and the lexer reads them.
[[gnu::noinline]] void skip_unread(Cursor& c, std::size_t depth) {
  const char* p = skip_space(c.at, c.end);
  if (p == c.end || *p != ':') return;
  p = skip_space(p + 1, c.end);
  if (p == c.end || (*p != '{' && *p != '[' && *p != '"')) return;
  const char* last_token = nullptr;
  const char* after = unread_value(p, c.end, depth, last_token);
  // `:null` has 5 bytes: with fewer (`:[]`) the bytes not handed out, which an error's
  // position adds, would go below zero.
  if (!after || after - c.at < 5) return;
  const std::size_t unread = static_cast<std::size_t>(after - c.at) - 5;
  c.passed += unread;
  // An error's "last read" quotes the bytes since the lexer's last string or number began
  // (its reset()): one in the value, if the lexer had read it, or the member's name. The
  // lexer counts `:null`'s 5 bytes next, which makes the sum whole (unsigned arithmetic
  // wraps: it may be short of 5 until then, when nothing reads it).
  if (last_token) {
    *c.token_count = 0;
    c.passed_in_token = static_cast<std::size_t>(after - last_token) - 5;
  } else {
    c.passed_in_token += unread;
  }
  c.at = after;
  c.in = Cursor::In::colon_null;
  c.left = 5;
}

// The bytes of the text as LexBytes: what nlohmann's iterator_input_adapter does for a
// pointer pair, through the cursor, with one shortcut. nlohmann's lexer takes a string one
// byte at a time (get() counts lines and columns, a switch over the byte, then an append):
// about 39 instructions a byte natively, and seed40's body made its JSON reading 28 % of a
// native render, and more of the browser's first render, where V8 runs baseline code that
// makes a call of each step (docs/performance.md, issue 18 "Stop 29"). So inside a string
// the adapter appends a whole run of plain bytes (plain_run_end: printable ASCII and
// well-formed UTF-8) and of two-byte escapes (unescaped) to the lexer's string buffer
// itself and hands the lexer only the byte after the run: every byte the lexer would judge
// (the closing quote, a `\u` escape, a control character, ill-formed UTF-8, a bad escape)
// still reaches it, in order. To know when it is inside a string the adapter follows the
// string grammar over the bytes it hands out: a quote outside a string opens one (nlohmann
// may read it ahead after a number and read it again: it opens the string either way), a
// backslash escapes the next byte, `\u` the four after, and a UTF-8 lead byte is followed
// by its continuation bytes. Where the lexer reads a
// byte to check it rather than to append it (after a `\u` escape, which may be the first
// half of a surrogate pair; a UTF-8 continuation byte) the adapter hands out one byte, so
// the lexer's checks and messages are the same as without the shortcut.
class InputAdapter {
 public:
  using char_type = LexByte;
  explicit InputAdapter(Cursor& cursor) : cursor_(&cursor) {}
  // Outside strings (the quotes, punctuation and numbers between them: about 4,700 calls
  // for a real WordPress post's 19 KB) a byte is returned after one test. The rest is a
  // call of its own: inlined here, its registers were saved and restored on every call,
  // 5 % of that post's native render.
  int get_character() {
    Cursor& c = *cursor_;
    if (c.in == Cursor::In::value) {
      if (c.at == c.end) return -1;  // std::char_traits<LexByte>::eof()
      const unsigned char b = static_cast<unsigned char>(*c.at++);
      if (b == '"') c.in = Cursor::In::string;
      return b;
    }
    return in_string(c);
  }

 private:
  [[gnu::noinline]] static int in_string(Cursor& c) {
    if (c.in == Cursor::In::colon_null) {
      const int b = ":null"[5 - c.left];
      if (--c.left == 0) c.in = Cursor::In::value;
      return b;
    }
    if (c.in == Cursor::In::string) {
      // Runs of plain bytes, joined by the escapes of one character (a long text's
      // newlines and quotes: the CommonMark spec's body has one every 21 bytes).
      const char* p = c.at;
      while (true) {
        const char* run_end = plain_run_end(p, c.end);
        if (run_end != p) c.buffer->append(p, static_cast<std::size_t>(run_end - p));
        p = run_end;
        const char escaped = c.end - p < 2 || *p != '\\' ? 0 : unescaped(p[1]);
        if (!escaped) break;
        c.buffer->push_back(escaped);
        p += 2;
      }
      const std::size_t n = static_cast<std::size_t>(p - c.at);
      c.passed += n;
      c.passed_in_token += n;
      c.at = p;
    }
    if (c.at == c.end) return -1;  // std::char_traits<LexByte>::eof()
    const unsigned char b = static_cast<unsigned char>(*c.at++);
    switch (c.in) {
      case Cursor::In::value:  // never here: get_character reads these bytes itself
        break;
      case Cursor::In::string:
      case Cursor::In::after_hex:
        c.in = b == '"'                ? Cursor::In::value
               : b == '\\'             ? Cursor::In::escape
               : b >= 0xC2 && b <= 0xF4 ? Cursor::In::utf8
                                        : Cursor::In::string;
        c.left = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 1;
        break;
      case Cursor::In::escape:
        c.in = b == 'u' ? Cursor::In::hex : Cursor::In::string;
        c.left = 4;
        break;
      case Cursor::In::hex:
        if (--c.left == 0) c.in = Cursor::In::after_hex;
        break;
      case Cursor::In::utf8:
        if (--c.left == 0) c.in = Cursor::In::string;
        break;
      case Cursor::In::colon_null:  // never here: handed out above
        break;
    }
    return b;
  }

  Cursor* cursor_;
};

}  // namespace
}  // namespace lede

// std::char_traits for the adapter's byte type (nlohmann's lexer uses eof(), to_int_type()
// and to_char_type()): a byte's value as an int, and EOF -1, as for char.
template <>
struct std::char_traits<lede::LexByte> {
  using char_type = lede::LexByte;
  using int_type = int;
  static constexpr int_type eof() noexcept { return -1; }
  static constexpr int_type to_int_type(char_type c) noexcept { return static_cast<unsigned char>(c); }
  static constexpr char_type to_char_type(int_type c) noexcept { return static_cast<char_type>(c); }
  static constexpr bool eq_int_type(int_type a, int_type b) noexcept { return a == b; }
  static constexpr int_type not_eof(int_type c) noexcept { return c == eof() ? 0 : c; }
  static constexpr bool eq(char_type a, char_type b) noexcept { return a == b; }
  static constexpr bool lt(char_type a, char_type b) noexcept { return a < b; }
};

// The lexer's token_string: a count of the input's latest bytes. It has only what the
// lexer uses, so it is not a whole std::vector, which the standard asks of a
// specialization in std ([namespace.std]); nlohmann offers no other way to drop the copy
// (docs/performance.md, issue 18 "Stop 28"). What the lexer calls:
// clear(), push_back() after each byte it gets, pop_back() when it puts the last one back
// (it is then one behind the adapter), empty(), and a loop over the bytes for a message.
template <typename Allocator>
class std::vector<lede::LexByte, Allocator> {
 public:
  using value_type = lede::LexByte;
  using size_type = std::size_t;

  class const_iterator {
   public:
    explicit const_iterator(const char* at) : at_(at) {}
    lede::LexByte operator*() const { return static_cast<lede::LexByte>(*at_); }
    const_iterator& operator++() {
      ++at_;
      return *this;
    }
    bool operator!=(const const_iterator& other) const { return at_ != other.at_; }
    bool operator==(const const_iterator& other) const { return at_ == other.at_; }

   private:
    const char* at_;
  };
  using iterator = const_iterator;

  // The lexer's one token string, made while a text is read: skip_unread resets its count
  // when the lexer is handed `:null` for an unread member's value.
  vector() {
    if (lede::t_cursor && !lede::t_cursor->token_count) lede::t_cursor->token_count = &count_;
  }

  void push_back(lede::LexByte) {
    ++count_;
    behind_ = false;
  }
  void pop_back() {
    --count_;
    behind_ = true;
  }
  // The runs the adapter appended itself are the token's bytes too.
  void clear() {
    count_ = 0;
    lede::t_cursor->passed_in_token = 0;
  }
  bool empty() const { return size() == 0; }
  size_type size() const { return count_ + lede::t_cursor->passed_in_token; }
  const_iterator end() const { return const_iterator(lede::t_cursor->at - (behind_ ? 1 : 0)); }
  const_iterator begin() const { return const_iterator(lede::t_cursor->at - (behind_ ? 1 : 0) - size()); }

 private:
  size_type count_ = 0;
  bool behind_ = false;
};

#include <nlohmann/json.hpp>

#include <algorithm>

namespace lede {
namespace {


using Json = nlohmann::basic_json<std::map, std::vector, LexString>;

class Builder {
 public:
  using number_integer_t = std::int64_t;
  using number_unsigned_t = std::uint64_t;
  using number_float_t = double;
  using string_t = LexString;
  using binary_t = Json::binary_t;

  Builder(JsonValue& root, std::size_t max_depth) : root_(root), max_depth_(max_depth) {}

  bool null() { return skipped() || place(JsonValue{}); }
  bool boolean(bool b) {
    if (skipped()) return true;
    JsonValue v;
    v.type = JsonValue::Type::boolean;
    v.boolean = b;
    return place(std::move(v));
  }
  bool number_integer(number_integer_t n) { return number(static_cast<double>(n), true); }
  bool number_unsigned(number_unsigned_t n) { return number(static_cast<double>(n), true); }
  bool number_float(number_float_t n, const string_t&) { return number(n, false); }
  bool string(string_t& s) {
    if (skipped()) return true;
    JsonValue v;
    v.type = JsonValue::Type::string;
    v.string = s.take();
    return place(std::move(v));
  }
  bool binary(binary_t&) { return false; }  // not produced by the JSON format
  bool start_object(std::size_t) { return open(JsonValue::Type::object); }
  bool key(string_t& k) {
    if (skip_depth_ == 0 && !(skip_next_ = unread_member(k.view()))) key_ = k.take();
    // Its levels count as open() below counts them.
    if (kSkipsUnread && skip_next_) skip_unread(*t_cursor, max_depth_ - stack_.size());
    return true;
  }
  bool end_object() { return close(); }
  bool start_array(std::size_t) { return open(JsonValue::Type::array); }
  bool end_array() { return close(); }
  bool parse_error(std::size_t byte, const std::string&, const nlohmann::detail::exception& ex) {
    error_byte_ = byte;
    error_text_ = ex.what();
    return false;
  }

  bool too_deep() const { return too_deep_; }
  std::size_t error_byte() const { return error_byte_; }
  const std::string& error_text() const { return error_text_; }

 private:
  // A value inside an unread member (unread_member), or the member's own value: not kept.
  bool skipped() {
    if (skip_depth_) return true;
    const bool skip = skip_next_;
    skip_next_ = false;
    return skip;
  }

  bool number(double n, bool integral) {
    if (skipped()) return true;
    JsonValue v;
    v.type = JsonValue::Type::number;
    v.number = n;
    v.integral = integral;
    return place(std::move(v));
  }

  // Puts a value in its container (or at the root) and keeps where it went in `last_`.
  // Pointers on the stack stay valid: a container only grows while it is the innermost.
  bool place(JsonValue&& v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      last_ = &root_;
      return true;
    }
    JsonValue& top = *stack_.back();
    if (top.type == JsonValue::Type::object) top.keys.push_back(std::move(key_));
    top.items.push_back(std::move(v));
    last_ = &top.items.back();
    return true;
  }

  bool open(JsonValue::Type type) {
    if (stack_.size() + skip_depth_ >= max_depth_) {
      too_deep_ = true;
      return false;
    }
    if (skip_depth_ || skip_next_) {
      skip_next_ = false;
      ++skip_depth_;
      return true;
    }
    JsonValue v;
    v.type = type;
    place(std::move(v));
    stack_.push_back(last_);
    return true;
  }

  bool close() {
    if (skip_depth_) --skip_depth_;
    else stack_.pop_back();
    return true;
  }

  JsonValue& root_;
  std::size_t max_depth_;
  std::vector<JsonValue*> stack_;
  JsonValue* last_ = nullptr;
  std::string key_;
  std::size_t skip_depth_ = 0;  // containers open inside an unread member
  bool skip_next_ = false;      // the next value is an unread member's
  bool too_deep_ = false;
  std::size_t error_byte_ = 0;
  std::string error_text_;
};

// nlohmann's message is "[json.exception.parse_error.101] parse error at line 1,
// column 5: syntax error while parsing value - invalid literal; last read: 'tru}'".
// Lede reports the position itself (counted in code points, nlohmann counts bytes), so
// it keeps only the part after the position.
std::string describe(const std::string& what) {
  std::size_t col = what.find("column ");
  std::size_t colon = col == std::string::npos ? what.find("] ") : what.find(": ", col);
  std::string msg = colon == std::string::npos ? what : what.substr(colon + 2);
  std::size_t dash = msg.find(" - ");
  if (dash != std::string::npos) msg.replace(dash, 3, ": ");
  return msg;
}

// Byte offset of the first '{' or '[' that opens a level deeper than `max_depth`.
std::size_t find_too_deep(std::string_view text, std::size_t max_depth) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) return i;
    } else if (c == '}' || c == ']') {
      if (depth) --depth;
    }
  }
  return text.size();
}

}  // namespace

bool unread_member(std::string_view key) {
  // By length first: every key of the text comes here, and most have none of these.
  switch (key.size()) {
    case 5: return std::memcmp(key.data(), "sizes", 5) == 0;
    case 6: return std::memcmp(key.data(), "_links", 6) == 0;
    case 10: return std::memcmp(key.data(), "yoast_", 6) == 0 && (std::memcmp(key.data() + 6, "head", 4) == 0 ||
                                                                    std::memcmp(key.data() + 6, "meta", 4) == 0);
    default: return false;
  }
}

void locate(std::string_view text, std::size_t byte, Problem& p) {
  if (byte > text.size()) byte = text.size();
  p.byte = byte;
  p.line = 1;
  p.column = 1;
  for (std::size_t i = 0; i < byte; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++p.line;
      p.column = 1;
    } else if ((c & 0xC0) != 0x80) {  // count code points, not UTF-8 continuation bytes
      ++p.column;
    }
  }
}

bool read_json(std::string_view text, const Limits& limits, JsonValue& out, Problem& error) {
  if (text.size() > limits.max_input_bytes) {
    error.code = ErrorCode::too_large;
    std::string& m = error.message;
    ((m = "input is ") += std::to_string(text.size())) += " bytes, more than the limit of ";
    (m += std::to_string(limits.max_input_bytes)) += " bytes";
    return false;
  }
  const std::size_t depth = std::min(limits.max_json_depth, Limits::kJsonDepthCeiling);
  Builder builder(out, depth);
  // The text through Lede's adapter (above: no copy of a token's raw bytes). The parser is
  // nlohmann's own (what basic_json::sax_parse runs for JSON); called directly so that its
  // binary formats' reader, never used, is not compiled for LexString.
  Cursor cursor{text.data(), text.data() + text.size()};
  struct Reading {
    explicit Reading(Cursor* c) : outer(t_cursor) { t_cursor = c; }
    ~Reading() { t_cursor = outer; }
    Cursor* outer;
  } reading(&cursor);
  nlohmann::detail::parser<Json, InputAdapter> parser(InputAdapter(cursor), nullptr,
                                                      /*allow_exceptions=*/true, /*skip_comments=*/false);
  if (parser.sax_parse(&builder, /*strict=*/true)) {
    // nlohmann's lexer takes a NUL byte for the end of the input, so it accepts
    // `{"title":"T"}` followed by NUL and anything at all. No NUL is JSON text (in a
    // string it must be escaped, unescaped it is an error), so a successful parse stopped
    // at one exactly when the last byte the lexer was handed is a NUL: the first of the
    // text. (Looking for it in the whole text was 1.8 % of a real WordPress post's render in
    // wasm, where the search is a loop a byte.)
    if (cursor.at == text.data() || cursor.at[-1] != '\0') return true;
    const std::size_t nul = static_cast<std::size_t>(cursor.at - 1 - text.data());
    out = JsonValue{};
    error.code = ErrorCode::syntax;
    error.message = "syntax error while parsing value: unexpected NUL byte; expected end of input";
    locate(text, nul, error);
    return false;
  }

  if (builder.too_deep()) {
    error.code = ErrorCode::too_deep;
    ((error.message = "nesting is deeper than the limit of ") += std::to_string(depth)) += " levels";
    locate(text, find_too_deep(text, depth), error);
    return false;
  }
  error.code = ErrorCode::syntax;
  error.message = describe(builder.error_text());
  // nlohmann counts the bytes read, including the one that showed the error; the runs the
  // adapter appended itself were not counted there.
  std::size_t byte = builder.error_byte() + cursor.passed;
  locate(text, byte > 0 ? byte - 1 : 0, error);
  return false;
}

}  // namespace lede
