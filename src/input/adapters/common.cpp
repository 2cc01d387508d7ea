// What the adapters share, and the one place that dispatches to them.
#include "input/adapters/adapters.hpp"
#include "input/formats.hpp"

#include "input/article_reader.hpp"

#include "html/html_to_tree.hpp"
#include "tree/entities.hpp"

namespace lede {

void read_foreign_article(const JsonValue& json, Article& article, std::vector<Problem>& problems) {
  switch (detect_format(json)) {
    case Format::readability: read_readability(json, article, problems); break;
    case Format::json_feed: read_json_feed(json, article, problems); break;
    case Format::wordpress: read_wordpress(json, article, problems); break;
    case Format::schema_org: read_schema_org(json, article, problems); break;
    case Format::apple_news: read_apple_news(json, article, problems); break;
    case Format::lede: read_article(json, article, problems); break;
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
  }
  return "";
}

namespace adapt {

void warn(std::vector<Problem>& problems, std::string path, std::string message) {
  Problem p;
  p.code = ErrorCode::schema;
  p.warning = true;
  p.path = std::move(path);
  p.message = std::move(message);
  problems.push_back(std::move(p));
}

std::string string(Fields& f, const char* key) {
  std::string out;
  f.string(key, out);
  return out;
}

void require_title(Article& a, const std::string& path, std::vector<Problem>& problems) {
  a.title = plain(a.title);
  if (!a.title.empty()) return;
  Problem p;
  p.code = ErrorCode::schema;
  p.path = path;
  p.message = "required: an article needs a title";
  problems.push_back(std::move(p));
}

std::string date(Fields& f, const char* key) {
  std::string raw = string(f, key);
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n')) raw.pop_back();
  while (!raw.empty() && (raw.front() == ' ' || raw.front() == '\n')) raw.erase(0, 1);
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
  f.error(f.path_of(key), "not an ISO 8601 date; it is left out", true);
  return {};
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
  f.url(key, out, kind);
  return check_url(out, kind) ? out : std::string();
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
  std::string out;
  for (char c : decoded) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string html_text(std::string_view html) { return html_to_text(html); }

}  // namespace adapt
}  // namespace lede
