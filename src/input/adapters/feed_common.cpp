#include "input/adapters/feed_common.hpp"

#include <algorithm>

#include "input/formats.hpp"

namespace lede {

namespace {

// The root element says which feed it is: Format::lede (with an error) for neither.
Format feed_format(const XmlNode& root, std::vector<Problem>& problems) {
  if (root.is(ns::atom, "feed") || root.is(ns::atom, "entry") || root.is(ns::atom03, "feed") ||
      root.is(ns::atom03, "entry") || root.is("", "feed"))  // Atom without its namespace
    return Format::atom;
  if (root.is("", "rss") || root.is(ns::rdf, "RDF")) return Format::rss;
  if (root.name == "html" || root.name == "HTML")
    adapt::error(problems, "", html_page_message);
  else
    adapt::error(problems, "",
                 "expected an RSS or Atom feed (<rss>, <rdf:RDF>, <feed> or <entry>); the root element is <" +
                     root.name + ">" + (root.ns.empty() ? "" : " in " + root.ns));
  return Format::lede;
}

}  // namespace

// Told apart from JSON by the first character; the root element says which feed.
void read_xml_article(XmlParser parse, std::string_view input, const Options& options, Article& article,
                      std::vector<Problem>& problems) {
  XmlNode root;
  Problem error;
  if (!parse(input, options.limits, root, error)) {
    problems.push_back(std::move(error));
    return;
  }
  switch (feed_format(root, problems)) {
    case Format::atom: read_atom(root, options.item, article, problems); break;
    case Format::rss: read_rss(root, options.item, article, problems); break;
    default: break;
  }
}

Format xml_items(XmlParser parse, std::string_view input, const Options& options, std::vector<Item>& items,
                 std::vector<Problem>& problems) {
  XmlNode root;
  Problem error;
  if (!parse(input, options.limits, root, error)) {
    problems.push_back(std::move(error));
    return Format::lede;
  }
  Format format = feed_format(root, problems);
  if (format == Format::atom) atom_items(root, items);
  if (format == Format::rss) rss_items(root, items);
  return format;
}

namespace feed {

std::string trim(std::string_view s) {
  std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  std::size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::string text(const XmlNode* n, bool html) {
  if (!n) return {};
  if (n->has_markup) return adapt::html_text(n->markup);
  return html ? adapt::html_text(n->text) : adapt::plain(n->text);
}

std::string html(const XmlNode* n) {
  if (!n) return {};
  return n->has_markup ? n->markup : n->text;
}

std::string dek_from_html(std::string_view summary_html) {
  std::string dek = adapt::excerpt(summary_html);
  return dek.size() <= 400 ? dek : std::string();
}

namespace {

bool ends_with(std::string_view s, std::string_view tail) {
  if (s.size() < tail.size()) return false;
  for (std::size_t i = 0; i < tail.size(); ++i) {
    char c = s[s.size() - tail.size() + i];
    if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != tail[i]) return false;
  }
  return true;
}

std::string_view path_of(std::string_view url) { return url.substr(0, url.find_first_of("?#")); }

}  // namespace

bool is_audio(std::string_view type, std::string_view url) {
  if (type.substr(0, 6) == "audio/") return true;
  if (!type.empty() && type != "application/octet-stream") return false;
  std::string_view p = path_of(url);
  for (const char* ext : {".mp3", ".m4a", ".aac", ".ogg", ".oga", ".opus", ".wav", ".flac"})
    if (ends_with(p, ext)) return true;
  return false;
}

bool is_image(std::string_view type, std::string_view url) {
  if (type.substr(0, 6) == "image/") return true;
  if (!type.empty() && type != "application/octet-stream") return false;
  std::string_view p = path_of(url);
  for (const char* ext : {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"})
    if (ends_with(p, ext)) return true;
  return false;
}

double duration(std::string_view s) {
  std::string t = trim(s);
  if (t.empty()) return -1;
  double total = 0, part = 0;
  bool digit = false;
  for (char c : t) {
    if (c >= '0' && c <= '9') {
      part = part * 10 + (c - '0');
      digit = true;
    } else if (c == ':') {
      total = (total + part) * 60;
      part = 0;
    } else if (c == '.') {
      break;  // fractions of a second
    } else {
      return -1;
    }
  }
  return digit ? total + part : -1;
}

std::string person(std::string_view s) {
  std::string t = trim(s);
  // RSS 2.0's "address (Name)"; parentheses after a name are part of it.
  std::size_t open = t.find('('), close = t.rfind(')');
  std::string before = open == std::string::npos ? std::string() : trim(t.substr(0, open));
  if (close != std::string::npos && close > open && before.find('@') != std::string::npos &&
      before.find(' ') == std::string::npos)
    return adapt::plain(t.substr(open + 1, close - open - 1));
  if (t.find('@') != std::string::npos && t.find(' ') == std::string::npos) return {};
  return adapt::plain(t);
}

std::string media_image(const XmlNode& item, std::string_view base) {
  // The widest image of Media RSS's contents (feeds list sizes from small to large),
  // else the first thumbnail, else iTunes's image.
  std::string best, thumbnail;
  unsigned best_width = 0;
  auto look = [&](const XmlNode& parent, auto& self) -> void {
    for (const XmlNode& c : parent.children) {
      if (c.ns == ns::media && c.name == "group") self(c, self);
      if (c.ns == ns::media && c.name == "content") {
        std::string_view medium = c.attr("medium"), url = c.attr("url");
        unsigned width = adapt::pixels_of(c.attr("width"));
        if (!url.empty() && (medium == "image" || (medium.empty() && is_image(c.attr("type"), url))) &&
            (best.empty() || width > best_width)) {
          best = std::string(url);
          best_width = width;
        }
        if (thumbnail.empty())
          if (const XmlNode* t = c.child(ns::media, "thumbnail")) thumbnail = std::string(t->attr("url"));
      }
      if (c.ns == ns::media && c.name == "thumbnail" && thumbnail.empty()) thumbnail = std::string(c.attr("url"));
      if (c.ns == ns::itunes && c.name == "image" && thumbnail.empty()) thumbnail = std::string(c.attr("href"));
    }
  };
  look(item, look);
  std::string found = best.empty() ? thumbnail : best;
  found = resolve_url(base, trim(found));
  return url_allowed(found, UrlKind::image) ? found : std::string();
}

void unique_tags(std::vector<std::string>& tags) {
  adapt::drop_repeats(tags, [](const std::string& t) -> const std::string& { return t; });
}

}  // namespace feed
}  // namespace lede
