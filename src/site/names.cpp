#include "site/names.hpp"

#include <cstdio>

#include "site/hash.hpp"
#include "tree/url_policy.hpp"

namespace lede::site {

std::string url_name(std::string_view name) {
  return percent_encode(name, [](unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
  });
}

std::string folded(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string label_slug(std::string_view label) {
  constexpr std::size_t kMax = 80;
  std::string out;
  bool dash = false;
  for (std::size_t i = 0; i < label.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(label[i]);
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c >= 0x80;
    if (!keep) {
      dash = !out.empty();
      continue;
    }
    // Whole characters only: a UTF-8 sequence is kept or left out together.
    std::size_t len = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
    if (out.size() + dash + len > kMax) break;
    if (dash) out += '-';
    dash = false;
    if (c < 0x80) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    } else {
      out.append(label.substr(i, len));
      i += len - 1;
    }
  }
  if (out.empty()) {
    char hex[20];
    std::snprintf(hex, sizeof hex, "x%016llx", static_cast<unsigned long long>(hash_of(label)));
    out = hex;
  }
  return out;
}

std::string up(int depth) {
  std::string out;
  for (int i = 0; i < depth; ++i) out += "../";
  return out;
}

}  // namespace lede::site
