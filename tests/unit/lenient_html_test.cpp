// src/html/lenient_html_parser.cpp: what gumbo's work is judged to be, and the lenient
// reading that takes its place past the budget.
#include <dirent.h>

#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "common/gumbo_oracle.hpp"
#include "helpers.hpp"
#include "html/lenient_html_parser.hpp"
#include "html/serialized_html_parser.hpp"

namespace {

std::vector<std::string> corpus_pages(const char* file) {
  std::vector<std::string> out;
  std::string dir = LEDE_SOURCE_DIR "/../shared/corpora/readability-pages";
  DIR* d = opendir(dir.c_str());
  if (!d) return out;
  while (dirent* e = readdir(d)) {
    if (e->d_name[0] == '.') continue;
    std::string html = test::read_file(dir + "/" + e->d_name + "/" + file);
    if (!html.empty()) out.push_back(std::move(html));
  }
  closedir(d);
  return out;
}

std::string repeat(const std::string& unit, std::size_t times) {
  std::string out;
  for (std::size_t k = 0; k < times; ++k) out += unit;
  return out;
}

std::string budget_of(const std::string& html) {
  std::size_t budget = lede::kGumboWorkPerByte * html.size() + lede::kGumboWorkBase;
  return std::to_string(lede::gumbo_work(html, ~std::size_t{0} / 2)) + " of " + std::to_string(budget);
}

std::string lenient_body(const std::string& html) {
  std::string out = test::render("{\"title\":\"T\",\"body_format\":\"html\",\"body\":" + test::quote(html) + "}");
  std::size_t b = out.find("<div class=\"lede-body\">");
  return b == std::string::npos ? out : out.substr(b);
}

bool has_foreign(const std::string& html) {
  return html.find("<svg") != std::string::npos || html.find("<math") != std::string::npos ||
         html.find("<SVG") != std::string::npos || html.find("<MATH") != std::string::npos;
}

}  // namespace

TEST_CASE("gumbo's work on real pages is far below the budget, on hostile shapes far above it", "[corpus]") {
  std::vector<std::string> pages = corpus_pages("source.html");
  for (const std::string& p : corpus_pages("expected.html")) pages.push_back(p);
  REQUIRE(pages.size() >= 200);
  for (const std::string& html : pages) {
    // A twentieth of the budget a byte: nothing real comes near it.
    std::size_t work = lede::gumbo_work(html, ~std::size_t{0} / 2);
    INFO(html.size() << " bytes, work " << work);
    CHECK(work <= html.size() * lede::kGumboWorkPerByte / 20 + lede::kGumboWorkBase / 20);
    CHECK(lede::gumbo_work_bounded(html));
  }
  const std::string hostile[] = {
      repeat("<a><b>", 8000),
      "<table>" + repeat("x<b>", 20000),
      "<p><b title=\"" + std::string(100000, 'A') + "\">x</p>" + repeat("<p>x</p>", 5000),
      "<p><b><div>" + repeat("<div>", 20000),
      "<p>" + [] {
        std::string s;
        for (int k = 0; k < 100; ++k) s += "<b class=c" + std::to_string(k) + ">";
        return s;
      }() + "x</p>" + repeat("<p>x</p>", 5000),
      "<p " + [] {
        std::string s;
        for (int k = 0; k < 20000; ++k) s += " a" + std::to_string(k) + "=1";
        return s;
      }() + ">",
      repeat("<span><div>x</span>", 10000),
  };
  for (const std::string& html : hostile) {
    INFO(html.substr(0, 40) << ": " << budget_of(html));
    CHECK_FALSE(lede::gumbo_work_bounded(html));
  }
}

TEST_CASE("the lenient reading keeps the text, puts a table's stray text before it, and warns") {
  // Past the budget: <a><b> 8,000 times, then the shapes' own text.
  const std::string flood = repeat("<a><b>", 8000);
  lede::Result r;
  std::string html;
  std::string json = "{\"title\":\"T\",\"body_format\":\"html\",\"body\":" +
                     test::quote(flood + "<p>Kept <b>bold</b></p><table><tr><td>cell</td><td>two</td></tr>stray</table>") + "}";
  r = lede::render_html(json, html);
  REQUIRE(r.ok());
  CHECK(html.find("Kept") != std::string::npos);
  CHECK(html.find("<strong>bold</strong>") != std::string::npos);
  CHECK(html.find("stray") < html.find("<table>"));
  CHECK(html.find("<td>cell</td>") != std::string::npos);
  bool warned = false;
  for (const lede::Problem& p : r.problems) warned = warned || p.message.find("simpler ones") != std::string::npos;
  CHECK(warned);
  // One tag with more attributes than the cap keeps the first ones and says so.
  std::string attrs = "<p id=first";
  for (int k = 0; k < 30000; ++k) attrs += " a" + std::to_string(k) + "=1";
  json = "{\"title\":\"T\",\"body_format\":\"html\",\"body\":" + test::quote("<a href=#first>l</a>" + attrs + ">text</p>") + "}";
  r = lede::render_html(json, html);
  REQUIRE(r.ok());
  CHECK(html.find("<span id=\"lede-user-first\"></span><p>text</p>") != std::string::npos);
  warned = false;
  for (const lede::Problem& p : r.problems) warned = warned || p.message.find("more than 256 attributes") != std::string::npos;
  CHECK(warned);
}

// Where HTML's rules only insert and pop (the HTML the quick parser takes), the lenient
// reading is HTML's: its tree is gumbo's, node by node.
TEST_CASE("the lenient reading builds gumbo's tree where HTML only inserts and pops") {
  std::vector<std::string> pages = corpus_pages("expected.html");
  REQUIRE(pages.size() >= 100);
  std::mt19937 rng(20261207);
  int compared = 0;
  auto check = [&](const std::string& html) {
    lede::HtmlTree quick, gumbo, lenient;
    if (!lede::serialized_html_events(html, quick) || has_foreign(html)) return;
    lede::lenient_html_events(html, lenient);
    std::string d = gumbo_oracle::difference(gumbo_oracle::gumbo_tree(html, gumbo), lenient);
    INFO(html.substr(0, 200));
    CHECK(d == "");
    ++compared;
  };
  for (const std::string& html : pages) check(html);
  // Text on either side of a comment is two nodes in gumbo's tree (fuzz_html found the
  // lenient reader joining them).
  for (const char* html : {"x<!--a-->\ny", "<!--a-->\n<!--b-->x", "<b>x<!--c--></b>y<!x>z"}) check(html);
  for (int i = 0; i < 3000; ++i) {
    std::string text = pages[rng() % pages.size()];
    if (text.size() > 2000) text = text.substr(rng() % (text.size() - 2000), 2000);
    check(text);
  }
  CHECK(compared >= 1000);
}

// Past 16 attributes the parsers find a repeated name through a table of names: the first
// of two still counts, in the quick parser (against gumbo), the lenient reader and the
// tokenizer of keepSafeHtml.
TEST_CASE("a repeated attribute name keeps its first value past the 16th attribute") {
  std::string tag = "<abbr";
  for (int k = 0; k < 40; ++k) tag += " a" + std::to_string(k) + "=v" + std::to_string(k);
  tag += " a5=late a30=late title=first a20=late title=second>x</abbr>";
  lede::HtmlTree quick, gumbo, lenient;
  REQUIRE(lede::serialized_html_events(tag, quick));
  CHECK(gumbo_oracle::difference(gumbo_oracle::gumbo_tree(tag, gumbo), quick) == "");
  lede::lenient_html_events(tag, lenient);
  CHECK(gumbo_oracle::difference(gumbo, lenient) == "");
  std::string_view title;
  REQUIRE(quick.find(quick.first_child(quick.root()), "title", title));
  CHECK(title == "first");
  std::string html;
  lede::Options options;
  options.keep_safe_html = true;
  REQUIRE(lede::render_html("{\"title\":\"T\",\"body\":" + test::quote(tag) + "}", html, options).ok());
  CHECK(html.find("<abbr title=\"first\">x</abbr>") != std::string::npos);
}
