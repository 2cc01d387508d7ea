#include <catch2/catch.hpp>

#include "helpers.hpp"

using test::count;

TEST_CASE("the seed article renders completely") {
  std::string html = test::render(test::seed_json());
  REQUIRE(html.rfind("<article class=\"lede\" lang=\"en\"", 0) == 0);
  CHECK(count(html, "<h1") == 1);
  CHECK(html.find(">Once Enemies, US And Taliban Find Common Ground Against\xC2\xA0ISIS</h1>") !=
        std::string::npos);
  CHECK(html.find("<p class=\"lede-dek\">The situation is awkward for both") != std::string::npos);
  CHECK(html.find("<p class=\"lede-site\"><a href=\"https://beautiful-virgin-islands.example/\"") !=
        std::string::npos);
  CHECK(html.find("<time class=\"lede-published\" datetime=\"2026-01-27\">Tuesday, Jan 27, 2026</time>") !=
        std::string::npos);
  // 22 body paragraphs and the three section headings of the page.
  std::string body = test::body_html("");  // sanity: empty body renders no body div
  CHECK(body.empty());
  std::size_t b = html.find("<div class=\"lede-body\">"), e = html.find("</div>", b);
  std::string article_body = html.substr(b, e - b);
  CHECK(count(article_body, "<p>") == 22);
  CHECK(count(article_body, "<h2 id=") == 3);
  CHECK(article_body.find(">‘Routed and\xC2\xA0" "Dispersed’</h2>") != std::string::npos);
  CHECK(article_body.find(">Pakistan,\xC2\xA0" "China</h2>") != std::string::npos);
  CHECK(article_body.find(">‘There’s Nothing the Americans Can\xC2\xA0" "Do’</h2>") != std::string::npos);
  CHECK(article_body.find("there’s nothing the Americans can do.”</p>") != std::string::npos);
  // The seed's "--" are spaced en dashes.
  CHECK(article_body.find("a common enemy – but their own bloody history") != std::string::npos);
  // The audio, the newsletter form and all 50 related articles with their URLs.
  CHECK(html.find("<audio src=\"media/once-enemies-listen.wav\" controls=\"\" preload=\"metadata\">") !=
        std::string::npos);
  CHECK(html.find("<aside class=\"lede-newsletter\"") != std::string::npos);
  CHECK(html.find("<form action=\"https://beautiful-virgin-islands.example/newsletter/subscribe\" "
                  "method=\"post\">") != std::string::npos);
  std::size_t r = html.find("<nav class=\"lede-related\"");
  REQUIRE(r != std::string::npos);
  CHECK(count(html.substr(r), "<li><a href=\"https://beautiful-virgin-islands.example/news/") == 50);
  CHECK(html.find(">Woman Claiming to Be Freddie Mercury’s Secret Daughter Dies at Forty-Eight After "
                  "Rare Cancer Battle</a>") != std::string::npos);
}

TEST_CASE("header: site, section, byline with authors, dates") {
  std::string html = test::render(R"j({"title": "T", "section": "World",
    "site": {"name": "Site", "url": "https://s.example/", "logo": "logo.png"},
    "authors": [{"name": "Ann", "url": "https://s.example/ann"}, {"name": "Bo"}, {"name": "Cy"}],
    "published": "2026-01-27T09:30:00Z", "updated": "2026-02-01"})j");
  CHECK(html.find("<p class=\"lede-site\"><a href=\"https://s.example/\" rel=\"noopener noreferrer\">"
                  "<img referrerpolicy=\"no-referrer\" src=\"logo.png\" alt=\"\" class=\"lede-site-logo\">"
                  "Site</a></p><p class=\"lede-section\">World</p>") != std::string::npos);
  CHECK(html.find("<span class=\"lede-byline\">By <a href=\"https://s.example/ann\" rel=\"noopener "
                  "noreferrer\">Ann</a>, <span>Bo</span> and <span>Cy</span></span>") != std::string::npos);
  CHECK(html.find("<time class=\"lede-published\" datetime=\"2026-01-27T09:30:00Z\">Tuesday, Jan 27, "
                  "2026</time><span class=\"lede-updated\">Updated <time datetime=\"2026-02-01\">Sunday, "
                  "Feb 1, 2026</time></span>") != std::string::npos);
}

TEST_CASE("datetime attributes use HTML's spelling of ISO 8601") {
  CHECK(test::render(R"j({"title": "T", "published": "2026-01-27t09:30:00,5z"})j")
            .find("datetime=\"2026-01-27T09:30:00.5Z\">Tuesday, Jan 27, 2026</time>") != std::string::npos);
}

TEST_CASE("body headings never take the ids layout gives its own elements") {
  std::string html = test::render(R"j({"title": "T", "body": "## Related title\n\n## Title",
                                      "related": [{"title": "x"}]})j");
  CHECK(test::count(html, "id=\"lede-related-title\"") == 1);
  CHECK(html.find("<h2 id=\"lede-related-title-2\">Related\xC2\xA0title</h2><h2 id=\"lede-title-2\">") !=
        std::string::npos);
}

TEST_CASE("HTML bodies: heading ids skip the ids the body keeps, and target headings keep theirs") {
  std::string html = test::render(R"j({"title": "T", "body_format": "html",
    "body": "<p><a href=\"#x\">x</a> <span id=\"x\">s</span> <a href=\"#y\">y</a></p><h2>User x</h2><h2 id=\"y\">Why</h2>"})j");
  CHECK(test::count(html, "id=\"lede-user-x\"") == 1);
  CHECK(html.find("<h2 id=\"lede-user-x-2\">") != std::string::npos);
  CHECK(html.find("<h2 id=\"lede-user-y\">") != std::string::npos);
  CHECK(html.find("href=\"#lede-user-y\"") != std::string::npos);
}

TEST_CASE("a plain byline string is shown as written") {
  CHECK(test::render(R"j({"title": "T", "byline": "By Staff"})j")
            .find("<p class=\"lede-meta\"><span class=\"lede-byline\">By Staff</span></p>") !=
        std::string::npos);
}

TEST_CASE("hero figure with caption, credit and known size") {
  std::string html = test::render(R"j({"title": "T", "image": {"src": "https://i.example/a.jpg",
    "alt": "A harbour", "caption": "Road Town.", "credit": "Photo: Ann", "width": 1200, "height": 800}})j");
  CHECK(html.find("<figure class=\"lede-hero\"><img decoding=\"async\" referrerpolicy=\"no-referrer\" "
                  "src=\"https://i.example/a.jpg\" alt=\"A harbour\" width=\"1200\" height=\"800\">"
                  "<figcaption>Road Town. <small class=\"lede-credit\">Photo: Ann</small></figcaption>"
                  "</figure>") != std::string::npos);
}

TEST_CASE("lang and dir are set on the article") {
  CHECK(test::render(R"j({"title": "عنوان", "lang": "ar", "dir": "rtl"})j")
            .rfind("<article class=\"lede\" lang=\"ar\" dir=\"rtl\"", 0) == 0);
}

TEST_CASE("tags, newsletter without a usable action, related without URLs") {
  std::string html = test::render(R"j({"title": "T", "tags": ["UK", "  ", "Politics"],
    "newsletter": {"title": "Daily", "text": "Sign up.", "action": "javascript:x"},
    "related": [{"title": "No link"}, {"title": "Linked", "url": "/a", "published": "2026-01-20"}]})j");
  CHECK(html.find("<ul class=\"lede-tags\" aria-label=\"Tags\"><li>UK</li><li>Politics</li></ul>") !=
        std::string::npos);
  CHECK(html.find("<h2 id=\"lede-newsletter-title\">Daily</h2><p>Sign up.</p></aside>") != std::string::npos);
  CHECK(html.find("<form") == std::string::npos);
  CHECK(html.find("<li><span>No link</span></li><li><a href=\"/a\">Linked</a> <time "
                  "datetime=\"2026-01-20\">Tuesday, Jan 20, 2026</time></li>") != std::string::npos);
}

TEST_CASE("render_page makes a complete standalone page with the stylesheet inlined") {
  std::string page;
  REQUIRE(lede::render_page(R"j({"title": "A <b>", "dek": "D \"q\"", "lang": "en",
                                "site": {"name": "S"}})j", page));
  CHECK(page.rfind("<!doctype html>\n<html lang=\"en\">", 0) == 0);
  CHECK(page.find("<title>A &lt;b&gt; \xE2\x80\x93 S</title>") != std::string::npos);
  CHECK(page.find("<meta name=\"description\" content=\"D &quot;q&quot;\">") != std::string::npos);
  CHECK(page.find("--lede-measure") != std::string::npos);
  CHECK(page.find("<script") == std::string::npos);
  CHECK(page.find("rel=\"canonical\"") == std::string::npos);  // no url given
  std::string with_url;
  REQUIRE(lede::render_page(R"j({"title": "T", "url": "https://n.example/a b"})j", with_url));
  CHECK(with_url.find("<link rel=\"canonical\" href=\"https://n.example/a%20b\">") != std::string::npos);
  CHECK(page.find("</html>") != std::string::npos);
}

TEST_CASE("the output limit is an error, not a truncation") {
  lede::Options options;
  options.limits.max_output_bytes = 100;
  std::string html;
  lede::Result r = lede::render_html(test::seed_json(), html, options);
  REQUIRE_FALSE(r);
  CHECK(r.first_error()->code == lede::ErrorCode::output_limit);
  CHECK(html.empty());
}

TEST_CASE("a first paragraph that repeats the dek is shown once") {
  std::string html = test::render(R"j({"title": "T", "dek": "Ferries run again.", "body": "Ferries run again.\n\nMore."})j");
  CHECK(count(html, "Ferries run again.") == 1);
  CHECK(html.find("<p class=\"lede-dek\">Ferries run again.</p>") != std::string::npos);
  // Readability's excerpt is the paragraph's textContent, its lines run together: the
  // paragraph stays (with its line break) and the dek goes.
  html = test::render(R"j({"title": "T", "excerpt": "Lorem ipsumdolor sit", "content": "<p>Lorem ipsum<br>dolor sit</p><p>More.</p>"})j");
  CHECK(html.find("lede-dek") == std::string::npos);
  CHECK(html.find("<p>Lorem ipsum<br>dolor sit</p>") != std::string::npos);
}

TEST_CASE("a dek that is the body's opening words, cut short or not, is not shown above them") {
  // WordPress's automatic excerpt: the first words of the post, across its blocks, and
  // "…" (its "Continue reading" link is cut by the adapter).
  std::string html = test::render(R"j({"title": {"rendered": "T"}, "content": {"rendered":
    "<blockquote><p>Travel makes you richer.</p></blockquote><p>The canyon is <em>on Navajo land</em> east of Page.</p><p>More.</p>"},
    "excerpt": {"rendered": "<p>Travel makes you richer. The canyon is on Navajo land east &hellip; <a href=\"/x\" class=\"more-link\">Continue reading</a></p>"}})j");
  CHECK(html.find("lede-dek") == std::string::npos);
  CHECK(count(html, "on Navajo land") == 1);
  CHECK(html.find("<p>The canyon is <em>on Navajo land</em> east of Page.</p>") != std::string::npos);
  // A manual excerpt copied from the first lines of a longer paragraph.
  html = test::render(R"j({"title": "T", "dek": "The garden was a residence of the family.", "body":
    "The garden was a residence of the family. It became a park."})j");
  CHECK(html.find("lede-dek") == std::string::npos);
  CHECK(html.find("<p>The garden was a residence of the family. It became a park.</p>") != std::string::npos);
  // Words counted across blocks: a line of a poem a paragraph.
  html = test::render(R"j({"title": "T", "excerpt": "One two three four five", "content":
    "<p>One two</p><p>three</p><p>four</p><p>five six</p>"})j");
  CHECK(html.find("lede-dek") == std::string::npos);
  CHECK(html.find("<p>One two</p><p>three</p><p>four</p><p>five six</p>") != std::string::npos);
  // A standfirst of its own stays; so does one that only starts like the body, and a
  // short one the body happens to begin with.
  for (const char* dek : {"A garden in the city, and what it became.", "The garden was a residence of the king.",
                          "The garden"}) {
    std::string json = R"j({"title": "T", "body": "The garden was a residence of the family. It became a park.", "dek": ")j";
    json += dek;
    json += "\"}";
    html = test::render(json);
    CHECK(count(html, "lede-dek") == 1);
  }
}

TEST_CASE("a heading at the top of the body that repeats the title is not shown twice") {
  // Tumblr's and Medium's posts through Readability: the title again as the body's first
  // heading, linked, or after the lead picture.
  std::string html = test::render(R"j({"title": "Minecraft 1.8 - The Bountiful Update", "content":
    "<h2><a href=\"https://mc.example/post/1\">Minecraft 1.8 -  The Bountiful Update</a></h2><p>+ Added Granite</p>"})j");
  CHECK(count(html, "Bountiful") == 1);  // (a no-break space before the last word)
  CHECK(html.find("<p>+ Added Granite</p>") != std::string::npos);
  html = test::render(R"j({"title": "On Literally", "content":
    "<figure><img src=\"https://a.example/1.png\" alt=\"\"><figcaption>Words need defenders.</figcaption></figure><h1>On Literally</h1><p>You either are one.</p>"})j");
  CHECK(count(html, "Literally") == 1);
  CHECK(html.find("Words need defenders.") != std::string::npos);
  // After the body's first text, or named otherwise, a heading stays.
  html = test::render(R"j({"title": "On Literally", "content": "<p>First.</p><h2>On Literally</h2><p>Then.</p>"})j");
  CHECK(count(html, "Literally") == 2);
  html = test::render(R"j({"title": "On Literally", "content": "<h2>On Figuratively</h2><p>Then.</p>"})j");
  CHECK(count(html, "Figuratively") == 1);
}

TEST_CASE("HTML bodies leave out what the page hides, and KaTeX's visual copy of a formula") {
  std::string html = test::render(R"j({"title": "T", "body_format": "html", "body":
    "<p>Shown</p><p hidden>H1</p><p style=\"display: none\">H2</p><p style=\"VISIBILITY : Hidden\">H3</p><div class=\"a KaTeX-html\">H4</div><p>Formula <span class=\"katex\"><span class=\"katex-mathml\"><math><semantics><mi>x</mi><annotation encoding=\"application/x-tex\">x^2</annotation></semantics></math></span><span class=\"katex-html\" aria-hidden=\"true\">VISUAL</span></span> after.</p><p class=\"katex-htmlx\" style=\"display:block\">Kept</p>"})j");
  std::size_t b = html.find("<div class=\"lede-body\">");
  REQUIRE(b != std::string::npos);
  CHECK(html.substr(b) == "<div class=\"lede-body\"><p>Shown</p><p>Formula <code class=\"lede-math\">x^2</code> after.</p><p>Kept</p></div></article>");
}

TEST_CASE("HTML bodies keep the classes Lede's own layout gives body elements, and no others") {
  std::string html = test::render(R"j({"title": "T", "body_format": "html", "body":
    "<figure class=\"lede-figure\"><img src=\"a.jpg\" alt=\"\"><figcaption>C <small class=\"lede-credit\">P</small></figcaption></figure><blockquote class=\"lede-pullquote\"><p>Q</p></blockquote><p class=\"lede-embed\"><a href=\"https://www.youtube.com/watch?v=x\">Video: V</a></p><p class=\"lede-caption\">Cap</p><figure class=\"lede-hero\"><img src=\"b.jpg\" alt=\"\"></figure><p class=\"lede-dek\">D</p><blockquote class=\"lede-figure\"><p>R</p></blockquote>"})j");
  CHECK(html.find("<figure class=\"lede-figure\"><img") != std::string::npos);
  CHECK(html.find("<small class=\"lede-credit\">P</small>") != std::string::npos);
  CHECK(html.find("<blockquote class=\"lede-pullquote\"><p>Q</p></blockquote>") != std::string::npos);
  CHECK(html.find("<p class=\"lede-embed\"><a href=\"https://www.youtube.com/watch?v=x\"") != std::string::npos);
  CHECK(html.find("<p class=\"lede-caption\">Cap</p>") != std::string::npos);
  // Not on other elements, and not Lede's header and footer classes.
  CHECK(html.find("lede-hero") == std::string::npos);
  CHECK(count(html, "lede-dek") == 0);
  CHECK(html.find("<blockquote><p>R</p></blockquote>") != std::string::npos);
}

TEST_CASE("what would leave a screen reader with nothing is made plain") {
  auto body = [](const char* html) {
    std::string json = R"j({"title": "T", "body_format": "html", "body": ")j";
    json += html;
    json += "\"}";
    std::string out = test::render(json);
    std::size_t b = out.find("<div class=\"lede-body\">");
    return b == std::string::npos ? out : out.substr(b + 23, out.size() - b - 23 - 16);
  };
  // Links with no name become spans; a described image or any text is a name.
  CHECK(body("<h2 id='x'><a href='#x'></a>Intro</h2>") == "<h2 id=\"lede-user-x\"><span></span>Intro</h2>");
  CHECK(body("<p><a href='https://a.example/f'><img src='a.jpg' alt=''></a></p>") ==
        "<p><span><img loading=\"lazy\" decoding=\"async\" referrerpolicy=\"no-referrer\" src=\"a.jpg\" alt=\"\"></span></p>");
  CHECK(body("<p><a href='https://a.example/'><img src='a.jpg' alt='A'></a> <a href='/b'> B </a></p>").find("<span") ==
        std::string::npos);
  // Alt text of only spaces (no-break spaces too) is empty, and no name.
  CHECK(body("<p><a href='/f'><img src='a.jpg' alt='&nbsp; '></a></p>") ==
        "<p><span><img loading=\"lazy\" decoding=\"async\" referrerpolicy=\"no-referrer\" src=\"a.jpg\" alt=\"\"></span></p>");
  // An empty header cell is a data cell.
  CHECK(body("<table><tr><th></th><th>H</th></tr></table>").find("<td></td><th>H</th>") != std::string::npos);
  // Definition lists that are not terms with definitions become plain blocks.
  CHECK(body("<dl><dd>Indented</dd></dl><dl><dt>Alone</dt></dl>") == "<div><div>Indented</div></div><div><p>Alone</p></div>");
  CHECK(body("<dl><dt>T</dt><dd>D</dd><dt>U</dt><dd>E</dd></dl>") == "<dl><dt>T</dt><dd>D</dd><dt>U</dt><dd>E</dd></dl>");
}
