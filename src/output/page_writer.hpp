// Complete HTML pages: `lede page`'s standalone article (Lede's stylesheet inlined, no
// script, readable with JavaScript off) and, through write_page_head, every page
// `lede site` writes.
#pragma once
#include <string>
#include <string_view>

#include "input/article.hpp"
#include "tree/document.hpp"

namespace lede {

void write_page(const Article& article, const Document& doc, std::string& out);

// What the head of a page says about it; empty fields are left out.
struct PageHead {
  std::string_view title, lang, dir, description, canonical;
};

// "<!doctype html>", <html lang dir>, then the head up to the page's own links, styles
// and scripts, which the caller adds before "</head>". Every page sets its referrer
// policy to no-referrer: images carry referrerpolicy="no-referrer" themselves, but
// <audio> and <video> have no such attribute, and only the document's policy keeps their
// requests from telling a media host which article is being read.
void write_page_head(const PageHead& head, std::string& out);

// web/lede.css, compiled in by the build (see CMakeLists.txt).
extern const char kLedeCss[];

}  // namespace lede
