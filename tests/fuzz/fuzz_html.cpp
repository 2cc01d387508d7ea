// libFuzzer target: arbitrary bytes as an HTML body, read by the quick parser for
// serialized HTML (src/html/serialized_html_parser.cpp), by the lenient reader and by
// gumbo's work estimate (src/html/lenient_html_parser.cpp). Wherever the quick parser
// builds a tree instead of leaving the input to gumbo, that tree must be gumbo's own,
// node by node (tests/common/gumbo_oracle.hpp; the unit test checks the same on fixed
// and mutated inputs), and so must the lenient reader's outside SVG and MathML. A
// difference aborts, which libFuzzer reports as a crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "common/gumbo_oracle.hpp"
#include "html/lenient_html_parser.hpp"
#include "html/serialized_html_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string html(reinterpret_cast<const char*>(data), size);
  // The lenient reader (src/html/lenient_html_parser.cpp) and gumbo's work estimate take
  // any input; where the quick parser takes it too (HTML only inserts and pops) and
  // there is no foreign content, the lenient tree is gumbo's as well.
  lede::gumbo_work(html, lede::kGumboWorkPerByte * html.size() + lede::kGumboWorkBase);
  lede::HtmlTree lenient, quick, gumbo;
  lede::lenient_html_events(html, lenient);
  if (!lede::serialized_html_events(html, quick)) return 0;
  gumbo_oracle::gumbo_tree(html, gumbo);
  std::string d = gumbo_oracle::difference(gumbo, quick);
  if (!d.empty()) {
    std::fprintf(stderr, "\n==lede-fuzz== the quick parser's tree is not gumbo's: %s\n", d.substr(0, 2000).c_str());
    std::abort();
  }
  bool foreign = false;
  for (const char* tag : {"<svg", "<math", "<SVG", "<MATH", "<Svg", "<Math"}) foreign = foreign || html.find(tag) != std::string::npos;
  if (foreign) return 0;
  d = gumbo_oracle::difference(gumbo, lenient);
  if (!d.empty()) {
    std::fprintf(stderr, "\n==lede-fuzz== the lenient tree is not gumbo's: %s\n", d.substr(0, 2000).c_str());
    std::abort();
  }
  return 0;
}
