#include <catch2/catch.hpp>

#include <sstream>

#include "helpers.hpp"
#include "output/html_writer.hpp"
#include "output/op_writer.hpp"
#include "tree/vocabulary.hpp"

namespace {

// Replays the op-stream the way web/lede.js does, but serialises instead of building
// DOM: the result must be exactly what the HTML writer wrote.
std::string replay(const lede::OpStream& s) {
  std::string out;
  std::vector<lede::Tag> open;
  bool in_start_tag = false;
  REQUIRE_FALSE(s.ops.empty());
  const std::size_t split = s.ops.back();  // where the ASCII strings end
  std::size_t pos = 0, back = s.strings.size();
  // The next string: ASCII ones from the front, the others back to front from the end.
  auto next = [&](std::uint32_t op, std::uint32_t units) {
    if (!(op & lede::kOpWide)) {
      std::string v = s.strings.substr(pos, units);
      pos += units;
      for (char c : v) CHECK(static_cast<unsigned char>(c) < 0x80);
      return v;
    }
    std::size_t start = back;
    for (std::uint32_t u = 0; u < units;) {
      do --start;
      while ((static_cast<unsigned char>(s.strings.at(start)) & 0xC0) == 0x80);
      u += static_cast<unsigned char>(s.strings[start]) >= 0xF0 ? 2 : 1;
    }
    std::string v = s.strings.substr(start, back - start);
    back = start;
    CHECK(lede::utf16_length(v) == units);
    CHECK(lede::utf16_length(v) != v.size());
    return v;
  };
  auto finish_start_tag = [&](const std::string& text = {}) {
    if (!in_start_tag) return;
    out += '>';
    in_start_tag = false;
    // Mirrors the HTML writer: <pre> whose first child is text starting with a newline.
    if (!text.empty() && open.back() == lede::Tag::pre && text[0] == '\n') out += '\n';
  };
  for (std::size_t i = 0; i + 1 < s.ops.size(); ++i) {
    std::uint32_t op = s.ops[i];
    switch (op & 0x7F) {
      case lede::kOpOpen:
        finish_start_tag();
        open.push_back(static_cast<lede::Tag>(op >> 8));
        out += "<" + std::string(lede::tag_name(open.back()));
        in_start_tag = true;
        break;
      case lede::kOpAttr: {
        std::string v = next(op, s.ops[++i]);
        out += " " + std::string(lede::attr_name(static_cast<lede::Attr>((op & ~lede::kOpWide) >> 8))) + "=\"";
        lede::append_escaped(out, v, true);
        out += '"';
        break;
      }
      case lede::kOpText: {
        std::string v = next(op, s.ops[++i]);
        finish_start_tag(v);
        lede::append_escaped(out, v, false);
        break;
      }
      case lede::kOpClose:
        finish_start_tag();
        if (!lede::is_void(open.back())) out += "</" + std::string(lede::tag_name(open.back())) + ">";
        open.pop_back();
        break;
      default: FAIL("bad op " << op);
    }
  }
  CHECK(open.empty());
  CHECK(pos == split);
  CHECK(back == split);
  return out;
}

void same_output(const std::string& json) {
  std::string html;
  lede::OpStream ops;
  REQUIRE(lede::render_html(json, html));
  REQUIRE(lede::render_ops(json, ops));
  CHECK(replay(ops) == html);
}

}  // namespace

TEST_CASE("UTF-16 lengths match JavaScript's string length") {
  CHECK(lede::utf16_length("") == 0);
  CHECK(lede::utf16_length("abc") == 3);
  CHECK(lede::utf16_length("caf\xC3\xA9") == 4);              // é: one unit
  CHECK(lede::utf16_length("\xE2\x80\x94") == 1);             // em dash
  CHECK(lede::utf16_length("\xF0\x9F\x98\x80!") == 3);        // 😀: a surrogate pair
}

TEST_CASE("the op-stream encodes elements, attributes and text in document order") {
  std::string json = R"j({"title": "A é 😀 x"})j";
  lede::OpStream ops;
  REQUIRE(lede::render_ops(json, ops));
  REQUIRE(ops.ops.size() > 4);
  CHECK(ops.ops[0] == (lede::kOpOpen | static_cast<std::uint32_t>(lede::Tag::article) << 8));
  CHECK(ops.ops[1] == (lede::kOpAttr | static_cast<std::uint32_t>(lede::Attr::class_) << 8));
  CHECK(ops.ops[2] == 4);  // "lede"
  CHECK(ops.strings.find("A \xC3\xA9 \xF0\x9F\x98\x80") != std::string::npos);
  CHECK(ops.ops[ops.ops.size() - 2] == lede::kOpClose);
}

TEST_CASE("the op-stream's pool: ASCII strings first, the others after them from the end") {
  // The title is the one string that is not ASCII: it ends the pool, flagged WIDE; the
  // stream's last word is where the ASCII part ends.
  std::string json = R"j({"title": "Caf\u00e9", "byline": "Ann", "body": "Plain."})j";
  lede::OpStream ops;
  REQUIRE(lede::render_ops(json, ops));
  const std::string title = "Caf\xC3\xA9";
  REQUIRE(ops.strings.size() > title.size());
  CHECK(ops.strings.substr(ops.strings.size() - title.size()) == title);
  CHECK(ops.ops.back() == ops.strings.size() - title.size());
  std::size_t wide = 0;
  for (std::size_t i = 0; i + 1 < ops.ops.size(); ++i) {
    std::uint32_t code = ops.ops[i] & 0x7F;
    if (code != lede::kOpText && code != lede::kOpAttr) continue;
    if (ops.ops[i] & lede::kOpWide) {
      ++wide;
      CHECK(ops.ops[i + 1] == 4);  // "Café": four UTF-16 units
    }
    ++i;
  }
  CHECK(wide == 1);
}

TEST_CASE("both outputs describe the same DOM: seed article") { same_output(test::seed_json()); }

TEST_CASE("both outputs describe the same DOM: every CommonMark spec example as a body") {
  std::string spec = test::read_file(LEDE_SOURCE_DIR "/build/deps/md4c/test/spec.txt");
  REQUIRE_FALSE(spec.empty());
  const std::string fence = "```````````````````````````````` example\n";
  std::size_t examples = 0;
  for (std::size_t at = spec.find(fence); at != std::string::npos; at = spec.find(fence, at)) {
    at += fence.size();
    std::size_t dot = spec.find("\n.\n", at);
    std::string md = spec.substr(at, dot + 1 - at);
    for (std::size_t t = md.find("\xE2\x86\x92"); t != std::string::npos; t = md.find("\xE2\x86\x92"))
      md.replace(t, 3, "\t");  // the spec writes tabs as →
    INFO("example " << examples + 1 << ":\n" << md);
    same_output("{\"title\":\"T\",\"body\":" + test::quote(md) + "}");
    ++examples;
  }
  CHECK(examples > 600);
}

TEST_CASE("md4c's own test files pass through Lede's Markdown path, both outputs the same") {
  // Every example of md4c 0.5.2's test/*.txt (its extensions, regressions found upstream,
  // coverage cases), with raw HTML escaped and with the safe subset kept. What they render
  // is compared with md4c's expected HTML in tests/browser/commonmark.test.mjs.
  std::size_t examples = 0;
  for (const char* name : {"spec.txt", "coverage.txt", "regressions.txt", "spec-hard-soft-breaks.txt",
                           "spec-latex-math.txt", "spec-permissive-autolinks.txt", "spec-strikethrough.txt",
                           "spec-tables.txt", "spec-tasklists.txt", "spec-underline.txt", "spec-wiki-links.txt"}) {
    std::string text = test::read_file(std::string(LEDE_SOURCE_DIR "/build/deps/md4c/test/") + name);
    REQUIRE_FALSE(text.empty());
    const std::string fence = "```````````````````````````````` example";
    for (std::size_t at = text.find(fence); at != std::string::npos; at = text.find(fence, at)) {
      at = text.find('\n', at) + 1;
      std::string md = text.substr(at, text.find("\n.\n", at) + 1 - at);
      for (std::size_t t = md.find("\xE2\x86\x92"); t != std::string::npos; t = md.find("\xE2\x86\x92"))
        md.replace(t, 3, "\t");
      std::string json = "{\"title\":\"T\",\"body\":" + test::quote(md) + "}";
      for (bool keep : {false, true}) {
        INFO(name << ", example at byte " << at << (keep ? ", keep_safe_html" : "") << ":\n" << md);
        lede::Options options;
        options.keep_safe_html = keep;
        std::string html;
        lede::OpStream ops;
        REQUIRE(lede::render_html(json, html, options));
        REQUIRE(lede::render_ops(json, ops, options));
        CHECK(replay(ops) == html);
      }
      ++examples;
    }
  }
  CHECK(examples >= 798);  // the fenced examples counted by grep in those files
}
