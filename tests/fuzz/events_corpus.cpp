// Seeds fuzz_events with real event streams: every file of the HTML corpus
// (build/fuzz/corpus-html, written by make-corpus.mjs) parsed by gumbo into HTML events'
// byte form, the form producers outside the core (gumbo's own module, the extension's
// walk of Readability's DOM) hand the tree builder. From random bytes alone the fuzzer
// would spend its short run learning the grammar before it reached the builder's rules.
//   events_corpus IN_DIR OUT_DIR
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "html/gumbo_events.hpp"
#include "html/html_events.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: events_corpus IN_DIR OUT_DIR\n";
    return 2;
  }
  namespace fs = std::filesystem;
  fs::create_directories(argv[2]);
  int count = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(argv[1])) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string events;
    lede::HtmlEventWriter writer(events);
    lede::gumbo_html_events(html, writer);
    std::ofstream(fs::path(argv[2]) / entry.path().filename(), std::ios::binary) << events;
    count++;
  }
  std::cout << "events_corpus: " << count << " event streams in " << argv[2] << "\n";
  return count > 0 ? 0 : 1;
}
