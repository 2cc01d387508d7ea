// src/interface.def as the C++ preprocessor reads it, printed as JSON for
// tests/cli/wasm-interface.test.mjs, which compares it with the JS reading
// (scripts/wasm-interface.mjs). Compiling it checks the table against the code: each
// option names a member of lede::Options, each status is lede::ErrorCode's at its own value,
// and no ErrorCode is missing (a -Wswitch error). (op_writer.hpp's Op enum is generated
// from the same lines, so the op codes need no check here: only the two readings.)
#include <cstddef>
#include <iostream>
#include <iterator>

#include "lede/lede.hpp"

namespace {

constexpr lede::ErrorCode kErrors[] = {
#define LEDE_ERROR(name) lede::ErrorCode::name,
#include "interface.def"
};
constexpr bool in_order() {
  for (std::size_t i = 0; i < std::size(kErrors); ++i)
    if (static_cast<std::size_t>(kErrors[i]) != i) return false;
  return true;
}
static_assert(in_order(), "interface.def lists lede::ErrorCode in its order");

#pragma GCC diagnostic push
#pragma GCC diagnostic error "-Wswitch"
[[maybe_unused]] constexpr bool listed(lede::ErrorCode code) {
  switch (code) {
#define LEDE_ERROR(name) case lede::ErrorCode::name:
#include "interface.def"
      return true;
  }
  return false;
}
#pragma GCC diagnostic pop

}  // namespace

int main() {
  lede::Options options;
  const char* sep = "";
  std::cout << "{\"options\":[";
#define LEDE_OPTION(js_name, member) \
  (void)options.member;              \
  std::cout << sep << '"' << #js_name << '"', sep = ",";
#include "interface.def"
  std::cout << "],\"constants\":{";
  sep = "";
#define LEDE_CONSTANT(name, value) std::cout << sep << '"' << #name << "\":" << (value), sep = ",";
#include "interface.def"
  std::cout << "},\"errors\":[";
  sep = "";
#define LEDE_ERROR(name) std::cout << sep << '"' << #name << '"', sep = ",";
#include "interface.def"
  std::cout << "],\"ops\":{";
  sep = "";
#define LEDE_OP(name, value) std::cout << sep << '"' << #name << "\":" << (value), sep = ",";
#include "interface.def"
  std::cout << "}}\n";
}
