#include "site/pages.hpp"

#include "layout/dates.hpp"
#include "layout/typography.hpp"
#include "output/html_writer.hpp"
#include "output/page_writer.hpp"
#include "site/names.hpp"
#include "tree/document.hpp"

namespace lede::site {
namespace {

// The head's links every page of the site has, from `depth` folders down.
void site_links(const SiteInfo& site, int depth, std::string& out) {
  const std::string root = up(depth);
  out += "<link rel=\"alternate\" type=\"application/feed+json\" href=\"" + root + "feed.json\">\n";
  if (site.rss) out += "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"" + root + "rss.xml\">\n";
  out += "<link rel=\"icon\" href=\"" + root + "favicon.svg\" type=\"image/svg+xml\">\n"
         "<link rel=\"stylesheet\" href=\"" + root + "site.css\">\n";
}

std::string section_url(std::string_view label, int depth) { return up(depth) + "sections/" + url_name(label_slug(label)) + "/"; }
std::string tag_url(std::string_view label, int depth) { return up(depth) + "tags/" + url_name(label_slug(label)) + "/"; }

void link(Document& doc, const std::string& href, std::string_view text) {
  doc.open(Tag::a);
  doc.set_url(Attr::href, href, UrlKind::link);  // relative and percent-encoded: always accepted
  doc.text(text);
  doc.close();
}

void entry(Document& doc, const Listed& a, int depth) {
  NodeId item = doc.open(Tag::li);
  if (!a.lang.empty()) doc.set(Attr::lang, a.lang);
  if (!a.dir.empty()) doc.set(Attr::dir, a.dir);
  if (!a.section.empty()) {
    doc.open(Tag::p);
    doc.set(Attr::class_, "lede-section");
    link(doc, section_url(a.section, depth), a.section);
    doc.close();
  }
  doc.open(Tag::h2);
  link(doc, up(depth) + url_name(a.slug) + ".html", a.title);
  doc.close();
  if (!a.dek.empty()) {
    doc.open(Tag::p);
    doc.set(Attr::class_, "lede-dek");
    doc.text(a.dek);
    doc.close();
  }
  Date d;
  if (parse_iso_date(a.published, d)) {
    doc.open(Tag::p);
    doc.set(Attr::class_, "lede-meta");
    doc.open(Tag::time);
    doc.set(Attr::datetime, a.published);
    doc.text(format_date(d));
    doc.close();
    doc.close();
  }
  if (!a.tags.empty()) {
    doc.open(Tag::ul);
    doc.set(Attr::class_, "lede-tags");
    doc.set(Attr::aria_label, "Tags");
    for (const auto& tag : a.tags) {
      doc.open(Tag::li);
      link(doc, tag_url(tag, depth), tag);
      doc.close();
    }
    doc.close();
  }
  doc.close();
  apply_typography(doc, item, a.lang);
}

// "Newer" and "Older" links and "Page 2 of 7", when there is more than one page.
void pagination(Document& doc, const Listing& l, int number, int pages) {
  if (pages <= 1) return;
  const int depth = listing_depth(l, number);
  auto to = [&](int n) {
    std::string path = listing_path(l, n);
    // Page 1 is its folder's index.html: linked as the folder.
    if (n == 1) path.resize(path.size() - std::string_view("index.html").size());
    std::string href = up(depth) + path;
    return href.empty() ? std::string("./") : href;
  };
  doc.open(Tag::nav);
  doc.set(Attr::class_, "lede-pages");
  doc.set(Attr::aria_label, "Pages");
  if (number > 1) {
    doc.open(Tag::a);
    doc.set(Attr::rel, "prev");
    doc.set_url(Attr::href, to(number - 1), UrlKind::link);
    doc.text("Newer");
    doc.close();
  }
  doc.open(Tag::span);
  doc.text("Page " + std::to_string(number) + " of " + std::to_string(pages));
  doc.close();
  if (number < pages) {
    doc.open(Tag::a);
    doc.set(Attr::rel, "next");
    doc.set_url(Attr::href, to(number + 1), UrlKind::link);
    doc.text("Older");
    doc.close();
  }
  doc.close();
}

}  // namespace

void write_article_page(const Article& a, std::string_view slug, std::string_view fragment, std::string_view site_name,
                        std::string_view canonical, const SiteInfo& site, std::string& out) {
  std::string title = a.title;
  if (!site_name.empty()) (title += " \xE2\x80\x93 ") += site_name;  // en dash
  write_page_head({title, a.lang, a.dir, a.dek, canonical}, out);
  site_links(site, 0, out);
  // With JavaScript, <lede-reader> adopts the prerendered shadow root (its controls
  // attach to it); without, the declarative shadow root alone shows the article.
  out += "<script type=\"module\" src=\"lede.js\"></script>\n</head>\n<body class=\"lede-site-page\">\n"
         "<nav class=\"lede-site-nav\"><a href=\"./\">All articles</a></nav>\n<main><lede-reader src=\"";
  append_escaped(out, url_name(slug), true);
  out += ".json\"><template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"lede.css\"><div part=\"content\">";
  out += fragment;
  out += "</div></template></lede-reader></main>\n</body>\n</html>\n";
}

int page_count(std::int64_t total, int page_size) {
  return total <= 0 ? 1 : static_cast<int>((total + page_size - 1) / page_size);
}

std::string listing_path(const Listing& l, int number) {
  std::string folder = l.kind == ListingKind::index     ? ""
                       : l.kind == ListingKind::section ? "sections/" + l.slug + "/"
                                                        : "tags/" + l.slug + "/";
  if (number == 1) return folder + "index.html";
  return (l.kind == ListingKind::index ? "pages/" : folder) + std::to_string(number) + ".html";
}

int listing_depth(const Listing& l, int number) {
  if (l.kind != ListingKind::index) return 2;
  return number == 1 ? 0 : 1;
}

void write_listing_page(const Listing& l, int number, int pages, std::int64_t first, const std::vector<Listed>& entries,
                        const SiteInfo& site, std::string& out) {
  const int depth = listing_depth(l, number);
  const std::string site_title = site.title.empty() ? "Articles" : site.title;
  std::string heading = l.kind == ListingKind::index ? site_title : l.label;
  std::string title = heading;
  if (l.kind != ListingKind::index) title += " \xE2\x80\x93 " + site_title;
  if (number > 1) title += " (page " + std::to_string(number) + ")";

  Document doc;
  if (depth > 0) {
    doc.open(Tag::nav);
    doc.set(Attr::class_, "lede-site-nav");
    link(doc, up(depth), "All articles");
    doc.close();
  }
  doc.open(Tag::div);
  doc.set(Attr::class_, "lede-index");
  if (l.kind != ListingKind::index) {
    doc.open(Tag::p);
    doc.set(Attr::class_, "lede-index-kind");
    doc.text(std::string(l.kind == ListingKind::section ? "Section" : "Tag") + " \xC2\xB7 " + std::to_string(l.total) +
             (l.total == 1 ? " article" : " articles"));
    doc.close();
  }
  doc.open(Tag::h1);
  doc.text(heading);
  doc.close();
  doc.open(Tag::ol);
  doc.set(Attr::class_, "lede-index-list");
  if (first > 1) doc.set(Attr::start, std::to_string(first));
  for (const Listed& a : entries) entry(doc, a, depth);
  doc.close();
  pagination(doc, l, number, pages);
  doc.close();

  write_page_head({title, site.lang.empty() ? "en" : site.lang, "", "", ""}, out);
  site_links(site, depth, out);
  out += "<link rel=\"stylesheet\" href=\"" + up(depth) + "lede.css\">\n</head>\n<body class=\"lede-page lede-site-page\">\n<main>";
  write_html(doc, out);
  out += "</main>\n</body>\n</html>\n";
}

}  // namespace lede::site
