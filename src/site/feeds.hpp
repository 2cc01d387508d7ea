// What a site says to feed readers and crawlers: feed.json (JSON Feed 1.1) and rss.xml
// (RSS 2.0) with the latest articles and their full content, and sitemaps. Every text
// goes through text/escape.hpp, so any article makes a well-formed file.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "site/pages.hpp"
#include "site/state.hpp"

namespace lede::site {

struct FeedItem {
  Listed article;
  std::string html;  // the article rendered, as its page shows it
};

// `base` is the site's absolute URL ("https://example.com/news/"), or "" (feed.json's
// URLs are then relative; RSS is never written without one).
void write_json_feed(const std::vector<FeedItem>& items, const SiteInfo& site, std::string_view base, std::string& out);
void write_rss(const std::vector<FeedItem>& items, const SiteInfo& site, std::string_view base, std::string& out);

// The sitemap protocol's limits for one file: 50,000 URLs, 50 MB (uncompressed).
constexpr std::size_t kSitemapMaxBytes = 50 * 1000 * 1000;

// One sitemap file (a <urlset>): its head, one <url> per page, its tail.
std::string sitemap_head();
std::string sitemap_url(std::string_view base, std::string_view path, std::string_view lastmod);
std::string sitemap_tail();

// A <sitemapindex> listing sitemap-1.xml … sitemap-COUNT.xml.
std::string sitemap_index(std::string_view base, int count);

}  // namespace lede::site
