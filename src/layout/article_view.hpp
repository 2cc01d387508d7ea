// Step 3: article model → document tree. Every decision about what a reader sees and
// in which order lives here: header, hero figure, audio, body, tags, newsletter,
// related articles.
#pragma once
#include "input/article.hpp"
#include "tree/document.hpp"

namespace lede {

// Appends one <article class="lede"> to the root of `doc`.
void layout_article(const Article& article, Document& doc);

}  // namespace lede
