#include "html/html_media.hpp"

#include <cstdlib>

namespace lede::html_walk {

// ---------------------------------------------------------------------------
// Images: the real URL behind lazy loading.

// The largest candidate of a srcset: by width descriptor, else by density.
static std::string largest_in_srcset(std::string_view s) {
  std::string best;
  double best_score = -1;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (is_html_space(s[i]) || s[i] == ',')) ++i;
    std::size_t b = i;
    while (i < s.size() && !is_html_space(s[i])) ++i;
    std::string_view url = s.substr(b, i - b);
    bool ended = false;  // "a.jpg," has no descriptors
    while (!url.empty() && url.back() == ',') {
      url.remove_suffix(1);
      ended = true;
    }
    double score = 1e-3;  // no descriptor: 1x
    if (!ended) {
      std::size_t d = i;
      int parens = 0;
      while (i < s.size() && (s[i] != ',' || parens > 0)) {
        if (s[i] == '(') ++parens;
        if (s[i] == ')') --parens;
        ++i;
      }
      std::string_view descriptors = trim(s.substr(d, i - d));
      if (!descriptors.empty()) {
        char unit = ascii_lower(descriptors.back());
        double value = std::strtod(std::string(descriptors.substr(0, descriptors.size() - 1)).c_str(), nullptr);
        if (unit == 'w') score = value;          // widths outrank densities
        else if (unit == 'x') score = value * 1e-3;
      }
    }
    if (!url.empty() && score > best_score) {
      best_score = score;
      best.assign(url);
    }
  }
  return best;
}

static bool looks_like_image_url(std::string_view v) {
  v = trim(v);
  if (v.empty() || v.size() > 2048) return false;
  for (char c : v)
    if (is_html_space(c)) return false;
  std::string_view path = v.substr(0, v.find_first_of("?#"));
  for (std::string_view ext : {".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"})
    if (path.size() > ext.size() && equals_ci(path.substr(path.size() - ext.size()), ext)) return true;
  return false;
}

// A stand-in for the real image: empty, a tiny data: URL, or an SVG data: URL.
static bool placeholder(std::string_view src) {
  src = trim(src);
  if (src.empty()) return true;
  if (!starts_with_ci(src, "data:")) return false;
  if (starts_with_ci(src, "data:image/svg")) return true;
  std::size_t comma = src.find(',');
  return comma == std::string_view::npos || src.size() - comma < 134;
}

// The URL an image shows once loaded: src, unless it is a placeholder (or the page
// marks the image lazy) and a data-src-like attribute holds the real one; else the
// largest candidate of srcset, data-srcset, or the srcset of a <picture>'s <source>.
std::string image_url(GNode img) {
  std::string_view src = trim(attr(img, "src"));
  std::string_view lazy;
  for (const char* name : {"data-src", "data-lazy-src", "data-original", "data-lazy",
                           "data-url", "data-hi-res-src", "data-full-src"}) {
    std::string_view v = trim(attr(img, name));
    if (!v.empty() && !placeholder(v)) {
      lazy = v;
      break;
    }
  }
  if (lazy.empty()) {  // any other data-* attribute that holds an image URL
    for (std::size_t i = 0, count = img.tree->attribute_count(img.id); i < count && lazy.empty(); ++i) {
      HtmlAttribute a = img.tree->attribute(img.id, i);
      if (starts_with_ci(a.name, "data-") && !contains_ci(a.name, "srcset") && looks_like_image_url(a.value))
        lazy = trim(a.value);
    }
  }
  bool lazy_class = false;
  each_class(img, [&](std::string_view c) { lazy_class = lazy_class || contains_ci(c, "lazy"); });
  if (!lazy.empty() && (placeholder(src) || lazy_class)) return std::string(lazy);
  if (!placeholder(src)) return std::string(src);
  for (const char* name : {"srcset", "data-srcset", "data-lazy-srcset"}) {
    std::string best = largest_in_srcset(attr(img, name));
    if (!best.empty()) return best;
  }
  GNode parent = parent_of(img);
  if (parent && tag_of(parent) == HtmlTag::picture) {
    for (GNode c = first_child(parent); c; c = next_sibling(c)) {
      if (tag_of(c) != HtmlTag::source) continue;
      for (const char* name : {"srcset", "data-srcset"}) {
        std::string best = largest_in_srcset(attr(c, name));
        if (!best.empty()) return best;
      }
    }
  }
  return {};  // only a placeholder
}

// A tracking pixel: declared 1×1 (or 0×0).
bool pixel(GNode img) {
  std::string_view w = trim(attr(img, "width")), h = trim(attr(img, "height"));
  return (w == "0" || w == "1") && (h == "0" || h == "1");
}

// ---------------------------------------------------------------------------
// Embedded video: the page to link to, and what to call it.

static std::string_view host_of(std::string_view url) {
  std::size_t b = url.find("//");
  if (b == std::string_view::npos) return {};
  url.remove_prefix(b + 2);
  url = url.substr(0, url.find_first_of("/?#"));
  if (std::size_t at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
  if (starts_with_ci(url, "www.")) url.remove_prefix(4);
  return url;
}

Embed embed_of(GNode n) {
  std::string_view src = trim(attr(n, "src"));
  if (src.empty()) src = trim(attr(n, "data-src"));
  if (src.empty() && tag_of(n) == HtmlTag::video) {
    for (GNode c = first_child(n); c && src.empty(); c = next_sibling(c))
      if (tag_of(c) == HtmlTag::source) src = trim(attr(c, "src"));
  }
  Embed e;
  if (src.substr(0, 2) == "//")
    e.url = "https:" + std::string(src);
  else if (starts_with_ci(src, "http://") || starts_with_ci(src, "https://"))
    e.url.assign(src);
  else
    return e;  // relative or another scheme: nothing to link to
  // A copy: e.url is replaced below (player → page), and the label still needs the host.
  const std::string host(host_of(e.url));
  // Players → the pages people know.
  std::string_view path = std::string_view(e.url).substr(e.url.find(host) + host.size());
  std::string_view id = path.substr(path.rfind('/') + 1);
  id = id.substr(0, id.find_first_of("?#&"));
  bool video = tag_of(n) == HtmlTag::video;
  if ((host == "youtube.com" || host == "youtube-nocookie.com") && starts_with_ci(path, "/embed/") && !id.empty()) {
    e.url = "https://www.youtube.com/watch?v=" + std::string(id);
    video = true;
  } else if (host == "player.vimeo.com" && starts_with_ci(path, "/video/") && !id.empty()) {
    e.url = "https://vimeo.com/" + std::string(id);
    video = true;
  } else {
    for (std::string_view known : {"youtube.com", "youtu.be", "vimeo.com", "dailymotion.com",
                                   "twitch.tv", "ted.com", "archive.org", "streamable.com"})
      video = video || host == known ||
              (host.size() > known.size() && host.substr(host.size() - known.size() - 1) == "." + std::string(known));
  }
  std::string title = collapse_spaces(attr(n, "title"));
  e.label = std::string(video ? "Video: " : "Embedded content: ") +
            (title.empty() ? host : title);
  return e;
}

// ---------------------------------------------------------------------------
// Code blocks: the language from the usual class names.

static std::string clean_language(std::string_view lang) {
  std::string out;
  for (char c : lang)
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '+' || c == '#' || c == '.')
      out += c;
  return out.size() > 40 ? std::string() : out;
}

std::string language_of(GNode n) {
  if (!n || !is_element(n)) return {};
  for (const char* name : {"data-lang", "data-language"})
    if (std::string lang = clean_language(trim(attr(n, name))); !lang.empty()) return lang;
  std::string lang;
  bool brush = false, source_code = false;
  std::string_view other;
  each_class(n, [&](std::string_view c) {
    if (!lang.empty()) return;
    for (std::string_view prefix : {"language-", "lang-", "highlight-source-", "highlight-"})
      if (starts_with_ci(c, prefix) && c.size() > prefix.size()) {
        lang = clean_language(c.substr(prefix.size()));
        return;
      }
    if (brush) {  // SyntaxHighlighter: class="brush: js; gutter: false"
      lang = clean_language(c.substr(0, c.find(';')));
      return;
    }
    if (equals_ci(c, "brush:")) brush = true;
    else if (equals_ci(c, "sourceCode")) source_code = true;  // pandoc: "sourceCode js"
    else other = c;
  });
  if (lang.empty() && source_code) lang = clean_language(other);
  return lang;
}

}  // namespace lede::html_walk
