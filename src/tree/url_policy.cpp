#include "tree/url_policy.hpp"

#include <cstdint>

#include "text/ascii.hpp"
#include "tree/entities.hpp"

namespace lede {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// What each byte means to check_url, one lookup a byte. Safe bytes are the set md4c-html
// leaves unescaped in URLs; every other byte is percent-encoded, or (controls and spaces)
// removed. An '&' may start a character reference. Most of an article's URLs have
// neither: they are their own cleaned, decoded and encoded form, and only their scheme is
// judged. (The seed's 53 URLs, each checked when read and again when laid out, cost 14 %
// of its native render when every byte went through a bit table, the cleaning's copy and
// the search for '&' in turn: docs/performance.md, "Stop 32".)
enum : unsigned char { kSafe = 0, kUnsafe = 1, kAmpersand = 2 };
struct UrlBytes {
  unsigned char kind[256] = {};
  constexpr UrlBytes() {
    for (unsigned c = 0; c < 256; ++c) {
      bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      kind[c] = alnum ? kSafe : kUnsafe;
    }
    for (const char* c = "~-_.+!*(),%#@?=;:/$&"; *c; ++c) kind[static_cast<unsigned char>(*c)] = kSafe;
    kind[static_cast<unsigned char>('&')] = kAmpersand;
  }
};
constexpr UrlBytes kUrlBytes;

bool is_url_safe(unsigned char c) { return !(kUrlBytes.kind[c] & kUnsafe); }

// Browsers trim leading and trailing C0 controls and spaces and remove tab and newlines
// anywhere in a URL. Lede also removes every other control character anywhere: that is
// stricter than a browser and refuses nothing a real link needs.
std::string clean(std::string_view s) {
  auto edge = [](unsigned char c) { return c <= 0x20; };
  std::size_t b = 0, e = s.size();
  while (b < e && edge(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && edge(static_cast<unsigned char>(s[e - 1]))) --e;
  s = s.substr(b, e - b);
  std::string out;
  out.reserve(s.size());
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out += c;
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

// The verdict on `raw`: which kinds of byte it holds, or nothing if it is refused. When
// it holds a byte to remove or encode, `cleaned` is left holding its cleaned form.
std::optional<unsigned> judge(std::string_view raw, UrlKind kind, std::string& cleaned) {
  unsigned seen = kSafe;
  for (unsigned char c : raw) seen |= kUrlBytes.kind[c];
  // Judge both what the author wrote and what an HTML parser would make of it: a
  // URL is refused if either form has a scheme outside the policy.
  std::string_view literal = raw;
  if (seen & kUnsafe) literal = cleaned = clean(raw);
  if (literal.empty()) return std::nullopt;
  if (!scheme_allowed(scheme_of(literal), literal, kind)) return std::nullopt;
  if (seen & kAmpersand) {
    std::string decoded = clean(decode_entities(raw));
    if (decoded.empty()) return std::nullopt;
    if (!scheme_allowed(scheme_of(decoded), decoded, kind)) return std::nullopt;
  }
  return seen;
}

}  // namespace

bool url_allowed(std::string_view raw, UrlKind kind) {
  std::string cleaned;
  return judge(raw, kind, cleaned).has_value();
}

std::optional<std::string_view> check_url(std::string_view raw, UrlKind kind, std::string& spare) {
  auto seen = judge(raw, kind, spare);
  if (!seen) return std::nullopt;
  if (!(*seen & kUnsafe)) return raw;
  for (unsigned char c : spare)
    if (!is_url_safe(c)) {
      spare = percent_encode(spare, is_url_safe);
      break;
    }
  return std::string_view(spare);
}

std::optional<std::string> check_url(std::string_view raw, UrlKind kind) {
  std::string spare;
  auto url = check_url(raw, kind, spare);
  if (!url) return std::nullopt;
  return std::string(*url);
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
