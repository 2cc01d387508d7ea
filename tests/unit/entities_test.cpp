#include <catch2/catch.hpp>

#include <cstring>

#include "md4c_entities.hpp"
#include "tree/entities.hpp"

extern "C" {
#include "entity.h"  // md4c's own table, compiled into the tests only, as the reference
}

TEST_CASE("every named reference decodes exactly as in md4c's table") {
  std::string text = md4c_entity_source();
  std::size_t checked = 0;
  for (std::size_t at = text.find("{ \"&"); at != std::string::npos; at = text.find("{ \"&", at + 1)) {
    std::size_t end = text.find('"', at + 3);
    std::string ref = text.substr(at + 3, end - at - 3);  // "&name;"
    const ENTITY* e = entity_lookup(ref.c_str(), ref.size());
    REQUIRE(e);
    std::string expected, got;
    lede::append_utf8(expected, e->codepoints[0]);
    if (e->codepoints[1]) lede::append_utf8(expected, e->codepoints[1]);
    INFO(ref);
    REQUIRE(lede::decode_entity(ref, got));
    CHECK(got == expected);
    ++checked;
  }
  CHECK(checked == 2125);
  CHECK(lede::take_missing_entity().empty());  // the full table never sends an article on
}

TEST_CASE("unknown, partial and malformed references are not decoded") {
  std::string out;
  for (const char* ref : {"&bogus;", "&amp", "&;", "&Amp;", "&ampx;", "&a;", "&zwnjx;", "&#;", "&#x;",
                          "&#12a;", "&", "&aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;"}) {
    INFO(ref);
    CHECK_FALSE(lede::decode_entity(ref, out));
  }
  CHECK(out.empty());
  CHECK(lede::decode_entity("&AElig;", out));  // the very first name
  CHECK(lede::decode_entity("&zwnj;", out));   // and the last
  CHECK(out == "\xC3\x86\xE2\x80\x8C");
  CHECK(lede::take_missing_entity().empty());
}

TEST_CASE("numeric references, with HTML's substitutions") {
  auto d = [](const char* ref) {
    std::string out;
    REQUIRE(lede::decode_entity(ref, out));
    return out;
  };
  CHECK(d("&#65;") == "A");
  CHECK(d("&#x41;") == "A");
  CHECK(d("&#X1F600;") == "\xF0\x9F\x98\x80");
  CHECK(d("&#0;") == "\xEF\xBF\xBD");
  CHECK(d("&#xD800;") == "\xEF\xBF\xBD");
  CHECK(d("&#x110000;") == "\xEF\xBF\xBD");
  CHECK(d("&#99999999999999999999;") == "\xEF\xBF\xBD");
}

TEST_CASE("decode_entities decodes a whole string the way an attribute value would") {
  CHECK(lede::decode_entities("a&amp;b &lt;&#106avascript&colon; &unknown; &") ==
        "a&b <javascript: &unknown; &");
}
