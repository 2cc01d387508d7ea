// web/dist/lede-xml.wasm: expat and read_xml() (input/adapters/xml.cpp), for RSS and Atom
// feeds only. lede-html.wasm hands it a feed (through two functions web/lede.js imports
// into lede-html.wasm) and reads back the outcome (xml_outcome.cpp), so that pages
// showing articles never download expat.
#include <cstdlib>
#include <string>

#include "input/adapters/xml.hpp"

#define LEDE_EXPORT(name) extern "C" __attribute__((export_name(#name)))

namespace {
std::string g_outcome;
}  // namespace

LEDE_EXPORT(lede_xml_alloc) void* lede_xml_alloc(std::size_t size) { return std::malloc(size ? size : 1); }

// Reads `size` bytes of XML at `xml` (from lede_xml_alloc; freed here) within the two
// limits read_xml() uses, and returns the size of the outcome, at lede_xml_data() until
// lede_xml_clear().
LEDE_EXPORT(lede_xml_parse)
std::size_t lede_xml_parse(char* xml, std::size_t size, std::size_t max_input_bytes, std::size_t max_depth) {
  lede::Limits limits;
  limits.max_input_bytes = max_input_bytes;
  limits.max_json_depth = max_depth;
  lede::XmlNode root;
  lede::Problem error;
  bool ok = lede::read_xml(std::string_view(xml, size), limits, root, error);
  std::free(xml);
  g_outcome.clear();
  lede::write_xml_outcome(ok, root, error, g_outcome);
  return g_outcome.size();
}

LEDE_EXPORT(lede_xml_data) const char* lede_xml_data() { return g_outcome.data(); }

// Memory never shrinks, but what it holds is given back for the next parse.
LEDE_EXPORT(lede_xml_clear) void lede_xml_clear() { std::string().swap(g_outcome); }
