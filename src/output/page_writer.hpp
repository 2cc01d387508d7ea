// A complete standalone HTML page around the article, for static hosting: Lede's
// stylesheet inlined, no script, readable with JavaScript off.
#pragma once
#include <string>

#include "input/article.hpp"
#include "tree/document.hpp"

namespace lede {

void write_page(const Article& article, const Document& doc, std::string& out);

// web/lede.css, compiled in by the build (see CMakeLists.txt).
extern const char kLedeCss[];

}  // namespace lede
