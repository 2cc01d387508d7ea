// `lede site ARTICLES_DIR OUT_DIR`: a static site from a folder of article JSON.
// One prerendered page per article (the article inside a declarative shadow root, so
// it reads and is styled with JavaScript off, and <lede-reader> takes it over when
// JavaScript runs), an index sorted by date, a JSON Feed, an RSS feed, a sitemap, and
// Lede's script, stylesheet and wasm beside them. Every link between pages is relative,
// so the site works from any folder of any static host, and percent-encoded, so any file
// name works. Nothing is overwritten: an article whose page or JSON would have the name
// of a generated file or of one of Lede's is published as NAME-article, and a media file
// with such a name is not copied (each with a warning in `messages`).
#pragma once
#include <filesystem>
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
  std::string lang;                // the index's and feeds' language; default: the
                                   // articles' most common one, else "en"
  Options render;
};

struct SiteReport {
  std::size_t pages = 0;
  std::vector<std::string> messages;  // "FILE: problem", one per line
  std::vector<std::string> written;   // the site-wide files: "index", "feed.json", …
  bool ok = true;                     // false if an article was refused or a file failed
};

SiteReport build_site(const SiteOptions& options);

}  // namespace lede
