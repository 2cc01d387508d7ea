#include <catch2/catch.hpp>

#include "output/html_writer.hpp"
#include "tree/document.hpp"

using namespace lede;

TEST_CASE("text is escaped as text, attribute values as quoted values") {
  Document doc;
  doc.open(Tag::p);
  doc.set(Attr::title, "a \"quoted\" <b> & 'single'");
  doc.text("<script>alert('x')</script> & \"quotes\"");
  doc.close();
  std::string html;
  write_html(doc, html);
  CHECK(html ==
        "<p title=\"a &quot;quoted&quot; &lt;b&gt; &amp; 'single'\">&lt;script&gt;alert('x')&lt;/"
        "script&gt; &amp; \"quotes\"</p>");
}

TEST_CASE("void elements have no end tag") {
  Document doc;
  doc.open(Tag::p);
  doc.text("a");
  doc.open(Tag::br);
  doc.close();
  doc.text("b");
  doc.open(Tag::img);
  doc.set_url(Attr::src, "x.png", UrlKind::image);
  doc.set(Attr::alt, "");
  doc.close();
  doc.close();
  doc.open(Tag::hr);
  doc.close();
  std::string html;
  write_html(doc, html);
  CHECK(html == "<p>a<br>b<img src=\"x.png\" alt=\"\"></p><hr>");
}

TEST_CASE("a leading newline in <pre> survives an HTML parser") {
  Document doc;
  doc.open(Tag::pre);
  doc.text("\nfirst line");
  doc.close();
  std::string html;
  write_html(doc, html);
  CHECK(html == "<pre>\n\nfirst line</pre>");
}

TEST_CASE("the tree normalises text as HTML's input stream does and joins text nodes") {
  Document doc;
  doc.open(Tag::p);
  doc.text("a\r\nb\rc");
  doc.text(std::string("d\0e", 3));
  doc.close();
  REQUIRE(doc.node(doc.node(1).first_child).next == kNone);  // one text node
  std::string html;
  write_html(doc, html);
  CHECK(html == "<p>a\nb\ncd\xEF\xBF\xBD" "e</p>");
}

TEST_CASE("the tree refuses attributes outside the allowlist and URLs outside the policy") {
  Document doc;
  doc.open(Tag::a);
  CHECK_FALSE(doc.set_url(Attr::href, "javascript:alert(1)", UrlKind::link));
  CHECK_FALSE(doc.set_url(Attr::alt, "/x", UrlKind::link));  // not a URL attribute
  CHECK(doc.set_url(Attr::href, "/ok", UrlKind::link));
  CHECK(doc.set(Attr::title, "t"));
  doc.close();
  std::string html;
  write_html(doc, html);
  CHECK(html == "<a href=\"/ok\" title=\"t\"></a>");
  CHECK_FALSE(is_allowed(Tag::p, Attr::href));
  CHECK_FALSE(is_allowed(Tag::img, Attr::href));
  CHECK(is_allowed(Tag::img, Attr::src));
  CHECK(is_allowed(Tag::p, Attr::class_));
}

TEST_CASE("setting an attribute twice keeps one attribute with the last value") {
  Document doc;
  doc.open(Tag::p);
  doc.set(Attr::class_, "a");
  doc.text("x");
  doc.set(Attr::class_, "b");
  doc.text("y");
  doc.close();
  std::string html;
  write_html(doc, html);
  CHECK(html == "<p class=\"b\">xy</p>");
}

TEST_CASE("retag drops attributes the new tag does not allow; remove unlinks") {
  Document doc;
  NodeId a = doc.open(Tag::a);
  doc.set_url(Attr::href, "/x", UrlKind::link);
  doc.set(Attr::class_, "c");
  doc.text("link");
  doc.close();
  NodeId p = doc.open(Tag::p);
  doc.close();
  doc.retag(a, Tag::span);
  doc.remove(p);
  std::string html;
  write_html(doc, html);
  CHECK(html == "<span class=\"c\">link</span>");
}
