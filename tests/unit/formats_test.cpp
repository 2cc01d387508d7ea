// The formats Lede reads besides its own (src/input/adapters/): detection, items,
// lenient reading and the inputs that must stay linear.
#include <catch2/catch.hpp>

#include <algorithm>
#include <ctime>

#include <malloc.h>

#include "helpers.hpp"

namespace {

// The fastest of `runs` validations of `json`, in seconds of this process's CPU time:
// the minimum, and CPU rather than wall time, are the least disturbed by other work on
// a shared machine.
double fastest(const std::string& json, int runs = 3) {
  double best = 1e9;
  for (int i = 0; i < runs; ++i) {
    // Every run starts with the memory given back, as a fresh process would: otherwise
    // 1 MB reuses the pages of the run before and 8 MB (whose pages go back to the
    // system between runs) pays for its page faults alone.
    malloc_trim(0);
    std::clock_t start = std::clock();
    lede::Result r = lede::validate(json);
    double s = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
    CHECK(r.ok());
    best = std::min(best, s);
  }
  return best;
}

// A schema.org @graph of about `bytes`: an article and as many Person nodes as fit. The
// hostile shape cites every person by {"@id"}; its benign twin names them inline, with
// the same nodes, count and size.
std::string schema_graph(std::size_t bytes, bool by_id) {
  std::string persons, authors;
  for (std::size_t i = 0; persons.size() + authors.size() < bytes; ++i) {
    std::string n = std::to_string(i);
    persons += ",{\"@type\":\"Person\",\"@id\":\"#p" + n + "\",\"name\":\"P" + n + "\"}";
    authors += (i ? "," : "") + (by_id ? "{\"@id\":\"#p" + n + "\"}" : "{\"name\":\"Q" + n + "\"}");
  }
  return "{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"Article\",\"headline\":\"H\","
         "\"author\":[" + authors + "]}" + persons + "]}";
}

// Under ASan and UBSan (-O0) everything runs some 15× slower: the same ratios at a
// quarter of the size (still 17× and 8× its twin for the old code's quadratic work).
#if defined(__SANITIZE_ADDRESS__)
constexpr std::size_t kUnit = std::size_t{1} << 18;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr std::size_t kUnit = std::size_t{1} << 18;
#else
constexpr std::size_t kUnit = std::size_t{1} << 20;
#endif
#else
constexpr std::size_t kUnit = std::size_t{1} << 20;
#endif

// Checks that `make(bytes, true)` (a hostile shape) grows linearly: at 1 MB and at 8 MB
// (kUnit and 8 kUnit) it takes at most 3× the time of `make(bytes, false)`, its benign
// twin of the same size, and 8 MB takes at most 20× what 1 MB takes. Ratios in one run,
// never absolute times.
template <typename Make>
void check_linear(Make make) {
  const std::size_t mb = kUnit;
  std::string hostile = make(mb, true), benign = make(mb, false);
  double h1 = fastest(hostile, 5), b1 = fastest(benign, 5);
  hostile = make(8 * mb - 1024, true);
  benign = make(8 * mb - 1024, false);
  double h8 = fastest(hostile), b8 = fastest(benign);
  INFO("CPU time: 1 MB " << h1 << " s, its twin " << b1 << " s; 8 MB " << h8 << " s, its twin " << b8 << " s");
  CHECK(h1 <= 3 * b1);
  CHECK(h8 <= 3 * b8);
  // 8 MB at most 20× 1 MB, or no worse than twice the benign twin's growth: the whole
  // pipeline takes about 8× the instructions but up to 10× the time for 8× the input
  // (its memory, some 18 bytes per input byte, no longer fits the caches), and a 1 MB
  // run of 40 ms is easily disturbed on a shared machine (CI once saw 13×, with the
  // benign twin's 1 MB run slower than the hostile one). Quadratic work grows 64×, and
  // the checks against the twin above catch it at either size.
  CHECK(h8 / h1 <= std::max(20.0, 2 * b8 / b1));
}

}  // namespace

TEST_CASE("issue 16: a schema.org graph citing every node by @id reads in linear time", "[timing]") {
  // Graph::resolve scanned every node for each reference: 26k authors cited by @id in
  // 780 KB took 3.4 s natively (11.7 s in wasm); 1 MB took 68× its benign twin.
  std::string html;
  REQUIRE(lede::render_html(schema_graph(2000, true), html).ok());
  CHECK(html.find("P0</span>") != std::string::npos);  // references are still resolved
  check_linear(schema_graph);
}

TEST_CASE("issue 16: many Apple News author components read in linear time", "[timing]") {
  // Each author component was compared with every author before it: 30,000 of them
  // (1 MB) took 1.0 s of CPU against 0.03 s for as many body components.
  auto components = [](std::size_t bytes, bool authors) {
    std::string c;
    for (std::size_t i = 0; c.size() < bytes; ++i)
      c += std::string(i ? "," : "") + "{\"role\":\"" + (authors ? "author" : "body") + "\",\"text\":\"A" +
           std::to_string(i) + "\"}";
    return "{\"title\":\"T\",\"components\":[" + c + "]}";
  };
  std::string html;
  REQUIRE(lede::render_html(components(100, true), html).ok());
  CHECK(html.find("By <span>A0</span>, <span>A1</span>, ") != std::string::npos);
  check_linear(components);
}

namespace {

// The HTML, with the no-break spaces typography puts in titles as plain spaces.
std::string html_of(const std::string& input, const std::string& item = "") {
  lede::Options options;
  options.item = item;
  std::string html;
  lede::Result r = lede::render_html(input, html, options);
  if (!r) return "ERROR: " + r.first_error()->to_string();
  for (std::size_t at; (at = html.find("\xC2\xA0")) != std::string::npos;) html.replace(at, 2, " ");
  return html;
}

std::string body_of(const std::string& html) {
  std::size_t b = html.find("<div class=\"lede-body\">");
  if (b == std::string::npos) return "";
  std::size_t e = html.find("</div>", b);
  return html.substr(b + 23, e - b - 23);
}

std::string error_of(const std::string& input, const std::string& item = "") {
  lede::Options options;
  options.item = item;
  std::string html;
  lede::Result r = lede::render_html(input, html, options);
  return r ? "" : r.first_error()->to_string();
}

}  // namespace

TEST_CASE("issue 19: JSON Feed with any version string, or none, is read as a feed") {
  // http://jsonfeed.org/version/1 (as many 1.0 feeds wrote it) was read as Lede's own
  // format: the feed's title and nothing else, exit 0.
  for (const char* version : {"\"http://jsonfeed.org/version/1\"", "\"https://jsonfeed.org/version/1\"",
                              "\"https://jsonfeed.org/version/1.1\"", "\"1\"", "\"1.0\"", "\"1.1\"", "null", "7"}) {
    std::string feed = std::string(R"({"version": )") + version +
                       R"(, "title": "The Feed", "items": [{"id": "a", "title": "First", "content_html": "<p>Its text.</p>"}]})";
    INFO(feed);
    std::string html = html_of(feed);
    CHECK(html.find("<h1 class=\"lede-title\" id=\"lede-title\">First</h1>") != std::string::npos);
    CHECK(body_of(html) == "<p>Its text.</p>");
    CHECK(std::string(lede::detected_format(feed)) == "JSON Feed");
  }
  // An item without a title (a note) is titled by its first words, with a warning.
  std::string note = R"({"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "n", "content_text": "Just a short note."}]})";
  CHECK(html_of(note).find(">Just a short note.</h1>") != std::string::npos);
}

TEST_CASE("issue 19: a WordPress list is read as one of its posts") {
  std::string list = R"([{"id": 7, "slug": "first-post", "link": "https://blog.example/first-post/",
    "title": {"rendered": "First &amp; best"}, "content": {"rendered": "<p>One <img src=\"/up/a.jpg\" alt=\"a\"></p>"}},
    {"id": 8, "slug": "second", "link": "https://blog.example/second/", "title": {"rendered": "Second"},
    "content": {"rendered": "<p>Two</p>"}}])";
  CHECK(std::string(lede::detected_format(list)) == "WordPress");
  std::string html = html_of(list);
  CHECK(html.find(">First &amp; best</h1>") != std::string::npos);
  // Relative URLs in the post resolve against its link.
  CHECK(body_of(html).find("src=\"https://blog.example/up/a.jpg\"") != std::string::npos);
  for (const char* item : {"1", "8", "second", "https://blog.example/second/"}) {
    INFO(item);
    CHECK(html_of(list, item).find(">Second</h1>") != std::string::npos);
  }
  CHECK(error_of(list, "third") == "no post \"third\" (there are 2: 0 to 1, or an id, url or slug)");
  CHECK(error_of(list, "2") == "no post \"2\" (there are 2: 0 to 1, or an id, url or slug)");
  CHECK(error_of("[]") == "an empty list (a WordPress query that found no post?): there is no article to show");
  std::vector<lede::Item> items;
  REQUIRE(lede::list_items(list, items).ok());
  REQUIRE(items.size() == 2);
  CHECK(items[0].id == "7");
  CHECK(items[0].slug == "first-post");
  CHECK(items[0].title == "First & best");
  CHECK(items[1].url == "https://blog.example/second/");
}

TEST_CASE("issue 17: a WordPress title is HTML decoded once, as a browser shows it") {
  std::string post = R"({"id": 7, "link": "https://blog.example/p/", "content": {"rendered": "<p>Body</p>"},
    "title": {"rendered": "Escaping &amp;lt;b&amp;gt; &amp;amp; &#8211; more"}})";
  CHECK(html_of(post).find(">Escaping &amp;lt;b&amp;gt; &amp;amp; \xE2\x80\x93 more</h1>") != std::string::npos);
  CHECK(error_of(R"({"id": 7, "link": "https://blog.example/p/", "title": {"rendered": " <b></b> "},
    "content": {"rendered": "<p>Body</p>"}})") == "title.rendered: required: an article needs a title");
}

TEST_CASE("issue 19: another format's content in an object is recognised or refused, never an empty article") {
  for (const char* key : {"entries", "posts", "articles", "content", "html", "text", "articleBody", "data"}) {
    std::string json = std::string(R"({"title": "T", ")") + key + R"(": [{"title": "x", "text": "y"}]})";
    INFO(json);
    CHECK(error_of(json).find(std::string(key) + ": the article has no \"body\"") == 0);
  }
  // A feed by its shape: items without a version.
  CHECK(body_of(html_of(R"({"title": "F", "items": [{"title": "x", "content_text": "y"}]})")) == "<p>y</p>");
  // A Lede article with only a title stays valid; with a body, other members are ignored.
  CHECK(lede::validate(R"({"title": "T"})").problems.empty());
  CHECK(lede::validate(R"({"title": "T", "body": "b", "text": "other", "items": 3})").problems.empty());
}

TEST_CASE("issue 19: in Lede's own format a field that cannot be read is a warning when rendering") {
  std::string json = R"({"title": "T", "published": "not a date", "lang": "en_US", "site": "Gazette",
    "related": [{"title": "r", "url": 3}], "body": "Kept."})";
  std::string html;
  lede::Result r = lede::render_html(json, html);
  REQUIRE(r.ok());
  CHECK(body_of(html) == "<p>Kept.</p>");
  CHECK(html.find("<span>r</span>") != std::string::npos);
  std::vector<std::string> got;
  for (const auto& p : r.problems) got.push_back((p.warning ? "warning: " : "") + p.to_string());
  CHECK(got == std::vector<std::string>{
                   "warning: site: expected an object",
                   "warning: published: expected an ISO 8601 date such as 2026-01-27 or 2026-01-27T09:30:00Z",
                   "warning: lang: expected a language tag such as en, de-CH or ar",
                   "warning: related[0].url: expected a string"});
  // lede validate checks the JSON itself: the same problems are errors there.
  lede::Result v = lede::validate(json);
  CHECK_FALSE(v.ok());
  CHECK(v.problems.size() == 4);
  // The title stays required.
  CHECK(error_of(R"({"title": 3, "body": "x"})") == "title: expected a string");
}

TEST_CASE("issue 19: the header links to the original; an article without a body says so") {
  std::string html = html_of(R"({"title": "T", "url": "https://www.gazette.example/news/t", "body": "x"})");
  CHECK(html.find("<a href=\"https://www.gazette.example/news/t\" rel=\"noopener noreferrer\" "
                  "class=\"lede-original\">Original article</a>") != std::string::npos);
  html = html_of(R"({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "H",
                     "url": "https://www.gazette.example/h"})");
  CHECK(html.find("<p class=\"lede-no-body\">The text of this article is not included here. <a "
                  "href=\"https://www.gazette.example/h\" rel=\"noopener noreferrer\">Read it at "
                  "gazette.example</a>.</p>") != std::string::npos);
  CHECK(html_of(R"({"title": "T"})").find("<p class=\"lede-no-body\">The text of this article is not included here.</p>") !=
        std::string::npos);
}

TEST_CASE("issue 19: RSS 2.0 with content:encoded, dc:creator and an enclosure") {
  std::string rss = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>The Gazette</title><link>https://gazette.example/news/</link><language>en-gb</language>
<item><title>Harbour reopens</title><link>https://gazette.example/news/harbour</link><guid>tag:gazette,1</guid>
<description>Ferries run again.</description>
<content:encoded><![CDATA[<p>The harbour <img src="img/boat.jpg" alt="A boat"> reopened <a href="/tides">with the tide</a>.</p>]]></content:encoded>
<pubDate>Tue, 27 Jan 2026 09:30:00 +0100</pubDate><dc:creator>Ana Lima</dc:creator>
<category>Ports</category><category>Weather</category>
<enclosure url="https://cdn.example/harbour.mp3" type="audio/mpeg" length="1000"/></item>
<item><title>Second</title><link>/news/second</link><description>&lt;p&gt;Escaped &lt;b&gt;HTML&lt;/b&gt;&lt;/p&gt;</description></item>
</channel></rss>)";
  CHECK(std::string(lede::detected_format(rss)) == "RSS");
  std::string html = html_of(rss);
  CHECK(html.find("<a href=\"https://gazette.example/news/\" rel=\"noopener noreferrer\">The Gazette</a>") != std::string::npos);
  CHECK(html.find(">Harbour reopens</h1>") != std::string::npos);
  CHECK(html.find("<p class=\"lede-dek\">Ferries run again.</p>") != std::string::npos);
  CHECK(html.find("By <span>Ana Lima</span>") != std::string::npos);
  CHECK(html.find("datetime=\"2026-01-27T09:30:00+01:00\"") != std::string::npos);
  CHECK(html.find("<audio src=\"https://cdn.example/harbour.mp3\"") != std::string::npos);
  CHECK(html.find("<li>Ports</li><li>Weather</li>") != std::string::npos);
  // Relative URLs in the content resolve against the item's link.
  CHECK(body_of(html) == "<p>The harbour <img loading=\"lazy\" decoding=\"async\" referrerpolicy=\"no-referrer\" "
                         "src=\"https://gazette.example/news/img/boat.jpg\" alt=\"A boat\"> reopened <a "
                         "href=\"https://gazette.example/tides\" rel=\"noopener noreferrer\">with the tide</a>.</p>");
  // The second item: a relative link resolved against the channel's; escaped HTML.
  html = html_of(rss, "1");
  CHECK(body_of(html) == "<p>Escaped <strong>HTML</strong></p>");
  CHECK(html.find("href=\"https://gazette.example/news/second\"") != std::string::npos);
  CHECK(html_of(rss, "tag:gazette,1").find(">Harbour reopens</h1>") != std::string::npos);
  CHECK(html_of(rss, "second").find(">Second</h1>") != std::string::npos);
  std::vector<lede::Item> items;
  REQUIRE(lede::list_items(rss, items).ok());
  REQUIRE(items.size() == 2);
  CHECK(items[0].slug == "harbour");
  CHECK(items[0].id == "tag:gazette,1");
  CHECK(items[1].url == "https://gazette.example/news/second");
  // RSS 1.0 (RDF), its items beside the channel, dc:date.
  std::string rdf = R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="x"><title>Site</title><link>https://s.example/</link></channel>
    <item rdf:about="https://s.example/1"><title>One</title><link>https://s.example/1</link><description>Text one.</description>
    <dc:date>2026-01-02T03:04:05Z</dc:date></item></rdf:RDF>)";
  html = html_of(rdf);
  CHECK(html.find(">One</h1>") != std::string::npos);
  CHECK(body_of(html) == "<p>Text one.</p>");
  CHECK(html.find("datetime=\"2026-01-02T03:04:05Z\"") != std::string::npos);
}

TEST_CASE("issue 19: Atom 1.0: text constructs by type, xml:base, an entry document") {
  std::string atom = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr" xml:base="https://blog.example/">
  <title type="html">Le &lt;i&gt;Blog&lt;/i&gt;</title><link href="/"/><icon>favicon.png</icon>
  <author><name>Zoé</name><uri>/zoe</uri></author>
  <entry><title>Un</title><id>urn:uuid:1</id><link rel="alternate" href="posts/un"/>
    <updated>2026-01-28T10:00:00Z</updated><published>2026-01-27T10:00:00+01:00</published>
    <summary>Court.</summary>
    <content type="xhtml" xml:base="https://media.example/un/"><div xmlns="http://www.w3.org/1999/xhtml"><p>Voir <img src="a.png" alt="A"/> et <a href="b">b</a><br/>fin</p></div></content>
    <category term="tech" label="Technique"/></entry>
  <entry><title type="text">Deux &lt;pas du HTML&gt;</title><id>urn:uuid:2</id><link href="https://blog.example/deux"/>
    <updated>2026-01-29T10:00:00Z</updated><content type="text">Ligne un.

Paragraphe deux.</content></entry>
</feed>)";
  CHECK(std::string(lede::detected_format(atom)) == "Atom");
  std::string html = html_of(atom);
  CHECK(html.find("lang=\"fr\"") != std::string::npos);
  CHECK(html.find("<img referrerpolicy=\"no-referrer\" src=\"https://blog.example/favicon.png\"") != std::string::npos);
  CHECK(html.find(">Le Blog</a>") != std::string::npos);
  CHECK(html.find("<p class=\"lede-dek\">Court.</p>") != std::string::npos);
  CHECK(html.find("<a href=\"https://blog.example/zoe\" rel=\"noopener noreferrer\">Zoé</a>") != std::string::npos);
  CHECK(html.find("datetime=\"2026-01-27T10:00:00+01:00\"") != std::string::npos);
  CHECK(html.find("href=\"https://blog.example/posts/un\" rel=\"noopener noreferrer\" class=\"lede-original\"") !=
        std::string::npos);
  // xml:base on the content wins over the entry's link; <br/> stays one line break.
  CHECK(body_of(html).find("src=\"https://media.example/un/a.png\"") != std::string::npos);
  CHECK(body_of(html).find("<a href=\"https://media.example/un/b\" rel=\"noopener noreferrer\">b</a><br>fin") !=
        std::string::npos);
  CHECK(html.find("<li>Technique</li>") != std::string::npos);
  html = html_of(atom, "urn:uuid:2");
  CHECK(html.find(">Deux <pas du HTML></h1>") == std::string::npos);  // escaped, as text
  CHECK(html.find(">Deux &lt;pas du HTML&gt;</h1>") != std::string::npos);
  CHECK(body_of(html) == "<p>Ligne un.</p><p>Paragraphe deux.</p>");
  // An entry document: one entry, no feed around it.
  std::string entry = R"(<entry xmlns="http://www.w3.org/2005/Atom"><title>Seul</title><id>x</id>
    <updated>2026-01-01T00:00:00Z</updated><content type="html">&lt;p&gt;Texte&lt;/p&gt;</content></entry>)";
  CHECK(body_of(html_of(entry)) == "<p>Texte</p>");
}

TEST_CASE("issue 19: feed encodings: UTF-16, windows-1252 for ISO-8859-1, others refused by name") {
  std::string latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>C</title>"
                       "<item><title>Caf\xE9 \x93quoted\x94</title><description>x</description></item></channel></rss>";
  CHECK(html_of(latin1).find(">Caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D</h1>") != std::string::npos);
  // UTF-16LE with a byte order mark (every character here is below U+0100).
  std::string utf16 = "\xFF\xFE";
  std::string ascii = "<rss version=\"2.0\"><channel><item><title>A\xE9</title><description>x</description></item></channel></rss>";
  for (unsigned char c : ascii) utf16 += std::string{static_cast<char>(c), '\0'};
  CHECK(html_of(utf16).find(">A\xC3\xA9</h1>") != std::string::npos);
  // White space before the '<' counts as in UTF-8; JSON in UTF-16 is not XML (a JSON
  // syntax error, as before feeds were read; JSONTestSuite's i_string_UTF-16LE_with_BOM).
  CHECK(html_of(std::string("\xFF\xFE\n\0", 4) + utf16.substr(2)).find(">A\xC3\xA9</h1>") != std::string::npos);
  CHECK(error_of(std::string("\xFF\xFE[\0\"\0x\0\"\0]\0", 12)).find("syntax error while parsing value") !=
        std::string::npos);
  std::string gb = "<?xml version=\"1.0\" encoding=\"gb2312\"?><rss version=\"2.0\"><channel></channel></rss>";
  CHECK(error_of(gb) == "1:31: the XML is in the encoding gb2312, which Lede does not read (it reads UTF-8, UTF-16 "
                        "and windows-1252, which includes ISO-8859-1 and US-ASCII)");
}

TEST_CASE("issue 19: XML that is not a feed, or not well-formed, or hostile, is refused clearly") {
  CHECK(error_of("<rss><channel><item><title>x</item></channel></rss>") == "1:31: XML syntax error: mismatched tag");
  CHECK(error_of("<html><body><p>x</p></body></html>").find("an HTML page, not a feed") == 0);
  // Not well-formed as XML, as most pages are: still named for what it is, before any
  // XML parser runs (so also in the browser, which has none yet).
  CHECK(error_of("\n<!DOCTYPE html><p>not json").find("an HTML page, not a feed") == 0);
  std::vector<lede::Item> items;
  CHECK(lede::list_items("<html lang=en><p>x", items).first_error()->message.find("an HTML page, not a feed") == 0);
  CHECK(error_of("<svg xmlns=\"http://www.w3.org/2000/svg\"/>") ==
        "expected an RSS or Atom feed (<rss>, <rdf:RDF>, <feed> or <entry>); the root element is <svg> in "
        "http://www.w3.org/2000/svg");
  // Entities declared in the document are refused: no billion laughs.
  std::string laughs = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;\">]>"
                       "<rss><channel><item><title>&b;</title></item></channel></rss>";
  CHECK(error_of(laughs).find("the XML declares an entity (<!ENTITY a>), which Lede does not read") != std::string::npos);
  // Nothing outside the input is read.
  std::string external = "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"file:///etc/passwd\">"
                         "<rss><channel><item><title>t &nbsp;x</title><description>d</description></item></channel></rss>";
  CHECK(html_of(external).find(">t  x</h1>") != std::string::npos);  // &nbsp; as HTML means it
  // Nesting past the limit.
  std::string deep = "<rss>";
  for (int i = 0; i < 70; ++i) deep += "<x>";
  CHECK(error_of(deep).find("XML nesting is deeper than the limit of 64 levels") != std::string::npos);
  lede::Options small;
  small.limits.max_input_bytes = 10;
  std::string html;
  CHECK(lede::render_html("<rss>                </rss>", html, small).first_error()->code == lede::ErrorCode::too_large);
}

TEST_CASE("issue 19: Apple News: each author once, the date once, a header's picture, a quote's attribution") {
  // Apple's recipe sample: metadata.authors and an author component naming the same
  // person, with the date in the byline's text; the date modified is the date published.
  std::string recipe = R"({"version": "1.0", "title": "Cookies", "metadata": {
      "authors": ["Stewart Mason"], "datePublished": "2015-05-14T10:45:00+00:00",
      "dateModified": "2015-05-14T10:45:00+00:00"},
    "components": [
      {"role": "container", "style": {"fill": {"type": "image", "URL": "https://news.example/header.jpg"}}},
      {"role": "caption", "text": "Browned butter. PHOTO: A. HARDING"},
      {"role": "author", "text": "By Stewart Mason | May 14, 2015 | 10:45 AM"},
      {"role": "body", "text": "Preheat the oven."},
      {"role": "pullquote", "text": "THE MOUNTAIN STARTS TO MOVE."},
      {"role": "author", "text": "–OLAFUR ELIASSON"}]})";
  std::string html = html_of(recipe);
  // Read as Apple News although "version": "1.0" is also a JSON Feed version.
  CHECK(html.find("<span class=\"lede-byline\">By <span>Stewart Mason</span></span><time") != std::string::npos);
  CHECK(html.find("Updated") == std::string::npos);
  CHECK(html.find("10:45 AM") == std::string::npos);
  CHECK(html.find("<figure class=\"lede-hero\"><img decoding=\"async\" referrerpolicy=\"no-referrer\" "
                  "src=\"https://news.example/header.jpg\" alt=\"\"><figcaption>Browned butter. PHOTO: A. "
                  "HARDING</figcaption></figure>") != std::string::npos);
  CHECK(html.find("<p>–OLAFUR ELIASSON</p>") != std::string::npos);
  CHECK(html.find("OLAFUR ELIASSON</span>") == std::string::npos);
  // An update on a later day is still shown.
  std::string later = recipe;
  later.replace(later.find("\"dateModified\": \"2015-05-14"), 27, "\"dateModified\": \"2015-05-15");
  CHECK(html_of(later).find("<span class=\"lede-updated\">Updated <time datetime=\"2015-05-15T10:45:00+00:00\">") !=
        std::string::npos);
}

TEST_CASE("issue 22: another format's title and excerpt collapse HTML's white space, form feed included") {
  // adapters/common.cpp's plain() had its own white-space set, without the form feed
  // that the HTML readers count (four sets for one idea): "A \f\f B" stayed as it was.
  std::string json;
  REQUIRE(lede::convert("{\"title\":\"A \\f\\f B  \",\"content\":\"<p>x</p>\",\"excerpt\":\" one\\f two \"}", json).ok());
  CHECK(json.find("\"title\": \"A B\"") != std::string::npos);
  CHECK(json.find("\"dek\": \"one two\"") != std::string::npos);
}
