// The quick parser for serialized HTML against gumbo: wherever it gives a tree, that
// tree must be gumbo's, node by node; and on real pages it must not give up so often
// that it stops being the quick way.
#include <dirent.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "helpers.hpp"
#include "common/gumbo_oracle.hpp"
#include "html/serialized_html_parser.hpp"

namespace {

using gumbo_oracle::difference;
using gumbo_oracle::gumbo_tree;

struct Tally {
  int quick = 0, gave_up = 0, differ = 0;
};

// Parses `html` both ways; a difference fails the test.
void check(const std::string& html, Tally& t) {
  lede::HtmlTree got, want;
  if (!lede::serialized_html_events(html, got)) {
    ++t.gave_up;
    return;
  }
  ++t.quick;
  std::string d = difference(gumbo_tree(html, want), got);
  if (d.empty()) return;
  ++t.differ;
  if (std::getenv("LEDE_DUMP")) { FILE* f = fopen(("/tmp/fail-" + std::to_string(t.differ) + ".html").c_str(), "wb"); fwrite(html.data(), 1, html.size(), f); fclose(f); }
  if (t.differ <= 5) {
    INFO("input: " << test::quote(html.size() > 600 ? html.substr(0, 600) + "…" : html));
    CHECK(d == "");
  }
}

std::vector<std::string> pages(const char* file) {
  const std::string dir = LEDE_SOURCE_DIR "/../shared/corpora/readability-pages";
  std::vector<std::string> out;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      std::string path = dir + "/" + e->d_name + "/" + file;
      struct stat st;
      if (e->d_name[0] != '.' && stat(path.c_str(), &st) == 0) out.push_back(test::read_file(path));
    }
    closedir(d);
  }
  return out;
}

// One vector a line (h5sc, markdown-it's XSS list).
std::vector<std::string> lines(const std::string& path) {
  std::vector<std::string> out;
  std::string text = test::read_file(path), line;
  for (char c : text) {
    if (c == '\n') {
      if (!line.empty()) out.push_back(line);
      line.clear();
    } else {
      line += c;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("the quick parser builds gumbo's tree or gives up, on crafted fragments") {
  const char* inputs[] = {
      "", "text", "a &amp; b &lt;c&gt; &quot;d&quot; &nbsp;e&#233;&#xE9;&eacute;", "&", "a & b", "&;", "&#;",
      "&#x;", "&copy", "&notit;", "&#0;", "&#128;", "&#x80;", "&#xD800;", "&#x110000;", "&#10;", "&#32;",
      "&#65;", "&#x1F600;", "<p>one</p><p>two</p>", "<p>a<div>b</div></p>", "<p>a<p>b", "<div><p>a</p></div>",
      "<ul><li>a<li>b</ul>", "<ul><li>a<ul><li>b</li></ul></li></ul>", "<li><div><li>x</li></div></li>",
      "<dl><dt>a</dt><dd>b</dd></dl>", "<dl><dt>a<dd>b</dl>", "<a href=x>1<a href=y>2</a></a>",
      "<a href=\"x\"><b>b</b></a>", "<b>1<i>2</b>3</i>", "<b><p>x</p></b>", "<table><tr><td>x</td></tr></table>",
      "<table><tbody><tr><td>x</td></tr></tbody></table>", "<table> <tbody> <tr> <td>x</td> </tr> </tbody> </table>",
      "<table>x<tbody></tbody></table>", "<table><caption>c</caption><colgroup><col><col/></colgroup></table>",
      "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td><table><tbody><tr><td>n</td></tr></tbody></table></td></tr></tbody></table>",
      "<table><tbody><tr><td><p>a</p><div>b</div></td></tr></tbody></table>", "<p><table></table></p>",
      "<pre>\nx</pre>", "<pre>\n\nx</pre>", "<pre>&#10;x</pre>", "<pre><code>\nx</code></pre>", "<listing>\nx</listing>",
      "<textarea>x</textarea>", "<script>alert(1)</script>", "<style>p{}</style>", "<svg><circle/></svg>",
      "<math><mi>x</mi></math>", "<img src=a.png alt=\"A\"><br><br/><hr>", "<div/>", "<span/>", "<img src=a/>",
      "<p>a</P>", "<P CLASS=\"X\">a</p>", "<p class=a class=b>x</p>", "<p class=\"a\"id=\"b\">x</p>",
      "<p class='a'>x</p>", "<p class=a&amp;b>x</p>", "<p title=\"&amp;&lt;&quot;\">x</p>", "<p title=\"&amp\">x</p>",
      "<a href=\"?a=1&b=2\">x</a>", "<a href=\"?a=1&amp;b=2\">x</a>", "<p hidden>x</p>", "<p =x>y</p>",
      "<h1>a<h2>b</h2></h1>", "<h1>a</h1><h2>b</h2>", "<form><form></form></form>", "<form>x</form>",
      "<!-- c -->x", "<!---->", "<!-->", "<!--->", "<!-- a --!> b -->", "<!-- <!-- -->", "<!DOCTYPE html>",
      "<![CDATA[x]]>", "<?xml?>", "a<b", "a < b", "</p>", "</div>", "</br>", "</html>", "<html><body>x</body></html>",
      "<x-card a=1>x</x-card>", "<x-card>x</x-other>", "<foo>x</foo>", "<o:p>x</o:p>", "<nobr>x</nobr>",
      "<noscript><img src=a></noscript>", "<figure><img src=a><figcaption>c</figcaption></figure>",
      "<select><option>a</select>", "<button>x</button>", "<iframe src=x></iframe>", "<object></object>",
      "<ruby>a<rt>b</rt></ruby>", "<template>x</template>", "<image src=x>", "<input type=hidden>",
      "<video controls><source src=a.mp4><track src=b.vtt></video>", "<details><summary>s</summary>x</details>",
      "a\rb", "a\r\nb", "a\x01z", "a\x7Fz", "\xC2\x85", "\xEF\xBF\xBE", "\xEF\xB7\x90",
      "\xF4\x8F\xBF\xBF", "\xC0\xAF", "\xED\xA0\x80", "\xE2\x82", "caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80",
      "<p>\t\f\n </p>", "<p>a<h2>b</h2></p>", "<div><p> <div>x</div></p></div>", "<p><b>x</b><ul><li>y</li></ul></p>",
      "<p><span><div>x</div></span></p>", "<p><hr></p>", "<p><h2>a</h2><h3>b</h3></p>", "<h2><p>a<h3>b</h3></p></h2>",
      "<p><li>x</li></p>", "<ul><li><p>a<li>b</ul>", "<meta itemprop=a content=b><link rel=x href=y/>", "<p><meta a=b>x</p>",
      "<iframe src=x></iframe>", "<iframe>x</iframe>", "<iframe></IFRAME>", "<p><iframe></iframe></p>",
      "<div>a<td>b</td>c</div>", "<span>a<tr><th>b</th></tr></span>", "<table><tbody><tr><td><td>x</td></tr></tbody></table>",
      "a<caption>b</caption>", "a</tbody>b", "<head>x</head>", "<p>a<frame>b</p>",
      "<svg viewbox=\"0 0 1 1\" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><path d=\"M0\"/><use xlink:href=\"#a\"/></svg>",
      "<svg><clipPath id=c><rect/></clipPath><g><text>T</text></g></svg>after", "<svg><p>x</p></svg>", "<svg><b>x</b></svg>",
      "<svg><foreignObject><div>x</div></foreignObject></svg>", "<svg><title>t</title><desc>d</desc></svg>",
      "<svg><font color=red>x</font></svg>", "<svg><font>x</font></svg>", "<svg></p></svg>", "<svg></SVG>", "<svg><g></svg>",
      "<svg><![CDATA[x]]></svg>", "<svg/>", "<p><svg></svg></p>", "<table><svg></svg></table>", "<svg><math></math></svg>",
      "<math><semantics><mrow><mi>x</mi><mo>=</mo><mn>1</mn></mrow><annotation encoding=\"application/x-tex\">x=1</annotation></semantics></math>",
      "<math definitionurl=a><mi><b>x</b></mi></math>", "<math><annotation-xml encoding=\"text/html\"><p>x</p></annotation-xml></math>",
      "<math><mglyph/></math>", "<math><mi>a</mi ><mo>b</mo></math>", "<svg><g>a</g\n><path/></svg>", "<div>a</div\n>b", "<math xml:lang=en><msup><mi>x</mi><mn>2</mn></msup></math>", "<b><b><b><b>x</b></b></b></b>", "<p><b>a</b><b>b</b><b>c</b><b>d</b></p>",
  };
  Tally t;
  for (const char* in : inputs) check(in, t);
  check(std::string("a\0b", 3), t);
  CHECK(t.differ == 0);
  CHECK(t.quick >= 55);
}

TEST_CASE("the quick parser finds a text's or a value's stops at every place in a word") {
  // Text and quoted values are read a 64-bit word at a time up to the word that holds a
  // '<', '&' or the quote: each stop goes at every offset of the first three words, and
  // the tree must still be gumbo's, with every character where it was.
  const char* stops[] = {"<b>x</b>", "&amp;", "&nbsp;", "&eacute;", "&#233;", "&", "<!--c-->", "</p>"};
  Tally t;
  for (const char* stop : stops) {
    for (std::size_t at = 0; at <= 24; ++at) {
      std::string before(at, 'a'), after(24 - at, 'z');
      check("<p>" + before + stop + after + "</p>", t);
      check(before + stop + after, t);
      std::string value = before + (stop[0] == '&' ? stop : "<") + after;
      check("<p title=\"" + value + "\" class='" + value + "'>x</p>", t);
      check("<p title=\"" + before + "'" + after + "\" class='" + before + "\"" + after + "'>x</p>", t);
    }
  }
  CHECK(t.differ == 0);
  CHECK(t.quick >= 700);
}

TEST_CASE("the quick parser agrees with gumbo on real pages and attack vectors") {
  std::vector<std::string> expected = pages("expected.html");
  std::vector<std::string> sources = pages("source.html");
  REQUIRE(expected.size() >= 100);
  REQUIRE(sources.size() >= 100);
  Tally pages_tally, sources_tally, vectors_tally;
  for (const std::string& html : expected) check(html, pages_tally);
  for (const std::string& html : sources) check(html, sources_tally);
  for (const char* list : {"/../shared/corpora/h5sc/vectors.txt", "/../shared/corpora/markdown-it/xss.txt"})
    for (const std::string& v : lines(LEDE_SOURCE_DIR + std::string(list))) check(v, vectors_tally);
  CHECK(pages_tally.differ == 0);
  CHECK(sources_tally.differ == 0);
  CHECK(vectors_tally.differ == 0);
  // Readability's expected output is HTML as jsdom writes it: the quick way must take
  // most of it, or it has stopped being worth having.
  INFO("expected.html: " << pages_tally.quick << " quick, " << pages_tally.gave_up << " to gumbo");
  CHECK(pages_tally.quick * 10 >= static_cast<int>(expected.size()) * 8);
  CHECK(vectors_tally.quick > 0);
}

TEST_CASE("the quick parser agrees with gumbo on 20,000 mutated pages") {
  std::vector<std::string> seeds = pages("expected.html");
  REQUIRE_FALSE(seeds.empty());
  for (const char* list : {"/../shared/corpora/h5sc/vectors.txt", "/../shared/corpora/markdown-it/xss.txt"})
    for (const std::string& v : lines(LEDE_SOURCE_DIR + std::string(list))) seeds.push_back(v);
  std::mt19937 rng(20261201);
  static const char* kPieces[] = {"<", ">", "/", "</p>", "<p>", "<div>", "</div>", "<li>", "</li>", "<a href=x>",
                                  "</a>", "<b>", "</b>", "<table>", "<tr>", "<td>", "</td>", "</table>", "&amp;",
                                  "&", "&#", ";", "\"", "'", "=", " ", "\n", "<!--", "-->", "<pre>", "<br/>",
                                  "<h2>", "</h2>", " hidden", " a", "&nbsp;", "&#x27;", "&eacute;", "<img src=x>", "<svg>",
                                  "<math>", "<select>", "<option>", "<p/>", "<x-a>", "</x-a>", "<noscript>", "</noscript>",
                                  "</svg>", "</math>", "<mi>", "</mi>", "<path d=x/>", "<g>", "</g>", "</td>", "</tr>",
                                  "<foreignObject>", "<annotation encoding=x>", "</annotation>", " viewbox=a", " xlink:href=b", "<dd>", "<dt>", "<form>", "<tbody>", "<caption>", "<colgroup>"};
  Tally t;
  for (int i = 0; i < 20000 && t.differ < 5; ++i) {
    std::string text = seeds[rng() % seeds.size()];
    if (text.size() > 3000) {  // a window of the page: more cases a second
      std::size_t at = rng() % (text.size() - 3000);
      text = text.substr(at, 3000);
    }
    for (int edits = 1 + rng() % 3; edits > 0 && !text.empty(); --edits) {
      std::size_t at = rng() % text.size();
      switch (rng() % 3) {
        case 0: text.insert(at, kPieces[rng() % (sizeof kPieces / sizeof *kPieces)]); break;
        case 1: text.erase(at, 1 + rng() % 8); break;
        default: text[at] = kPieces[rng() % (sizeof kPieces / sizeof *kPieces)][0]; break;
      }
    }
    check(text, t);
  }
  INFO(t.quick << " quick, " << t.gave_up << " to gumbo");
  CHECK(t.differ == 0);
  CHECK(t.quick >= 3000);
}
