#include "layout/article_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "layout/body_view.hpp"
#include "layout/dates.hpp"
#include "layout/reading_time.hpp"
#include "layout/typography.hpp"
#include "text/ascii.hpp"
#include "tree/string_table.hpp"

namespace lede {
namespace {

// A <time datetime> showing the date readably; nothing if the date is absent.
void time_element(Document& doc, const std::string& iso, const char* cls) {
  Date d;
  if (!parse_iso_date(iso, d)) return;
  // ISO 8601 also allows "t", "z" and a decimal comma; HTML's datetime does not.
  std::string machine = iso;
  for (char& c : machine) {
    if (c == 't') c = 'T';
    if (c == 'z') c = 'Z';
    if (c == ',') c = '.';
  }
  doc.open(Tag::time);
  if (cls) doc.set(Attr::class_, cls);
  doc.set(Attr::datetime, machine);
  doc.text(format_date(d));
  doc.close();
}

// An <a> when the URL passes the policy, otherwise a <span>: the text is never lost.
void open_link_or_span(Document& doc, const std::string& url) {
  // set_url checks the URL (and sets nothing if it is refused): checking it first too
  // would run the policy twice for every link.
  NodeId a = doc.open(Tag::a);
  if (!doc.set_url(Attr::href, url, UrlKind::link)) doc.retag(a, Tag::span);
}

void element_with_text(Document& doc, Tag tag, const char* cls, const std::string& text) {
  doc.open(tag);
  if (cls) doc.set(Attr::class_, cls);
  doc.text(text);
  doc.close();
}

void byline(const Article& a, Document& doc) {
  if (a.authors.empty()) {
    element_with_text(doc, Tag::span, "lede-byline", a.byline);
    return;
  }
  doc.open(Tag::span);
  doc.set(Attr::class_, "lede-byline");
  doc.text("By ");
  for (std::size_t i = 0; i < a.authors.size(); ++i) {
    if (i > 0) doc.text(i + 1 == a.authors.size() ? " and " : ", ");
    open_link_or_span(doc, a.authors[i].url);
    doc.text(a.authors[i].name);
    doc.close();
  }
  doc.close();
}

void header(const Article& a, const ReadingTime* reading, bool show_dek, Document& doc) {
  doc.open(Tag::header);
  doc.set(Attr::class_, "lede-header");
  if (a.site && !a.site->name.empty()) {
    doc.open(Tag::p);
    doc.set(Attr::class_, "lede-site");
    open_link_or_span(doc, a.site->url);
    if (url_allowed(a.site->logo, UrlKind::image)) {
      doc.open(Tag::img);
      doc.set(Attr::referrerpolicy, "no-referrer");  // before src: see Document::set_image_source
      doc.set_url(Attr::src, a.site->logo, UrlKind::image);
      doc.set(Attr::alt, "");  // the name follows: the logo is decoration
      doc.set(Attr::class_, "lede-site-logo");
      doc.close();
    }
    doc.text(a.site->name);
    doc.close();
    doc.close();
  }
  if (!a.section.empty()) element_with_text(doc, Tag::p, "lede-section", a.section);

  doc.open(Tag::h1);
  doc.set(Attr::class_, "lede-title");
  doc.set(Attr::id, "lede-title");
  doc.text(a.title);
  doc.close();

  if (show_dek && !a.dek.empty()) element_with_text(doc, Tag::p, "lede-dek", a.dek);

  bool has_byline = !a.authors.empty() || !a.byline.empty();
  bool original = url_allowed(a.url, UrlKind::link);
  if (has_byline || !a.published.empty() || !a.updated.empty() || reading || original) {
    doc.open(Tag::p);
    doc.set(Attr::class_, "lede-meta");
    if (has_byline) byline(a, doc);
    time_element(doc, a.published, "lede-published");
    // An update on the day it was published would read as the same date twice.
    bool same_day = a.published.size() >= 10 && a.updated.compare(0, 10, a.published, 0, 10) == 0;
    if (!a.updated.empty() && !same_day) {
      doc.open(Tag::span);
      doc.set(Attr::class_, "lede-updated");
      doc.text("Updated ");
      time_element(doc, a.updated, nullptr);
      doc.close();
    }
    if (reading) {
      // The labels are English. In a right-to-left line, bidi would show "1 min read" as
      // "min read 1": there the words go in an English, left-to-right span of their own
      // inside the item (the item itself stays in the line's direction, so that its
      // " · " separator falls between the items).
      bool rtl = a.dir == "rtl" || a.dir == "auto";
      auto item = [&](const char* cls, const std::string& text) {
        doc.open(Tag::span);
        doc.set(Attr::class_, cls);
        if (rtl) {
          doc.open(Tag::span);
          doc.set(Attr::dir, "ltr");
          doc.set(Attr::lang, "en");
        }
        doc.text(text);
        if (rtl) doc.close();
        doc.close();
      };
      item("lede-reading-time", describe_minutes(*reading));
      item("lede-word-count", describe_length(*reading, a.lang));
    }
    if (original) {
      // Where the article comes from: a reader shows a copy, and says where the
      // original is.
      doc.open(Tag::a);
      doc.set_url(Attr::href, a.url, UrlKind::link);
      doc.set(Attr::class_, "lede-original");
      doc.text("Original article");
      doc.close();
    }
    doc.close();
  }
  doc.close();
}

// "gazette.example" for "https://www.gazette.example/news/x": a link's host, to name
// where it goes. Empty for a relative URL.
std::string_view host(std::string_view url) {
  std::size_t start = url.find("//");
  if (start == std::string_view::npos) return {};
  url.remove_prefix(start + 2);
  url = url.substr(0, url.find_first_of("/?#"));
  if (std::size_t at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
  if (url.substr(0, 4) == "www.") url.remove_prefix(4);
  return url;
}

// An article without a body (a feed item that only links, JSON-LD without articleBody)
// says so, instead of ending at its headline, and links to where the text is.
void no_body(const Article& a, Document& doc) {
  doc.open(Tag::p);
  doc.set(Attr::class_, "lede-no-body");
  doc.text("The text of this article is not included here.");
  if (url_allowed(a.url, UrlKind::link)) {
    doc.text(" ");
    doc.open(Tag::a);
    doc.set_url(Attr::href, a.url, UrlKind::link);
    std::string label = "Read it at ";
    std::string_view h = host(a.url);
    label += h.empty() ? std::string_view("its source") : h;
    doc.text(label);
    doc.close();
    doc.text(".");
  }
  doc.close();
}

}  // namespace

void image_figure(const Image& image, const char* class_name, bool lazy, Document& doc) {
  if (!url_allowed(image.src, UrlKind::image)) return;
  doc.open(Tag::figure);
  doc.set(Attr::class_, class_name);
  doc.open(Tag::img);
  doc.set_image_source(image.src, lazy);
  doc.set(Attr::alt, image.alt);
  if (image.width && image.height) {
    doc.set(Attr::width, std::to_string(image.width));
    doc.set(Attr::height, std::to_string(image.height));
  }
  doc.close();
  if (!image.caption.empty() || !image.credit.empty()) {
    doc.open(Tag::figcaption);
    doc.text(image.caption);
    if (!image.credit.empty()) {
      if (!image.caption.empty()) doc.text(" ");
      element_with_text(doc, Tag::small, "lede-credit", image.credit);
    }
    doc.close();
  }
  doc.close();
}

namespace {

std::string clock(double seconds) {
  // Past what a long holds, lround's result is unspecified (LONG_MIN here: a duration
  // of 1e300 read "-2562047788015215:0-30:0-8"). Cap at 10^12 s, some 31,700 years.
  long long total = std::llround(std::min(seconds, 1e12));
  long long h = total / 3600, m = (total / 60) % 60, s = total % 60;
  std::string out;
  if (h) ((out = std::to_string(h)) += ":") += m < 10 ? "0" : "";
  ((out += std::to_string(m)) += ":") += s < 10 ? "0" : "";
  out += std::to_string(s);
  return out;
}

void listen(const Audio& audio, Document& doc) {
  if (!url_allowed(audio.src, UrlKind::media)) return;
  doc.open(Tag::section);
  doc.set(Attr::class_, "lede-listen");
  doc.set(Attr::aria_label, "Listen to this article");
  doc.open(Tag::p);
  doc.set(Attr::class_, "lede-listen-title");
  doc.text(audio.title.empty() ? "Listen to this article" : audio.title);
  if (audio.duration >= 0) {
    doc.text(" ");
    element_with_text(doc, Tag::span, "lede-duration", clock(audio.duration));
  }
  doc.close();
  doc.open(Tag::audio);
  doc.set_url(Attr::src, audio.src, UrlKind::media);
  doc.set(Attr::controls, "");
  doc.set(Attr::preload, "metadata");
  doc.close();
  doc.close();
}

// Lowercase ASCII letters and digits, other ASCII as '-', non-ASCII kept: "Pakistan,
// China" → "pakistan-china".
std::string slug(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
      out += static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c + 32);
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "section" : out;
}

int heading_level(Tag t) {
  switch (t) {
    case Tag::h1: return 1;
    case Tag::h2: return 2;
    case Tag::h3: return 3;
    case Tag::h4: return 4;
    case Tag::h5: return 5;
    case Tag::h6: return 6;
    default: return 0;
  }
}

// The title is the page's only h1, and the body's headings follow it without skipping a
// level, as a screen reader's list of headings expects: each is at most one level below
// the one before ("h1 h2 h2" in a body becomes "h2 h3 h3", "h3 h5 h4 h2" becomes
// "h2 h3 h3 h2"). Each heading gets a stable id from its text for links and the TOC.
// Returns the headings in order.
std::vector<NodeId> arrange_headings(Document& doc, NodeId body) {
  std::vector<NodeId> headings;
  // The ids layout gives its own elements (see header(), newsletter(), related()): a
  // heading that took one would capture the <label for> or aria-labelledby meant for them.
  // StringTables, not std::set and std::map: their tree code cost about 1.5 KB of each
  // wasm core (docs/performance.md, "Sizes").
  StringTable used;
  for (const char* mine : {"title", "toc-title", "newsletter-title", "newsletter-email", "related-title"})
    used.add_view(mine);
  // An HTML body already has ids: the link targets it keeps as lede-user-…. A heading
  // whose slug is "user-x" must not take one of them (two elements, one id).
  walk(
      doc, body,
      [&](NodeId id) {
        if (doc.node(id).is_text) return;
        std::string_view existing = doc.value_of(id, Attr::id);
        if (existing.compare(0, 5, "lede-") == 0) used.add_copy(existing.substr(5));
        int level = heading_level(doc.node(id).tag);
        if (level) headings.push_back(id);
      },
      [](NodeId) {});
  static const Tag kHeadings[] = {Tag::h1, Tag::h2, Tag::h3, Tag::h4, Tag::h5, Tag::h6};
  // Per slug, the next number to try: n headings with the same text cost O(n log n),
  // not O(n²) by counting up from 2 each time.
  StringTable bases;
  std::vector<int> next;  // by the slug's number in `bases`
  // The enclosing headings, outermost first: their levels as written and as given.
  int written[6], given[6], depth = 0;
  for (NodeId id : headings) {
    int level = heading_level(doc.node(id).tag);
    while (depth > 0 && written[depth - 1] >= level) --depth;
    int now = depth ? std::min(given[depth - 1] + 1, 6) : 2;
    written[depth] = level;
    given[depth++] = now;
    if (now != level) doc.retag(id, kHeadings[now - 1]);
    // A heading that is a link target in an HTML body keeps the id the link points at.
    if (!doc.value_of(id, Attr::id).empty()) continue;
    std::string base = slug(doc.text_content(id)), s = base;
    bool added = false;
    used.add_copy(s, &added);
    if (!added) {
      std::uint32_t b = bases.add_copy(base);
      if (b == next.size()) next.push_back(2);
      int& n = next[b];
      do {
        s = base;
        (s += '-') += std::to_string(n++);
        used.add_copy(s, &added);
      } while (!added);
    }
    doc.set(id, Attr::id, s.insert(0, "lede-"));
  }
  return headings;
}

// Whether text holds more than white space (no-break spaces count as space: pages write
// alt text of &nbsp; alone).
bool visible(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "\xC2\xA0") == 0) ++i;
    else if (!(text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r')) return true;
  }
  return false;
}

// Whether a subtree says something to a screen reader: text other than white space, or
// a picture with a description.
bool has_name(const Document& doc, NodeId top) {
  bool named = false;
  walk(
      doc, top,
      [&](NodeId id) {
        const Node& n = doc.node(id);
        named = named || visible(n.is_text ? doc.text_of(id) : n.tag == Tag::img ? doc.value_of(id, Attr::alt) : "");
      },
      [](NodeId) {});
  return named;
}

// Markup that leaves a screen reader with nothing, as pages write it, made plain: a link
// with no name (an empty anchor beside a heading, an image link whose image has no
// description) becomes a span, keeping what is inside; an empty header cell, a data
// cell; a definition list that is not terms and their definitions (Wikipedia indents
// with a lone <dd>, and writes a lone <dt> as a heading) becomes plain blocks; alt text
// of only spaces is empty (a screen reader would read the file name instead).
void plain_where_empty(Document& doc, NodeId body) {
  std::vector<NodeId> found;
  walk(
      doc, body,
      [&](NodeId id) {
        Tag t = doc.node(id).tag;
        if (doc.node(id).is_text) return;
        std::string_view alt = t == Tag::img ? doc.value_of(id, Attr::alt) : "";
        if (!alt.empty() && !visible(alt)) doc.set(id, Attr::alt, "");
        if (t == Tag::a || t == Tag::th || t == Tag::dl) found.push_back(id);
      },
      [](NodeId) {});
  for (NodeId id : found) {
    Tag t = doc.node(id).tag;
    if (t != Tag::dl) {
      if (!has_name(doc, id)) doc.retag(id, t == Tag::a ? Tag::span : Tag::td);
      continue;
    }
    // Its items: children, and the children of <div> groups.
    std::vector<NodeId> items;
    bool proper = true;
    for (NodeId c = doc.node(id).first_child; c != kNone; c = doc.node(c).next) {
      const Node& n = doc.node(c);
      if (n.is_text) {
        proper = proper && !visible(doc.text_of(c));
      } else if (n.tag == Tag::div) {
        for (NodeId g = n.first_child; g != kNone; g = doc.node(g).next) items.push_back(g);
      } else {
        items.push_back(c);
      }
    }
    bool terms = false, definitions = false;
    for (NodeId c : items) {
      const Node& n = doc.node(c);
      terms = terms || (!n.is_text && n.tag == Tag::dt);
      definitions = definitions || (!n.is_text && n.tag == Tag::dd);
      if (!n.is_text && n.tag != Tag::dt && n.tag != Tag::dd) proper = false;
    }
    if (proper && terms && definitions) continue;
    doc.retag(id, Tag::div);
    for (NodeId c : items) {
      if (doc.node(c).is_text) continue;
      if (doc.node(c).tag == Tag::dt) doc.retag(c, Tag::p);
      else if (doc.node(c).tag == Tag::dd) doc.retag(c, Tag::div);
    }
  }
}

// The body's first child with text, past figures too if asked, and that text with its
// white space collapsed into `text`; kNone if there is none.
NodeId first_with_text(const Document& doc, NodeId body, bool past_figures, std::string& text) {
  for (NodeId c = doc.node(body).first_child; c != kNone; c = doc.node(c).next) {
    if (past_figures && !doc.node(c).is_text && doc.node(c).tag == Tag::figure) continue;
    if (!(text = collapse_spaces(doc.text_content(c))).empty()) return c;
  }
  return kNone;
}

// A heading at the top of the body that repeats the title (Medium's and Tumblr's posts
// through Readability: two of its 130 pages): the header shows the title already. Only
// before any other text of the body (a figure's caption aside), so a section named like
// the article further down stays.
void drop_title_heading(const Article& a, Document& doc, NodeId body) {
  std::string text;
  NodeId first = first_with_text(doc, body, true, text);
  if (first != kNone && !doc.node(first).is_text && heading_level(doc.node(first).tag) &&
      text == collapse_spaces(a.title))
    doc.remove(first);
}

// Whether the dek is the body's opening words, cut short or not: WordPress's automatic
// excerpt is the post's first 55 words and "…", and a manual excerpt is often its first
// lines copied. Shown, the header would say what the body says next (three of the five
// real posts in bench/inputs/wordpress/, nine of Readability's 130 pages). Compared
// without white space (an excerpt joins blocks with a space, the tree's text not at all:
// "Anonymous" + "Antelope"), block by block and no further than the dek.
bool dek_opens_body(std::string_view dek, const Document& doc, NodeId body) {
  std::size_t end = dek.size();  // without white space and a closing "…" or "..." after it
  while (end > 0 && is_html_space(dek[end - 1])) --end;
  if (end >= 3 && (!std::memcmp(&dek[end - 3], "...", 3) || !std::memcmp(&dek[end - 3], "\xE2\x80\xA6", 3))) {
    end -= 3;
    while (end > 0 && is_html_space(dek[end - 1])) --end;
  }
  std::size_t at = 0, words = 0;
  bool space = true;  // white space in the dek since the last character matched
  for (NodeId block = doc.node(body).first_child; block != kNone; block = doc.node(block).next) {
    for (char c : doc.text_content(block)) {
      if (is_html_space(c)) continue;
      for (; at < end && is_html_space(dek[at]); ++at) space = true;
      if (at == end) break;
      if (dek[at++] != c) return false;
      words += space;
      space = false;
    }
    if (at == end) break;
  }
  // Five words at least: a dek of a word or two that the body happens to begin with is a
  // title of its own, not a copy of the opening.
  return at == end && end > 0 && words >= 5;
}

// Many feeds repeat the standfirst as the first paragraph; show it once. Returns whether
// the header still shows the dek. Readability's excerpt is the paragraph's textContent,
// which runs the lines of "ipsum<br>dolor" together into "ipsumdolor": there the
// paragraph stays and the dek goes, so no words are lost. A dek that is the body's
// opening cut short (dek_opens_body) goes too.
bool drop_repeated_dek(const Article& a, Document& doc, NodeId body) {
  if (a.dek.empty()) return true;
  // The first paragraph, after anything without text (a linked lead photo in a feed).
  std::string text;
  NodeId first = first_with_text(doc, body, false, text);
  if (first == kNone || doc.node(first).is_text || doc.node(first).tag != Tag::p || text != collapse_spaces(a.dek))
    return !dek_opens_body(a.dek, doc, body);
  bool line_break = false;
  walk(
      doc, first, [&](NodeId id) { line_break = line_break || (!doc.node(id).is_text && doc.node(id).tag == Tag::br); },
      [](NodeId) {});
  if (line_break) return false;
  doc.remove(first);
  return true;
}

// A `tag` (nav, aside) of class `name`, named by its <h2> `title` (id name + "-title");
// left open.
void open_titled(Document& doc, Tag tag, const std::string& name, std::string_view title) {
  doc.open(tag);
  doc.set(Attr::class_, name);
  doc.set(Attr::aria_labelledby, name + "-title");
  doc.open(Tag::h2);
  doc.set(Attr::id, name + "-title");
  doc.text(title);
  doc.close();
}

// A table of contents when the body has at least three sections.
void contents(Document& doc, const std::vector<NodeId>& headings) {
  if (headings.size() < 3) return;
  open_titled(doc, Tag::nav, "lede-toc", "Contents");
  doc.open(Tag::ol);
  for (NodeId h : headings) {
    int level = heading_level(doc.node(h).tag);
    // A heading that is only a picture would be an empty link.
    if (level > 3 || !visible(doc.text_content(h))) continue;
    doc.open(Tag::li);
    if (level == 3) doc.set(Attr::class_, "lede-toc-sub");
    doc.open(Tag::a);
    std::string href = "#";
    href += doc.value_of(h, Attr::id);
    doc.set_url(Attr::href, href, UrlKind::link);
    doc.text(doc.text_content(h));
    doc.close();
    doc.close();
  }
  doc.close();
  doc.close();
}

// The body, with its headings arranged; `headings` receives them for the TOC.
bool body(const Article& a, Document& doc, const Options& options, const Extensions& ext,
          std::vector<Problem>& problems, NodeId& div, std::vector<NodeId>& headings, bool& show_dek) {
  div = doc.open(Tag::div);
  doc.set(Attr::class_, "lede-body");
  bool ok = body_to_tree(a.body, doc, options, ext, problems);
  doc.close_to(div);
  doc.close();
  drop_title_heading(a, doc, div);
  show_dek = drop_repeated_dek(a, doc, div);
  plain_where_empty(doc, div);
  headings = arrange_headings(doc, div);
  return ok;
}

void tags(const Article& a, Document& doc) {
  if (a.tags.empty()) return;
  doc.open(Tag::ul);
  doc.set(Attr::class_, "lede-tags");
  doc.set(Attr::aria_label, "Tags");
  for (const auto& tag : a.tags) element_with_text(doc, Tag::li, nullptr, tag);
  doc.close();
}

void newsletter(const Newsletter& n, Document& doc) {
  open_titled(doc, Tag::aside, "lede-newsletter", n.title.empty() ? "Newsletter" : n.title);
  if (!n.text.empty()) element_with_text(doc, Tag::p, nullptr, n.text);
  // Without an acceptable action there is nowhere to post to: no form at all.
  if (url_allowed(n.action, UrlKind::action)) {
    doc.open(Tag::form);
    doc.set_url(Attr::action, n.action, UrlKind::action);
    doc.set(Attr::method, "post");
    doc.open(Tag::label);
    doc.set(Attr::for_, "lede-newsletter-email");
    doc.text("Email address");
    doc.close();
    doc.open(Tag::input);
    doc.set(Attr::id, "lede-newsletter-email");
    doc.set(Attr::type, "email");
    doc.set(Attr::name, "email");
    doc.set(Attr::autocomplete, "email");
    doc.set(Attr::required, "");
    doc.set(Attr::placeholder, "you@example.com");
    doc.close();
    doc.open(Tag::button);
    doc.set(Attr::type, "submit");
    doc.text(n.button.empty() ? "Subscribe" : n.button);
    doc.close();
    doc.close();
  }
  doc.close();
}

void related(const Article& a, Document& doc) {
  if (a.related.empty()) return;
  open_titled(doc, Tag::nav, "lede-related", "Related Articles");
  doc.open(Tag::ul);
  for (const auto& r : a.related) {
    doc.open(Tag::li);
    open_link_or_span(doc, r.url);
    if (url_allowed(r.image, UrlKind::image)) {
      doc.open(Tag::img);
      doc.set_image_source(r.image, true);
      doc.set(Attr::alt, "");  // the title follows
      doc.close();
    }
    doc.text(r.title);
    doc.close();
    if (!r.published.empty()) {
      doc.text(" ");
      time_element(doc, r.published, nullptr);
    }
    doc.close();
  }
  doc.close();
  doc.close();
}

}  // namespace

bool layout_article(const Article& a, Document& doc, const Options& options, const Extensions& ext,
                    std::vector<Problem>& problems, std::vector<BodyPart>* spent_body) {
  NodeId article = doc.open(Tag::article);
  doc.set(Attr::class_, "lede");
  if (!a.lang.empty()) doc.set(Attr::lang, a.lang);
  if (!a.dir.empty()) doc.set(Attr::dir, a.dir);
  doc.set(Attr::aria_labelledby, "lede-title");

  // The body comes first, so that the header can say how long it takes to read;
  // the parts before it are then moved into place.
  bool ok = true;
  NodeId body_div = kNone;
  std::vector<NodeId> headings;
  ReadingTime reading;
  bool show_dek = true;
  const bool has_body = !a.body.empty();
  if (has_body) {
    ok = body(a, doc, options, ext, problems, body_div, headings, show_dek);
    // Only other formats set a base; a build without them (lede.wasm) has nothing to resolve.
    if (!a.base.empty() && ext.resolve_urls) ext.resolve_urls(doc, body_div, a.base);
    // The body is in the tree now, and typography is about to take as much again.
    if (spent_body) std::vector<BodyPart>().swap(*spent_body);
    // Node by node: a copy of the whole body's text would cost as much as counting it.
    // A word may go on across inline elements ("foo<em>bar</em>") but never across the
    // edge of a block or a line break: "<p>end</p><p>start</p>" is two words.
    const auto edge = [&](NodeId id) {
      if (!joins_words(doc.node(id).tag)) reading.in_word = false;
    };
    walk(
        doc, body_div,
        [&](NodeId id) {
          if (doc.node(id).is_text) count_text(doc.text_of(id), reading);
          else edge(id);
        },
        [&](NodeId id) { if (!doc.node(id).is_text) edge(id); });
    finish(reading);
  }
  header(a, has_body ? &reading : nullptr, show_dek, doc);
  if (a.image) image_figure(*a.image, "lede-hero", false, doc);  // above the fold: not lazy
  if (a.audio) listen(*a.audio, doc);
  contents(doc, headings);
  if (!has_body) no_body(a, doc);
  if (body_div != kNone) {
    // Everything appended after the body moves before it, in order.
    for (NodeId n = doc.node(body_div).next; n != kNone;) {
      NodeId next = doc.node(n).next;
      doc.insert_before(n, body_div);
      n = next;
    }
  }

  bool has_footer = !a.tags.empty() || a.newsletter || !a.related.empty();
  if (has_footer) {
    doc.open(Tag::footer);
    doc.set(Attr::class_, "lede-footer");
    tags(a, doc);
    if (a.newsletter) newsletter(*a.newsletter, doc);
    related(a, doc);
    doc.close();
  }
  doc.close();
  apply_typography(doc, article, a.lang);
  return ok;
}

}  // namespace lede
