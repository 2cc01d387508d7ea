// Issue 17: expat and the feed adapters live in lede-xml.wasm, which hands lede-html.wasm
// the article it read as bytes (input/adapters/article_outcome.cpp). Through those bytes
// every feed of the corpus renders as natively, every item, and bytes that are not an
// outcome (cut short anywhere, or flipped) are an error, never a crash.
#include <dirent.h>

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "input/adapters/article_outcome.hpp"
#include "input/adapters/xml.hpp"
#include "input/formats.hpp"
#include "output/html_writer.hpp"
#include "pipeline.hpp"

namespace {

// What lede-html.wasm does with a feed: the request as bytes to lede-xml.wasm, which
// reads it with expat and the feed adapters and answers with the article as bytes.
void feed_through_bytes(std::string_view xml, const lede::Options& options, lede::Article& article,
                        std::vector<lede::Problem>& problems) {
  std::string request;
  lede::write_feed_request(xml, options, request);
  lede::Options got;
  std::string_view feed;
  REQUIRE(lede::read_feed_request(request, got, feed));
  lede::Article read;
  std::vector<lede::Problem> met;
  lede::read_xml_article(lede::read_xml, feed, got, read, met);
  std::string bytes;
  lede::write_article_outcome(read, met, bytes);
  lede::read_article_outcome(bytes, article, problems);
}

std::string render(const std::string& input, const lede::Extensions& ext, const std::string& item = "") {
  lede::Result r;
  lede::Document doc;
  std::string html;
  lede::Options options;
  options.item = item;
  if (lede::tree_of(input, options, ext, doc, r)) lede::write_html(doc, html);
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

TEST_CASE("every feed renders the same through lede-xml.wasm's article bytes as natively, every item") {
  lede::Extensions bytes = lede::native_extensions();
  bytes.read_xml = feed_through_bytes;
  std::vector<std::string> files = feeds();
  REQUIRE(files.size() >= 20);
  for (const std::string& path : files) {
    std::string input = test::read_file(path);
    if (!lede::looks_like_xml(input)) continue;
    INFO(path);
    for (const char* item : {"", "1", "2", "no-such-item"}) {
      INFO(item);
      CHECK(render(input, bytes, item) == render(input, lede::native_extensions(), item));
    }
  }
}

TEST_CASE("bytes that are not an outcome are an error: cut short anywhere, or a byte changed") {
  std::string input = test::read_file(LEDE_SOURCE_DIR "/tests/corpus/publishers/rss/guardian.rss");
  lede::Article article;
  std::vector<lede::Problem> problems;
  lede::read_xml_article(lede::read_xml, input, lede::Options{}, article, problems);
  REQUIRE_FALSE(article.body.empty());
  std::string bytes;
  lede::write_article_outcome(article, problems, bytes);
  lede::Article back;
  std::vector<lede::Problem> none;
  REQUIRE(lede::read_article_outcome(bytes, back, none));
  CHECK(back.title == article.title);
  CHECK(back.body.size() == article.body.size());
  for (std::size_t n = 0; n < bytes.size(); n += 1 + n / 64) {
    lede::Article cut;
    std::vector<lede::Problem> got;
    CHECK_FALSE(lede::read_article_outcome(std::string_view(bytes).substr(0, n), cut, got));
    REQUIRE(got.size() == 1);
    CHECK(got[0].code == lede::ErrorCode::syntax);
  }
  for (std::size_t at = 0; at < bytes.size(); at += 1 + at / 32) {
    std::string changed = bytes;
    changed[at] = static_cast<char>(changed[at] ^ 0xFF);
    lede::Article any;
    std::vector<lede::Problem> got;
    lede::read_article_outcome(changed, any, got);  // no crash, whatever it makes of it
  }
  // An error crosses with its position.
  lede::Problem syntax;
  syntax.code = lede::ErrorCode::syntax;
  syntax.message = "XML syntax error: mismatched tag";
  syntax.line = 3;
  syntax.column = 7;
  std::string failed;
  lede::write_article_outcome(lede::Article{}, {syntax}, failed);
  std::vector<lede::Problem> got;
  CHECK(lede::read_article_outcome(failed, back, got));
  REQUIRE(got.size() == 1);
  CHECK(got[0].message == syntax.message);
  CHECK(got[0].line == 3);
  CHECK(got[0].column == 7);
}
