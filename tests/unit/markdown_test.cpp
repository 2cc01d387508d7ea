#include <catch2/catch.hpp>

#include "helpers.hpp"

using test::body_html;

TEST_CASE("CommonMark blocks and spans") {
  CHECK(body_html("Hello *em* **strong** `code`") ==
        "<p>Hello <em>em</em> <strong>strong</strong> <code>code</code></p>");
  CHECK(body_html("> quote") == "<blockquote><p>quote</p></blockquote>");
  CHECK(body_html("- a\n- b") == "<ul><li>a</li><li>b</li></ul>");
  CHECK(body_html("3. a\n4. b") == "<ol start=\"3\"><li>a</li><li>b</li></ol>");
  CHECK(body_html("a\\\nb") == "<p>a<br>b</p>");
  CHECK(body_html("a\nb") == "<p>a\nb</p>");
  CHECK(body_html("---") == "<hr>");
  CHECK(body_html("[a](/x \"T\")") == "<p><a href=\"/x\" title=\"T\">a</a></p>");
  CHECK(body_html("AT&amp;T &copy; &#233; &#x1F600; &bogus;") ==
        "<p>AT&amp;T \xC2\xA9 \xC3\xA9 \xF0\x9F\x98\x80 &amp;bogus;</p>");
}

TEST_CASE("GFM: tables, strikethrough, task lists, autolinks") {
  CHECK(body_html("| a | b |\n|:-|-:|\n| 1 | 2 |") ==
        "<div class=\"lede-scroll\"><table><thead><tr><th class=\"lede-align-start\">a</th>"
        "<th class=\"lede-align-end\">b</th></tr></thead><tbody><tr><td "
        "class=\"lede-align-start\">1</td><td class=\"lede-align-end\">2</td></tr></tbody></table></div>");
  CHECK(body_html("~~gone~~") == "<p><del>gone</del></p>");
  CHECK(body_html("- [x] done\n- [ ] todo") ==
        "<ul><li class=\"lede-task lede-task-done\"><span class=\"lede-check\" role=\"img\" "
        "aria-label=\"done\">\xE2\x98\x91</span> done</li><li class=\"lede-task\"><span "
        "class=\"lede-check\" role=\"img\" aria-label=\"not done\">\xE2\x98\x90</span> todo</li></ul>");
  CHECK(body_html("see https://example.com/a now") ==
        "<p>see <a href=\"https://example.com/a\" rel=\"noopener noreferrer\">https://example.com/a</a> now</p>");
  CHECK(body_html("mail someone@example.com") ==
        "<p>mail <a href=\"mailto:someone@example.com\">someone@example.com</a></p>");
  CHECK(body_html("<https://example.com>") ==
        "<p><a href=\"https://example.com\" rel=\"noopener noreferrer\">https://example.com</a></p>");
}

TEST_CASE("raw HTML in Markdown is text, never markup") {
  CHECK(body_html("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
  CHECK(body_html("a <img src=x onerror=alert(1)> b") ==
        "<p>a &lt;img src=x onerror=alert(1)&gt; b</p>");
  CHECK(body_html("<div>\n*x*\n</div>") == "<p>&lt;div&gt;\n<em>x</em>\n&lt;/div&gt;</p>");
  // Shown as text, so typography applies to it like any text.
  CHECK(body_html("<!-- c -->") == "<p>&lt;!\xE2\x80\x93 c \xE2\x80\x93&gt;</p>");
}

TEST_CASE("refused links keep their text; refused images keep their description") {
  CHECK(body_html("[click](javascript:alert(1))") == "<p>click</p>");
  CHECK(body_html("[click](jav&#x09;ascript:alert(1))") == "<p>click</p>");
  CHECK(body_html("[click](&#106;avascript:alert(1))") == "<p>click</p>");
  CHECK(body_html("<javascript:alert(1)>") == "<p>javascript:alert(1)</p>");  // an autolink
  CHECK(body_html("![a *cat*](javascript:x)") == "<p>a cat</p>");
  CHECK(body_html("![svg](data:image/svg+xml,<svg/onload=alert(1)>)") == "<p>svg</p>");
}

TEST_CASE("images are lazy, async and send no referrer") {
  CHECK(body_html("see ![a *cat*](cat.png \"Cat\")") ==
        "<p>see <img loading=\"lazy\" decoding=\"async\" referrerpolicy=\"no-referrer\" src=\"cat.png\" "
        "alt=\"a cat\" title=\"Cat\"></p>");
}

TEST_CASE("code blocks keep their text and a cleaned language class") {
  CHECK(body_html("```js\nlet a = \"<b>\";\n```") ==
        "<pre><code class=\"language-js\">let a = \"&lt;b&gt;\";\n</code></pre>");
  CHECK(body_html("```c\"<x>\"onclick=x\nint a;\n```") ==
        "<pre><code class=\"language-cxonclickx\">int a;\n</code></pre>");
  CHECK(body_html("    indented <i>\n") == "<pre><code>indented &lt;i&gt;\n</code></pre>");
}

TEST_CASE("headings: the title stays the only h1, and each gets a stable id") {
  CHECK(body_html("## Pakistan, China\n\n## Pakistan, China") ==
        "<h2 id=\"lede-pakistan-china\">Pakistan,\xC2\xA0" "China</h2><h2 id=\"lede-pakistan-china-2\">"
        "Pakistan,\xC2\xA0" "China</h2>");
  // No level is skipped: each heading is at most one below the one before (axe's
  // heading-order), the first an h2; the outline keeps its shape.
  CHECK(body_html("# One\n\n## Two\n\n###### Six") ==
        "<h2 id=\"lede-one\">One</h2><h3 id=\"lede-two\">Two</h3><h4 id=\"lede-six\">Six</h4>");
  CHECK(body_html("### A\n\n##### B\n\n#### C\n\n## D\n\n### E") ==
        "<h2 id=\"lede-a\">A</h2><h3 id=\"lede-b\">B</h3><h3 id=\"lede-c\">C</h3><h2 id=\"lede-d\">D</h2>"
        "<h3 id=\"lede-e\">E</h3>");
  CHECK(body_html("## A\n\n### B\n\n#### C\n\n##### D\n\n###### E\n\n###### F") ==
        "<h2 id=\"lede-a\">A</h2><h3 id=\"lede-b\">B</h3><h4 id=\"lede-c\">C</h4><h5 id=\"lede-d\">D</h5>"
        "<h6 id=\"lede-e\">E</h6><h6 id=\"lede-f\">F</h6>");
  // The last word starts in <em>: the space before it, in the text node before, holds.
  CHECK(body_html("## 'There's *Nothing*'") ==
        "<h2 id=\"lede-there-s-nothing\">\xE2\x80\x98There\xE2\x80\x99s\xC2\xA0<em>Nothing</em>\xE2\x80\x99</h2>");
}

TEST_CASE("NUL characters become U+FFFD") {
  CHECK(body_html(std::string("a\0b", 3)) == "<p>a\xEF\xBF\xBD" "b</p>");
}

TEST_CASE("Markdown nesting past the limit is flattened with a warning, the article kept") {
  // It refused the whole article (issue 19): now what is deeper joins the deepest level
  // as text, every word kept, and the tree stays within the limit.
  std::string deep(70, '>');
  std::string html;
  lede::Result r = lede::render_html("{\"title\":\"T\",\"body\":" + test::quote(deep + " x *y* [z](/z)") + "}", html);
  REQUIRE(r);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].warning);
  CHECK(r.problems[0].code == lede::ErrorCode::too_deep);
  CHECK(r.problems[0].to_string() ==
        "body: Markdown nested deeper than the limit of 64 levels: what is deeper is kept as text of the level above");
  CHECK(test::count(html, "<blockquote>") == 64);
  CHECK(html.find("x y z") != std::string::npos);
  // Emphasis and lists count too; the limit can be changed. A list and its item open
  // together or not at all, and blocks flattened side by side keep their words apart.
  lede::Options options;
  options.limits.max_markdown_depth = 4;
  REQUIRE(lede::render_html(R"j({"title":"T","body":"- a\n  - b\n    - c\n\n      d"})j", html, options));
  CHECK(test::body_html("") == "");
  CHECK(html.find("<ul><li>a<ul><li>b c d</li></ul></li></ul>") != std::string::npos);
  REQUIRE(lede::render_html(R"j({"title":"T","body":"- a\n  - b"})j", html, options));
  CHECK(html.find("<ul><li>a<ul><li>b</li></ul></li></ul>") != std::string::npos);
  // A table fits whole or is flattened whole: text inside a <table> would be moved.
  REQUIRE(lede::render_html(R"j({"title":"T","body":"> > |a|b|\n> > |-|-|\n> > |1|2|"})j", html, options));
  CHECK(html.find("<table>") == std::string::npos);
  CHECK(html.find("a b 1 2") != std::string::npos);
  CHECK(lede::render_html("{\"title\":\"T\",\"body\":" + test::quote(std::string(60, '>') + " x") + "}", html));
  CHECK(lede::validate("{\"title\":\"T\",\"body\":" + test::quote(std::string(60, '>') + " x") + "}").problems.empty());
}

TEST_CASE("links that leave the page get noopener noreferrer, and nofollow ugc on request") {
  std::string json = R"j({"title":"T","body":"[a](https://x.example) [b](/local) [c](//cdn.example)",
                          "related":[{"title":"r","url":"http://r.example"}]})j";
  std::string html;
  REQUIRE(lede::render_html(json, html));
  CHECK(test::count(html, "rel=\"noopener noreferrer\"") == 3);
  CHECK(html.find("<a href=\"/local\">b</a>") != std::string::npos);
  lede::Options options;
  options.nofollow = true;
  html.clear();
  REQUIRE(lede::render_html(json, html, options));
  CHECK(test::count(html, "rel=\"noopener noreferrer nofollow ugc\"") == 3);
}

TEST_CASE("raised depth limits stop at their ceilings") {
  lede::Options options;
  options.limits.max_markdown_depth = 100000;
  std::string html;
  lede::Result r = lede::render_html("{\"title\":\"T\",\"body\":" + test::quote(std::string(500, '>') + " x") + "}",
                                     html, options);
  REQUIRE(r);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].to_string() ==
        "body: Markdown nested deeper than the limit of 400 levels: what is deeper is kept as text of the level above");
  CHECK(test::count(html, "<blockquote>") == 400);
  options.limits.max_json_depth = 1000000;
  std::string deep = "{\"title\":\"T\",\"x\":" + std::string(20000, '[') + std::string(20000, ']') + "}";
  r = lede::render_html(deep, html, options);
  REQUIRE_FALSE(r);
  CHECK(r.first_error()->message == "nesting is deeper than the limit of 10000 levels");
}
