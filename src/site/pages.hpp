// The HTML pages of a site: one per article, and the listings (the index, a page per
// section and per tag), each paginated. Listings are built as document trees, like
// everything Lede shows, and every link between pages is relative, so the site works
// from any folder of any static host.
//
// Where the listings live: the index is index.html, then pages/2.html, pages/3.html, …;
// a section's pages are sections/SLUG/ (index.html), then sections/SLUG/2.html, …; a
// tag's are tags/SLUG/, tags/SLUG/2.html, … (SLUG: label_slug in names.hpp). Articles'
// pages are at the top (NAME.html), so no article can take a listing's name.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "input/article.hpp"
#include "site/state.hpp"

namespace lede::site {

// What every page of a site says about the site.
struct SiteInfo {
  std::string title;     // the site's name ("" if none: listings then say "Articles")
  std::string lang;      // the listings' language ("" → "en", the language of their words)
  bool rss = false;      // whether rss.xml is written (pages announce it)
};

// An article's page: the article prerendered inside a declarative shadow root (read and
// styled with JavaScript off; <lede-reader> takes it over when JavaScript runs).
// `site_name` follows the title in <title>; `canonical` is its absolute URL or "".
void write_article_page(const Article& a, std::string_view slug, std::string_view fragment, std::string_view site_name,
                        std::string_view canonical, const SiteInfo& site, std::string& out);

enum class ListingKind { index, section, tag };

struct Listing {
  ListingKind kind = ListingKind::index;
  std::string slug, label;  // the section's or tag's; empty for the index
  std::int64_t total = 0;   // articles listed, over all pages
};

// The page count of a listing of `total` articles, `page_size` a page (at least 1).
int page_count(std::int64_t total, int page_size);

// Where page `number` (from 1) of a listing lives, and how deep that is.
std::string listing_path(const Listing& l, int number);
int listing_depth(const Listing& l, int number);

// Page `number` of `pages`, holding `entries` (newest first), whose first entry is the
// listing's article number `first` (from 1).
void write_listing_page(const Listing& l, int number, int pages, std::int64_t first, const std::vector<Listed>& entries,
                        const SiteInfo& site, std::string& out);

}  // namespace lede::site
