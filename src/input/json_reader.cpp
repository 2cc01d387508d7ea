#include "input/json_reader.hpp"

// A JSON reader of Lede's own that builds a JsonValue directly. It used to be nlohmann's
// SAX parser; that, with its exception objects and its std::vector<bool> of states, was
// about 5 KB of the gzipped wasm. This one accepts and refuses exactly what nlohmann
// 3.11.2 does and reports the same messages at the same positions (its tokens, its
// "last read" text, its strtoull/strtoll/strtod conversions): tests/unit/
// json_reader_test.cpp checks it against nlohmann itself, which stays a test oracle.
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include <algorithm>
#include <string>
#include <vector>

#include "tree/byte_lanes.hpp"

namespace lede {
namespace {

enum class Token : std::uint8_t {
  uninitialized, literal_true, literal_false, literal_null, value_string, value_unsigned,
  value_integer, value_float, begin_array, begin_object, end_array, end_object,
  name_separator, value_separator, parse_error, end_of_input, literal_or_value,
};

const char* token_name(Token t) {
  static const char* const kNames[] = {
      "<uninitialized>", "true literal", "false literal", "null literal", "string literal",
      "number literal", "number literal", "number literal", "'['", "'{'", "']'", "'}'", "':'",
      "','", "<parse error>", "end of input", "'[', '{', or a literal"};
  return kNames[static_cast<int>(t)];
}

constexpr int kEof = -1;

class Reader {
 public:
  Reader(std::string_view in, JsonValue& root, std::size_t max_depth)
      : in_(in), root_(root), max_depth_(max_depth) {}

  // The whole text as one value, and nothing after it.
  bool parse() {
    last_ = scan();
    if (!parse_value()) return false;
    if ((last_ = scan()) != Token::end_of_input) return fail(Token::end_of_input, "value");
    return true;
  }

  bool too_deep() const { return too_deep_; }
  // Characters read when the error showed, counting the one that showed it.
  std::size_t error_byte() const { return error_byte_; }
  const std::string& message() const { return message_; }

 private:
  // ---- input: a read position that can step back one character ----
  int get() {
    ++read_;
    if (unget_)
      unget_ = false;
    else
      current_ = next_ < in_.size() ? static_cast<unsigned char>(in_[next_++]) : kEof;
    return current_;
  }

  void unget() {
    unget_ = true;
    --read_;
  }

  // A new string or number token starts at the current character.
  void reset() {
    buffer_.clear();
    token_begin_ = next_ - 1;
  }

  // What was read since the last string or number began: a slice of the input (a
  // character given back by unget() is not read yet; the end of input is not a
  // character). Copying it as it is read took as much memory as the article's body.
  std::string_view token() const {
    std::size_t end = next_ - (unget_ && current_ != kEof ? 1 : 0);
    return in_.substr(token_begin_, end - token_begin_);
  }

  void add(int c) { buffer_ += static_cast<char>(c); }

  // What was read since the last string or number began, control characters shown.
  std::string token_string() const {
    std::string out;
    for (char c : token()) {
      auto u = static_cast<unsigned char>(c);
      if (u > 0x1F) {
        out += c;
      } else {
        out += "<U+00";
        out += "0123456789ABCDEF"[u >> 4];
        out += "0123456789ABCDEF"[u & 15];
        out += '>';
      }
    }
    return out;
  }

  // ---- tokens ----
  Token lex_error(const char* message) {
    error_ = message;
    return Token::parse_error;
  }

  Token scan() {
    if (read_ == 0 && !skip_bom()) return lex_error("invalid BOM; must be 0xEF 0xBB 0xBF if given");
    do get();
    while (current_ == ' ' || current_ == '\t' || current_ == '\n' || current_ == '\r');
    switch (current_) {
      case '[': return Token::begin_array;
      case ']': return Token::end_array;
      case '{': return Token::begin_object;
      case '}': return Token::end_object;
      case ':': return Token::name_separator;
      case ',': return Token::value_separator;
      case 't': return scan_literal("true", Token::literal_true);
      case 'f': return scan_literal("false", Token::literal_false);
      case 'n': return scan_literal("null", Token::literal_null);
      case '"': return scan_string();
      case '\0':  // nlohmann takes a NUL byte for the end (read_json checks for one)
      case kEof: return Token::end_of_input;
      default:
        if (current_ == '-' || (current_ >= '0' && current_ <= '9')) return scan_number();
        return lex_error("invalid literal");
    }
  }

  bool skip_bom() {
    if (get() == 0xEF) return get() == 0xBB && get() == 0xBF;
    unget();
    return true;
  }

  Token scan_literal(const char* word, Token type) {
    for (const char* p = word + 1; *p; ++p)
      if (get() != *p) return lex_error("invalid literal");
    return type;
  }

  int hex4() {
    int cp = 0;
    for (int shift = 12; shift >= 0; shift -= 4) {
      get();
      int d = current_ >= '0' && current_ <= '9'   ? current_ - '0'
              : current_ >= 'A' && current_ <= 'F' ? current_ - 'A' + 10
              : current_ >= 'a' && current_ <= 'f' ? current_ - 'a' + 10
                                                   : -1;
      if (d < 0) return -1;
      cp += d << shift;
    }
    return cp;
  }

  // The current byte, then one byte in each [lo, hi] of `ranges` (pairs, 0-terminated).
  bool continuation(const unsigned char* ranges) {
    add(current_);
    for (; *ranges; ranges += 2) {
      get();
      if (current_ < ranges[0] || current_ > ranges[1]) {
        error_ = "invalid string: ill-formed UTF-8 byte";
        return false;
      }
      add(current_);
    }
    return true;
  }

  Token control_character(int c) {
    static const char kNames[] =
        "NUL\0SOH\0STX\0ETX\0EOT\0ENQ\0ACK\0BEL\0BS\0HT\0LF\0VT\0FF\0CR\0SO\0SI\0"
        "DLE\0DC1\0DC2\0DC3\0DC4\0NAK\0SYN\0ETB\0CAN\0EM\0SUB\0ESC\0FS\0GS\0RS\0US";
    const char* name = kNames;
    for (int i = 0; i < c; ++i) name += std::char_traits<char>::length(name) + 1;
    char hex[3] = {"0123456789ABCDEF"[c >> 4], "0123456789ABCDEF"[c & 15], 0};
    std::string& m = message_;
    m = "invalid string: control character U+00";
    m += hex;
    m += " (";
    m += name;
    m += ") must be escaped to \\u00";
    m += hex;
    static const char kShort[] = "btn\0fr";  // U+0008 to U+000D with a short escape
    if (c >= 8 && c <= 13 && kShort[c - 8]) (m += " or \\") += kShort[c - 8];
    error_ = nullptr;  // the message is in message_
    return Token::parse_error;
  }

  Token scan_string() {
    reset();
    // Room for the whole string at once (its text is never longer than its JSON): an
    // article's body grown by doubling would, for a moment, take three times its size.
    std::size_t close = next_;
    while ((close = in_.find('"', close)) != std::string_view::npos) {
      std::size_t slashes = 0;
      while (close - slashes > next_ && in_[close - slashes - 1] == '\\') ++slashes;
      if (slashes % 2 == 0) break;
      ++close;
    }
    buffer_.reserve((close == std::string_view::npos ? in_.size() : close) - next_);
    static const unsigned char k2[] = {0x80, 0xBF, 0};
    static const unsigned char kE0[] = {0xA0, 0xBF, 0x80, 0xBF, 0};
    static const unsigned char k3[] = {0x80, 0xBF, 0x80, 0xBF, 0};
    static const unsigned char kED[] = {0x80, 0x9F, 0x80, 0xBF, 0};
    static const unsigned char kF0[] = {0x90, 0xBF, 0x80, 0xBF, 0x80, 0xBF, 0};
    static const unsigned char k4[] = {0x80, 0xBF, 0x80, 0xBF, 0x80, 0xBF, 0};
    static const unsigned char kF4[] = {0x80, 0x8F, 0x80, 0xBF, 0x80, 0xBF, 0};
    while (true) {
      // Most of an article is plain ASCII inside strings: take such a run whole rather
      // than a character at a time (the same bytes, counts and token text as get()).
      if (!unget_) {
        std::size_t end = next_;
        // Eight bytes at a time up to the word that holds a stop; the byte loop finds it.
        for (; end + 8 <= in_.size(); end += 8) {
          std::uint64_t w = load_lanes(in_.data() + end);
          if ((w | ((w - kLaneOnes * 0x20) & ~w) | lanes_equal(w, '"') | lanes_equal(w, '\\')) & kLaneHighs) break;
        }
        while (end < in_.size()) {
          auto b = static_cast<unsigned char>(in_[end]);
          if (b < 0x20 || b >= 0x80 || b == '"' || b == '\\') break;
          ++end;
        }
        if (end > next_) {
          std::string_view run = in_.substr(next_, end - next_);
          buffer_ += run;
          read_ += run.size();
          current_ = static_cast<unsigned char>(run.back());
          next_ = end;
        }
      }
      int c = get();
      if (c == kEof) return lex_error("invalid string: missing closing quote");
      if (c == '"') return Token::value_string;
      if (c < 0x20) return control_character(c);
      if (c == '\\') {
        switch (get()) {
          case '"': add('"'); break;
          case '\\': add('\\'); break;
          case '/': add('/'); break;
          case 'b': add('\b'); break;
          case 'f': add('\f'); break;
          case 'n': add('\n'); break;
          case 'r': add('\r'); break;
          case 't': add('\t'); break;
          case 'u': {
            int cp = hex4();
            if (cp < 0) return lex_error("invalid string: '\\u' must be followed by 4 hex digits");
            if (cp >= 0xD800 && cp <= 0xDBFF) {
              if (!(get() == '\\' && get() == 'u'))
                return lex_error("invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF");
              int low = hex4();
              if (low < 0) return lex_error("invalid string: '\\u' must be followed by 4 hex digits");
              if (low < 0xDC00 || low > 0xDFFF)
                return lex_error("invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF");
              cp = ((cp - 0xD800) << 10) + (low - 0xDC00) + 0x10000;
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
              return lex_error("invalid string: surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF");
            }
            append_utf8(cp);
            break;
          }
          default: return lex_error("invalid string: forbidden character after backslash");
        }
        continue;
      }
      const unsigned char* ranges = c < 0x80                 ? nullptr
                                    : c >= 0xC2 && c <= 0xDF ? k2
                                    : c == 0xE0              ? kE0
                                    : c == 0xED              ? kED
                                    : c >= 0xE1 && c <= 0xEF ? k3
                                    : c == 0xF0              ? kF0
                                    : c >= 0xF1 && c <= 0xF3 ? k4
                                    : c == 0xF4              ? kF4
                                                             : nullptr;
      if (c < 0x80)
        add(c);
      else if (!ranges)
        return lex_error("invalid string: ill-formed UTF-8 byte");
      else if (!continuation(ranges))
        return Token::parse_error;
    }
  }

  void append_utf8(int cp) {
    auto u = static_cast<unsigned>(cp);
    if (u < 0x80) {
      add(cp);
    } else if (u <= 0x7FF) {
      add(0xC0 | (u >> 6));
      add(0x80 | (u & 0x3F));
    } else if (u <= 0xFFFF) {
      add(0xE0 | (u >> 12));
      add(0x80 | ((u >> 6) & 0x3F));
      add(0x80 | (u & 0x3F));
    } else {
      add(0xF0 | (u >> 18));
      add(0x80 | ((u >> 12) & 0x3F));
      add(0x80 | ((u >> 6) & 0x3F));
      add(0x80 | (u & 0x3F));
    }
  }

  static bool digit(int c) { return c >= '0' && c <= '9'; }

  // RFC 8259's number grammar, state by state as nlohmann reads it.
  Token scan_number() {
    reset();
    Token type = Token::value_unsigned;
    add(current_);
    if (current_ == '-') {
      type = Token::value_integer;
      if (!digit(get())) return lex_error("invalid number; expected digit after '-'");
      add(current_);
    }
    if (current_ != '0')
      while (digit(get())) add(current_);
    else
      get();
    if (current_ == '.') {
      add('.');
      type = Token::value_float;
      if (!digit(get())) return lex_error("invalid number; expected digit after '.'");
      add(current_);
      while (digit(get())) add(current_);
    }
    if (current_ == 'e' || current_ == 'E') {
      add(current_);
      type = Token::value_float;
      get();
      if (current_ == '+' || current_ == '-') {
        add(current_);
        if (!digit(get())) return lex_error("invalid number; expected digit after exponent sign");
      } else if (!digit(current_)) {
        return lex_error("invalid number; expected '+', '-', or digit after exponent");
      }
      add(current_);
      while (digit(get())) add(current_);
    }
    unget();
    char* end = nullptr;
    errno = 0;
    if (type == Token::value_unsigned) {
      unsigned long long x = std::strtoull(buffer_.c_str(), &end, 10);
      if (errno == 0) {
        number_ = static_cast<double>(static_cast<std::uint64_t>(x));
        return type;
      }
    } else if (type == Token::value_integer) {
      long long x = std::strtoll(buffer_.c_str(), &end, 10);
      if (errno == 0) {
        number_ = static_cast<double>(static_cast<std::int64_t>(x));
        return type;
      }
    }
    number_ = std::strtod(buffer_.c_str(), &end);  // also integers past 64 bits
    return Token::value_float;
  }

  // ---- values ----
  // "syntax error while parsing CONTEXT: what; expected EXPECTED", as nlohmann words it.
  bool fail(Token expected, const char* context) {
    error_byte_ = read_;
    std::string m = "syntax error while parsing ";
    m += context;
    m += ": ";
    if (last_ == Token::parse_error) {
      m += error_ ? error_ : message_.c_str();
      m += "; last read: '";
      m += token_string();
      m += '\'';
    } else {
      m += "unexpected ";
      m += token_name(last_);
    }
    if (expected != Token::uninitialized) {
      m += "; expected ";
      m += token_name(expected);
    }
    message_ = std::move(m);
    return false;
  }

  // Places a finished value in its container (or at the root) and returns it. Pointers
  // on the stack stay valid: a container only grows while it is the innermost one.
  JsonValue* place(JsonValue&& v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    JsonValue& top = *stack_.back();
    if (top.type == JsonValue::Type::object) top.keys.push_back(std::move(key_));
    top.items.push_back(std::move(v));
    return &top.items.back();
  }

  bool open(JsonValue::Type type) {
    if (stack_.size() >= max_depth_) {
      too_deep_ = true;
      return false;
    }
    JsonValue v;
    v.type = type;
    stack_.push_back(place(std::move(v)));
    return true;
  }

  // After '{' or ',' in an object: a key and ':', then the token after them.
  bool member() {
    if (last_ != Token::value_string) return fail(Token::value_string, "object key");
    key_ = std::move(buffer_);
    if ((last_ = scan()) != Token::name_separator) return fail(Token::name_separator, "object separator");
    last_ = scan();
    return true;
  }

  // One value starting at last_, with everything nested in it, without recursion.
  bool parse_value() {
    bool closed = false;  // a container just ended: look at what follows it
    while (true) {
      if (!closed) {
        JsonValue v;
        switch (last_) {
          case Token::begin_object:
            if (!open(JsonValue::Type::object)) return false;
            if ((last_ = scan()) == Token::end_object) {
              stack_.pop_back();
              break;
            }
            if (!member()) return false;
            continue;
          case Token::begin_array:
            if (!open(JsonValue::Type::array)) return false;
            if ((last_ = scan()) == Token::end_array) {
              stack_.pop_back();
              break;
            }
            continue;
          case Token::value_float:
            if (!std::isfinite(number_)) {
              error_byte_ = read_;
              message_ = "number overflow parsing '";
              (message_ += token_string()) += '\'';
              return false;
            }
            v.type = JsonValue::Type::number;
            v.number = number_;
            place(std::move(v));
            break;
          case Token::value_unsigned:
          case Token::value_integer:
            v.type = JsonValue::Type::number;
            v.number = number_;
            v.integral = true;
            place(std::move(v));
            break;
          case Token::literal_true:
          case Token::literal_false:
            v.type = JsonValue::Type::boolean;
            v.boolean = last_ == Token::literal_true;
            place(std::move(v));
            break;
          case Token::literal_null: place(std::move(v)); break;
          case Token::value_string:
            v.type = JsonValue::Type::string;
            v.string = std::move(buffer_);
            place(std::move(v));
            break;
          case Token::parse_error: return fail(Token::uninitialized, "value");
          default: return fail(Token::literal_or_value, "value");
        }
      }
      closed = false;
      if (stack_.empty()) return true;
      bool array = stack_.back()->type == JsonValue::Type::array;
      if ((last_ = scan()) == Token::value_separator) {
        last_ = scan();
        if (!array && !member()) return false;
        continue;
      }
      if (last_ == (array ? Token::end_array : Token::end_object)) {
        stack_.pop_back();
        closed = true;
        continue;
      }
      return array ? fail(Token::end_array, "array") : fail(Token::end_object, "object");
    }
  }

  std::string_view in_;
  std::size_t next_ = 0;  // index of the next byte to read
  std::size_t read_ = 0;  // characters read, as nlohmann counts them
  int current_ = kEof;
  bool unget_ = false;
  std::size_t token_begin_ = 0;  // where token() starts in the input
  std::string buffer_;  // a string's decoded bytes, a number's characters
  const char* error_ = nullptr;
  double number_ = 0;
  Token last_ = Token::uninitialized;

  JsonValue& root_;
  std::size_t max_depth_;
  std::vector<JsonValue*> stack_;
  std::string key_;
  bool too_deep_ = false;
  std::size_t error_byte_ = 0;
  std::string message_;
};

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
  Reader reader(text, out, depth);
  if (reader.parse()) {
    // nlohmann's lexer takes a NUL byte for the end of the input, so it accepts
    // `{"title":"T"}` followed by NUL and anything at all. No NUL is JSON text (in a
    // string it must be escaped), so a successful parse can only have stopped at one.
    std::size_t nul = text.find('\0');
    if (nul == std::string_view::npos) return true;
    out = JsonValue{};
    error.code = ErrorCode::syntax;
    error.message = "syntax error while parsing value: unexpected NUL byte; expected end of input";
    locate(text, nul, error);
    return false;
  }

  if (reader.too_deep()) {
    error.code = ErrorCode::too_deep;
    ((error.message = "nesting is deeper than the limit of ") += std::to_string(depth)) += " levels";
    locate(text, find_too_deep(text, depth), error);
    return false;
  }
  error.code = ErrorCode::syntax;
  error.message = reader.message();
  // Counted as nlohmann does: the bytes read, including the one that showed the error.
  std::size_t byte = reader.error_byte();
  locate(text, byte > 0 ? byte - 1 : 0, error);
  return false;
}

}  // namespace lede
