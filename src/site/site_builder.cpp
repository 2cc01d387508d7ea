#include "site/site_builder.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <system_error>

#include "layout/dates.hpp"
#include "layout/typography.hpp"
#include "output/html_writer.hpp"
#include "pipeline.hpp"
#include "tree/url_policy.hpp"

namespace fs = std::filesystem;

namespace lede {
namespace {

struct Entry {
  std::string slug;  // the output name without .html / .json: the file's stem, or renamed
  Article article;
  std::string html;  // the rendered article fragment
};

// A file name as it goes into a URL: every byte but RFC 3986's unreserved characters
// percent-encoded, so "a:b" is not read as a scheme, "h#1" as a fragment or "q?" as a
// query, and sitemaps (ASCII only) take it as it is. Static hosts decode it back.
std::string url_name(std::string_view name) {
  return percent_encode(name, [](unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
  });
}

// Names compared as a case-insensitive file system (macOS, Windows) would: "INDEX.html"
// there is the site's index.
std::string folded(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// An ISO 8601 date or date-time as articles carry it, with its time and offset.
struct Instant {
  Date date;
  int hour = 0, minute = 0, second = 0;  // 00:00:00 for a date alone
  std::string fraction;  // ".123" as written, or ""
  int offset = 0;        // minutes east of UTC; 0 for "Z", a date alone or no offset
  long long epoch = 0;  // seconds since 1970 UTC; a date alone is its 00:00 UTC
};

// Days from 1970-01-01 to y-m-d (proleptic Gregorian; Howard Hinnant's days_from_civil).
long long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const long long yoe = y - era * 400;
  const long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool parse_instant(std::string_view s, Instant& out) {
  Instant t;
  if (!parse_iso_date(s, t.date)) return false;  // checks the whole shape, time included
  auto two = [&](std::size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); };
  if (s.size() > 10) {
    t.hour = two(11);
    t.minute = two(14);
    std::size_t i = 16;
    if (i < s.size() && s[i] == ':') {
      t.second = two(i + 1);
      i += 3;
      if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
        std::size_t from = i++;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
        t.fraction = "." + std::string(s.substr(from + 1, i - from - 1));
      }
    }
    if (i < s.size() && s[i] != 'Z' && s[i] != 'z') t.offset = (s[i] == '-' ? -1 : 1) * (two(i + 1) * 60 + two(i + 4));
  }
  t.epoch = days_from_civil(t.date.year, t.date.month, t.date.day) * 86400 + t.hour * 3600 + t.minute * 60 +
            t.second - t.offset * 60;
  out = t;
  return true;
}

std::string two_digits(int n) { return std::string(1, static_cast<char>('0' + n / 10)) + static_cast<char>('0' + n % 10); }

// "+hhmm" (RFC 822) or "+hh:mm" (RFC 3339).
std::string offset_text(int minutes, bool colon) {
  int a = minutes < 0 ? -minutes : minutes;
  return std::string(minutes < 0 ? "-" : "+") + two_digits(a / 60) + (colon ? ":" : "") + two_digits(a % 60);
}

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

// JSON Feed wants RFC 3339: "2026-01-27" → "2026-01-27T00:00:00Z"; "2026-02-03T07:30-04:00"
// → "2026-02-03T07:30:00-04:00". A time without an offset is taken as UTC, as a date
// alone is (the article gives nothing better).
std::string rfc3339(const std::string& iso) {
  Instant t;
  if (!parse_instant(iso, t)) return iso;
  const Date& d = t.date;
  std::string out = two_digits(d.year / 100) + two_digits(d.year % 100) + "-" + two_digits(d.month) + "-" + two_digits(d.day) + "T" +
                    two_digits(t.hour) + ":" + two_digits(t.minute) + ":" + two_digits(t.second) + t.fraction;
  return out + (t.offset == 0 ? "Z" : offset_text(t.offset, true));
}

// RSS wants RFC 822 dates: "Tue, 03 Feb 2026 07:30:00 -0400", the time and offset as the
// publisher wrote them (the weekday is their local day's). A date alone is 00:00:00 +0000.
std::string rfc822(const std::string& iso) {
  Instant t;
  if (!parse_instant(iso, t)) return "";
  const Date& d = t.date;
  std::string readable = format_date(d);  // "Tuesday, Jan 27, 2026"
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return readable.substr(0, 3) + ", " + two_digits(d.day) + " " + kMonths[d.month - 1] + " " +
         std::to_string(d.year) + " " + two_digits(t.hour) + ":" + two_digits(t.minute) + ":" +
         two_digits(t.second) + " " + offset_text(t.offset, false);
}

std::string head(const std::string& title, const std::string& lang, const std::string& dir,
                 const std::string& description, const std::string& canonical, bool rss_written) {
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
  out += "<link rel=\"alternate\" type=\"application/feed+json\" href=\"feed.json\">\n";
  if (rss_written) out += "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"rss.xml\">\n";
  out += "<link rel=\"icon\" href=\"favicon.svg\" type=\"image/svg+xml\">\n"
         "<link rel=\"stylesheet\" href=\"site.css\">\n";
  return out;
}

std::string article_page(const Entry& e, const std::string& site_title, const std::string& base_url) {
  const Article& a = e.article;
  std::string title = a.title + (site_title.empty() ? "" : " \xE2\x80\x93 " + site_title);
  std::string canonical = !base_url.empty() ? base_url + url_name(e.slug) + ".html" : "";
  std::string out = head(title, a.lang, a.dir, a.dek, canonical, !base_url.empty());
  // With JavaScript, <lede-reader> adopts the prerendered shadow root (its controls
  // attach to it); without, the declarative shadow root alone shows the article.
  out += "<script type=\"module\" src=\"lede.js\"></script>\n</head>\n<body class=\"lede-site-page\">\n"
         "<nav class=\"lede-site-nav\"><a href=\"./\">All articles</a></nav>\n"
         "<main><lede-reader src=\"" + escaped(url_name(e.slug), true) + ".json\">"
         "<template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"lede.css\">"
         "<div part=\"content\">" + e.html + "</div></template></lede-reader></main>\n</body>\n</html>\n";
  return out;
}

// The index is built as a document tree, like everything Lede shows.
std::string index_page(const std::vector<Entry>& entries, const std::string& site_title, const std::string& lang,
                       bool rss_written, SiteReport& report) {
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
    if (!doc.set_url(Attr::href, url_name(e.slug) + ".html", UrlKind::link))
      report.messages.push_back(e.slug + ".html: warning: the index cannot link to it (URL refused)");
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
  std::string out = head(site_title.empty() ? "Articles" : site_title, lang.empty() ? "en" : lang, "", "", "", rss_written);
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
                      const std::string& base_url, const std::string& lang) {
  std::string out = "{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n  \"title\": " +
                    json_string(site_title.empty() ? "Articles" : site_title) + ",\n";
  if (!lang.empty()) out += "  \"language\": " + json_string(lang) + ",\n";
  out += "  \"home_page_url\": " + json_string(absolute(base_url, "./")) + ",\n";
  out += "  \"feed_url\": " + json_string(absolute(base_url, "feed.json")) + ",\n  \"items\": [";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Article& a = entries[i].article;
    std::string url = absolute(base_url, url_name(entries[i].slug) + ".html");
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

std::string rss(const std::vector<Entry>& entries, const std::string& site_title, const std::string& base_url,
                const std::string& lang) {
  std::string title = site_title.empty() ? "Articles" : site_title;
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\">\n<channel>\n<title>" +
                    escaped(title) + "</title>\n<link>" + escaped(absolute(base_url, "./")) +
                    "</link>\n<description>" + escaped(title) + "</description>\n";
  if (!lang.empty()) out += "<language>" + escaped(lang) + "</language>\n";
  for (const Entry& e : entries) {
    const Article& a = e.article;
    std::string url = absolute(base_url, url_name(e.slug) + ".html");
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
    out += "<url><loc>" + escaped(absolute(base_url, url_name(e.slug) + ".html")) + "</loc>";
    const std::string& date = e.article.updated.empty() ? e.article.published : e.article.updated;
    if (date.size() >= 10) out += "<lastmod>" + escaped(date.substr(0, 10)) + "</lastmod>";
    out += "</url>\n";
  }
  out += "</urlset>\n";
  return out;
}

// Lede's runtime files, as a page downloads them: every module, the stylesheets, the
// wasm and the fonts, as (source, path in the site). The demo page and its articles are
// not part of it. Empty, with a message, if `assets` is not Lede's web folder.
std::vector<std::pair<fs::path, fs::path>> asset_files(const fs::path& assets, SiteReport& report) {
  std::vector<std::pair<fs::path, fs::path>> files;
  std::error_code ec;
  if (!fs::exists(assets / "lede.js") || !fs::exists(assets / "dist" / "lede.wasm")) {
    report.messages.push_back(assets.string() + ": not Lede's web folder (lede.js and dist/lede.wasm are needed; run ./build-wasm.sh)");
    report.ok = false;
    return files;
  }
  for (const auto& item : fs::directory_iterator(assets, ec)) {
    const fs::path& p = item.path();
    std::string name = p.filename().string();
    bool runtime = (p.extension() == ".js") || name == "lede.css" || name == "site.css" ||
                   name == "reader.html" || name == "favicon.svg";
    if (item.is_regular_file() && runtime) files.emplace_back(p, name);
  }
  for (const char* dir : {"dist", "fonts"}) {
    if (!fs::is_directory(assets / dir)) continue;
    for (const auto& item : fs::recursive_directory_iterator(assets / dir, ec))
      if (item.is_regular_file()) files.emplace_back(item.path(), fs::relative(item.path(), assets));
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The site's language: --lang, else the one most of its articles are in (the newest
// article's among equals), else "" (the index then says English, the language of its
// own few words; the feeds say nothing).
std::string site_language(const std::vector<Entry>& entries, const std::string& given) {
  if (!given.empty()) return given;
  std::map<std::string, int> count;
  for (const Entry& e : entries)
    if (!e.article.lang.empty()) ++count[e.article.lang];
  std::string best;
  int most = 0;
  for (const Entry& e : entries) {  // newest first
    auto it = count.find(e.article.lang);
    if (it != count.end() && it->second > most) {
      best = it->first;
      most = it->second;
    }
  }
  return best;
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
  std::string base = o.base_url;
  if (!base.empty() && base.back() != '/') base += '/';
  const bool absolute_urls = !base.empty();

  // Every name the site is made of, folded: the generated files and Lede's own come
  // first, then the media, then the article pages, so that nothing overwrites anything.
  // Each maps to what has the name, for the warnings.
  std::map<std::string, std::string> taken = {{"index.html", "the site's index"},
                                              {"feed.json", "the JSON Feed"},
                                              {"rss.xml", "the RSS feed"},
                                              {"sitemap.xml", "the sitemap"}};
  const auto assets = asset_files(o.assets, report);
  for (const auto& [from, to] : assets) taken.emplace(folded(to.generic_string()), "one of Lede's files");

  std::vector<fs::path> files;
  for (const auto& item : fs::recursive_directory_iterator(o.articles, ec))
    if (item.is_regular_file()) files.push_back(item.path());
  std::sort(files.begin(), files.end());
  auto is_article = [&](const fs::path& p) {
    return p.extension() == ".json" && !fs::relative(p, o.articles).has_parent_path();  // top level only
  };
  auto copy = [&](const fs::path& from, const fs::path& to) {
    fs::create_directories(to.parent_path(), ec);
    fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
    if (ec) {
      report.messages.push_back(from.string() + ": cannot copy: " + ec.message());
      report.ok = false;
      return false;
    }
    return true;
  };

  // Media are copied as they are, so that relative URLs work the same from the page and
  // from the JSON beside it; a file with the name of one of the site's own is left out.
  for (const fs::path& p : files) {
    if (is_article(p)) continue;
    std::string rel = fs::relative(p, o.articles).generic_string();
    if (auto it = taken.find(folded(rel)); it != taken.end()) {
      report.messages.push_back(p.string() + ": warning: not copied: " + rel + " is " + it->second);
      continue;
    }
    taken.emplace(folded(rel), "a file from " + o.articles.string());
    copy(p, o.out / rel);
  }

  // Each article's page and JSON are named after its file, unless that name is taken
  // (index.json's page would be the index, feed.json would be the JSON Feed): then
  // NAME-article, NAME-article-2, …
  std::vector<Entry> entries;
  for (const fs::path& p : files) {
    if (!is_article(p)) continue;
    std::string stem = p.stem().string(), slug = stem;
    auto clash = [&](const std::string& name) {
      for (const char* ext : {".html", ".json"})
        if (auto it = taken.find(folded(name + ext)); it != taken.end()) return name + ext + " is " + it->second;
      return std::string();
    };
    std::string why = clash(stem);
    for (int n = 1; !clash(slug).empty(); ++n) slug = stem + "-article" + (n > 1 ? "-" + std::to_string(n) : "");
    taken.emplace(folded(slug + ".html"), "the page of " + p.filename().string());
    taken.emplace(folded(slug + ".json"), "the JSON of " + p.filename().string());
    if (slug != stem)
      report.messages.push_back(p.string() + ": warning: published as " + slug + ".html and " + slug + ".json (" + why + ")");
    if (!copy(p, o.out / (slug + ".json"))) continue;
    std::string json;
    Entry e;
    e.slug = slug;
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

  // Newest first, by the instant each was published (offsets count); undated articles
  // last; equals keep their file order.
  std::vector<std::pair<bool, long long>> when;
  for (Entry& e : entries) {
    Instant t;
    bool dated = parse_instant(e.article.published, t);
    when.emplace_back(dated, dated ? t.epoch : 0);
  }
  std::vector<std::size_t> order(entries.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    if (when[x].first != when[y].first) return when[x].first;
    return when[x].second > when[y].second;
  });
  std::vector<Entry> sorted;
  for (std::size_t i : order) sorted.push_back(std::move(entries[i]));
  entries = std::move(sorted);

  std::string title = o.title;
  for (const Entry& e : entries)
    if (title.empty() && e.article.site && !e.article.site->name.empty()) title = e.article.site->name;
  std::string lang = site_language(entries, o.lang);

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
  write(o.out / "index.html", index_page(entries, title, lang, absolute_urls, report));
  write(o.out / "feed.json", json_feed(entries, title, base, lang));
  report.written = {"index", "feed.json"};
  // RSS links and sitemap locations must be absolute URLs; relative ones would make
  // both files invalid, so without --base-url they are not written at all.
  if (absolute_urls) {
    write(o.out / "rss.xml", rss(entries, title, base, lang));
    write(o.out / "sitemap.xml", sitemap(entries, base));
    report.written.push_back("rss.xml");
    report.written.push_back("sitemap.xml");
  } else {
    report.messages.push_back("warning: rss.xml and sitemap.xml not written: they need absolute URLs; "
                              "give --base-url=URL, where OUT_DIR will be published");
    // An earlier build with --base-url left them: kept, they would announce a feed and
    // pages that no longer match what was just written.
    for (const char* stale : {"rss.xml", "sitemap.xml"}) {
      std::error_code ec;
      if (std::filesystem::remove(o.out / stale, ec))
        report.messages.push_back(std::string("removed ") + stale + " left by an earlier build");
    }
  }
  for (const auto& [from, to] : assets) copy(from, o.out / to);
  return report;
}

}  // namespace lede
