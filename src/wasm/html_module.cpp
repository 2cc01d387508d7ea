// web/dist/lede-html.wasm: the core with HTML bodies and the other formats. gumbo and the
// lenient reader, for the HTML the quick parser gives up on, expat with the feed
// adapters, and md4c, for Markdown, are
// modules of their own (lede-gumbo.wasm, lede-xml.wasm, lede-markdown.wasm:
// gumbo_module.cpp, xml_module.cpp, markdown_module.cpp), each reached through two
// functions web/lede.js supplies; -1 from the first says the module is not loaded yet,
// which becomes a needs_html_parser error naming it (renderAsync loads it and renders
// again).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "html/html_to_tree.hpp"
#include "html/rich_parts.hpp"
#include "input/adapters/adapters.hpp"
#include "input/adapters/article_outcome.hpp"
#include "input/formats.hpp"
#include "layout/body_view.hpp"
#include "markdown/markdown_events.hpp"
#include "problems.hpp"
#include "tree/entities.hpp"
#include "wasm/exports.hpp"

extern "C" {
#include "md4c.h"  // MD_PARSER only: md4c itself is in lede-markdown.wasm

// The size of the events of `size` bytes of HTML read by lede-gumbo.wasm (gumbo or the
// lenient reader; the lenient reader alone if `lenient_only`) and of one byte of notes
// after them, or -1.
__attribute__((import_module("env"), import_name("lede_gumbo_parse"))) long lede_gumbo_parse(const char* html,
                                                                                               std::size_t size,
                                                                                               int lenient_only);
// Copies those bytes to `out` (as many as lede_gumbo_parse said).
__attribute__((import_module("env"), import_name("lede_gumbo_take"))) void lede_gumbo_take(char* out);
// The size of the article lede-xml.wasm read from a feed request of `size` bytes
// (article_outcome.hpp), or -1.
__attribute__((import_module("env"), import_name("lede_xml_parse"))) long lede_xml_parse(const char* request,
                                                                                           std::size_t size);
// Copies that outcome to `out`.
__attribute__((import_module("env"), import_name("lede_xml_take"))) void lede_xml_take(char* out);
// The size of md4c's callbacks (markdown/markdown_events.hpp) for `size` bytes of
// Markdown read with `flags` by lede-markdown.wasm, -3 if they pass `max_bytes`, or -1.
__attribute__((import_module("env"), import_name("lede_markdown_parse"))) long lede_markdown_parse(
    const char* markdown, std::size_t size, unsigned flags, std::size_t max_bytes);
// Copies those callbacks to `out`.
__attribute__((import_module("env"), import_name("lede_markdown_take"))) void lede_markdown_take(char* out);
// A named reference outside HTML 4's, looked up in lede-gumbo.wasm's full table: 1 with
// its two code points at `out`, 0 for a name in no list, -1 if that module is not loaded.
__attribute__((import_module("env"), import_name("lede_entity"))) int lede_entity(const char* name, std::size_t size,
                                                                                   std::uint32_t* out);
}

namespace {

std::string g_body_events;
bool g_has_body_events = false;

// The article's body becomes the events lede_set_body_events gave, if it gave some:
// whatever body its JSON holds (Readability's `content` is sent empty) is dropped. The
// events count against the input limit, as the HTML they stand for would; nothing in
// them is an error (html_events.hpp).
bool body_events(lede::Article& article, const lede::Options& options, lede::Result& r) {
  std::string events;
  events.swap(g_body_events);
  if (!std::exchange(g_has_body_events, false) || !r.ok()) return true;
  if (events.size() > options.limits.max_input_bytes) {
    // First, before the reader's warnings.
    std::vector<lede::Problem> all{lede::error_problem(
        lede::ErrorCode::too_large, "body",
        "the body's HTML events (" + std::to_string(events.size()) + " bytes) are larger than the input limit of " +
            std::to_string(options.limits.max_input_bytes) + " bytes")};
    for (lede::Problem& p : r.problems) all.push_back(std::move(p));
    r.problems.swap(all);
    return false;
  }
  article.body.clear();
  lede::BodyPart part;
  part.kind = lede::BodyPart::Kind::html_events;
  part.text = std::move(events);
  part.path = "body";
  article.body.push_back(std::move(part));
  return true;
}

bool gumbo(std::string_view html, bool lenient_only, lede::HtmlSink& sink, lede::HtmlFallbackNotes& notes) {
  long size = lede_gumbo_parse(html.data(), html.size(), lenient_only);
  if (size < 1) return false;
  std::string events(static_cast<std::size_t>(size), '\0');
  lede_gumbo_take(events.data());
  notes = lede::HtmlFallbackNotes::from_byte(events.back());
  events.pop_back();
  lede::read_html_events(events, sink);
  return true;
}

// Extensions::markdown: md4c in lede-markdown.wasm, its callbacks replayed here into
// markdown_to_tree's, which therefore build what they build from md_parse elsewhere. The
// stream is bounded by the output limit, as what the builder makes of it is (a few bytes
// of Markdown can call back with a long link destination many times). When md4c is not
// loaded, or stopped at that bound, nothing is built and the render is refused after
// layout (markdown_refused).
long g_markdown_failure = 0;  // 0, or lede_markdown_parse's -1 or kMarkdownStreamTooLarge

int markdown(const char* text, unsigned size, const MD_PARSER* parser, void* userdata) {
  long n = lede_markdown_parse(text, size, parser->flags, lede_wasm::options().limits.max_output_bytes);
  if (n < 0) {
    if (!g_markdown_failure) g_markdown_failure = n;
    return 1;
  }
  std::string events(static_cast<std::size_t>(n), '\0');
  lede_markdown_take(events.data());
  return lede::read_markdown_events(events, *parser, userdata);
}

bool markdown_refused(lede::Problem& error) {
  long failure = std::exchange(g_markdown_failure, 0);
  if (!failure) return false;
  error = failure == lede::kMarkdownStreamTooLarge
              ? lede::error_problem(lede::ErrorCode::output_limit, "body",
                                    "md4c's reading of the Markdown is larger than the output limit")
              : lede::error_problem(lede::ErrorCode::needs_html_parser, "body",
                                    "Markdown needs lede-markdown.wasm here (renderAsync loads it)");
  return true;
}

// After layout: md4c missing or stopped (markdown_refused), or a title or summary sent as
// HTML that the quick parser gave up on while lede-gumbo.wasm is not loaded (as for a body).
bool refused(lede::Problem& error) {
  bool text_unread = lede::take_html_text_unread();
  if (markdown_refused(error)) return true;
  if (!text_unread) return false;
  error = lede::Problem{lede::ErrorCode::needs_html_parser, false, "",
                        "a title or text sent as HTML needs lede-gumbo.wasm (renderAsync loads it)"};
  return true;
}

int entity(std::string_view name, unsigned long& first, unsigned long& second) {
  std::uint32_t out[2] = {0, 0};
  int found = lede_entity(name.data(), name.size(), out);
  first = out[0];
  second = out[1];
  return found;
}

void read_feed(std::string_view xml, const lede::Options& options, lede::Article& article,
               std::vector<lede::Problem>& problems) {
  std::string request;
  lede::write_feed_request(xml, options, request);
  long size = lede_xml_parse(request.data(), request.size());
  if (size < 0) {
    problems.push_back(lede::Problem{lede::ErrorCode::needs_html_parser, false, "",
                                     "a feed needs lede-xml.wasm (renderAsync loads it)"});
    return;
  }
  std::string().swap(request);
  std::string outcome(static_cast<std::size_t>(size), '\0');
  lede_xml_take(outcome.data());
  lede::read_article_outcome(outcome, article, problems);
}

}  // namespace

LEDE_EXPORT(lede_render) int lede_render(char* json, std::size_t size, int format) {
  static const lede::Extensions html{lede::read_foreign_article, read_feed, lede::resolve_urls, lede::rich_part_to_tree, gumbo,
                                     markdown};
  lede::set_entity_fallback(entity);
  lede::set_html_text_reader(gumbo);
  lede::take_html_text_unread();
  return lede_wasm::render(json, size, format, html, body_events, refused);
}

// The next render's body as HTML events in their byte form (docs/html-events.md), `size`
// bytes at `events`, copied: in place of the body its article JSON gives. A front door
// that has the article's DOM already (the browser extension, walking Readability's
// result) sends it so, instead of serialising it for the core to parse again. Only that
// render uses them. lede.wasm has no tree builder and no such export.
LEDE_EXPORT(lede_set_body_events) void lede_set_body_events(const char* events, std::size_t size) {
  g_body_events.assign(events, size);
  g_has_body_events = true;
}
