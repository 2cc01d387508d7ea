// Small helpers shared by the unit tests.
#pragma once
#include <fstream>
#include <iterator>
#include <string>

#include "lede/lede.hpp"
#include "text/escape.hpp"

namespace test {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline std::string seed_json() { return read_file(LEDE_SOURCE_DIR "/web/articles/once-enemies.json"); }

inline std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size()))
    ++n;
  return n;
}

// A JSON string literal for `s` (valid UTF-8 whatever `s` holds).
inline std::string quote(const std::string& s) { return lede::json_string(s); }

inline std::string render(const std::string& json) {
  std::string html;
  lede::Result r = lede::render_html(json, html);
  return r ? html : "ERROR: " + r.first_error()->to_string();
}

// The HTML of the article body only, for Markdown tests.
inline std::string body_html(const std::string& markdown) {
  std::string html = render("{\"title\":\"T\",\"body\":" + quote(markdown) + "}");
  const std::string open = "<div class=\"lede-body\">";
  std::size_t b = html.find(open);
  if (b == std::string::npos) return "";
  b += open.size();
  std::size_t e = html.rfind("</div></article>");
  return html.substr(b, e - b);
}

}  // namespace test
