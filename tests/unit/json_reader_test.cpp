#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "input/json_reader.hpp"

using lede::ErrorCode;

namespace {

lede::Problem syntax_error(const std::string& text, lede::Limits limits = {}) {
  lede::JsonValue v;
  lede::Problem p;
  REQUIRE_FALSE(lede::read_json(text, limits, v, p));
  return p;
}

}  // namespace

TEST_CASE("read_json builds values of every type") {
  lede::JsonValue v;
  lede::Problem p;
  REQUIRE(lede::read_json(R"j({"s":"x","n":1.5,"i":3,"b":true,"z":null,"a":[1,"2"],"o":{"k":"v"}})j",
                          {}, v, p));
  REQUIRE(v.type == lede::JsonValue::Type::object);
  CHECK(v.find("s")->string == "x");
  CHECK(v.find("n")->number == 1.5);
  CHECK_FALSE(v.find("n")->integral);
  CHECK(v.find("i")->integral);
  CHECK(v.find("b")->boolean);
  CHECK(v.find("z")->type == lede::JsonValue::Type::null);
  CHECK(v.find("a")->items.size() == 2);
  CHECK(v.find("a")->items[1].string == "2");
  CHECK(v.find("o")->find("k")->string == "v");
  CHECK(v.find("missing") == nullptr);
}

TEST_CASE("with duplicate keys the last one wins, as in JSON.parse") {
  lede::JsonValue v;
  lede::Problem p;
  REQUIRE(lede::read_json(R"j({"title":"first","title":"second"})j", {}, v, p));
  CHECK(v.find("title")->string == "second");
}

TEST_CASE("syntax errors give line, column and nlohmann's reason") {
  SECTION("invalid literal") {
    auto p = syntax_error(R"j({"title": tru})j");
    CHECK(p.code == ErrorCode::syntax);
    CHECK(p.to_string() ==
          "1:14: syntax error while parsing value: invalid literal; last read: '\"title\": tru}'");
  }
  SECTION("the line and column of a later line") {
    auto p = syntax_error("{\n  \"title\": \"x\",\n  \"dek\": }");
    CHECK(p.line == 3);
    CHECK(p.column == 10);
    CHECK(p.message.find("syntax error while parsing value") == 0);
  }
  SECTION("columns count characters, not bytes") {
    auto p = syntax_error("{\"été\": x}");
    CHECK(p.line == 1);
    CHECK(p.column == 9);
  }
  SECTION("trailing comma") {
    auto p = syntax_error(R"j({"title": "x",})j");
    CHECK(p.to_string().find("1:15: syntax error while parsing object key") == 0);
  }
  SECTION("empty input") {
    auto p = syntax_error("");
    CHECK(p.to_string() ==
          "1:1: syntax error while parsing value: unexpected end of input; expected '[', '{', or a "
          "literal");
  }
  SECTION("unterminated string") {
    auto p = syntax_error("{\"title\": \"abc");
    CHECK(p.message.find("missing closing quote") != std::string::npos);
  }
  SECTION("invalid UTF-8") {
    auto p = syntax_error("{\"title\": \"\xff\"}");
    CHECK(p.code == ErrorCode::syntax);
    CHECK(p.message.find("invalid string: ill-formed UTF-8 byte") != std::string::npos);
  }
  SECTION("a lone surrogate escape") {
    auto p = syntax_error(R"j({"title": "\ud800"})j");
    CHECK(p.message.find("surrogate") != std::string::npos);
  }
  SECTION("two documents") {
    auto p = syntax_error(R"j({"title": "a"} {"title": "b"})j");
    CHECK(p.message.find("expected end of input") != std::string::npos);
  }
}

TEST_CASE("limits give clear errors") {
  SECTION("input size") {
    lede::Limits limits;
    limits.max_input_bytes = 10;
    auto p = syntax_error(R"j({"title": "long enough"})j", limits);
    CHECK(p.code == ErrorCode::too_large);
    CHECK(p.to_string() == "input is 24 bytes, more than the limit of 10 bytes");
  }
  SECTION("depth: 64 levels pass, 65 do not, and the position is the 65th bracket") {
    lede::JsonValue v;
    lede::Problem ok;
    std::string deep64 = std::string(64, '[') + std::string(64, ']');
    CHECK(lede::read_json(deep64, {}, v, ok));
    std::string deep65 = "\n" + std::string(65, '[') + std::string(65, ']');
    auto p = syntax_error(deep65);
    CHECK(p.code == ErrorCode::too_deep);
    CHECK(p.to_string() == "2:65: nesting is deeper than the limit of 64 levels");
  }
  SECTION("brackets inside strings do not count toward depth") {
    lede::Limits limits;
    limits.max_json_depth = 2;
    lede::JsonValue v;
    lede::Problem p;
    CHECK(lede::read_json(R"j({"a": ["[[[[\"{{{"]})j", limits, v, p));
    auto deep = syntax_error(R"j({"a": "[[\"", "b": [[1]]})j", limits);
    CHECK(deep.to_string() == "1:21: nesting is deeper than the limit of 2 levels");
  }
}

// ---- nlohmann/json 3.11.2 as the oracle: Lede's reader replaced its SAX parser and must
// accept, refuse, report and build exactly what it did. ----
#define JSON_NOEXCEPTION 1
#include <nlohmann/json.hpp>

#include <cstring>
#include <dirent.h>
#include <random>

namespace {

// The reader as it was (src/input/json_reader.cpp before it had its own parser).
class OracleBuilder {
 public:
  using number_integer_t = std::int64_t;
  using number_unsigned_t = std::uint64_t;
  using number_float_t = double;
  using string_t = std::string;
  using binary_t = nlohmann::json::binary_t;

  OracleBuilder(lede::JsonValue& root, std::size_t max_depth) : root_(root), max_depth_(max_depth) {}

  bool null() { return add(lede::JsonValue{}); }
  bool boolean(bool b) {
    lede::JsonValue v;
    v.type = lede::JsonValue::Type::boolean;
    v.boolean = b;
    return add(std::move(v));
  }
  bool number_integer(number_integer_t n) { return number(static_cast<double>(n), true); }
  bool number_unsigned(number_unsigned_t n) { return number(static_cast<double>(n), true); }
  bool number_float(number_float_t n, const string_t&) { return number(n, false); }
  bool string(string_t& s) {
    lede::JsonValue v;
    v.type = lede::JsonValue::Type::string;
    v.string = std::move(s);
    return add(std::move(v));
  }
  bool binary(binary_t&) { return false; }
  bool start_object(std::size_t) { return open(lede::JsonValue::Type::object); }
  bool key(string_t& k) {
    key_ = std::move(k);
    return true;
  }
  bool end_object() { return close(); }
  bool start_array(std::size_t) { return open(lede::JsonValue::Type::array); }
  bool end_array() { return close(); }
  bool parse_error(std::size_t byte, const std::string&, const nlohmann::detail::exception& ex) {
    error_byte = byte;
    error_text = ex.what();
    return false;
  }

  bool too_deep = false;
  std::size_t error_byte = 0;
  std::string error_text;

 private:
  bool number(double n, bool integral) {
    lede::JsonValue v;
    v.type = lede::JsonValue::Type::number;
    v.number = n;
    v.integral = integral;
    return add(std::move(v));
  }
  lede::JsonValue* place(lede::JsonValue&& v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    lede::JsonValue& top = *stack_.back();
    if (top.type == lede::JsonValue::Type::object) top.keys.push_back(std::move(key_));
    top.items.push_back(std::move(v));
    return &top.items.back();
  }
  bool add(lede::JsonValue&& v) { return place(std::move(v)) != nullptr; }
  bool open(lede::JsonValue::Type type) {
    if (stack_.size() >= max_depth_) {
      too_deep = true;
      return false;
    }
    lede::JsonValue v;
    v.type = type;
    stack_.push_back(place(std::move(v)));
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }

  lede::JsonValue& root_;
  std::size_t max_depth_;
  std::vector<lede::JsonValue*> stack_;
  std::string key_;
};

std::string oracle_describe(const std::string& what) {
  std::size_t col = what.find("column ");
  std::size_t colon = col == std::string::npos ? what.find("] ") : what.find(": ", col);
  std::string msg = colon == std::string::npos ? what : what.substr(colon + 2);
  std::size_t dash = msg.find(" - ");
  if (dash != std::string::npos) msg.replace(dash, 3, ": ");
  return msg;
}

// What nlohmann made of `text`: "ok", "too deep", or "BYTE: message".
std::string oracle(const std::string& text, std::size_t depth, lede::JsonValue& out) {
  OracleBuilder b(out, depth);
  if (nlohmann::json::sax_parse(text.begin(), text.end(), &b)) return "ok";
  if (b.too_deep) return "too deep";
  return std::to_string(b.error_byte > 0 ? b.error_byte - 1 : 0) + ": " + oracle_describe(b.error_text);
}

std::string ours(const std::string& text, std::size_t depth, lede::JsonValue& out) {
  lede::Limits limits;
  limits.max_json_depth = depth;
  lede::Problem p;
  if (lede::read_json(text, limits, out, p)) return "ok";
  if (p.code == ErrorCode::too_deep) return "too deep";
  // read_json's own NUL check (after a successful parse) is not nlohmann's.
  if (p.message == "syntax error while parsing value: unexpected NUL byte; expected end of input") return "ok";
  return std::to_string(p.byte) + ": " + p.message;
}

bool same(const lede::JsonValue& a, const lede::JsonValue& b) {
  if (a.type != b.type || a.boolean != b.boolean || a.integral != b.integral || a.string != b.string ||
      std::memcmp(&a.number, &b.number, sizeof a.number) != 0 || a.items.size() != b.items.size() ||
      a.keys != b.keys)
    return false;
  for (std::size_t i = 0; i < a.items.size(); ++i)
    if (!same(a.items[i], b.items[i])) return false;
  return true;
}

// Checks one input at one depth limit; returns false (after a failed CHECK) on a difference.
bool agrees(const std::string& text, std::size_t depth = 64) {
  lede::JsonValue want, got;
  std::string w = oracle(text, depth, want);
  std::string g = ours(text, depth, got);
  if (w == g && (w != "ok" || text.find('\0') != std::string::npos || same(want, got))) return true;
  INFO("input: " << test::quote(text) << " depth " << depth);
  CHECK(g == w);
  CHECK(same(want, got));
  return false;
}

std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d))
      if (e->d_type == DT_REG && std::strstr(e->d_name, ".json")) out.push_back(test::read_file(dir + "/" + e->d_name));
    closedir(d);
  }
  return out;
}

}  // namespace

TEST_CASE("the reader agrees with nlohmann on crafted inputs") {
  const char* inputs[] = {
      "", " ", "\xEF\xBB\xBF{}", "\xEF\xBB", "\xEF\xBBx", "\xEF", "{}", "[]", "[1,2]", "{\"a\":1}", "tru", "t",
      "nul", "falsy", "true false", "[true,]", "[,1]", "{,}", "{\"a\"}", "{\"a\":}", "{\"a\" 1}", "{\"a\":1,}",
      "{\"a\":1 \"b\":2}", "[1 2]", "{1:2}", "-", "-a", "01", "1.", "1.e", "1e", "1e+", "1e+x", "1E5", "-0",
      "-0.0", "0.5e-3", "1e999", "-1e999", "18446744073709551615", "18446744073709551616",
      "-9223372036854775808", "-9223372036854775809", "123456789012345678901234567890", "\"a", "\"\\",
      "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\uD800\"", "\"\\uD800\\u0041\"", "\"\\uD800\\uDC00\"",
      "\"\\uDC00\"", "\"\\uD83D\\uDE00\"", "\"\\uD800x\"", "\"\\uD800\\x\"", "\"\\u00e9\\u0000\"",
      "\"\x01\"", "\"\x08\"", "\"\x09\"", "\"\x0A\"", "\"\x0B\"", "\"\x0C\"", "\"\x0D\"", "\"\x1F\"", "\"\x7F\"",
      "\"\xC2\xA9\"", "\"\xC1\xBF\"", "\"\xE0\x9F\x80\"", "\"\xE0\xA0\x80\"", "\"\xED\xA0\x80\"", "\"\xEF\xBF\xBF\"",
      "\"\xF0\x8F\x80\x80\"", "\"\xF4\x90\x80\x80\"", "\"\xF4\x8F\xBF\xBF\"", "\"\xF5\"", "\"\xC2\"", "\"\xE2\x82\"",
      "{\"a\":[1,{\"b\":null}],\"c\":\"d\"}", "{\"title\": tru}", "{\n  \"title\": \"x\",\n  \"dek\": }", "/* c */ 1",
      "1 // c", "[\"\n\"]", "[1]\x00 junk", "\"a\"\x00", "\t\r\n [ \t1 \r]\n ", "[[[]]]", "{\"a\":{\"b\":{}}}", "}", "]",
      ":", ",", "x", "\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"", "[1e5,-2.5E-3,0,-0,1.0]", "[\"\xFF\"]", "{\"\x01\":1}",
  };
  int differ = 0;
  for (const char* in : inputs) differ += !agrees(in);
  // Inputs with NUL bytes inside.
  for (std::string in : {std::string("[1,\0]", 5), std::string("\"a\0b\"", 5), std::string("\0", 1),
                         std::string("{\"a\":\0}", 7), std::string("tr\0e", 4)})
    differ += !agrees(in);
  // Every kind of byte that ends a plain run inside a string (read eight at a time), at
  // every place in a word, and strings cut off near the end of the input.
  for (const char* stop : {"\"", "\\n", "\\\"", "\x01", "\x1F", " ", "~", "\x7F", "\xC2\xA9", "\xFF"})
    for (std::size_t at = 0; at < 17; ++at) {
      std::string before(at, 'a');
      differ += !agrees("[\"" + before + stop + "bbbbbbbbbbbbbbbbbbbb\"]");
      differ += !agrees("\"" + before + stop);
    }
  // Depth limits, met and passed, in arrays and objects.
  for (std::size_t depth : {0, 1, 2, 3})
    for (const char* in : {"1", "[]", "[[]]", "[[1],[2]]", "{\"a\":{\"b\":[]}}", "[{}]", "[1,[2,[3]]]"})
      differ += !agrees(in, depth);
  CHECK(differ == 0);
}

TEST_CASE("the reader agrees with nlohmann on JSONTestSuite and the fixtures") {
  std::vector<std::string> suite = files_in(LEDE_SOURCE_DIR "/../shared/corpora/jsontestsuite/test_parsing");
  REQUIRE(suite.size() >= 300);
  int differ = 0;
  for (const std::string& text : suite) differ += !agrees(text);
  std::vector<std::string> fixtures = files_in(LEDE_SOURCE_DIR "/web/articles");
  for (const char* dir : {"/tests/fixtures/formats", "/tests/fixtures/site"})
    for (std::string& f : files_in(LEDE_SOURCE_DIR + std::string(dir))) fixtures.push_back(std::move(f));
  REQUIRE(fixtures.size() >= 5);
  for (const std::string& text : fixtures) differ += !agrees(text);
  CHECK(differ == 0);
}

TEST_CASE("the reader agrees with nlohmann on 30,000 mutated articles") {
  std::vector<std::string> seeds = files_in(LEDE_SOURCE_DIR "/web/articles");
  REQUIRE_FALSE(seeds.empty());
  seeds.push_back(R"j({"a":[1,-2.5e3,true,false,null,"\u00e9\ud83d\ude00\n"],"b":{"c":{}},"d":[]})j");
  std::mt19937 rng(20261201);
  static const char kAlphabet[] = "{}[]:,\"\\ -+.eE0123456789tfnulrsa/\n\t\x01\x7F\xC2\xA9\xE2\x82\xAC\xED\xF0\xFF";
  const std::string alphabet(kAlphabet, sizeof kAlphabet);  // with the final NUL, a byte to try too
  int differ = 0;
  for (int i = 0; i < 30000 && differ < 5; ++i) {
    std::string text = seeds[rng() % seeds.size()];
    if (text.size() > 4000) text.resize(4000 + rng() % 200);  // short inputs: more cases a second
    for (int edits = 1 + rng() % 3; edits > 0 && !text.empty(); --edits) {
      std::size_t at = rng() % text.size();
      switch (rng() % 4) {
        case 0: text[at] = alphabet[rng() % alphabet.size()]; break;
        case 1: text.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
        case 2: text.erase(at, 1 + rng() % 3); break;
        default: text.resize(at); break;
      }
    }
    differ += !agrees(text, rng() % 8 == 0 ? rng() % 4 : 64);
  }
  CHECK(differ == 0);
}
