// XML text → a small element tree, for the feed adapters (rss.cpp, atom.cpp). Read by
// expat, never by hand: namespaces resolved, encodings told apart as browsers do,
// entity declarations refused, nesting limited.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lede/lede.hpp"

namespace lede {

// Namespaces the feed adapters read.
namespace ns {
constexpr std::string_view atom = "http://www.w3.org/2005/Atom";
constexpr std::string_view atom03 = "http://purl.org/atom/ns#";
constexpr std::string_view rss1 = "http://purl.org/rss/1.0/";
constexpr std::string_view rss090 = "http://my.netscape.com/rdf/simple/0.9/";
constexpr std::string_view rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view content = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view dc = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view media = "http://search.yahoo.com/mrss/";
constexpr std::string_view itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
constexpr std::string_view xhtml = "http://www.w3.org/1999/xhtml";
constexpr std::string_view xml = "http://www.w3.org/XML/1998/namespace";
}  // namespace ns

struct XmlNode {
  std::string ns;    // namespace URI, "" for none
  std::string name;  // local name
  // Attributes by local name ("href"), or "URI local" with a namespace ("…/namespace base").
  std::vector<std::pair<std::string, std::string>> attributes;
  std::vector<XmlNode> children;  // child elements, in order
  std::string text;               // the character data directly inside
  // The inner markup as HTML, when the element holds elements its format does not
  // structure: Atom's type="xhtml" text, an XHTML body, or HTML left unescaped in a
  // description. Empty otherwise (then `text` is everything).
  std::string markup;
  bool has_markup = false;
  std::string base;  // xml:base in effect here, resolved against the one around it
  std::string lang;  // xml:lang in effect here
  std::size_t line = 0;

  bool is(std::string_view n, std::string_view local) const { return ns == n && name == local; }
  // The first child element with this namespace and name, or nullptr.
  const XmlNode* child(std::string_view n, std::string_view local) const {
    for (const XmlNode& c : children)
      if (c.is(n, local)) return &c;
    return nullptr;
  }
  // The attribute's value, "" if absent.
  std::string_view attr(std::string_view key) const {
    for (const auto& a : attributes)
      if (a.first == key) return a.second;
    return {};
  }
};

// Reads `xml` (UTF-8, UTF-16, or windows-1252 for every label browsers read as it:
// ISO-8859-1, US-ASCII, …). Any other declared encoding, a syntax error, an entity
// declaration or nesting past `limits.max_json_depth` is an error with its line and
// column; false then.
bool read_xml(std::string_view xml, const Limits& limits, XmlNode& root, Problem& error);

}  // namespace lede
