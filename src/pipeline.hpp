// The pipeline's two halves, for front doors that need the article model as well as
// the tree (the static site builder). Everyone else uses include/lede/lede.hpp.
#pragma once
#include <string_view>

#include "input/article.hpp"
#include "lede/lede.hpp"
#include "tree/document.hpp"

namespace lede {

// JSON text → article model. Problems go to `result`; false if there was an error.
bool read(std::string_view json, const Options& options, Article& article, Result& result);

// Article model → document tree, within the output limit.
bool lay_out(const Article& article, const Options& options, Document& doc, Result& result);

// Both halves: JSON text → document tree. `done_reading` (if given) is called once the
// JSON has been read, before layout: the wasm front door frees the input there.
bool tree_of(std::string_view json, const Options& options, Document& doc, Result& result,
             void (*done_reading)(std::string_view json) = nullptr);

}  // namespace lede
