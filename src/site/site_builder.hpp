// `lede site ARTICLES_DIR OUT_DIR`: a static site from a folder of article JSON.
// One prerendered page per article (the article inside a declarative shadow root, so
// it reads and is styled with JavaScript off, and <lede-reader> takes it over when
// JavaScript runs), an index sorted by date and a page per section and per tag (each
// paginated), a JSON Feed and an RSS feed of the latest articles, sitemaps, and Lede's
// script, stylesheet and wasm beside them. Every link between pages is relative, so the
// site works from any folder of any static host, and percent-encoded, so any file name
// works. Nothing is overwritten: an article whose page or JSON would have the name of a
// generated file or of one of Lede's is published as NAME-article.
//
// Built for archives: articles are read, rendered and written one at a time by a worker
// per core, and what the listings need is kept in OUT_DIR/.lede-site.sqlite (state.hpp),
// not in memory, so memory does not grow with the archive. A rebuild into the same
// OUT_DIR renders only the articles whose file changed, rewrites only the files whose
// content changed, and removes what an article no longer in the folder had.
// What may be read and written, and how, is in files.hpp and media.hpp.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "lede/lede.hpp"

namespace lede {

struct SiteOptions {
  std::filesystem::path articles;  // *.json articles, plus any media they refer to
  std::filesystem::path out;       // created if missing
  std::filesystem::path assets;    // Lede's web/ folder: lede.js, lede.css, dist/*.wasm
  std::string base_url;            // absolute URL of `out` once published; RSS and the
                                   // sitemap need it (empty: neither is written, and
                                   // feed.json's URLs are relative)
  std::string title;               // the site's name; default: the newest article's site.name
  std::string lang;                // the listings' and feeds' language; default: the
                                   // articles' most common one, else "en"
  Options render;
  std::string generator;           // which build of Lede this is (version, binary): a
                                   // change rebuilds everything
  bool full = false;               // ignore what earlier builds recorded
  int page_size = 50;              // articles per listing page
  int feed_items = 50;             // the latest N articles in feed.json and rss.xml
  std::size_t sitemap_urls = 50000;  // URLs per sitemap file (the protocol's limit)
  unsigned threads = 0;            // rendering threads; 0: one per core
  // Each warning or error as it happens ("FILE: problem"); unset: kept in messages.
  std::function<void(const std::string&)> on_message;
  // Articles done of all, now and then.
  std::function<void(std::int64_t done, std::int64_t total)> on_progress;
};

struct SiteReport {
  std::size_t pages = 0;      // article pages in the site
  std::size_t rendered = 0;   // articles rendered by this build
  std::size_t unchanged = 0;  // articles whose page was left as it was
  std::size_t sections = 0, tags = 0;
  std::size_t files_written = 0, files_removed = 0;
  std::vector<std::string> messages;    // "FILE: problem", one per line (without on_message)
  std::vector<std::string> site_files;  // "index", "feed.json", …
  bool ok = true;                       // false if an article was refused or a file failed
};

SiteReport build_site(const SiteOptions& options);

}  // namespace lede
