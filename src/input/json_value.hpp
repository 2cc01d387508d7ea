// Step 1: text → JsonValue, a small read-only JSON value (just enough to read an
// article), with limits and positioned syntax errors. nlohmann/json reads the text
// (src/input/json_value.cpp); its SAX events build the value directly, so no
// exception and no nlohmann DOM is ever involved.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lede/lede.hpp"

namespace lede {

struct JsonValue {
  enum class Type : std::uint8_t { null, boolean, number, string, array, object };

  Type type = Type::null;
  bool boolean = false;
  bool integral = false;  // written without fraction or exponent
  double number = 0;
  std::string string;
  std::vector<JsonValue> items;  // an array's items, or an object's values in input order
  std::vector<std::string> keys;  // an object's keys: keys[i] names items[i]

  // The member's value, or nullptr. With duplicate keys the last one wins, as in
  // JavaScript's JSON.parse.
  const JsonValue* find(std::string_view key) const {
    const JsonValue* found = nullptr;
    for (std::size_t i = 0; i < keys.size(); ++i)
      if (keys[i] == key) found = &items[i];
    return found;
  }
};

// Members no adapter reads, whatever their place: read_json checks them as JSON (syntax,
// depth; most values without nlohmann's parser, json_value.cpp's unread_value) and leaves
// them out of the value. A real WordPress REST post is mostly these:
// the HAL links of the post and of every embedded author, image and term (`_links`) and
// Yoast SEO's copy of the page's <head> (`yoast_head`, an HTML string, or the older
// `yoast_meta`), and every embedded image's renditions (`media_details.sizes`): 6 of the
// 19 KB of frontity's post 57 as WordPress sends it (bench/inputs/wordpress/). Building
// them cost a third of read_json's instructions on such posts, for nothing
// (docs/performance.md, "Stop 31"). An adapter that comes to need one takes it off here.
bool unread_member(std::string_view key);

// Reads `text` as one JSON document. On failure returns false and fills `error`
// (code, message, byte, line, column).
bool read_json(std::string_view text, const Limits& limits, JsonValue& out, Problem& error);

// 1-based line and column (in code points) of a byte offset.
void locate(std::string_view text, std::size_t byte, Problem& p);

}  // namespace lede
