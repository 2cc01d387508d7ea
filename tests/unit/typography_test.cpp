#include <catch2/catch.hpp>

#include <cctype>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "helpers.hpp"
#include "layout/reading_time.hpp"
#include "layout/typography.hpp"

namespace {

std::string body_in(const std::string& lang, const std::string& markdown) {
  std::string html = test::render("{\"title\":\"T\",\"lang\":\"" + lang + "\",\"body\":" + test::quote(markdown) + "}");
  const std::string open = "<div class=\"lede-body\">";
  std::size_t b = html.find(open) + open.size();
  return html.substr(b, html.rfind("</div></article>") - b);
}

}  // namespace

TEST_CASE("curly quotes, apostrophes, dashes and ellipses in English") {
  CHECK(body_in("en", "It's \"in the interest\" -- said 'he' --- and... 'tis") ==
        "<p>It’s “in the interest” – said ‘he’ — and… ‘tis</p>");
  CHECK(body_in("en", "\"*quoted emphasis*\" and (\"parens\")") ==
        "<p>“<em>quoted emphasis</em>” and (“parens”)</p>");
  CHECK(body_in("en", "the dogs' bowls") == "<p>the dogs’ bowls</p>");
}

TEST_CASE("URLs in the text stay as typed; an elided century is an apostrophe") {
  std::string autolink = body_in("en", "<https://e.example/p--q...>");
  CHECK(autolink.find(">https://e.example/p--q...</a>") != std::string::npos);
  CHECK(body_in("en", "see www.example.com/a--b -- now") == "<p>see www.example.com/a--b – now</p>");
  CHECK(body_in("en", "in the '90s and 'quoted'") == "<p>in the ’90s and ‘quoted’</p>");
  CHECK(body_in("en", "the http--like word") == "<p>the http–like word</p>");
}

TEST_CASE("quotes follow the article's language") {
  CHECK(body_in("de", "Er sagte \"Hallo\" und 'tschüss'") == "<p>Er sagte „Hallo“ und ‚tschüss‘</p>");
  CHECK(body_in("de-CH", "\"Grüezi\"") == "<p>„Grüezi“</p>");
  CHECK(body_in("fr", "Il a dit \"bonjour\" puis \" au revoir \"") ==
        "<p>Il a dit «\xE2\x80\xAF" "bonjour\xE2\x80\xAF» puis «\xE2\x80\xAF" "au revoir\xE2\x80\xAF»</p>");
}

TEST_CASE("code is untouched") {
  CHECK(body_in("en", "`\"x\" -- y...` and `'z'`") ==
        "<p><code>\"x\" -- y...</code> and <code>'z'</code></p>");
  CHECK(body_in("en", "```\n\"a\" --- b...\n```") == "<pre><code>\"a\" --- b...\n</code></pre>");
  CHECK(body_in("en", "say `x` \"y\"") == "<p>say <code>x</code> “y”</p>");
}

TEST_CASE("quotes never pair across blocks") {
  CHECK(body_in("en", "end of a quote\"\n\n\"start") == "<p>end of a quote”</p><p>“start</p>");
}

TEST_CASE("the title, dek and headings are set too; headings keep their last two words together") {
  std::string html = test::render(R"j({"title":"Once \"Enemies\" -- Now Friends","dek":"It's...",
                                      "body":"## A short one\n\n## Single"})j");
  CHECK(html.find("<h1 class=\"lede-title\" id=\"lede-title\">Once “Enemies” – Now\xC2\xA0" "Friends</h1>") !=
        std::string::npos);
  CHECK(html.find("<p class=\"lede-dek\">It’s…</p>") != std::string::npos);
  CHECK(html.find(">A short\xC2\xA0one</h2>") != std::string::npos);
  CHECK(html.find(">Single</h2>") != std::string::npos);
  // The last word in a node of its own: the space before it is in the previous node.
  html = test::render(R"j({"title":"T","body":"## Rock and *roll*\n\n## *Only* emphasis\n\n## *One*"})j");
  CHECK(html.find(">Rock and\xC2\xA0<em>roll</em></h2>") != std::string::npos);
  CHECK(html.find("><em>Only</em>\xC2\xA0" "emphasis</h2>") != std::string::npos);
  CHECK(html.find("><em>One</em></h2>") != std::string::npos);
}

TEST_CASE("reading time and length, by words or by CJK characters") {
  std::string words;
  for (int i = 0; i < 1000; ++i) words += "word ";
  std::string html = test::render("{\"title\":\"T\",\"body\":\"" + words + "\"}");
  CHECK(html.find("<span class=\"lede-reading-time\">4–5 min read</span><span "
                  "class=\"lede-word-count\">1,000 words</span>") != std::string::npos);
  std::string cjk;
  for (int i = 0; i < 1000; ++i) cjk += "\xE6\x96\x87";  // 文
  html = test::render("{\"title\":\"T\",\"lang\":\"zh\",\"body\":\"" + cjk + "\"}");
  CHECK(html.find(">2–3 min read</span><span class=\"lede-word-count\">1\xE2\x80\xAF" "000 characters</span>") !=
        std::string::npos);
  CHECK(test::render(R"j({"title":"T","body":"One."})j").find(">1 min read<") != std::string::npos);
  CHECK(test::render(R"j({"title":"T","body":"One."})j").find(">1 word<") != std::string::npos);
  CHECK(test::render(R"j({"title":"T"})j").find("lede-reading-time") == std::string::npos);
  // A word goes on across inline elements but ends with its block or at a line break.
  CHECK(test::render(R"j({"title":"T","body":"hello world\n\nfoo bar"})j").find(">4 words<") != std::string::npos);
  CHECK(test::render(R"j({"title":"T","body":"- one\n- two\n\n> three\n\nfour  \nfive"})j").find(">5 words<") !=
        std::string::npos);
  CHECK(test::render(R"j({"title":"T","body":"foo*bar* [b](/x)az `c`ode"})j").find(">3 words<") != std::string::npos);
  // In a right-to-left article the English labels are an English, left-to-right span
  // inside each item, or bidi shows "min read 1".
  std::string rtl = test::render(R"j({"title":"T","body":"One.","lang":"ar","dir":"rtl"})j");
  CHECK(rtl.find("<span class=\"lede-reading-time\"><span dir=\"ltr\" lang=\"en\">1 min read</span></span>"
                 "<span class=\"lede-word-count\"><span dir=\"ltr\" lang=\"en\">1 word</span></span>") != std::string::npos);
}

TEST_CASE("a table of contents for three or more sections, before the body") {
  std::string html = test::render(R"j({"title":"T","body":"intro\n\n## One\n\n### One.a\n\n## Two\n\n#### deep"})j");
  CHECK(html.find("<nav class=\"lede-toc\" aria-labelledby=\"lede-toc-title\"><h2 id=\"lede-toc-title\">"
                  "Contents</h2><ol><li><a href=\"#lede-one\">One</a></li><li class=\"lede-toc-sub\"><a "
                  "href=\"#lede-one-a\">One.a</a></li><li><a href=\"#lede-two\">Two</a></li><li class=\"lede-toc-sub\">"
                  "<a href=\"#lede-deep\">deep</a></li></ol></nav><div class=\"lede-body\">") != std::string::npos);
  CHECK(test::render(R"j({"title":"T","body":"## One\n\n## Two"})j").find("lede-toc") == std::string::npos);
  // A heading that is only a picture has no entry: it would be an empty link.
  html = test::render(R"j({"title":"T","body":"## One\n\n## ![Two](t.png)\n\n## Three\n\n## Four"})j");
  CHECK(html.find("href=\"#lede-section\"") == std::string::npos);
  CHECK(html.find("href=\"#lede-four\">Four</a>") != std::string::npos);
}

TEST_CASE("the first paragraph is dropped when it repeats the dek") {
  std::string html = test::render(R"j({"title":"T","dek":"The  same words.","body":"The same\nwords.\n\nNext."})j");
  CHECK(html.find("<div class=\"lede-body\"><p>Next.</p>") != std::string::npos);
  html = test::render(R"j({"title":"T","dek":"Other words.","body":"The same words."})j");
  CHECK(html.find("<div class=\"lede-body\"><p>The same words.</p>") != std::string::npos);
}

TEST_CASE("a lone image with a title becomes a figure with its caption") {
  CHECK(test::body_html("![Harbour](h.jpg \"Road Town at dawn.\")") ==
        "<figure><img loading=\"lazy\" decoding=\"async\" referrerpolicy=\"no-referrer\" src=\"h.jpg\" "
        "alt=\"Harbour\" title=\"Road Town at dawn.\"><figcaption>Road Town at dawn.</figcaption></figure>");
  CHECK(test::body_html("![Harbour](h.jpg)").rfind("<p><img", 0) == 0);
  CHECK(test::body_html("see ![Harbour](h.jpg \"T\")").rfind("<p>see <img", 0) == 0);
}

namespace {
// count_text's rule one code point at a time: a word starts at a letter or digit (of any
// script) after anything else, an apostrophe (' or ’) inside a word goes on with it, and
// each CJK character counts alone.
void count_by_code_point(std::string_view s, lede::ReadingTime& rt) {
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    unsigned long cp = n == 1 ? c : c & (0x3F >> (n - 1));
    for (int k = 1; k < n; ++k) cp = cp << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += n;
    bool cjk = (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
               (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF);
    bool part = cp < 0x80 ? std::isalnum(static_cast<int>(cp)) != 0
                          : !(cp >= 0x2000 && cp <= 0x206F) && cp != 0xA0 && !(cp >= 0x3000 && cp <= 0x303F);
    bool apostrophe = cp == '\'' || cp == 0x2019;
    if (cjk) {
      ++rt.cjk_chars;
      rt.in_word = false;
    } else if (part || (apostrophe && rt.in_word)) {
      if (!rt.in_word) ++rt.words;
      rt.in_word = true;
    } else {
      rt.in_word = false;
    }
  }
}
}  // namespace

TEST_CASE("words are counted eight bytes at a time as one code point at a time would") {
  // Pieces that put every kind of byte at every place in a window of eight: letters,
  // digits, spaces, punctuation, apostrophes straight and curly, accented letters, CJK,
  // a character outside the BMP, and runs long enough to fill whole windows.
  const char* pieces[] = {"a", "Z", "9", " ", ".", "'", "\xE2\x80\x99", "\xC3\xA9", "\xE4\xB8\xAD", "\xF0\x9F\x98\x80",
                          "\xC2\xA0", "\xE2\x80\x94", "-", "it's", "word ", "longerword", "  ", "\n", "@", "`{"};
  std::mt19937 rng(7);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (int n = static_cast<int>(rng() % 24); n > 0; --n) text += pieces[rng() % (sizeof pieces / sizeof *pieces)];
    // Split into text nodes at code point boundaries: a word may go on across them.
    std::vector<std::string_view> parts;
    std::string_view rest = text;
    while (!rest.empty()) {
      std::size_t cut = rng() % (rest.size() + 1);
      while (cut < rest.size() && (static_cast<unsigned char>(rest[cut]) & 0xC0) == 0x80) ++cut;
      parts.push_back(rest.substr(0, cut));
      rest.remove_prefix(cut);
    }
    lede::ReadingTime fast, slow;
    for (std::string_view p : parts) {
      lede::count_text(p, fast);
      count_by_code_point(p, slow);
    }
    INFO(text);
    REQUIRE(fast.words == slow.words);
    REQUIRE(fast.cjk_chars == slow.cjk_chars);
    REQUIRE(fast.in_word == slow.in_word);
  }
}

TEST_CASE("the setter's next stop is never past a byte it must see, wherever the text's windows fall") {
  // Every byte the setter acts on: a quote, "--", "..", a '.' after 'w' and a ':' after
  // 's', 'p' or 'o'. next_stop may stop at any other of the five (" ' - . :) too.
  auto must = [](std::string_view t, std::size_t i) {
    char c = t[i], before = i > 0 ? t[i - 1] : ' ', after = i + 1 < t.size() ? t[i + 1] : '\0';
    return c == '"' || c == '\'' || ((c == '-' || c == '.') && after == c) || (c == '.' && before == 'w') ||
           (c == ':' && (before == 's' || before == 'p' || before == 'o'));
  };
  auto may = [](char c) { return c == '"' || c == '\'' || c == '-' || c == '.' || c == ':'; };
  const char* pieces[] = {"a", "w", "s", "p", "o", " ", ".", ":", "-", "--", "...", "\"", "'", "www.", "https:",
                          "http://", "mailto:", "\xE2\x80\x99", "\xC3\xA9", "word ", "longer words and more "};
  std::mt19937 rng(11);
  for (int round = 0; round < 4000; ++round) {
    std::string text;
    for (int n = static_cast<int>(rng() % 40); n > 0; --n) text += pieces[rng() % (sizeof pieces / sizeof *pieces)];
    INFO(text);
    for (std::size_t from = 0; from <= text.size(); ++from) {
      std::size_t stop = lede::next_stop(text, from);
      REQUIRE(stop >= from);
      REQUIRE(stop <= text.size());
      if (stop < text.size()) REQUIRE(may(text[stop]));
      for (std::size_t i = from; i < stop; ++i) REQUIRE_FALSE(must(text, i));
    }
  }
}
