// libFuzzer target: arbitrary bytes as an HTML event stream (src/html/html_events.hpp),
// the interface any producer outside the core may write, into the tree builder. Whatever
// the stream says, the document tree must hold only what the allowlist allows, balanced,
// with URLs by the policy and ids Lede made (fuzz_common.hpp's check_dom), and its
// op-stream must serialise to exactly its HTML.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "html/html_to_tree.hpp"
#include "output/html_writer.hpp"
#include "pipeline.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view events(reinterpret_cast<const char*>(data), size);
  for (std::size_t depth : {std::size_t{64}, std::size_t{3}}) {
    lede::Document doc;
    lede::NodeId article = doc.open(lede::Tag::article);
    doc.open(lede::Tag::div);
    lede::HtmlOptions options;
    options.max_depth = depth;
    // What the CLI has for markup the quick parser gives up on (a <noscript>'s, in events).
    options.gumbo = lede::native_extensions().gumbo;
    std::vector<lede::Problem> problems;
    lede::html_events_to_tree(events, doc, options, problems);
    doc.close_to(article);
    doc.close();
    std::string html;
    lede::write_html(doc, html);
    lede::OpStream ops;
    lede::write_ops(doc, ops);
    fuzz::Dom dom = fuzz::decode(ops);
    fuzz::check_dom(dom);
    std::string replayed = fuzz::serialize(dom);
    FUZZ_CHECK(replayed == html, "op-stream and HTML differ:\nops:  " + replayed + "\nhtml: " + html);
    FUZZ_CHECK(html.find("<script") == std::string::npos, "a script element");
    for (const lede::Problem& p : problems) FUZZ_CHECK(p.warning, "an error from HTML events: " + p.message);
  }
  return 0;
}
