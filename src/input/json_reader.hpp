// Step 1: text → JsonValue, with limits and positioned syntax errors.
#pragma once
#include <string_view>

#include "input/json_value.hpp"
#include "lede/lede.hpp"

namespace lede {

// Reads `text` as one JSON document. On failure returns false and fills `error`
// (code, message, byte, line, column).
bool read_json(std::string_view text, const Limits& limits, JsonValue& out, Problem& error);

// 1-based line and column (in code points) of a byte offset.
void locate(std::string_view text, std::size_t byte, Problem& p);

}  // namespace lede
