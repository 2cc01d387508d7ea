#include <string_view>

#include "input/article_reader.hpp"
#include "input/formats.hpp"
#include "problems.hpp"

namespace lede {

// Deliberately loose and small (it is all lede.wasm knows of other formats): a
// member another format has and Lede's own does not. An article that looks foreign
// but is not goes to the adapters, whose detect_format() hands it back to
// read_article(): the same result, from lede-html.wasm.
bool needs_adapter(const JsonValue& json) {
  if (json.type == JsonValue::Type::array) return true;  // JSON-LD, or an error either way
  if (json.find("body")) return false;
  // Besides other formats' markers, the members where other formats keep an article's
  // text or their articles: an object with one of them and no body is never read as an
  // empty Lede article (adapters/common.cpp says what it is).
  // string_views: their lengths are compared first (strcmp with each of a WordPress
  // post's keys was 0.4 % of its native render).
  static constexpr std::string_view kMarkers[] = {"@context", "@type",       "@graph",   "content_html", "content_text",
                                         "components", "content",   "textContent", "items",   "entries",
                                         "posts",    "articles",    "data",     "contents",     "html",
                                         "articleBody", "text",     "_embedded"};
  for (std::size_t i = 0; i < json.keys.size(); ++i) {
    const std::string& key = json.keys[i];
    for (std::string_view marker : kMarkers)
      if (key == marker) return true;
    const JsonValue& v = json.items[i];
    if ((key == std::string_view("title") && v.type == JsonValue::Type::object) ||
        (key == std::string_view("version") && v.type == JsonValue::Type::string &&
         v.string.find("jsonfeed.org") != std::string::npos))
      return true;
  }
  return false;
}

bool one_article(const std::string& item, std::vector<Problem>& problems) {
  if (item.empty() || item == "0") return true;
  problems.push_back(
      error_problem(ErrorCode::schema, "", "no item \"" + item + "\": this input holds one article (item 0)"));
  return false;
}

namespace {

void needs_adapters(std::vector<Problem>& problems) {
  problems.push_back(error_problem(ErrorCode::needs_html_parser, "", kNeedsHtmlModule));
}

}  // namespace

void read_any_article(const JsonValue& json, const Options& options, ForeignReader read_foreign, Article& article,
                      std::vector<Problem>& problems, bool strict) {
  if (!needs_adapter(json)) {
    if (one_article(options.item, problems)) read_article(json, article, problems, strict);
  } else if (read_foreign) {
    read_foreign(json, options, article, problems, strict);
  } else {
    needs_adapters(problems);
  }
}

void read_any_article(JsonValue&& json, const Options& options, ForeignReader read_foreign, Article& article,
                      std::vector<Problem>& problems, bool strict) {
  if (!needs_adapter(json)) {
    if (one_article(options.item, problems)) read_article(std::move(json), article, problems, strict);
  } else if (read_foreign) {
    read_foreign(json, options, article, problems, strict);
  } else {
    needs_adapters(problems);
  }
}

bool looks_like_xml(std::string_view in) {
  if (in.substr(0, 3) == "\xEF\xBB\xBF") in.remove_prefix(3);  // UTF-8's byte order mark
  // UTF-16 (a byte order mark, or '<' next to a zero byte): its first character that is
  // not white space is '<'. JSON in UTF-16 stays JSON, refused as such.
  if (in.size() >= 2) {
    bool le = (in[0] == '\xFF' && in[1] == '\xFE') || (in[0] == '<' && in[1] == '\0');
    bool be = (in[0] == '\xFE' && in[1] == '\xFF') || (in[0] == '\0' && in[1] == '<');
    if (le || be) {
      std::size_t at = in[0] == '<' || in[1] == '<' ? 0 : 2;
      for (; at + 1 < in.size(); at += 2) {
        char low = in[at + (le ? 0 : 1)], high = in[at + (le ? 1 : 0)];
        if (high != '\0' || (low != ' ' && low != '\t' && low != '\r' && low != '\n')) return high == '\0' && low == '<';
      }
      return false;
    }
  }
  std::size_t first = in.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && in[first] == '<';
}

const char* const html_page_message =
    "an HTML page, not a feed: Lede reads article JSON, RSS and Atom (take the article out of the page first, "
    "with Readability for example)";

bool looks_like_html_page(std::string_view in) {
  if (in.substr(0, 3) == "\xEF\xBB\xBF") in.remove_prefix(3);
  std::size_t first = in.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return false;
  in.remove_prefix(first);
  auto starts = [&](std::string_view lower) {
    if (in.size() < lower.size()) return false;
    for (std::size_t i = 0; i < lower.size(); ++i)
      if ((in[i] >= 'A' && in[i] <= 'Z' ? in[i] + 32 : in[i]) != lower[i]) return false;
    return in.size() == lower.size() || in[lower.size()] == '>' || in[lower.size()] == ' ' ||
           in[lower.size()] == '\t' || in[lower.size()] == '\r' || in[lower.size()] == '\n';
  };
  return starts("<!doctype html") || starts("<html");
}

}  // namespace lede
