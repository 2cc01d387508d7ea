// Issue 17, "same output": an HTML body read by the quick parser and the same body read
// by gumbo alone give byte-identical HTML, on every input at hand: Readability's 130
// outputs and their source pages as HTML bodies, the XSS vectors, every fixture and fuzz
// seed, as tests/same-output-inputs.txt lists them (extension-walk.test.mjs reads that list
// too). A difference would be listed in kKnown (with the doc that classifies it); the test
// fails when one appears that is not listed, and when a listed one disappears.
#include <dirent.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "html/html_to_tree.hpp"
#include "html/rich_parts.hpp"
#include "output/html_writer.hpp"
#include "pipeline.hpp"

namespace {

// None: every input gives the same HTML both ways.
const std::set<std::string> kKnown = {};

std::vector<std::string> files(const std::string& dir, const std::string& name_or_suffix, bool subdirs) {
  std::vector<std::string> out;
  DIR* d = opendir(dir.c_str());
  if (!d) return out;
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n[0] == '.') continue;
    if (subdirs) {
      out.push_back(dir + "/" + n + "/" + name_or_suffix);
    } else if (n.size() > name_or_suffix.size() && n.compare(n.size() - name_or_suffix.size(), name_or_suffix.size(), name_or_suffix) == 0) {
      out.push_back(dir + "/" + n);
    }
  }
  closedir(d);
  return out;
}

// The native extensions, but HTML parts read by gumbo alone.
bool gumbo_only_part(const lede::BodyPart& part, lede::Document& doc, const lede::Options& options,
                     const lede::Extensions& ext, std::vector<lede::Problem>& problems) {
  if (part.kind != lede::BodyPart::Kind::html) return lede::rich_part_to_tree(part, doc, options, ext, problems);
  lede::HtmlOptions html;
  html.max_depth = std::min(options.limits.max_markdown_depth, lede::Limits::kMarkdownDepthCeiling);
  html.path = part.path;
  html.gumbo = ext.gumbo;
  html.quick_parser = false;
  return lede::html_to_tree(part.text, doc, html, problems);
}

std::string render(const std::string& json, const lede::Extensions& ext) {
  lede::Result r;
  lede::Document doc;
  std::string html;
  if (lede::tree_of(json, lede::Options{}, ext, doc, r)) lede::write_html(doc, html);
  return html;
}

}  // namespace

// The inputs of tests/same-output-inputs.txt (the list extension-walk.test.mjs reads too),
// as article JSON, each named as the browser test names it.
static std::vector<std::pair<std::string, std::string>> same_output_inputs() {
  std::vector<std::pair<std::string, std::string>> inputs;  // name, article JSON
  auto html_body = [&](const std::string& name, const std::string& html) {
    if (!html.empty()) inputs.emplace_back(name, "{\"title\":\"T\",\"body_format\":\"html\",\"body\":" + test::quote(html) + "}");
  };
  auto where = [](const std::string& path) {
    return path.rfind("corpora/", 0) == 0 ? LEDE_SOURCE_DIR "/../shared/" + path : LEDE_SOURCE_DIR "/" + path;
  };
  std::string list = test::read_file(LEDE_SOURCE_DIR "/tests/same-output-inputs.txt");
  REQUIRE(!list.empty());
  std::size_t at = 0;
  while (at < list.size()) {
    std::size_t end = list.find('\n', at);
    if (end == std::string::npos) end = list.size();
    std::vector<std::string> words;
    std::string word;
    for (std::size_t i = at; i <= end; ++i) {
      if (i < end && list[i] != ' ') {
        word += list[i];
      } else if (!word.empty()) {
        words.push_back(word);
        word.clear();
      }
    }
    at = end + 1;
    if (words.empty() || words[0][0] == '#') continue;
    INFO(words[0]);
    if (words[0] == "pages" && words.size() == 3) {
      std::string prefix = words[1].rfind("corpora/", 0) == 0 ? words[1].substr(8) : words[1];
      std::vector<std::string> dirs = files(where(words[1]), "", true);
      std::sort(dirs.begin(), dirs.end());
      for (const std::string& dir : dirs) {
        std::string name = dir.substr(where(words[1]).size() + 1);
        name.pop_back();  // files() ends each with a '/'
        html_body(prefix + "/" + name + "/" + words[2], test::read_file(dir + words[2]));
      }
    } else if (words[0] == "files" && words.size() == 3) {
      std::vector<std::string> paths = files(where(words[1]), words[2], false);
      std::sort(paths.begin(), paths.end());
      for (const std::string& path : paths) html_body(words[1] + path.substr(where(words[1]).size()), test::read_file(path));
    } else if (words[0] == "lines" && words.size() == 2) {
      std::string text = test::read_file(where(words[1])), line;
      REQUIRE(!text.empty());
      std::string prefix = words[1].rfind("corpora/", 0) == 0 ? words[1].substr(8) : words[1];
      int n = 0;
      for (char c : text) {
        if (c != '\n') {
          line += c;
          continue;
        }
        html_body(prefix + ":" + std::to_string(++n), line);
        line.clear();
      }
    } else if (words[0] == "json" && words.size() == 2) {
      std::vector<std::string> paths = files(where(words[1]), ".json", false);
      std::sort(paths.begin(), paths.end());
      for (const std::string& path : paths) inputs.emplace_back(words[1] + path.substr(where(words[1]).size()), test::read_file(path));
    } else {
      FAIL("tests/same-output-inputs.txt: a line not understood");
    }
  }
  return inputs;
}

TEST_CASE("the quick parser and gumbo give the same HTML on every input at hand", "[corpus]") {
  std::vector<std::pair<std::string, std::string>> inputs = same_output_inputs();
  REQUIRE(inputs.size() >= 400);

  lede::Extensions gumbo_only = lede::native_extensions();
  gumbo_only.rich_part = gumbo_only_part;
  std::set<std::string> differ;
  for (const auto& [name, json] : inputs)
    if (render(json, lede::native_extensions()) != render(json, gumbo_only)) differ.insert(name);
  for (const std::string& name : differ) {
    INFO(name);
    CHECK(kKnown.count(name) == 1);
  }
  for (const std::string& name : kKnown) {
    INFO(name << " is listed as a difference but gives the same HTML now: take it off kKnown");
    CHECK(differ.count(name) == 1);
  }
}

namespace {

// How many bodies, titles and summaries in HTML the quick parser gave up on: the pages
// that, in a browser, load lede-gumbo.wasm (gumbo and the lenient reader).
int g_gumbo_parses = 0;

bool counting_gumbo(std::string_view html, bool lenient_only, lede::HtmlSink& sink, lede::HtmlFallbackNotes& notes) {
  ++g_gumbo_parses;
  return lede::native_extensions().gumbo(html, lenient_only, sink, notes);
}

// Whether rendering `json` (the item `item`) needed lede-gumbo.wasm.
bool needs_gumbo(const std::string& json, const std::string& item = "") {
  lede::Extensions ext = lede::native_extensions();
  ext.gumbo = counting_gumbo;
  lede::set_html_text_reader(counting_gumbo);
  lede::Options options;
  options.item = item;
  lede::Result r;
  lede::Document doc;
  g_gumbo_parses = 0;
  lede::tree_of(json, options, ext, doc, r);
  lede::set_html_text_reader(lede::native_extensions().gumbo);
  return g_gumbo_parses > 0;
}

}  // namespace

// Issue 17 asks how often a browser has to load lede-gumbo.wasm: the share of articles
// whose HTML the quick parser gives up on. Printed for docs/performance.md ("HTML bodies");
// the bound only says the quick parser stays the common case.
TEST_CASE("how often the quick parser gives up (a browser then loads lede-gumbo.wasm)", "[corpus]") {
  const std::string corpora = LEDE_SOURCE_DIR "/../shared/corpora";
  for (const char* page : {"expected.html", "source.html"}) {
    int n = 0, gumbo = 0;
    for (const std::string& path : files(corpora + "/readability-pages", page, true)) {
      std::string html = test::read_file(path);
      if (html.empty()) continue;
      ++n;
      gumbo += needs_gumbo("{\"title\":\"T\",\"body_format\":\"html\",\"body\":" + test::quote(html) + "}");
    }
    std::fprintf(stderr, "readability-pages/*/%s as HTML bodies: lede-gumbo.wasm needed for %d of %d\n", page, gumbo, n);
    REQUIRE(n >= 100);
    if (std::string(page) == "expected.html") CHECK(gumbo * 4 <= n);
  }
  int items = 0, gumbo = 0, feeds = 0;
  for (const char* dir : {"apple-news", "atom", "jsonfeed", "rss", "schema-org", "wordpress"}) {
    std::string folder = LEDE_SOURCE_DIR "/tests/corpus/publishers/" + std::string(dir);
    for (const std::string& path : files(folder, "", false)) {
      std::string input = test::read_file(path);
      std::vector<lede::Item> list;
      if (!lede::list_items(input, list).ok()) continue;
      ++feeds;
      for (std::size_t i = 0; i < list.size(); ++i) {
        ++items;
        gumbo += needs_gumbo(input, std::to_string(i));
      }
    }
  }
  std::fprintf(stderr, "tests/corpus/publishers: lede-gumbo.wasm needed for %d of %d items (%d inputs)\n", gumbo, items,
               feeds);
  REQUIRE(items >= 50);
}
