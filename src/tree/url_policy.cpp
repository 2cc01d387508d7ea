#include "tree/url_policy.hpp"

#include <cstdint>

#include "text/ascii.hpp"
#include "tree/byte_lanes.hpp"
#include "tree/entities.hpp"

namespace lede {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The same set md4c-html leaves unescaped in URLs; everything else is percent-encoded.
// A bit per ASCII character: every character of every URL is looked up, twice.
struct UrlSafe {
  std::uint32_t bits[4] = {};
  constexpr UrlSafe() {
    const char* safe = "~-_.+!*(),%#@?=;:/$&";
    for (const char* c = safe; *c; ++c) set(static_cast<unsigned char>(*c));
    for (unsigned c = 0; c < 128; ++c)
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) set(c);
  }
  constexpr void set(unsigned c) { bits[c >> 5] |= std::uint32_t{1} << (c & 31); }
};
constexpr UrlSafe kUrlSafe;

bool is_url_safe(unsigned char c) { return c < 128 && (kUrlSafe.bits[c >> 5] >> (c & 31) & 1); }

// Browsers trim leading and trailing C0 controls and spaces and remove tab and newlines
// anywhere in a URL. Lede also removes every other control character anywhere: that is
// stricter than a browser and refuses nothing a real link needs.
std::string clean(std::string_view s) {
  auto edge = [](unsigned char c) { return c <= 0x20; };
  std::size_t b = 0, e = s.size();
  while (b < e && edge(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && edge(static_cast<unsigned char>(s[e - 1]))) --e;
  s = s.substr(b, e - b);
  // Most URLs have no control character: found eight bytes at a time (a lane below 0x20
  // or equal to 0x7F), they are copied whole.
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w = load_lanes(s.data() + i);
    if (((w - kLaneOnes * 0x20) & ~w & kLaneHighs) | lanes_equal(w, 0x7F)) break;
  }
  std::string out;
  out.reserve(s.size());
  std::size_t from = 0;
  for (; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != 0x7F) continue;
    out.append(s.data() + from, i - from);
    from = i + 1;
  }
  out.append(s.data() + from, s.size() - from);
  return out;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (ascii_lower(s[i]) != prefix[i]) return false;
  return true;
}

// The scheme as written (any case), or "" for a relative URL: a view, not a lowercased
// copy, since every URL is checked twice a render.
std::string_view scheme_of(std::string_view url) {
  if (url.empty() || !is_alpha(url[0])) return {};
  for (std::size_t i = 1; i < url.size(); ++i) {
    char c = url[i];
    if (c == ':') return url.substr(0, i);
    if (!(is_alpha(c) || is_digit(c) || c == '+' || c == '-' || c == '.')) return {};
  }
  return {};
}

// `scheme` is `lower` in any case.
bool scheme_is(std::string_view scheme, std::string_view lower) {
  return scheme.size() == lower.size() && starts_with_ci(scheme, lower);
}

bool is_allowed_data_image(std::string_view url) {
  for (std::string_view type : {"png", "gif", "jpeg", "webp", "avif"}) {
    std::string prefix = "data:image/";
    prefix += type;
    if (starts_with_ci(url, prefix) && url.size() > prefix.size() &&
        (url[prefix.size()] == ';' || url[prefix.size()] == ','))
      return true;
  }
  return false;
}

bool scheme_allowed(std::string_view scheme, std::string_view url, UrlKind kind) {
  if (scheme.empty() || scheme_is(scheme, "http") || scheme_is(scheme, "https")) return true;
  switch (kind) {
    case UrlKind::link: return scheme_is(scheme, "mailto") || scheme_is(scheme, "tel");
    case UrlKind::image: return scheme_is(scheme, "data") && is_allowed_data_image(url);
    case UrlKind::media:
    case UrlKind::action: return false;
  }
  return false;
}

}  // namespace

std::optional<std::string> check_url(std::string_view raw, UrlKind kind) {
  // Judge both what the author wrote and what an HTML parser would make of it: a
  // URL is refused if either form has a scheme outside the policy.
  std::string literal = clean(raw);
  if (literal.empty()) return std::nullopt;
  if (!scheme_allowed(scheme_of(literal), literal, kind)) return std::nullopt;
  // Without an '&' there is no reference: the decoded form is the literal one. Every
  // URL of an article is checked when read and again when laid out, so this is common.
  if (raw.find('&') != std::string_view::npos) {
    std::string decoded = clean(decode_entities(raw));
    if (decoded.empty()) return std::nullopt;
    if (!scheme_allowed(scheme_of(decoded), decoded, kind)) return std::nullopt;
  }
  for (unsigned char c : literal)
    if (!is_url_safe(c)) return percent_encode(literal, is_url_safe);
  return literal;
}

std::string percent_encode(std::string_view s, bool (*keep)(unsigned char)) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (keep(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

const char* describe_policy(UrlKind kind) {
  switch (kind) {
    case UrlKind::link: return "http, https, mailto, tel and relative URLs";
    case UrlKind::image:
      return "http, https, relative and data:image/{png,gif,jpeg,webp,avif} URLs";
    case UrlKind::media:
    case UrlKind::action: return "http, https and relative URLs";
  }
  return "";
}

std::string refused_url_message(const char* what, std::string_view url, UrlKind kind) {
  // Cut at a character boundary.
  std::size_t n = url.size() < 60 ? url.size() : 60;
  while (n < url.size() && n > 0 && (static_cast<unsigned char>(url[n]) & 0xC0) == 0x80) --n;
  std::string m = what;
  ((m += " URL refused (only ") += describe_policy(kind)) += "): \"";
  m.append(url.substr(0, n));
  ((m += n < url.size() ? "…" : "") += "\"; its text is kept");
  return m;
}

bool is_external(std::string_view url) {
  return starts_with_ci(url, "http:") || starts_with_ci(url, "https:") ||
         url.substr(0, 2) == "//";
}

}  // namespace lede
