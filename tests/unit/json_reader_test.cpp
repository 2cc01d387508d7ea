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
