// Step 3: article model → document tree. Every decision about what a reader sees and
// in which order lives here: header, hero figure, audio, body, tags, newsletter,
// related articles.
#pragma once
#include <vector>

#include "extensions.hpp"
#include "input/article.hpp"
#include "lede/lede.hpp"
#include "tree/document.hpp"

namespace lede {

// Appends one <article class="lede"> to the root of `doc`. What layout leaves out
// (refused URLs in the body) is added to `problems` as warnings; a body nested past
// the limit is an error, and then the result is false.
// `spent_body`, when given, is the article's own body (article.body), freed once the
// tree holds it: nothing after layout reads it when the article is thrown away next.
// `ext` lays out the body parts the core cannot (layout/body_view.hpp).
bool layout_article(const Article& article, Document& doc, const Options& options, const Extensions& ext,
                    std::vector<Problem>& problems, std::vector<BodyPart>* spent_body = nullptr);

// A <figure> of `class_name` holding the image (if the URL policy takes it) and its
// caption and credit: the hero (not lazy: above the fold) and a body's photos
// (html/rich_parts.cpp).
void image_figure(const Image& image, const char* class_name, bool lazy, Document& doc);

}  // namespace lede
