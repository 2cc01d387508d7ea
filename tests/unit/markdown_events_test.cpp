// md4c's callbacks as bytes (markdown/markdown_events.hpp): lede-html.wasm builds its
// Markdown from them, replayed from lede-markdown.wasm, where lede.wasm and the native
// build call md4c directly. The same builder reads both, so the output must be the same
// byte for byte: checked here on every example of the CommonMark spec and of md4c's test
// files, the fixtures, and shapes that stress the limits, with each option that changes
// what the builder does.
#include <catch2/catch.hpp>

#include <filesystem>
#include <vector>

#include "helpers.hpp"
#include "markdown/markdown_to_tree.hpp"
#include "output/html_writer.hpp"
#include "problems.hpp"
#include "unit/markdown_stream.hpp"

namespace fs = std::filesystem;

namespace {

// The examples of a spec-style file (CommonMark's spec.txt, md4c's test/*.txt): the
// Markdown before the first "." line of each example block, → standing for a tab.
std::vector<std::string> examples(const std::string& path) {
  const std::string fence(32, '`');
  std::vector<std::string> out;
  std::string text = test::read_file(path), line, markdown;
  std::size_t pos = 0;
  enum { outside, source, rest } state = outside;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    line = text.substr(pos, end - pos);
    pos = end + 1;
    if (state == outside) {
      if (line.rfind(fence + " example", 0) == 0) {
        state = source;
        markdown.clear();
      }
    } else if (state == source) {
      if (line == ".") {
        std::string tabbed;
        for (std::size_t i = 0; i < markdown.size(); ++i) {
          if (markdown.compare(i, 3, "\xE2\x86\x92") == 0) {
            tabbed += '\t';
            i += 2;
          } else {
            tabbed += markdown[i];
          }
        }
        out.push_back(tabbed);
        state = rest;
      } else {
        markdown += line + "\n";
      }
    } else if (line == fence) {
      state = outside;
    }
  }
  return out;
}

std::vector<std::string> all_examples() {
  std::vector<std::string> all;
  for (const char* f : {"spec.txt", "spec-tables.txt", "spec-strikethrough.txt", "spec-tasklists.txt",
                        "spec-permissive-autolinks.txt", "spec-hard-soft-breaks.txt", "spec-latex-math.txt",
                        "spec-underline.txt", "spec-wiki-links.txt", "regressions.txt", "coverage.txt"}) {
    auto some = examples(std::string(LEDE_SOURCE_DIR "/build/deps/md4c/test/") + f);
    all.insert(all.end(), some.begin(), some.end());
  }
  auto cm = examples(LEDE_SOURCE_DIR "/node_modules/commonmark-spec/spec.txt");
  all.insert(all.end(), cm.begin(), cm.end());
  return all;
}

struct Rendered {
  bool ok;
  std::string html, problems;
};

Rendered render(const std::string& json, const lede::Options& options, const lede::Extensions& ext) {
  lede::Result result;
  lede::Document doc(options.nofollow);
  Rendered out{lede::tree_of(json, options, ext, doc, result), "", ""};
  if (out.ok) lede::write_html(doc, out.html);
  for (const lede::Problem& p : result.problems) out.problems += p.to_string() + "\n";
  return out;
}

std::string article(const std::string& markdown) { return "{\"title\":\"T\",\"body\":" + test::quote(markdown) + "}"; }

std::vector<lede::Options> option_sets() {
  std::vector<lede::Options> sets(3);
  sets[1].keep_safe_html = true;
  sets[2].limits.max_markdown_depth = 3;  // flattening past the limit
  return sets;
}

// Compares md_parse with the stream on `json`; returns a description of the first
// difference, or "".
std::string differs(const std::string& json, const lede::Options& options) {
  Rendered direct = render(json, options, lede::native_extensions());
  Rendered replayed = render(json, options, test::stream_extensions());
  if (direct.ok != replayed.ok || direct.html != replayed.html || direct.problems != replayed.problems)
    return "direct:\n" + direct.html + direct.problems + "\nreplayed:\n" + replayed.html + replayed.problems;
  return "";
}

}  // namespace

TEST_CASE("md4c's callbacks replayed from their byte form build the same HTML: spec and md4c examples") {
  std::vector<std::string> all = all_examples();
  REQUIRE(all.size() > 1400);  // CommonMark's 652, and md4c's files (spec.txt is CommonMark's too)
  std::size_t compared = 0;
  for (const lede::Options& options : option_sets())
    for (const std::string& markdown : all) {
      INFO(markdown);
      REQUIRE(differs(article(markdown), options) == "");
      ++compared;
    }
  CHECK(compared == 3 * all.size());
}

TEST_CASE("md4c's callbacks replayed from their byte form build the same HTML: fixtures and hostile shapes") {
  std::vector<std::string> inputs;
  inputs.push_back(test::seed_json());
  for (const auto& e : fs::recursive_directory_iterator(LEDE_SOURCE_DIR "/tests/fixtures"))
    if (e.path().extension() == ".json") inputs.push_back(test::read_file(e.path().string()));
  // Apple News's components in Markdown (rich_parts.cpp), headings and captions included.
  inputs.push_back(R"j({"title":"T","components":[{"role":"heading2","text":"A *b* [c](https://e.example/)",)j"
                   R"j("format":"markdown"},{"role":"body","format":"markdown","text":"- [x] done\n- [ ] not\n\n| a |\n|:-:|\n| b |"},)j"
                   R"j({"role":"caption","format":"markdown","text":"![alt *x*](https://e.example/i.png \"t\")"}]})j");
  std::string deep, quotes, links = "[r]: https://example.com/a&amp;b\\*c \"t&quot;\"\n\n", entities, nul;
  for (int i = 0; i < 300; ++i) {
    deep += std::string(static_cast<std::size_t>(i % 40), ' ') + "- item\n";
    quotes += std::string(static_cast<std::size_t>(i), '>') + " q\n";
    links += "[x][r] ![i](javascript:alert(1)) <https://a.example/" + std::to_string(i) + "> www.b.example ";
    entities += "&amp; &ClockwiseContourIntegral; &#x1F600; &#0; &bogus; ";
    nul += std::string("a\0b", 3) + "`c\0d` [e\0](f\0g) ";
  }
  for (const std::string& md : {deep, quotes, links, entities, nul, std::string("<details><summary>s</summary>\n\n*x*\n\n</details> <sup>1</sup> <script>x</script>")})
    inputs.push_back(article(md));
  for (const lede::Options& options : option_sets())
    for (const std::string& json : inputs) {
      INFO(json.substr(0, 200));
      REQUIRE(differs(json, options) == "");
    }
}

namespace {

// Replays only the first `g_cut` bytes of the stream: a reader given a broken stream
// stops at the break, and the builder closes what it opened.
std::size_t g_cut = 0;
int cut_stream(const char* text, unsigned size, const MD_PARSER* parser, void* userdata) {
  std::string events;
  lede::write_markdown_events(std::string_view(text, size), parser->flags, events, SIZE_MAX);
  events.resize(std::min(events.size(), g_cut));
  return lede::read_markdown_events(events, *parser, userdata);
}

// Callbacks that count the events called back into the int their userdata points to.
MD_PARSER counting_parser() {
  MD_PARSER counter{};
  counter.enter_block = [](MD_BLOCKTYPE, void*, void* u) { return ++*static_cast<int*>(u), 0; };
  counter.leave_block = counter.enter_block;
  counter.enter_span = [](MD_SPANTYPE, void*, void* u) { return ++*static_cast<int*>(u), 0; };
  counter.leave_span = counter.enter_span;
  counter.text = [](MD_TEXTTYPE, const MD_CHAR*, MD_SIZE, void* u) { return ++*static_cast<int*>(u), 0; };
  return counter;
}

lede::Extensions with(lede::MarkdownParser parse) {
  lede::Extensions e = lede::native_extensions();
  e.markdown = parse;
  return e;
}

}  // namespace

TEST_CASE("a stream cut anywhere replays what it holds into a well-formed tree") {
  std::string md = "# H\n\n> a *b **c [d](https://e.example/ \"t\") ![i](https://e.example/i.png)** `x`*\n\n"
                   "1. one\n2. [x] two\n\n| a | b |\n|---|--:|\n| c | d |\n\n```js\ncode\n```\n";
  std::string events;
  // Lede's flags (markdown_to_tree.cpp), so that every cut falls inside the stream.
  REQUIRE(lede::write_markdown_events(md, MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS |
                                              MD_FLAG_PERMISSIVEAUTOLINKS | MD_FLAG_NOHTML,
                                      events, SIZE_MAX) == 0);
  lede::Extensions ext = with(cut_stream);
  for (g_cut = 0; g_cut <= events.size(); ++g_cut) {
    Rendered r = render(article(md), lede::Options{}, ext);
    INFO(g_cut);
    REQUIRE(r.ok);
    REQUIRE(r.html.find("</article>") != std::string::npos);
  }
  // Whole, it is md_parse's.
  g_cut = SIZE_MAX;
  CHECK(render(article(md), lede::Options{}, ext).html == render(article(md), lede::Options{}, lede::native_extensions()).html);
}

TEST_CASE("bytes that are not a stream call back nothing past the first bad event") {
  int calls = 0;
  const MD_PARSER counter = counting_parser();
  // enter P, then a text whose length runs past the end; a block type md4c has not; an
  // attribute whose pieces are out of order.
  CHECK(lede::read_markdown_events(std::string("\x01\x09\x05\x00\x7F" "ab", 7), counter, &calls) == 0);
  CHECK(calls == 1);
  calls = 0;
  CHECK(lede::read_markdown_events(std::string("\x01\x40", 2), counter, &calls) == 0);
  CHECK(calls == 0);
  std::string link("\x03\x02" "\x04" "abc" "\x02" "\x00\x00" "\x00\x00" "\x00" "\x00" "\x00", 14);
  CHECK(lede::read_markdown_events(link, counter, &calls) == 0);
  CHECK(calls == 0);
  // The same link with its pieces in order is called back.
  link[10] = '\x01';
  CHECK(lede::read_markdown_events(link, counter, &calls) == 0);
  CHECK(calls == 1);
}

TEST_CASE("the writer stops md4c once its bytes pass the bound, at the end of a whole event") {
  std::string md(200, 'a'), events;
  md += " *b* [c](https://d.example/)";
  CHECK(lede::write_markdown_events(md, 0, events, 64) == lede::kMarkdownStreamTooLarge);
  CHECK(events.size() > 64);
  CHECK(events.size() < 64 + 220);  // the event that passed it, no more
  int calls = 0;
  const MD_PARSER counter = counting_parser();
  CHECK(lede::read_markdown_events(events, counter, &calls) == 0);
  CHECK(calls == 3);  // enter DOC, enter P, the text: every byte read as events
  events.clear();
  CHECK(lede::write_markdown_events(md, 0, events, SIZE_MAX) == 0);
}

TEST_CASE("a build without md4c refuses a Markdown body") {
  Rendered none = render(article("*a*"), lede::Options{}, with(nullptr));
  CHECK_FALSE(none.ok);
  CHECK(none.problems == std::string("body: ") + lede::kNeedsHtmlModule + "\n");
}
