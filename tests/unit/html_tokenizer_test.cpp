#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "html/html_tokenizer.hpp"

namespace {

// Tokens as readable strings: text "x", <tag a="v"/>, </tag>, <!--c-->.
std::vector<std::string> tokens(std::string_view html) {
  lede::HtmlTokenizer t;
  std::vector<lede::HtmlToken> out;
  t.feed(html, out);
  t.finish(out);
  std::vector<std::string> s;
  for (const auto& tok : out) {
    switch (tok.kind) {
      case lede::HtmlToken::Kind::text: s.push_back("\"" + tok.data + "\""); break;
      case lede::HtmlToken::Kind::comment: s.push_back("<!--" + tok.data + "-->"); break;
      case lede::HtmlToken::Kind::end_tag: s.push_back("</" + tok.data + ">"); break;
      case lede::HtmlToken::Kind::start_tag: {
        std::string t2 = "<" + tok.data;
        for (const auto& a : tok.attributes) t2 += " " + a.first + "=\"" + a.second + "\"";
        s.push_back(t2 + (tok.self_closing ? "/>" : ">"));
      }
    }
  }
  return s;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("the tokenizer follows HTML's tokenization states") {
  CHECK(tokens("a<B>b</B >c") == V{"\"a\"", "<b>", "\"b\"", "</b>", "\"c\""});
  CHECK(tokens("<abbr TITLE='x y' title=dup data-x=\"&amp;&lt;\">") ==
        V{"<abbr title=\"x y\" data-x=\"&<\">"});
  CHECK(tokens("<br/><img src=x onerror=alert(1) />") ==
        V{"<br/>", "<img src=\"x\" onerror=\"alert(1)\"/>"});
  CHECK(tokens("<a\nhref = \"x\"\tid>") == V{"<a href=\"x\" id=\"\">"});
  CHECK(tokens("<a =x>") == V{"<a =x=\"\">"});  // '=' may start an attribute name
  CHECK(tokens("1 < 2 <3 <") == V{"\"1 < 2 <3 <\""});
  CHECK(tokens("<!-- c --><!----><!--><!--->x") == V{"<!-- c -->", "<!---->", "<!---->", "<!---->", "\"x\""});
  CHECK(tokens("<!--a--!>b") == V{"<!--a-->", "\"b\""});
  CHECK(tokens("<!DOCTYPE html><?php x ?></ x>") ==
        V{"<!--DOCTYPE html-->", "<!--?php x ?-->", "<!-- x-->"});
  CHECK(tokens("</>x</") == V{"\"x</\""});
  CHECK(tokens("<sup x='1'y>") == V{"<sup x=\"1\" y=\"\">"});
  CHECK(tokens("AT&amp;T &#x3C;b&#62;") == V{"\"AT&T <b>\""});
  CHECK(tokens("<div unterminated=\"x") == V{});  // an unfinished tag is dropped
  CHECK(tokens("<!-- open") == V{"<!-- open-->"});
  CHECK(tokens("</sup attr=x>") == V{"</sup>"});
}

TEST_CASE("the tokenizer takes input in pieces") {
  lede::HtmlTokenizer t;
  std::vector<lede::HtmlToken> out;
  t.feed("<su", out);
  t.feed("p title=\"a", out);
  t.feed("b\">x<!", out);
  t.feed("-", out);
  t.feed("->", out);
  t.finish(out);
  REQUIRE(out.size() == 3);
  CHECK(out[0].data == "sup");
  CHECK(*out[0].attribute("title") == "ab");
  CHECK(out[1].data == "x");
  CHECK(out[2].kind == lede::HtmlToken::Kind::comment);
}

namespace {

std::string safe_body(const std::string& markdown) {
  lede::Options options;
  options.keep_safe_html = true;
  std::string html;
  lede::Result r = lede::render_html("{\"title\":\"T\",\"body\":" + test::quote(markdown) + "}", html, options);
  if (!r) return "ERROR";
  const std::string open = "<div class=\"lede-body\">";
  std::size_t b = html.find(open) + open.size();
  return html.substr(b, html.rfind("</div></article>") - b);
}

}  // namespace

TEST_CASE("keep_safe_html keeps the small inline subset, with only their own attributes") {
  CHECK(safe_body("H<sub>2</sub>O and E=mc<sup>2</sup>, press <kbd>Ctrl</kbd>, <mark>this</mark>") ==
        "<p>H<sub>2</sub>O and E=mc<sup>2</sup>, press <kbd>Ctrl</kbd>, <mark>this</mark></p>");
  CHECK(safe_body("<abbr title=\"HyperText Markup Language\" onclick=\"x()\" style=\"color:red\">HTML</abbr>") ==
        "<p><abbr title=\"HyperText Markup Language\">HTML</abbr></p>");
  CHECK(safe_body("line<br>break<br/>again") == "<p>line<br>break<br>again</p>");
}

TEST_CASE("keep_safe_html drops every other tag, keeping text, and drops script content") {
  CHECK(safe_body("a <span class=x>b</span> <img src=x onerror=alert(1)> c") == "<p>a b  c</p>");
  CHECK(safe_body("a <script>alert(1)</script> b") == "<p>a  b</p>");
  CHECK(safe_body("<script>\nalert(1)\n</script>\n\nafter") == "<p>after</p>");
  CHECK(safe_body("<style>p{color:red}</style>x") == "x");
  CHECK(safe_body("<svg><script>alert(1)</script></svg>ok") == "<p>ok</p>");
  CHECK(safe_body("<a href=\"javascript:alert(1)\">x</a>") == "<p>x</p>");
  CHECK(safe_body("<iframe src=//evil></iframe>y") == "y");
  CHECK(safe_body("<!-- hidden -->visible") == "visible");
  CHECK(safe_body("a <textarea>b") == "<p>a </p>");  // the unclosed drop ends with its block
}

TEST_CASE("keep_safe_html: details and figure hold Markdown, but never inside a paragraph") {
  CHECK(safe_body("<details open>\n<summary>More</summary>\n\nHidden *text*\n\n</details>\n\nAfter") ==
        "<details open=\"\"><summary>More</summary><p>Hidden <em>text</em></p></details><p>After</p>");
  CHECK(safe_body("<figure>\n\n![a](a.png)\n\n<figcaption>Cap</figcaption>\n</figure>") ==
        "<figure><p><img loading=\"lazy\" decoding=\"async\" referrerpolicy=\"no-referrer\" "
        "src=\"a.png\" alt=\"a\"></p><figcaption>Cap</figcaption></figure>");
  CHECK(safe_body("text <details>x</details> more") == "<p>text x more</p>");
  CHECK(safe_body("<summary>alone</summary>") == "alone");
}

TEST_CASE("keep_safe_html never lets raw HTML unbalance Markdown's structure") {
  CHECK(safe_body("*a <sup>b* c</sup>") == "<p><em>a <sup>b</sup></em> c</p>");
  CHECK(safe_body("<sup>open") == "<p><sup>open</sup></p>");
  CHECK(safe_body("> <sub>x\n\ny</sub>") == "<blockquote><p><sub>x</sub></p></blockquote><p>y</p>");
  // A raw inline element left open at block level is closed with its container.
  CHECK(safe_body("<mark>\n\npara\n\n</mark>\n\nnext") == "<mark><p>para</p></mark><p>next</p>");
  CHECK(safe_body("</sup>stray") == "<p>stray</p>");
  CHECK(safe_body("<sup><sub>a</sup>b") == "<p><sup><sub>a</sub></sup>b</p>");
}

TEST_CASE("by default raw HTML stays text") {
  CHECK(test::body_html("H<sub>2</sub>O") == "<p>H&lt;sub&gt;2&lt;/sub&gt;O</p>");
}
