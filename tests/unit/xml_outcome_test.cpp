// Issue 17: expat lives in lede-xml.wasm, which hands lede-html.wasm read_xml()'s outcome
// as bytes (input/adapters/xml_outcome.cpp). Through those bytes every feed of the corpus
// renders as with read_xml() itself, and bytes that are not an outcome (cut short
// anywhere, or flipped) are an error, never a crash.
#include <dirent.h>

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "input/adapters/xml.hpp"
#include "input/formats.hpp"
#include "output/html_writer.hpp"
#include "pipeline.hpp"

namespace {

// read_xml, its outcome written as bytes and read back: what lede-html.wasm gets.
bool through_bytes(std::string_view xml, const lede::Limits& limits, lede::XmlNode& root, lede::Problem& error) {
  lede::XmlNode parsed;
  lede::Problem failed;
  bool ok = lede::read_xml(xml, limits, parsed, failed);
  std::string bytes;
  lede::write_xml_outcome(ok, parsed, failed, bytes);
  return lede::read_xml_outcome(bytes, root, error);
}

void feed_through_bytes(std::string_view xml, const lede::Options& options, lede::Article& article,
                        std::vector<lede::Problem>& problems) {
  lede::read_xml_article(through_bytes, xml, options, article, problems);
}

std::string render(const std::string& input, const lede::Extensions& ext) {
  lede::Result r;
  lede::Document doc;
  std::string html;
  if (lede::tree_of(input, lede::Options{}, ext, doc, r)) lede::write_html(doc, html);
  for (const lede::Problem& p : r.problems) html += "\n" + p.to_string();
  return html;
}

std::vector<std::string> feeds() {
  std::vector<std::string> out;
  for (const char* dir : {"rss", "atom", "refused"}) {
    std::string folder = LEDE_SOURCE_DIR "/tests/corpus/publishers/" + std::string(dir);
    if (DIR* d = opendir(folder.c_str())) {
      while (dirent* e = readdir(d))
        if (e->d_name[0] != '.' && std::string(e->d_name) != "EXPECTED") out.push_back(folder + "/" + e->d_name);
      closedir(d);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("every feed renders the same through lede-xml.wasm's outcome bytes as with read_xml itself") {
  lede::Extensions bytes = lede::native_extensions();
  bytes.read_xml = feed_through_bytes;
  std::vector<std::string> files = feeds();
  REQUIRE(files.size() >= 20);
  for (const std::string& path : files) {
    std::string input = test::read_file(path);
    if (!lede::looks_like_xml(input)) continue;
    INFO(path);
    CHECK(render(input, bytes) == render(input, lede::native_extensions()));
  }
}

TEST_CASE("bytes that are not an outcome are an error: cut short anywhere, or a byte changed") {
  std::string input = test::read_file(LEDE_SOURCE_DIR "/tests/corpus/publishers/rss/guardian.rss");
  lede::XmlNode root;
  lede::Problem error;
  REQUIRE(lede::read_xml(input, lede::Limits{}, root, error));
  std::string bytes;
  lede::write_xml_outcome(true, root, error, bytes);
  lede::XmlNode back;
  lede::Problem none;
  REQUIRE(lede::read_xml_outcome(bytes, back, none));
  for (std::size_t n = 0; n < bytes.size(); n += 1 + n / 64) {
    lede::XmlNode cut;
    lede::Problem problem;
    CHECK_FALSE(lede::read_xml_outcome(std::string_view(bytes).substr(0, n), cut, problem));
    CHECK(problem.code == lede::ErrorCode::syntax);
  }
  for (std::size_t at = 0; at < bytes.size(); at += 1 + at / 32) {
    std::string changed = bytes;
    changed[at] = static_cast<char>(changed[at] ^ 0xFF);
    lede::XmlNode any;
    lede::Problem problem;
    lede::read_xml_outcome(changed, any, problem);  // no crash, whatever it makes of it
  }
  // An error crosses with its position.
  lede::Problem syntax;
  syntax.code = lede::ErrorCode::syntax;
  syntax.message = "XML syntax error: mismatched tag";
  syntax.line = 3;
  syntax.column = 7;
  std::string failed;
  lede::write_xml_outcome(false, root, syntax, failed);
  lede::Problem got;
  CHECK_FALSE(lede::read_xml_outcome(failed, back, got));
  CHECK(got.message == syntax.message);
  CHECK(got.line == 3);
  CHECK(got.column == 7);
}
