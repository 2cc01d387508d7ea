// Article model → Lede's own article JSON (docs/article-json.md), for `lede convert`:
// pretty-printed with two spaces, members in the order the docs list them.
#pragma once
#include <string>

#include "extensions.hpp"
#include "input/article.hpp"
#include "lede/lede.hpp"

namespace lede {

// Appends the article as JSON. A body of several parts becomes one body: Markdown when
// every part can be written as Markdown, else HTML laid out by Lede (its sanitised
// tree, written as HTML, with `ext` laying out the parts the core cannot).
void write_article_json(const Article& article, const Options& options, const Extensions& ext, std::string& out);
// The same with the native front door's extensions (src/lede.cpp).
void write_article_json(const Article& article, const Options& options, std::string& out);

}  // namespace lede
