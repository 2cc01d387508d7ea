// Feeds and lists hold many articles: which one Options::item names, and the slugs
// that name them (list_items()).

#include "input/adapters/adapters.hpp"
#include "tree/string_table.hpp"

namespace lede {
namespace adapt {
namespace {

bool digits(const std::string& s) {
  return !s.empty() && s.size() <= 9 && s.find_first_not_of("0123456789") == std::string::npos;
}

// The value of a digits() string. std::stoul would bring musl's printf engine into
// lede-html.wasm (for the message of the out_of_range it cannot throw there).
std::size_t number(const std::string& s) {
  std::size_t n = 0;
  for (char c : s) n = n * 10 + static_cast<std::size_t>(c - '0');
  return n;
}

// Lowercase ASCII letters and digits, other runs as one '-', at most 60 characters; ""
// without a letter (a number would read as an index).
std::string slug_of(std::string_view text) {
  std::string out;
  bool letter = false;
  for (unsigned char c : text) {
    if (out.size() >= 60) {  // long enough: cut after the last whole word
      if (std::size_t dash = out.rfind('-'); dash != std::string::npos && dash > 20) out.resize(dash);
      break;
    }
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += static_cast<char>(c);
      letter = letter || c >= 'a';
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c + 32);
      letter = true;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return letter ? out : std::string();
}

// "https://x.example/2026/01/harbour-reopens.html?x=1" → "harbour-reopens".
std::string_view last_segment(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  if (std::size_t scheme = url.find("//"); scheme != std::string_view::npos) {
    url.remove_prefix(scheme + 2);
    std::size_t slash = url.find('/');
    url = slash == std::string_view::npos ? std::string_view() : url.substr(slash);
  }
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  url = url.substr(url.rfind('/') + 1);
  if (std::size_t dot = url.rfind('.'); dot != std::string_view::npos && dot > 0) url = url.substr(0, dot);
  return url;
}

}  // namespace

bool by_key(const std::string& want, std::size_t count) {
  return !want.empty() && !(digits(want) && number(want) < count);
}

std::size_t choose(std::size_t count, const std::string& want, const std::vector<Item>& items, const char* what,
                   std::vector<Problem>& problems) {
  if (want.empty() ? count > 0 : !by_key(want, count)) return want.empty() ? 0 : number(want);
  // A number past the last index may still be an id (WordPress's are numbers).
  for (const std::string Item::*key : {&Item::id, &Item::url, &Item::slug})
    for (std::size_t i = 0; i < items.size(); ++i)
      if (items[i].*key == want) return i;
  std::string m;
  if (count == 0) {
    ((m = "no ") += what) += ": there is no article to show";
  } else {
    (((m = "no ") += what) += " \"") += want;
    ((((m += "\" (there ") += count == 1 ? "is one: " : "are ") += std::to_string(count)) += count == 1 ? "" : ": ") +=
        count == 1 ? "0" : "0 to " + std::to_string(count - 1);
    m += ", or an id, url or slug)";
  }
  error(problems, "", m);
  return static_cast<std::size_t>(-1);
}

void make_slugs(std::vector<Item>& items) {
  // A StringTable, not a std::map: no tree code in lede-html.wasm (docs/performance.md).
  StringTable seen;
  std::vector<int> count;  // by the slug's number in `seen`
  auto number = [&](const std::string& slug) -> int& {
    std::uint32_t k = seen.add_copy(slug);
    if (k == count.size()) count.push_back(0);
    return count[k];
  };
  for (Item& item : items) {
    std::string slug = slug_of(item.slug);
    if (slug.empty()) slug = slug_of(last_segment(item.url));
    if (slug.empty()) slug = slug_of(item.title);
    item.slug.clear();
    if (slug.empty()) continue;
    int& n = number(slug);
    if (++n == 1) {
      item.slug = slug;
      continue;
    }
    // "a", "a", "a-2": the third becomes "a-2-2", never a second "a-2".
    std::string next;
    do next = slug + "-" + std::to_string(n++);
    while (seen.contains(next));
    number(next) = 1;
    item.slug = next;
  }
}

}  // namespace adapt
}  // namespace lede
