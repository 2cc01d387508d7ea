// web/dist/lede-xml.wasm: expat (input/adapters/xml.cpp) and the feed adapters (rss.cpp,
// atom.cpp), for RSS and Atom feeds only. lede-html.wasm hands it a feed (through two
// functions web/lede.js imports into lede-html.wasm) and reads back the article it read
// (article_outcome.cpp), so that pages showing articles never download expat or the feed
// adapters, and those are in this module alone.
#include <cstdlib>
#include <string>

#include "html/html_to_tree.hpp"
#include "html/lenient_html_parser.hpp"
#include "input/adapters/article_outcome.hpp"
#include "input/adapters/xml.hpp"
#include "input/formats.hpp"

#define LEDE_EXPORT(name) extern "C" __attribute__((export_name(#name)))

namespace {
std::string g_outcome;

// Feeds' HTML titles and summaries the quick parser gives up on (adapt::html_text): the
// lenient reader, linked here; gumbo is not.
bool lenient(std::string_view html, bool lenient_only, lede::HtmlSink& sink, lede::HtmlFallbackNotes& notes) {
  return lede::read_given_up_html(html, lenient_only, sink, notes, nullptr);
}
}  // namespace

LEDE_EXPORT(lede_xml_alloc) void* lede_xml_alloc(std::size_t size) { return std::malloc(size ? size : 1); }

// Reads a feed request of `size` bytes at `request` (from lede_xml_alloc; freed here)
// and returns the size of the outcome, at lede_xml_data() until lede_xml_clear().
LEDE_EXPORT(lede_xml_parse) std::size_t lede_xml_parse(char* request, std::size_t size) {
  lede::set_html_text_reader(lenient);
  lede::Options options;
  std::string_view xml;
  lede::Article article;
  std::vector<lede::Problem> problems;
  if (lede::read_feed_request(std::string_view(request, size), options, xml)) {
    lede::read_xml_article(lede::read_xml, xml, options, article, problems);
  } else {
    problems.push_back(lede::Problem{lede::ErrorCode::syntax, false, "", "the feed request could not be read"});
  }
  std::free(request);
  g_outcome.clear();
  lede::write_article_outcome(article, problems, g_outcome);
  return g_outcome.size();
}

LEDE_EXPORT(lede_xml_data) const char* lede_xml_data() { return g_outcome.data(); }

// Memory never shrinks, but what it holds is given back for the next parse.
LEDE_EXPORT(lede_xml_clear) void lede_xml_clear() { std::string().swap(g_outcome); }
