// A feed's article across a module boundary: lede-html.wasm hands lede-xml.wasm the feed
// (a request: the limits, which item, the XML), and lede-xml.wasm, which holds expat and
// the feed adapters (rss.cpp, atom.cpp), answers with the article it read and the
// problems it met (an outcome), as bytes (article_outcome.cpp). So the feed adapters are
// in one module only, and pages showing articles never download them.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "input/article.hpp"
#include "lede/lede.hpp"

namespace lede {

void write_feed_request(std::string_view xml, const Options& options, std::string& out);
// Fills in options.limits' input bytes and depth and options.item; `xml` views `bytes`.
bool read_feed_request(std::string_view bytes, Options& options, std::string_view& xml);

void write_article_outcome(const Article& article, const std::vector<Problem>& problems, std::string& out);
// Bytes that are not an outcome are a syntax error (appended to `problems`).
bool read_article_outcome(std::string_view bytes, Article& article, std::vector<Problem>& problems);

}  // namespace lede
