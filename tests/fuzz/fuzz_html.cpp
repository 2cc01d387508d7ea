// libFuzzer target: arbitrary bytes as an HTML body, read by the quick parser for
// serialized HTML (src/html/serialized_html_parser.cpp). Wherever it builds a tree
// instead of leaving the input to gumbo, that tree must be gumbo's own, node by node
// (tests/common/gumbo_oracle.hpp; the unit test checks the same on fixed and mutated
// inputs). A difference aborts, which libFuzzer reports as a crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "common/gumbo_oracle.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string html(reinterpret_cast<const char*>(data), size);
  lede::Arena quick_arena;
  const GumboNode* quick = lede::parse_serialized_html(html, quick_arena);
  if (!quick) return 0;
  lede::Arena gumbo_arena;
  std::string d = gumbo_oracle::difference(gumbo_oracle::gumbo_tree(html, gumbo_arena), quick);
  if (!d.empty()) {
    std::fprintf(stderr, "\n==lede-fuzz== the quick parser's tree is not gumbo's: %s\n", d.substr(0, 2000).c_str());
    std::abort();
  }
  return 0;
}
