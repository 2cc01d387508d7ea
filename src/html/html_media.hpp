// What an HTML body's media and code blocks point at: the real URL behind a lazy image,
// the page of an embedded video, the language of a code block.
#pragma once

#include <string>

#include "html/html_node.hpp"

namespace lede::html_walk {

// The URL an image shows once loaded ("" if only a placeholder), and whether it is a
// tracking pixel.
std::string image_url(GNode img);
bool pixel(GNode img);

struct Embed {
  std::string url, label;
};

Embed embed_of(GNode n);

std::string language_of(GNode n);

}  // namespace lede::html_walk
