// HTML that would cost gumbo more than linear time, and a reading of it that does not.
//
// gumbo 0.13 follows the HTML5 tree construction rules as written, and some of them are
// walks of the stack of open elements or of the list of active formatting elements: on
// input made for it (40,000 nested elements, <a><b> repeated, a <b> with a 100 KB title
// reopened in every later paragraph, 20,000 attributes on one tag) its time or memory
// grows with the square of the input. gumbo is not patched. Instead, before it gets HTML
// that the quick parser (serialized_html_parser.hpp) gave up on, gumbo_work_bounded()
// reads the HTML once the way gumbo would, keeping only what those walks cost: the depth
// of the stack (with every element that HTML's rules keep open counted, so never less
// than gumbo's), the formatting elements HTML would reopen and the bytes of their
// attributes, and the attributes of each tag. Past a budget linear in the input, gumbo
// does not get the HTML: lenient_html_events() reads it instead, in one pass, by the
// same rules without the costly ones (no formatting element is reopened; an end tag
// closes what it names; text in a table outside its cells still goes before the
// table), and the article is kept with a warning. docs/security.md has the limits and
// the measurements.
#pragma once
#include <cstddef>
#include <string_view>

#include "html/html_events.hpp"

namespace lede {

// Whether gumbo's work on `html` stays within kGumboWorkPerByte units a byte (a unit is
// about one step of one of its walks) plus kGumboWorkBase.
bool gumbo_work_bounded(std::string_view html);
inline constexpr std::size_t kGumboWorkPerByte = 16;
inline constexpr std::size_t kGumboWorkBase = std::size_t{1} << 20;

// The units of work counted, stopping soon after `limit` (for tests and measurements).
std::size_t gumbo_work(std::string_view html, std::size_t limit);

// The events of `html` parsed as the content of a <div> by the simplified rules above,
// into `sink`. Linear in the input. A tag keeps its first Limits::kHtmlAttributes
// attributes; `attributes_dropped` (if given) says whether one had more.
void lenient_html_events(std::string_view html, HtmlSink& sink, bool* attributes_dropped = nullptr);

// The HtmlFallback of a build with the lenient reader (html_events.hpp): `gumbo`'s events
// if its work stays linear (false if `gumbo` is null or cannot parse), else the lenient
// reader's; the lenient reader's alone if `lenient_only`.
bool read_given_up_html(std::string_view html, bool lenient_only, HtmlSink& sink, HtmlFallbackNotes& notes,
                        HtmlProducer gumbo);

}  // namespace lede
