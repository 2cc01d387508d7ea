#include "site/feeds.hpp"

#include "layout/dates.hpp"
#include "site/names.hpp"
#include "text/escape.hpp"

namespace lede::site {
namespace {

// The published URL of `path` ("./" is the site itself), or `path` when the site's own
// address is not known.
std::string absolute(std::string_view base, const std::string& path) {
  if (base.empty()) return path;
  return path == "./" ? std::string(base) : std::string(base) + path;
}

std::string page_url(std::string_view base, const Listed& a) { return absolute(base, url_name(a.slug) + ".html"); }

}  // namespace

void write_json_feed(const std::vector<FeedItem>& items, const SiteInfo& site, std::string_view base, std::string& out) {
  out += "{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n  \"title\": ";
  append_json_string(out, site.title.empty() ? "Articles" : site.title);
  out += ",\n";
  if (!site.lang.empty()) (out += "  \"language\": ") += json_string(site.lang) + ",\n";
  out += "  \"home_page_url\": " + json_string(absolute(base, "./")) + ",\n";
  out += "  \"feed_url\": " + json_string(absolute(base, "feed.json")) + ",\n  \"items\": [";
  bool first = true;
  for (const FeedItem& item : items) {
    const Listed& a = item.article;
    std::string url = page_url(base, a);
    out += first ? "\n    {" : ",\n    {";
    first = false;
    out += "\"id\": " + json_string(url) + ", \"url\": " + json_string(url) + ", \"title\": " + json_string(a.title);
    if (!a.dek.empty()) out += ", \"summary\": " + json_string(a.dek);
    out += ", \"content_html\": ";
    append_json_string(out, item.html);
    Instant t;
    if (parse_iso_instant(a.published, t)) out += ", \"date_published\": " + json_string(rfc3339(t));
    if (parse_iso_instant(a.updated, t)) out += ", \"date_modified\": " + json_string(rfc3339(t));
    if (!a.lang.empty()) out += ", \"language\": " + json_string(a.lang);
    if (!a.tags.empty()) {
      out += ", \"tags\": [";
      for (std::size_t i = 0; i < a.tags.size(); ++i) out += (i ? ", " : "") + json_string(a.tags[i]);
      out += "]";
    }
    out += "}";
  }
  out += "\n  ]\n}\n";
}

void write_rss(const std::vector<FeedItem>& items, const SiteInfo& site, std::string_view base, std::string& out) {
  const std::string title = xml_text(site.title.empty() ? "Articles" : site.title);
  out += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
         "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n<channel>\n<title>" +
         title + "</title>\n<link>" + xml_text(absolute(base, "./")) + "</link>\n<description>" + title +
         "</description>\n";
  if (!site.lang.empty()) out += "<language>" + xml_text(site.lang) + "</language>\n";
  for (const FeedItem& item : items) {
    const Listed& a = item.article;
    const std::string url = xml_text(page_url(base, a));
    out += "<item>\n<title>" + xml_text(a.title) + "</title>\n<link>" + url + "</link>\n<guid>" + url + "</guid>\n";
    if (!a.dek.empty()) out += "<description>" + xml_text(a.dek) + "</description>\n";
    Instant t;
    if (parse_iso_instant(a.published, t)) out += "<pubDate>" + rfc822(t) + "</pubDate>\n";
    for (const auto& tag : a.tags) out += "<category>" + xml_text(tag) + "</category>\n";
    out += "<content:encoded>";
    append_xml_text(out, item.html);
    out += "</content:encoded>\n</item>\n";
  }
  out += "</channel>\n</rss>\n";
}

std::string sitemap_head() {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
}

std::string sitemap_url(std::string_view base, std::string_view path, std::string_view lastmod) {
  std::string out = "<url><loc>" + xml_text(absolute(base, std::string(path))) + "</loc>";
  if (lastmod.size() >= 10) out += "<lastmod>" + xml_text(lastmod.substr(0, 10)) + "</lastmod>";
  return out + "</url>\n";
}

std::string sitemap_tail() { return "</urlset>\n"; }

std::string sitemap_index(std::string_view base, int count) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (int i = 1; i <= count; ++i)
    out += "<sitemap><loc>" + xml_text(absolute(base, "sitemap-" + std::to_string(i) + ".xml")) + "</loc></sitemap>\n";
  return out + "</sitemapindex>\n";
}

}  // namespace lede::site
