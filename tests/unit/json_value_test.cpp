#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "json_oracle.hpp"
#include "input/json_value.hpp"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

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

// The lexer's string buffer (LexString in json_value.cpp) copies strings under 16 KiB and
// moves longer ones out; a number is then read from the same buffer, emptied or reused.
TEST_CASE("strings either side of the lexer buffer's hand-over, and numbers after them") {
  const std::string a(16383, 'a'), b(16384, 'b'), c(40000, 'c');
  const std::string text = "{\"" + a + "\":\"" + b + "\",\"n\":-12.5e1,\"" + c +
                           "\":[\"\\u00e9\",18446744073709551615,\"" + a + "\\n\"],\"k\":\"\",\"i\":-7}";
  lede::JsonValue v;
  lede::Problem p;
  REQUIRE(lede::read_json(text, {}, v, p));
  REQUIRE(v.keys.size() == 5);
  CHECK(v.keys[0] == a);
  CHECK(v.items[0].string == b);
  CHECK(v.find("n")->number == -125);
  CHECK(v.keys[2] == c);
  const lede::JsonValue& list = v.items[2];
  REQUIRE(list.items.size() == 3);
  CHECK(list.items[0].string == "\xc3\xa9");
  CHECK(list.items[1].number == 18446744073709551615.0);
  CHECK(list.items[2].string == a + "\n");
  CHECK(v.find("k")->string.empty());
  CHECK(v.find("i")->number == -7);
}

// What no adapter reads is read as JSON and left out: a WordPress post's HAL links and
// Yoast's copy of its <head>, at any depth.
TEST_CASE("unread members are checked but not kept") {
  lede::JsonValue v;
  lede::Problem p;
  REQUIRE(lede::read_json(R"j({"title":"T","_links":{"self":[{"href":"https://e.x/1"}],"n":[1,true,null]},
    "yoast_head":"<meta name=x>","_embedded":{"author":[{"name":"A","_links":{"self":[]}}]},
    "list":["_links",{"yoast_meta":{"a":"b"},"k":"v"}],"yoast_head_json":{"og_site_name":"S"},"end":1})j",
                          {}, v, p));
  CHECK(v.keys == std::vector<std::string>{"title", "_embedded", "list", "yoast_head_json", "end"});
  CHECK(v.find("_links") == nullptr);
  CHECK(v.find("yoast_head") == nullptr);
  const lede::JsonValue& author = v.find("_embedded")->find("author")->items.at(0);
  CHECK(author.keys == std::vector<std::string>{"name"});
  const lede::JsonValue& list = *v.find("list");
  REQUIRE(list.items.size() == 2);
  CHECK(list.items[0].string == "_links");  // a string, not a member's name
  CHECK(list.items[1].keys == std::vector<std::string>{"k"});
  CHECK(v.find("yoast_head_json")->find("og_site_name")->string == "S");
  CHECK(v.find("end")->number == 1);

  // Still JSON: a mistake inside is the same error at the same place, and the depth limit
  // counts its levels.
  CHECK(syntax_error(R"j({"_links":{"self":[1,]}})j").to_string() ==
        "1:22: syntax error while parsing value: unexpected ']'; expected '[', '{', or a literal");
  lede::Limits limits;
  limits.max_json_depth = 3;
  CHECK(lede::read_json(R"j({"_links":[[1]]})j", limits, v, p));
  CHECK(syntax_error(R"j({"_links":[[[1]]]})j", limits).to_string() ==
        "1:13: nesting is deeper than the limit of 3 levels");
}

// An unread member's value is checked by the adapter and handed to the parser as `null`
// (src/input/json_value.cpp, unread_value), or, when the check declines, read by nlohmann
// as any other: either way the same verdict, error, position and "last read" as a member
// the parser reads. `_links` is unread, `_linkz` (as long) is not.
TEST_CASE("an unread member's value: the same verdicts and errors as a value the parser reads") {
  const auto read = [](const std::string& text, lede::Limits limits = {}) {
    lede::JsonValue v;
    lede::Problem p;
    const bool ok = lede::read_json(text, limits, v, p);
    return std::make_pair(ok, ok ? std::string() : p.to_string() + " @" + std::to_string(p.byte));
  };
  const auto same = [&](const std::string& value, lede::Limits limits = {}) {
    const std::string unread = "{\"_links\":" + value + ",\"x\":1}";
    const std::string kept = "{\"_linkz\":" + value + ",\"x\":1}";
    INFO(unread);
    auto want = read(kept, limits);
    // The error quotes the member's name when it is among the bytes last read.
    for (std::size_t at; (at = want.second.find("_linkz")) != std::string::npos;) want.second[at + 5] = 's';
    CHECK(read(unread, limits) == want);
    // nlohmann's own adapter, on the same text: the verdict and the byte (Lede stops at a
    // NUL byte, which nlohmann takes for the end, and at its depth limit).
    if (value.find('\0') != std::string::npos) return;
    const json_oracle::Reading nlohmann = json_oracle::read(unread);
    lede::JsonValue v;
    lede::Problem p;
    const bool ok = lede::read_json(unread, limits, v, p);
    if (!ok && p.code == ErrorCode::too_deep) return;
    CHECK(ok == nlohmann.ok);
    if (!ok) CHECK(p.byte == nlohmann.byte);
  };

  SECTION("JSONTestSuite's 318 cases as the member's value") {
    int cases = 0;
    for (const auto& entry : std::filesystem::directory_iterator(LEDE_SOURCE_DIR "/../shared/corpora/jsontestsuite/test_parsing")) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream bytes;
      bytes << in.rdbuf();
      same(bytes.str());
      ++cases;
    }
    CHECK(cases == 318);
  }
  SECTION("mistakes after the value, and values the check leaves to the lexer") {
    for (const char* value : {
             R"j({"self":[{"href":"https:\/\/e.x\/wp-json\/wp\/v2\/posts\/54","embeddable":true,"n":-0.5}]} x)j",
             R"j(["\u00e9t\u00E9", "cafÃ©", "\ud83d\ude00", 1e5, 1E400, 10, 0, -0, null, false])j",
             R"j({"a":[1,2,]})j", R"j({"a" 1})j", R"j({"a":01})j", R"j(["a\x"])j", R"j(["\u12"])j", R"j([1.])j",
             R"j([-])j", R"j([tru])j", R"j("Ã")j", "[\"a\tb\"]", "[\"a\x01\"]", R"j([] )j", R"j("")j",
             R"j("long enough")j", R"j([[true],{}] x)j", R"j([1,2,3]x)j", R"j({"a":"b"}#)j", "{\"a\":\n\t{\"b\": [ ]}\r}", R"j({"a":{}}})j", R"j([[[[]]]])j",
         })
      same(value);
  }
  SECTION("nesting: the depth limit counts the value's levels") {
    lede::Limits limits;
    limits.max_json_depth = 4;
    for (const char* value : {"[[[1]]]", "[[[[1]]]]", "{\"a\":[{\"b\":2}]}", "{\"a\":[{\"b\":[2]}]}"}) same(value, limits);
    CHECK(read(R"j({"_links":[[[1]]]})j", limits).first);
    CHECK(read(R"j({"_links":[[[[1]]]]})j", limits).second == "1:14: nesting is deeper than the limit of 4 levels @13");
  }
  SECTION("an error after it is placed and quoted as nlohmann places and quotes it: from the last string") {
    lede::JsonValue v;
    lede::Problem p;
    REQUIRE_FALSE(lede::read_json("{\"_links\":{\"self\":[{\"href\":\"https:\\/\\/e.x\\/1\"}]}\n x}", {}, v, p));
    CHECK(p.to_string() ==
          "2:2: syntax error while parsing object: invalid literal; last read: "
          "'\"https:\\/\\/e.x\\/1\"}]}<U+000A> x'; expected '}'");
    // No string or number in it: from the member's name.
    REQUIRE_FALSE(lede::read_json("{\"_links\":[[true],{}] x}", {}, v, p));
    CHECK(p.to_string() ==
          "1:23: syntax error while parsing object: invalid literal; last read: '\"_links\":[[true],{}] x'; expected '}'");
  }
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

// nlohmann/json's messages for each kind of mistake, with Lede's line:column (code
// points, not bytes) in front: what the CLI prints and LedeError carries.
TEST_CASE("each kind of mistake has its exact message") {
  struct Case {
    const char* json;
    const char* want;
  };
  const Case cases[] = {
      {"", "1:1: syntax error while parsing value: unexpected end of input; expected '[', '{', or a literal"},
      {" ", "1:2: syntax error while parsing value: unexpected end of input; expected '[', '{', or a literal"},
      {"\xEF""\xBB""\xBF""{}", "ok"},
      {"\xEF""\xBB""", "1:2: syntax error while parsing value: invalid BOM; must be 0xEF 0xBB 0xBF if given; last read: '\xEF""\xBB""'"},
      {"\xEF""\xBB""x", "1:2: syntax error while parsing value: invalid BOM; must be 0xEF 0xBB 0xBF if given; last read: '\xEF""\xBB""x'"},
      {"tru", "1:4: syntax error while parsing value: invalid literal; last read: 'tru'"},
      {"nul", "1:4: syntax error while parsing value: invalid literal; last read: 'nul'"},
      {"falsy", "1:5: syntax error while parsing value: invalid literal; last read: 'falsy'"},
      {"true false", "1:10: syntax error while parsing value: unexpected false literal; expected end of input"},
      {"[true,]", "1:7: syntax error while parsing value: unexpected ']'; expected '[', '{', or a literal"},
      {"[,1]", "1:2: syntax error while parsing value: unexpected ','; expected '[', '{', or a literal"},
      {"{,}", "1:2: syntax error while parsing object key: unexpected ','; expected string literal"},
      {"{\"a\"}", "1:5: syntax error while parsing object separator: unexpected '}'; expected ':'"},
      {"{\"a\":}", "1:6: syntax error while parsing value: unexpected '}'; expected '[', '{', or a literal"},
      {"{\"a\" 1}", "1:6: syntax error while parsing object separator: unexpected number literal; expected ':'"},
      {"{\"a\":1,}", "1:8: syntax error while parsing object key: unexpected '}'; expected string literal"},
      {"{\"a\":1 \"b\":2}", "1:10: syntax error while parsing object: unexpected string literal; expected '}'"},
      {"[1 2]", "1:4: syntax error while parsing array: unexpected number literal; expected ']'"},
      {"{1:2}", "1:2: syntax error while parsing object key: unexpected number literal; expected string literal"},
      {"-", "1:2: syntax error while parsing value: invalid number; expected digit after '-'; last read: '-'"},
      {"-a", "1:2: syntax error while parsing value: invalid number; expected digit after '-'; last read: '-a'"},
      {"01", "1:2: syntax error while parsing value: unexpected number literal; expected end of input"},
      {"1.", "1:3: syntax error while parsing value: invalid number; expected digit after '.'; last read: '1.'"},
      {"1.e", "1:3: syntax error while parsing value: invalid number; expected digit after '.'; last read: '1.e'"},
      {"1e", "1:3: syntax error while parsing value: invalid number; expected '+', '-', or digit after exponent; last read: '1e'"},
      {"1e+", "1:4: syntax error while parsing value: invalid number; expected digit after exponent sign; last read: '1e+'"},
      {"1e+x", "1:4: syntax error while parsing value: invalid number; expected digit after exponent sign; last read: '1e+x'"},
      {"1e999", "1:5: number overflow parsing '1e999'"},
      {"-1e999", "1:6: number overflow parsing '-1e999'"},
      {"\"a", "1:3: syntax error while parsing value: invalid string: missing closing quote; last read: '\"a'"},
      {"\"\\", "1:3: syntax error while parsing value: invalid string: forbidden character after backslash; last read: '\"\\'"},
      {"\"\\x\"", "1:3: syntax error while parsing value: invalid string: forbidden character after backslash; last read: '\"\\x'"},
      {"\"\\u12\"", "1:6: syntax error while parsing value: invalid string: '\\u' must be followed by 4 hex digits; last read: '\"\\u12\"'"},
      {"\"\\u12G4\"", "1:6: syntax error while parsing value: invalid string: '\\u' must be followed by 4 hex digits; last read: '\"\\u12G'"},
      {"\"\\uD800\"", "1:8: syntax error while parsing value: invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF; last read: '\"\\uD800\"'"},
      {"\"\\uD800\\u0041\"", "1:13: syntax error while parsing value: invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF; last read: '\"\\uD800\\u0041'"},
      {"\"\\uDC00\"", "1:7: syntax error while parsing value: invalid string: surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF; last read: '\"\\uDC00'"},
      {"\"\\uD800x\"", "1:8: syntax error while parsing value: invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF; last read: '\"\\uD800x'"},
      {"\"\x01""\"", "1:2: syntax error while parsing value: invalid string: control character U+0001 (SOH) must be escaped to \\u0001; last read: '\"<U+0001>'"},
      {"\"\x08""\"", "1:2: syntax error while parsing value: invalid string: control character U+0008 (BS) must be escaped to \\u0008 or \\b; last read: '\"<U+0008>'"},
      {"\"\x09""\"", "1:2: syntax error while parsing value: invalid string: control character U+0009 (HT) must be escaped to \\u0009 or \\t; last read: '\"<U+0009>'"},
      {"\"\x0A""\"", "1:2: syntax error while parsing value: invalid string: control character U+000A (LF) must be escaped to \\u000A or \\n; last read: '\"<U+000A>'"},
      {"\"\x0C""\"", "1:2: syntax error while parsing value: invalid string: control character U+000C (FF) must be escaped to \\u000C or \\f; last read: '\"<U+000C>'"},
      {"\"\x0D""\"", "1:2: syntax error while parsing value: invalid string: control character U+000D (CR) must be escaped to \\u000D or \\r; last read: '\"<U+000D>'"},
      {"\"\x1F""\"", "1:2: syntax error while parsing value: invalid string: control character U+001F (US) must be escaped to \\u001F; last read: '\"<U+001F>'"},
      {"\"\xC1""\xBF""\"", "1:2: syntax error while parsing value: invalid string: ill-formed UTF-8 byte; last read: '\"\xC1""'"},
      {"\"\xE0""\x9F""\x80""\"", "1:3: syntax error while parsing value: invalid string: ill-formed UTF-8 byte; last read: '\"\xE0""\x9F""'"},
      {"\"\xED""\xA0""\x80""\"", "1:3: syntax error while parsing value: invalid string: ill-formed UTF-8 byte; last read: '\"\xED""\xA0""'"},
      {"\"\xF0""\x8F""\x80""\x80""\"", "1:3: syntax error while parsing value: invalid string: ill-formed UTF-8 byte; last read: '\"\xF0""\x8F""'"},
      {"\"\xF4""\x90""\x80""\x80""\"", "1:3: syntax error while parsing value: invalid string: ill-formed UTF-8 byte; last read: '\"\xF4""\x90""'"},
      {"\"\xF5""\"", "1:2: syntax error while parsing value: invalid string: ill-formed UTF-8 byte; last read: '\"\xF5""'"},
      {"\"\xC2""\"", "1:3: syntax error while parsing value: invalid string: ill-formed UTF-8 byte; last read: '\"\xC2""\"'"},
      {"\"\xE2""\x82""\"", "1:3: syntax error while parsing value: invalid string: ill-formed UTF-8 byte; last read: '\"\xE2""\x82""\"'"},
      {"/* c */ 1", "1:1: syntax error while parsing value: invalid literal; last read: '/'"},
      {"1 // c", "1:3: syntax error while parsing value: invalid literal; last read: '1 /'; expected end of input"},
      {"}", "1:1: syntax error while parsing value: unexpected '}'; expected '[', '{', or a literal"},
      {"]", "1:1: syntax error while parsing value: unexpected ']'; expected '[', '{', or a literal"},
      {":", "1:1: syntax error while parsing value: unexpected ':'; expected '[', '{', or a literal"},
      {"x", "1:1: syntax error while parsing value: invalid literal; last read: 'x'"},
      {"[\"\xFF""\"]", "1:3: syntax error while parsing value: invalid string: ill-formed UTF-8 byte; last read: '\"\xFF""'"},
      {"{\"\x01""\":1}", "1:3: syntax error while parsing object key: invalid string: control character U+0001 (SOH) must be escaped to \\u0001; last read: '\"<U+0001>'; expected string literal"},
  };
  for (const Case& c : cases) {
    lede::JsonValue v;
    lede::Problem p;
    INFO("input: " << test::quote(c.json));
    if (lede::read_json(c.json, {}, v, p))
      CHECK(std::string("ok") == c.want);
    else
      CHECK(p.to_string() == c.want);
  }
}

// Inside strings Lede's input adapter hands nlohmann's lexer whole runs of plain bytes
// (json_value.cpp, InputAdapter). Whatever the text, the result must be nlohmann's own
// through its standard adapter: the same values, or the same error at the same byte with
// the same message. Random texts over an alphabet that makes runs meet every byte the
// lexer judges: quotes, escapes, `\u` and surrogate halves, control characters, UTF-8
// sequences at the edges of its ranges (right and wrong, whole and cut), and the
// structure around strings.
TEST_CASE("runs of plain bytes: the values, errors and messages of nlohmann's own adapter") {
  const std::vector<std::string> pieces = {
      "plain words ", "x", "abc", "\"", "\"", "\"", "\\", "\\\"", "\\n", "\\t", "\\/", "\\b", "\\f", "\\r",
      "\\\\", "\\a", "\\u", "\\u00e9", "\\uD83D", "\\uDE00", "\\uD800", "D800", "12", "G", "\x01", "\x1F",
      "\x7F", "\n", "\xC3\xA9", "\xC3", "\xA9",
      "\xE2\x82\xAC", "\xE2\x82", "\xE0\x9F", "\xF0\x9F\x98\x80", "\xF4\x90", "\xC1", "\xFF", "\xC2\x80",
      "\xDF\xBF", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xED\xA0\x80", "\xEF\xBF\xBF", "\xF0\x90\x80\x80",
      "\xF0\x8F\xBF\xBF", "\xF4\x8F\xBF\xBF", "\xF1\x80\x80", "\xF4\x90\x80\x80", "\xE0\x9F\xBF", "\xC0\x80", "\xF5\x80\x80\x80", "a run of sixteen", "\xD0\x9F\xD1\x80\xD0\xB8", "[", "]",
      "{", "}", ":", ",", "1", "-2.5", "true", " ", "/",
      // Members left out of the value (unread_member): their strings, errors and depth.
      "{\"_links\":", "{\"yoast_head\":\"", "{\"a\":{\"yoast_meta\":["};
  std::uint32_t state = 12345;
  auto next = [&state](std::uint32_t n) {
    state = state * 1103515245u + 12345u;
    return (state >> 8) % n;
  };
  int errors = 0;
  for (int round = 0; round < 20000; ++round) {
    // Most texts are mostly strings: an array of a few, each built of random pieces.
    std::string text = "[\"";
    const std::uint32_t length = 1 + next(12);
    for (std::uint32_t i = 0; i < length; ++i) {
      const std::uint32_t pick = next(3) == 0 ? next(pieces.size()) : next(6);
      text += pick < pieces.size() ? pieces[pick] : "plain";
    }
    if (next(4)) text += "\"]";

    const json_oracle::Reading want = json_oracle::read(text);
    lede::JsonValue v;
    lede::Problem got;
    const bool got_ok = lede::read_json(text, {}, v, got);
    INFO("input: " << test::quote(text));
    REQUIRE(got_ok == want.ok);
    if (got_ok) {
      std::vector<std::string> strings;
      json_oracle::collect_strings(v, strings);
      CHECK(strings == want.strings);
      continue;
    }
    ++errors;
    CHECK(got.byte == want.byte);
    // nlohmann's message after its "line 1, column 5: "; Lede writes " - " as ": ".
    std::string message = want.what.substr(want.what.find(": ", want.what.find("column ")) + 2);
    const std::size_t dash = message.find(" - ");
    if (dash != std::string::npos) message.replace(dash, 3, ": ");
    CHECK(got.message == message);
  }
  CHECK(errors > 5000);  // the alphabet reaches the lexer's errors, not only clean strings
}
