// The names of a site's files and the URLs that point at them.
#pragma once
#include <string>
#include <string_view>

namespace lede::site {

// A file name as it goes into a URL: every byte but RFC 3986's unreserved characters
// percent-encoded, so "a:b" is not read as a scheme, "h#1" as a fragment or "q?" as a
// query, and sitemaps (ASCII only) take it as it is. Static hosts decode it back.
std::string url_name(std::string_view name);

// A name as a case-insensitive file system (macOS, Windows) compares it: "INDEX.html"
// there is the site's index.
std::string folded(std::string_view name);

// The folder name of a section's or a tag's pages: ASCII letters lower-cased, digits and
// other characters (UTF-8) kept, every run of anything else (spaces, punctuation,
// controls, "/", ".") one "-", at most 80 bytes. "Virgin Gorda" and "virgin-gorda" share
// a page. A label with nothing left ("!!!") gets "x" and a hash of it.
std::string label_slug(std::string_view label);

// What precedes a site-root path from a page `depth` folders down: "", "../", "../../".
std::string up(int depth);

}  // namespace lede::site
