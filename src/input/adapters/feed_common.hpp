// What the RSS and Atom adapters share: reading an element's text, the standfirst rule,
// enclosures and Media RSS.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "input/adapters/adapters.hpp"

namespace lede {
namespace feed {

// Leading and trailing white space removed.
std::string trim(std::string_view s);

// An element's text on one line: its markup's text if it has markup, else its text
// with character references decoded (feeds often escape twice: "AT&amp;amp;T").
// `html`: the text is HTML (Atom's type="html", an RSS title with tags in it).
std::string text(const XmlNode* n, bool html = false);

// An element's content as HTML: its markup, or its text (escaped HTML, or CDATA).
std::string html(const XmlNode* n);

// A summary beside a full text becomes the standfirst when it is short (up to 400
// bytes): a long one is a copy of the text. "" otherwise.
std::string dek_from_html(std::string_view summary_html);

// Whether an enclosure is audio: by its MIME type, or by its URL's extension when the
// type is missing or generic.
bool is_audio(std::string_view type, std::string_view url);
bool is_image(std::string_view type, std::string_view url);

// "1:02:03", "62:03" or "3723" → seconds; negative if unreadable.
double duration(std::string_view s);

// The name in "lawyer@boyer.example (Lawyer Boyer)" or "Lawyer Boyer"; "" for a bare
// address (an e-mail address is not a byline).
std::string person(std::string_view s);

// Media RSS (media:content, media:thumbnail, also inside media:group) and iTunes's
// image: the first image it names, resolved against `base`.
std::string media_image(const XmlNode& item, std::string_view base);

// Tags once each, in order.
void unique_tags(std::vector<std::string>& tags);

}  // namespace feed
}  // namespace lede
