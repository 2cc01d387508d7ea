// gumbo-parser 0.13 as a producer of HTML events (html_events.hpp): it parses HTML as the
// content of a <div>, by every rule of HTML5's tree construction, and its tree is walked
// into the sink (comments left out). It takes any input, but the rules it follows are
// quadratic on some (lenient_html_parser.hpp): callers ask gumbo_work_bounded() first.
// Native front doors link it directly; in browsers it is its own module,
// web/dist/lede-gumbo.wasm (src/wasm/gumbo_exports.cpp), loaded only for HTML that the
// quick parser gives up on.
#pragma once
#include <string_view>

#include "html/html_events.hpp"

namespace lede {

void gumbo_html_events(std::string_view html, HtmlSink& sink);

}  // namespace lede
