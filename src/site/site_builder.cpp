#include "site/site_builder.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <system_error>

#include "layout/dates.hpp"
#include "layout/typography.hpp"
#include "output/html_writer.hpp"
#include "pipeline.hpp"

namespace fs = std::filesystem;

namespace lede {
namespace {

struct Entry {
  std::string slug;  // file name without .json
  Article article;
  std::string html;  // the rendered article fragment
};

bool read_text(const fs::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

bool write_text(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out);
}

std::string escaped(std::string_view s, bool attr = false) {
  std::string out;
  append_escaped(out, s, attr);
  return out;
}

// JSON string literal.
std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          static const char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

// "2026-01-27" → "2026-01-27T00:00:00Z"; date-times stay as written.
std::string rfc3339(const std::string& iso) { return iso.size() == 10 ? iso + "T00:00:00Z" : iso; }

// RSS wants RFC 822 dates: "Tue, 27 Jan 2026 00:00:00 +0000". Only the date part is
// used: the time zone of a date-time is the publisher's and stays in the JSON Feed.
std::string rfc822(const std::string& iso) {
  Date d;
  if (!parse_iso_date(iso, d)) return "";
  std::string readable = format_date(d);  // "Tuesday, Jan 27, 2026"
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return readable.substr(0, 3) + ", " + (d.day < 10 ? "0" : "") + std::to_string(d.day) + " " +
         kMonths[d.month - 1] + " " + std::to_string(d.year) + " 00:00:00 +0000";
}

std::string head(const std::string& title, const std::string& lang, const std::string& dir,
                 const std::string& description, const std::string& canonical) {
  std::string out = "<!doctype html>\n<html";
  if (!lang.empty()) out += " lang=\"" + escaped(lang, true) + "\"";
  if (!dir.empty()) out += " dir=\"" + escaped(dir, true) + "\"";
  out += ">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"color-scheme\" content=\"light dark\">\n<title>" +
         escaped(title) + "</title>\n";
  if (!description.empty())
    out += "<meta name=\"description\" content=\"" + escaped(description, true) + "\">\n";
  if (!canonical.empty()) out += "<link rel=\"canonical\" href=\"" + escaped(canonical, true) + "\">\n";
  out += "<link rel=\"alternate\" type=\"application/feed+json\" href=\"feed.json\">\n"
         "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"rss.xml\">\n"
         "<link rel=\"icon\" href=\"favicon.svg\" type=\"image/svg+xml\">\n"
         "<link rel=\"stylesheet\" href=\"site.css\">\n";
  return out;
}

std::string article_page(const Entry& e, const std::string& site_title, const std::string& base_url) {
  const Article& a = e.article;
  std::string title = a.title + (site_title.empty() ? "" : " \xE2\x80\x93 " + site_title);
  std::string canonical = !base_url.empty() ? base_url + e.slug + ".html" : "";
  std::string out = head(title, a.lang, a.dir, a.dek, canonical);
  // With JavaScript, <lede-reader> adopts the prerendered shadow root (its controls
  // attach to it); without, the declarative shadow root alone shows the article.
  out += "<script type=\"module\" src=\"lede.js\"></script>\n</head>\n<body class=\"lede-site-page\">\n"
         "<nav class=\"lede-site-nav\"><a href=\"./\">All articles</a></nav>\n"
         "<lede-reader src=\"" + escaped(e.slug, true) + ".json\">"
         "<template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"lede.css\">"
         "<div part=\"content\">" + e.html + "</div></template></lede-reader>\n</body>\n</html>\n";
  return out;
}

// The index is built as a document tree, like everything Lede shows.
std::string index_page(const std::vector<Entry>& entries, const std::string& site_title) {
  Document doc;
  doc.open(Tag::div);
  doc.set(Attr::class_, "lede-index");
  doc.open(Tag::h1);
  doc.text(site_title.empty() ? "Articles" : site_title);
  doc.close();
  doc.open(Tag::ol);
  doc.set(Attr::class_, "lede-index-list");
  for (const Entry& e : entries) {
    const Article& a = e.article;
    NodeId item = doc.open(Tag::li);
    if (!a.lang.empty()) doc.set(Attr::lang, a.lang);
    if (!a.dir.empty()) doc.set(Attr::dir, a.dir);
    if (!a.section.empty()) {
      doc.open(Tag::p);
      doc.set(Attr::class_, "lede-section");
      doc.text(a.section);
      doc.close();
    }
    doc.open(Tag::h2);
    doc.open(Tag::a);
    doc.set_url(Attr::href, e.slug + ".html", UrlKind::link);
    doc.text(a.title);
    doc.close();
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
        doc.text(tag);
        doc.close();
      }
      doc.close();
    }
    doc.close();
    apply_typography(doc, item, a.lang);
  }
  doc.close();
  doc.close();
  std::string out = head(site_title.empty() ? "Articles" : site_title, "", "", "", "");
  out += "<link rel=\"stylesheet\" href=\"lede.css\">\n</head>\n<body class=\"lede-page lede-site-page\">\n<main>";
  write_html(doc, out);
  out += "</main>\n</body>\n</html>\n";
  return out;
}

// The published URL of `path` ("./" is the site itself), or `path` when the site's
// own address is not known.
std::string absolute(const std::string& base_url, const std::string& path) {
  if (base_url.empty()) return path;
  return path == "./" ? base_url : base_url + path;
}

std::string json_feed(const std::vector<Entry>& entries, const std::string& site_title,
                      const std::string& base_url) {
  std::string out = "{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n  \"title\": " +
                    json_string(site_title.empty() ? "Articles" : site_title) + ",\n";
  out += "  \"home_page_url\": " + json_string(absolute(base_url, "./")) + ",\n";
  out += "  \"feed_url\": " + json_string(absolute(base_url, "feed.json")) + ",\n  \"items\": [";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Article& a = entries[i].article;
    std::string url = absolute(base_url, entries[i].slug + ".html");
    out += i ? ",\n    {" : "\n    {";
    out += "\"id\": " + json_string(url) + ", \"url\": " + json_string(url) +
           ", \"title\": " + json_string(a.title);
    if (!a.dek.empty()) out += ", \"summary\": " + json_string(a.dek);
    out += ", \"content_html\": " + json_string(entries[i].html);
    if (!a.published.empty()) out += ", \"date_published\": " + json_string(rfc3339(a.published));
    if (!a.updated.empty()) out += ", \"date_modified\": " + json_string(rfc3339(a.updated));
    if (!a.lang.empty()) out += ", \"language\": " + json_string(a.lang);
    if (!a.tags.empty()) {
      out += ", \"tags\": [";
      for (std::size_t t = 0; t < a.tags.size(); ++t) out += (t ? ", " : "") + json_string(a.tags[t]);
      out += "]";
    }
    out += "}";
  }
  out += "\n  ]\n}\n";
  return out;
}

std::string rss(const std::vector<Entry>& entries, const std::string& site_title, const std::string& base_url) {
  std::string title = site_title.empty() ? "Articles" : site_title;
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\">\n<channel>\n<title>" +
                    escaped(title) + "</title>\n<link>" + escaped(absolute(base_url, "./")) +
                    "</link>\n<description>" + escaped(title) + "</description>\n";
  for (const Entry& e : entries) {
    const Article& a = e.article;
    std::string url = absolute(base_url, e.slug + ".html");
    out += "<item>\n<title>" + escaped(a.title) + "</title>\n<link>" + escaped(url) + "</link>\n<guid>" +
           escaped(url) + "</guid>\n";
    if (!a.dek.empty()) out += "<description>" + escaped(a.dek) + "</description>\n";
    if (std::string date = rfc822(a.published); !date.empty()) out += "<pubDate>" + date + "</pubDate>\n";
    for (const auto& tag : a.tags) out += "<category>" + escaped(tag) + "</category>\n";
    out += "</item>\n";
  }
  out += "</channel>\n</rss>\n";
  return out;
}

std::string sitemap(const std::vector<Entry>& entries, const std::string& base_url) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  out += "<url><loc>" + escaped(absolute(base_url, "./")) + "</loc></url>\n";
  for (const Entry& e : entries) {
    out += "<url><loc>" + escaped(absolute(base_url, e.slug + ".html")) + "</loc>";
    const std::string& date = e.article.updated.empty() ? e.article.published : e.article.updated;
    if (date.size() >= 10) out += "<lastmod>" + escaped(date.substr(0, 10)) + "</lastmod>";
    out += "</url>\n";
  }
  out += "</urlset>\n";
  return out;
}

// Lede's runtime files, as a page downloads them: every module, the stylesheets, the
// wasm and the fonts. The demo page and its articles are not part of it.
bool copy_assets(const fs::path& assets, const fs::path& out, SiteReport& report) {
  std::error_code ec;
  auto copy = [&](const fs::path& from, const fs::path& to) {
    fs::create_directories(to.parent_path(), ec);
    fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
    if (ec) {
      report.messages.push_back(from.string() + ": cannot copy: " + ec.message());
      report.ok = false;
    }
  };
  if (!fs::exists(assets / "lede.js") || !fs::exists(assets / "dist" / "lede.wasm")) {
    report.messages.push_back(assets.string() + ": not Lede's web folder (lede.js and dist/lede.wasm are needed; run ./build-wasm.sh)");
    report.ok = false;
    return false;
  }
  for (const auto& item : fs::directory_iterator(assets, ec)) {
    const fs::path& p = item.path();
    std::string name = p.filename().string();
    bool runtime = (p.extension() == ".js") || name == "lede.css" || name == "site.css" ||
                   name == "reader.html" || name == "favicon.svg";
    if (item.is_regular_file() && runtime) copy(p, out / name);
  }
  for (const char* dir : {"dist", "fonts"}) {
    if (!fs::is_directory(assets / dir)) continue;
    for (const auto& item : fs::recursive_directory_iterator(assets / dir, ec))
      if (item.is_regular_file()) copy(item.path(), out / fs::relative(item.path(), assets));
  }
  return report.ok;
}

}  // namespace

SiteReport build_site(const SiteOptions& o) {
  SiteReport report;
  std::error_code ec;
  if (!fs::is_directory(o.articles)) {
    report.messages.push_back(o.articles.string() + ": not a folder");
    report.ok = false;
    return report;
  }
  fs::create_directories(o.out, ec);
  if (ec) {
    report.messages.push_back(o.out.string() + ": cannot create: " + ec.message());
    report.ok = false;
    return report;
  }

  // Read and render every article; copy everything else (media) as it is, so that
  // relative URLs work the same from the page and from the JSON beside it.
  std::vector<Entry> entries;
  std::vector<fs::path> files;
  for (const auto& item : fs::recursive_directory_iterator(o.articles, ec))
    if (item.is_regular_file()) files.push_back(item.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& p : files) {
    fs::path rel = fs::relative(p, o.articles);
    fs::create_directories((o.out / rel).parent_path(), ec);
    fs::copy_file(p, o.out / rel, fs::copy_options::overwrite_existing, ec);
    if (ec) {
      report.messages.push_back(p.string() + ": cannot copy: " + ec.message());
      report.ok = false;
      continue;
    }
    if (p.extension() != ".json" || rel.has_parent_path()) continue;  // articles: top level only
    std::string json;
    Entry e;
    e.slug = p.stem().string();
    Result r;
    Document doc(o.render.nofollow);
    if (!read_text(p, json) || !read(json, o.render, e.article, r) || !lay_out(e.article, o.render, doc, r)) {
      const Problem* first = r.first_error();
      report.messages.push_back(p.string() + (first ? (first->line ? ":" : ": ") + first->to_string() : ": cannot read"));
      report.ok = false;
      continue;
    }
    for (const Problem& w : r.problems)
      report.messages.push_back(p.string() + ": warning: " + w.to_string());
    write_html(doc, e.html);
    entries.push_back(std::move(e));
  }

  // Newest first; undated articles last, by name.
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& x, const Entry& y) {
    if (x.article.published.empty() != y.article.published.empty()) return y.article.published.empty();
    return x.article.published > y.article.published;
  });

  std::string title = o.title;
  for (const Entry& e : entries)
    if (title.empty() && e.article.site && !e.article.site->name.empty()) title = e.article.site->name;
  std::string base = o.base_url;
  if (!base.empty() && base.back() != '/') base += '/';

  auto write = [&](const fs::path& p, const std::string& text) {
    if (!write_text(p, text)) {
      report.messages.push_back(p.string() + ": cannot write");
      report.ok = false;
    }
  };
  for (const Entry& e : entries) {
    write(o.out / (e.slug + ".html"), article_page(e, title, base));
    ++report.pages;
  }
  write(o.out / "index.html", index_page(entries, title));
  write(o.out / "feed.json", json_feed(entries, title, base));
  write(o.out / "rss.xml", rss(entries, title, base));
  write(o.out / "sitemap.xml", sitemap(entries, base));
  copy_assets(o.assets, o.out, report);
  return report;
}

}  // namespace lede
