// The pipeline's two halves, for front doors that need the article model as well as
// the tree (the static site builder). Everyone else uses include/lede/lede.hpp.
//
// Each step takes the Extensions of its build (extensions.hpp). The overloads without
// them are the native front door's (src/lede.cpp: every extension linked in).
#pragma once
#include <string_view>

#include "extensions.hpp"
#include "input/article.hpp"
#include "lede/lede.hpp"
#include "tree/document.hpp"

namespace lede {

// JSON text → article model. Problems go to `result`; false if there was an error.
// Input text → article model: an RSS or Atom feed's item (ext.read_xml), or JSON in any
// format (other than Lede's, ext.read_foreign). Problems go to `result`; false if there
// was an error. `strict`: a member of Lede's own format that cannot be read is an error,
// as `lede validate` reports it, instead of a warning (read_article()).
bool read(std::string_view json, const Options& options, const Extensions& ext, Article& article, Result& result,
          bool strict = false);
bool read(std::string_view json, const Options& options, Article& article, Result& result, bool strict = false);

// Article model → document tree, within the output limit. With `spent_body`
// (article.body) the body is freed as soon as the tree holds it.
bool lay_out(const Article& article, const Options& options, const Extensions& ext, Document& doc, Result& result,
             std::vector<BodyPart>* spent_body = nullptr);
bool lay_out(const Article& article, const Options& options, Document& doc, Result& result,
             std::vector<BodyPart>* spent_body = nullptr);

// Both halves: JSON text → document tree. The article's body is freed as soon as the
// tree holds it. (The wasm front door runs the same steps itself, src/wasm/exports.cpp:
// between them it frees the input and may replace the body.)
bool tree_of(std::string_view json, const Options& options, const Extensions& ext, Document& doc, Result& result);
bool tree_of(std::string_view json, const Options& options, Document& doc, Result& result);

// The native front door's extensions: the adapters, HTML bodies, gumbo (src/lede.cpp).
const Extensions& native_extensions();

}  // namespace lede
