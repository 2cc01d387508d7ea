// The quick way through an HTML body: HTML as a browser writes it (innerHTML, and so
// Readability's `content`) is read straight into events (html_events.hpp), and gumbo's
// parser, which handles every input but reads it a character token at a time, runs only
// where this one gives up.
//
// Such HTML closes every element it opens, in order, so the HTML5 tree builder would only
// ever insert and pop (in SVG and MathML too, where names are kept as HTML writes them).
// This parser emits the events of that tree and gives up (returns false) at the first
// token for which the HTML5 rules would do anything else, as gumbo 0.13 has them: a tag
// that closes or reopens elements implicitly (a block start tag while a <p> other than
// the current element is open, <li> inside <li>, <a> inside <a>, an end tag that is not
// the current element's), table parts out of place in a table, a start tag at a foreign
// integration point or one that ends foreign content, raw-text elements (<script>,
// <style>, <textarea>…), a character reference it does not know, carriage returns,
// control characters or noncharacters (which gumbo replaces), a tag with more than
// Limits::kHtmlAttributes attributes. Table tags with no table open are dropped, as HTML
// drops them. Comments are not events. A unit test compares its trees with gumbo's, node
// by node, on real pages, attack vectors and mutations of both.
#pragma once
#include <string_view>

#include "html/html_events.hpp"

namespace lede {

// The events of `html` parsed as the content of a <div>, into `sink`; false if this
// parser gives up, and then what the sink got so far is to be thrown away.
bool serialized_html_events(std::string_view html, HtmlSink& sink);

// Whether gumbo reads every character of `s` as it is: no carriage return (it turns CR
// LF into LF), no NUL or other control character but tab, LF and FF, no noncharacter, and
// well-formed UTF-8 (gumbo puts U+FFFD for all of those).
bool characters_as_written(std::string_view s);

}  // namespace lede
