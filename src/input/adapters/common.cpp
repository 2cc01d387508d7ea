// What the adapters share, and the one place that dispatches to them.

#include "input/adapters/adapters.hpp"

#include <algorithm>
#include <cstdlib>

#include "input/formats.hpp"

#include "input/article_reader.hpp"

#include "html/html_to_tree.hpp"
#include "problems.hpp"
#include "text/ascii.hpp"
#include "tree/entities.hpp"

namespace lede {

namespace {

// Members Lede's own format does not have, where other formats keep an article's text
// or its articles: without a "body", such an object is another format, never an empty
// Lede article (a Lede article with only a title stays valid).
bool carries_foreign_content(const JsonValue& json, std::vector<Problem>& problems) {
  static const char* const kContent[] = {"items",   "entries",  "posts", "articles",    "data",
                                         "content", "contents", "html",  "articleBody", "text"};
  if (json.type != JsonValue::Type::object || json.find("body")) return false;
  for (const char* key : kContent) {
    const JsonValue* v = json.find(key);
    if (!v || v->type == JsonValue::Type::null) continue;
    adapt::error(problems, key,
                 "the article has no \"body\", and its text seems to be here, in a format Lede does not read "
                 "(it reads its own article JSON, JSON Feed, RSS, Atom, WordPress, schema.org, Apple News and "
                 "Readability's output: docs/article-json.md)");
    return true;
  }
  return false;
}

}  // namespace

void read_foreign_article(const JsonValue& json, const Options& options, Article& article,
                          std::vector<Problem>& problems, bool strict) {
  Format format = detect_format(json);
  if (format != Format::json_feed && format != Format::wordpress && !one_article(options.item, problems)) return;
  switch (format) {
    case Format::readability: read_readability(json, article, problems); break;
    case Format::json_feed: read_json_feed(json, options.item, article, problems); break;
    case Format::wordpress: read_wordpress(json, options.item, article, problems); break;
    case Format::schema_org: read_schema_org(json, article, problems); break;
    case Format::apple_news: read_apple_news(json, article, problems); break;
    case Format::rss:
    case Format::atom:  // XML: never a JsonValue
    case Format::lede:
      if (json.type == JsonValue::Type::array && json.items.empty()) {
        adapt::error(problems, "", "an empty list (a WordPress query that found no post?): there is no article to show");
        return;
      }
      if (carries_foreign_content(json, problems)) return;
      read_article(json, article, problems, strict);
      break;
  }
}

const char* format_name(Format format) {
  switch (format) {
    case Format::lede: return "Lede";
    case Format::readability: return "Readability";
    case Format::json_feed: return "JSON Feed";
    case Format::wordpress: return "WordPress";
    case Format::schema_org: return "schema.org";
    case Format::apple_news: return "Apple News";
    case Format::rss: return "RSS";
    case Format::atom: return "Atom";
  }
  return "";
}

namespace adapt {

void warn(std::vector<Problem>& problems, std::string path, std::string message) {
  problems.push_back(warning_problem(ErrorCode::schema, std::move(path), std::move(message)));
}

void error(std::vector<Problem>& problems, std::string path, std::string message) {
  warn(problems, std::move(path), std::move(message));
  problems.back().warning = false;
}

std::string string(Fields& f, const char* key) {
  std::string out;
  f.string(key, out);
  return out;
}

void require_title(Article& a, const std::string& path, std::vector<Problem>& problems) {
  a.title = plain(a.title);
  if (!a.title.empty()) return;
  problems.push_back(error_problem(ErrorCode::schema, path, "required: an article needs a title"));
}

std::string date(Fields& f, const char* key) {
  std::string raw = string(f, key);
  return date_text(std::move(raw), f.path_of(key), f.problems());
}

namespace {

int number(std::string_view s) {
  if (s.empty() || s.size() > 4 || s.find_first_not_of("0123456789") != std::string_view::npos) return -1;
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

// `value` in `width` digits, zeros first: the wasm builds' small snprintf has no widths.
void digits(std::string& out, int value, int width) {
  char d[12];
  int n = 0;
  do d[n++] = static_cast<char>('0' + value % 10);
  while ((value /= 10) > 0 && n < 11);
  for (int i = n; i < width; ++i) out += '0';
  while (n > 0) out += d[--n];
}

// RFC 822 as RFC 2822 and RSS use it, and its common variants: "Sat, 07 Sep 2002
// 09:42:31 GMT", "7 Sep 2002 9:42 +0200", "Sat, 07 Sep 02 09:42:31 EDT", no weekday, no
// seconds, a zone name or none. "" if it is not one.
std::string rfc822(std::string_view s) {
  std::vector<std::string_view> words;
  for (std::size_t i = 0; i < s.size();) {
    while (i < s.size() && (s[i] == ' ' || s[i] == ',' || s[i] == '\t')) ++i;
    std::size_t b = i;
    while (i < s.size() && s[i] != ' ' && s[i] != ',' && s[i] != '\t') ++i;
    if (i > b) words.push_back(s.substr(b, i - b));
  }
  std::size_t w = 0;
  if (w < words.size() && number(words[w]) < 0) ++w;  // the weekday
  if (words.size() < w + 3) return {};
  static const char* const kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec"};
  int day = number(words[w]), month = 0, year = number(words[w + 2]);
  std::string name(words[w + 1].substr(0, 3));
  for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  while (month < 12 && name != kMonths[month]) ++month;
  if (day < 1 || day > 31 || month == 12 || year < 0) return {};
  if (words[w + 2].size() == 2) year += year < 50 ? 2000 : 1900;
  std::string out;
  digits(out, year, 4);
  out += '-';
  digits(out, month + 1, 2);
  out += '-';
  digits(out, day, 2);
  if (words.size() < w + 4) return out;
  // hh:mm[:ss]
  std::string_view t = words[w + 3];
  std::size_t c1 = t.find(':');
  if (c1 == std::string_view::npos) return out;
  std::size_t c2 = t.find(':', c1 + 1);
  int h = number(t.substr(0, c1)), m = number(t.substr(c1 + 1, c2 == std::string_view::npos ? c2 : c2 - c1 - 1));
  int sec = c2 == std::string_view::npos ? 0 : number(t.substr(c2 + 1));
  if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60) return out;
  out += 'T';
  digits(out, h, 2);
  out += ':';
  digits(out, m, 2);
  out += ':';
  digits(out, sec, 2);
  // The zone: +hhmm, a name, or none (then the time of day is kept without one).
  std::string_view z = words.size() > w + 4 ? words[w + 4] : std::string_view();
  int offset = 0;  // minutes east of UTC
  bool known = true;
  if (z.size() == 5 && (z[0] == '+' || z[0] == '-') && number(z.substr(1)) >= 0) {
    offset = (number(z.substr(1, 2)) * 60 + number(z.substr(3))) * (z[0] == '-' ? -1 : 1);
  } else {
    static const struct { const char* name; int hours; } kZones[] = {
        {"GMT", 0}, {"UT", 0}, {"UTC", 0}, {"Z", 0}, {"EST", -5}, {"EDT", -4}, {"CST", -6},
        {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7}};
    known = false;
    for (const auto& zone : kZones)
      if (z == zone.name) {
        offset = zone.hours * 60;
        known = true;
      }
  }
  if (!known) return out;
  if (offset == 0) return out + "Z";
  int a = offset < 0 ? -offset : offset;
  out += offset < 0 ? '-' : '+';
  digits(out, a / 60, 2);
  out += ':';
  digits(out, a % 60, 2);
  return out;
}

}  // namespace

std::string date_text(std::string raw, const std::string& path, std::vector<Problem>& problems) {
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t'))
    raw.pop_back();
  std::size_t lead = raw.find_first_not_of(" \n\r\t");
  raw.erase(0, lead == std::string::npos ? raw.size() : lead);
  if (raw.empty()) return raw;
  Date d;
  if (parse_iso_date(raw, d)) return raw;
  // "2026-01-27T09:30:00+0100" → "+01:00"
  std::string fixed = raw;
  std::size_t n = fixed.size();
  if (n > 5 && (fixed[n - 5] == '+' || fixed[n - 5] == '-') && fixed.find('T') != std::string::npos) {
    fixed.insert(n - 2, ":");
    if (parse_iso_date(fixed, d)) return fixed;
  }
  // Keep the day when the time of day is unreadable.
  if (raw.size() > 10 && parse_iso_date(raw.substr(0, 10), d)) return raw.substr(0, 10);
  fixed = rfc822(raw);
  if (!fixed.empty() && parse_iso_date(fixed, d)) return fixed;
  if (fixed.size() > 10 && parse_iso_date(fixed.substr(0, 10), d)) return fixed.substr(0, 10);
  warn(problems, path, "not a date Lede can read (ISO 8601 or RFC 822); it is left out");
  return {};
}

std::string title_from_text(std::string_view text) {
  std::string t = plain(text);
  if (t.size() <= 80) return t;
  // At most 80 bytes, cut after a word, never inside a character.
  std::size_t cut = t.rfind(' ', 80);
  if (cut == std::string::npos || cut < 20) {
    cut = 80;
    while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) --cut;
  }
  t.resize(cut);
  while (!t.empty() && (t.back() == ',' || t.back() == ';' || t.back() == ':' || t.back() == ' ')) t.pop_back();
  return t + "\xE2\x80\xA6";
}

std::string language(Fields& f, const char* key) {
  std::string lang = string(f, key);
  for (char& c : lang)
    if (c == '_') c = '-';
  if (lang.empty() || looks_like_language_tag(lang)) return lang;
  f.error(f.path_of(key), "not a language tag; it is left out", true);
  return {};
}

std::string url(Fields& f, const char* key, UrlKind kind) {
  std::string out;
  // Checked once here (layout checks it again as it sets it).
  return f.url(key, out, kind) ? out : std::string();
}

unsigned pixels_of(std::string_view s) {
  if (s.empty() || s.size() > 7 || s.find_first_not_of("0123456789") != std::string_view::npos) return 0;
  unsigned n = 0;
  for (char c : s) n = n * 10 + static_cast<unsigned>(c - '0');
  return n;
}

unsigned pixels(const JsonValue* v) {
  if (!v) return 0;
  if (v->type == JsonValue::Type::number && v->number >= 0 && v->number <= 1e6)
    return static_cast<unsigned>(v->number);
  if (v->type == JsonValue::Type::string && !v->string.empty() && v->string.size() <= 7 &&
      v->string.find_first_not_of("0123456789") == std::string::npos)
  {
    unsigned n = 0;  // at most 7 digits; std::stoul would bring printf's engine into the wasm
    for (char c : v->string) n = n * 10 + static_cast<unsigned>(c - '0');
    return n;
  }
  return 0;
}

void body(Article& a, std::string text, BodyPart::Kind kind, std::string path) {
  if (is_blank(text)) return;
  BodyPart part;
  part.kind = kind;
  part.text = std::move(text);
  part.path = std::move(path);
  a.body.push_back(std::move(part));
}

std::string plain(std::string_view text) {
  std::string decoded = text.find('&') == std::string_view::npos ? std::string(text) : decode_entities(text);
  return collapse_spaces(decoded);
}

std::string html_text(std::string_view html) { return html_to_text(html); }

std::vector<bool> repeated_keys(const std::vector<std::string_view>& keys) {
  struct Key {
    std::string_view text;
    std::size_t at;
  };
  std::vector<Key> order(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) order[i] = {keys[i], i};
  // libc's qsort (musl's smoothsort: n log n at worst, in place), not std::stable_sort,
  // whose merge code cost 2.4 KB of lede-html.wasm (docs/performance.md, "Sizes"). Equal
  // keys in the order they came, so the first of each run is the one kept.
  // (Not called with nothing to sort: data() may then be null, which qsort must not get.)
  if (order.size() > 1) std::qsort(order.data(), order.size(), sizeof(Key), [](const void* a, const void* b) {
    const Key& x = *static_cast<const Key*>(a);
    const Key& y = *static_cast<const Key*>(b);
    int c = x.text.compare(y.text);
    if (c != 0) return c < 0 ? -1 : 1;
    return x.at < y.at ? -1 : (x.at > y.at ? 1 : 0);
  });
  std::vector<bool> repeated(keys.size());
  for (std::size_t i = 1; i < order.size(); ++i) repeated[order[i].at] = order[i].text == order[i - 1].text;
  return repeated;
}

std::string excerpt(std::string_view html) {
  std::string text = html_text(html);
  // The theme's "Continue reading “Title”" or "Read more" link at the end, then its
  // "[…]": not the author's words.
  // Only a link in the last 160 bytes is cut, so only they are searched: libstdc++'s
  // rfind over the whole excerpt was 2.5 % of a real WordPress post's native render.
  for (std::string_view link : {"Continue reading", "Read more", "Read More"}) {
    const std::size_t from = text.size() > 160 ? text.size() - 160 : 0;
    std::size_t at = std::string_view(text).substr(from).rfind(link);
    if (at != std::string_view::npos && from + at > 0) text.resize(from + at);
  }
  for (bool again = true; again;) {
    again = false;
    while (!text.empty() && text.back() == ' ') text.pop_back();
    for (const char* tail : {"[\xE2\x80\xA6]", "[...]"}) {
      std::string_view t(tail);
      if (text.size() >= t.size() && text.compare(text.size() - t.size(), t.size(), t) == 0) {
        text.resize(text.size() - t.size());
        again = true;
      }
    }
  }
  return text;
}

}  // namespace adapt
}  // namespace lede
