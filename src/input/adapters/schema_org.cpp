// schema.org Article and its kinds (NewsArticle, BlogPosting, ReportageNewsArticle, …)
// as JSON-LD: one object, an array of objects, or an @graph, where the first node whose
// @type ends in "Article" or "Posting" is the article and {"@id": …} references are
// looked up among the other nodes. articleBody is plain text.
#include <cstdint>
#include <string_view>
#include <vector>

#include "input/adapters/adapters.hpp"
#include "problems.hpp"
#include "tree/string_table.hpp"

namespace lede {
namespace {

using T = JsonValue::Type;

struct Graph {
  std::vector<const JsonValue*> nodes;  // every object of the document, in order
  std::vector<std::string> paths;
  // @id → the first node with that @id and something more than it. A lookup per
  // reference: a graph citing each of its n nodes by @id was O(n²) when every
  // reference scanned the nodes (26k authors: 3.4 s; issue 16). The tree builder's
  // StringTable, not a std::unordered_map: that took about 4 KB more of lede-html.wasm.
  StringTable ids;
  std::vector<const JsonValue*> by_id;  // by the number ids gave the @id

  void add(const JsonValue& v, const std::string& path) {
    if (v.type == T::array) {
      for (std::size_t i = 0; i < v.items.size(); ++i) add(v.items[i], path + "[" + std::to_string(i) + "]");
      return;
    }
    if (v.type != T::object) return;
    nodes.push_back(&v);
    paths.push_back(path);
    const JsonValue* id = v.keys.size() > 1 ? v.find("@id") : nullptr;
    bool added = false;
    if (id && id->type == T::string) ids.add_view(id->string, &added);
    if (added) by_id.push_back(&v);
    if (const JsonValue* graph = v.find("@graph"))
      add(*graph, path.empty() ? "@graph" : path + ".@graph");
  }

  // {"@id": "#author"} → the node with that @id, if there is one.
  const JsonValue& resolve(const JsonValue& v) const {
    const JsonValue* id = v.type == T::object ? v.find("@id") : nullptr;
    if (!id || id->type != T::string || v.keys.size() > 1) return v;
    std::uint32_t n = ids.find(id->string);
    return n == StringTable::kMissing ? v : *by_id[n];
  }
};

bool type_is_article(const JsonValue* type) {
  if (!type) return false;
  if (type->type == T::array) {
    for (const JsonValue& t : type->items)
      if (type_is_article(&t)) return true;
    return false;
  }
  if (type->type != T::string) return false;
  std::string_view t = type->string;
  if (std::size_t colon = t.rfind(':'); colon != std::string_view::npos) t.remove_prefix(colon + 1);  // "schema:Article"
  if (std::size_t slash = t.rfind('/'); slash != std::string_view::npos) t.remove_prefix(slash + 1);  // "https://schema.org/Article"
  auto ends = [&](std::string_view s) { return t.size() >= s.size() && t.substr(t.size() - s.size()) == s; };
  return ends("Article") || ends("Posting") || t == "Report";
}

// A text member: a string, or the first string of an array.
std::string text(const JsonValue& node, const char* key) {
  const JsonValue* v = node.find(key);
  if (v && v->type == T::array && !v->items.empty()) v = &v->items[0];
  return v && v->type == T::string ? adapt::plain(v->string) : std::string();
}

// A URL member: a string, {"@id"|"url"|"contentUrl": …}, or the first of an array.
std::string url_of(const Graph& g, const JsonValue* v) {
  if (!v) return {};
  if (v->type == T::array) return v->items.empty() ? std::string() : url_of(g, &v->items[0]);
  if (v->type == T::string) return v->string;
  if (v->type != T::object) return {};
  const JsonValue& o = g.resolve(*v);
  for (const char* key : {"url", "contentUrl", "@id"})
    if (const JsonValue* u = o.find(key); u && u->type == T::string) return u->string;
  return {};
}

// ISO 8601 durations: PT1H2M3S → 3723 seconds.
double seconds(const std::string& d) {
  if (d.size() < 3 || d[0] != 'P') return -1;
  double total = 0, number = 0, scale = 0;
  bool in_time = false, any = false;
  for (std::size_t i = 1; i < d.size(); ++i) {
    char c = d[i];
    if (c == 'T') { in_time = true; continue; }
    if (c >= '0' && c <= '9') {
      if (scale) { number += (c - '0') * scale; scale /= 10; }
      else number = number * 10 + (c - '0');
      any = true;
      continue;
    }
    if (c == '.' || c == ',') { scale = 0.1; continue; }
    double unit = c == 'H' ? 3600 : c == 'M' ? (in_time ? 60 : 30 * 86400) : c == 'S' ? 1 : c == 'D' ? 86400 : -1;
    if (unit < 0) return -1;
    total += number * unit;
    number = 0;
    scale = 0;
  }
  return any ? total : -1;
}

}  // namespace

void read_schema_org(const JsonValue& json, Article& a, std::vector<Problem>& problems) {
  Graph g;
  g.add(json, "");
  std::size_t pick = g.nodes.size();
  for (std::size_t i = 0; i < g.nodes.size() && pick == g.nodes.size(); ++i)
    if (type_is_article(g.nodes[i]->find("@type"))) pick = i;
  if (pick == g.nodes.size()) {
    problems.push_back(error_problem(ErrorCode::schema, "@type",
                                     "no Article, NewsArticle, BlogPosting or other article in the JSON-LD"));
    return;
  }
  const JsonValue& node = *g.nodes[pick];
  const std::string& at = g.paths[pick];
  auto path = [&](const char* key) { return at.empty() ? std::string(key) : at + "." + key; };
  Fields f(node, at, problems, /*lenient=*/true);

  a.title = text(node, "headline");
  if (a.title.empty()) a.title = text(node, "name");
  adapt::require_title(a, path("headline"), problems);
  a.dek = text(node, "alternativeHeadline");
  if (a.dek.empty()) a.dek = text(node, "description");
  a.section = text(node, "articleSection");
  a.published = adapt::date(f, "datePublished");
  a.updated = adapt::date(f, "dateModified");

  std::string url = url_of(g, node.find("url"));
  if (url.empty()) url = url_of(g, node.find("mainEntityOfPage"));
  if (url_allowed(url, UrlKind::link)) a.url = a.base = url;

  if (const JsonValue* lang = node.find("inLanguage")) {
    std::string tag = lang->type == T::string ? lang->string : text(g.resolve(*lang), "alternateName");
    for (char& c : tag)
      if (c == '_') c = '-';
    if (looks_like_language_tag(tag)) a.lang = tag;
    else if (!tag.empty()) adapt::warn(problems, path("inLanguage"), "not a language tag; it is left out");
  }

  // Authors: Person or Organization objects, references to them, or plain names.
  if (const JsonValue* authors = node.find("author")) {
    auto add = [&](const JsonValue& v) {
      const JsonValue& o = g.resolve(v);
      Author author;
      if (o.type == T::string) author.name = adapt::plain(o.string);
      else if (o.type == T::object) {
        author.name = text(o, "name");
        std::string u = url_of(g, o.find("url"));
        if (url_allowed(u, UrlKind::link)) author.url = u;
      }
      if (!author.name.empty()) a.authors.push_back(author);
    };
    if (authors->type == T::array)
      for (const JsonValue& v : authors->items) add(v);
    else
      add(*authors);
  }

  if (const JsonValue* publisher = node.find("publisher")) {
    const JsonValue& o = g.resolve(publisher->type == T::array && !publisher->items.empty() ? publisher->items[0] : *publisher);
    if (o.type == T::object) {
      Site site;
      site.name = text(o, "name");
      std::string u = url_of(g, o.find("url"));
      if (url_allowed(u, UrlKind::link)) site.url = u;
      std::string logo = url_of(g, o.find("logo"));
      if (url_allowed(logo, UrlKind::image)) site.logo = logo;
      if (!site.name.empty()) a.site = site;
    }
  }

  if (const JsonValue* image = node.find("image")) {
    const JsonValue& first = image->type == T::array && !image->items.empty() ? image->items[0] : *image;
    const JsonValue& o = g.resolve(first);
    Image hero;
    hero.src = url_of(g, &o);
    if (o.type == T::object) {
      hero.caption = text(o, "caption");
      hero.width = adapt::pixels(o.find("width"));
      hero.height = adapt::pixels(o.find("height"));
    }
    if (url_allowed(hero.src, UrlKind::image)) a.image = hero;
    else if (!hero.src.empty()) adapt::warn(problems, path("image"), "URL refused; it is left out");
  }

  if (const JsonValue* audio = node.find("audio")) {
    const JsonValue& o = g.resolve(audio->type == T::array && !audio->items.empty() ? audio->items[0] : *audio);
    Audio player;
    player.src = url_of(g, &o);
    if (o.type == T::object) {
      player.title = text(o, "name");
      player.duration = seconds(text(o, "duration"));
    }
    if (url_allowed(player.src, UrlKind::media)) a.audio = player;
    else if (!player.src.empty()) adapt::warn(problems, path("audio"), "URL refused; it is left out");
  }

  // keywords: an array, or one comma-separated string.
  if (const JsonValue* keywords = node.find("keywords")) {
    auto add = [&](std::string_view s) {
      std::string tag = adapt::plain(s);
      if (!tag.empty()) a.tags.push_back(tag);
    };
    if (keywords->type == T::array) {
      for (const JsonValue& k : keywords->items)
        if (k.type == T::string) add(k.string);
    } else if (keywords->type == T::string) {
      std::string_view s = keywords->string;
      for (std::size_t comma; (comma = s.find(',')) != std::string_view::npos; s.remove_prefix(comma + 1))
        add(s.substr(0, comma));
      add(s);
    }
  }

  const char* key = node.find("articleBody") ? "articleBody" : "text";
  adapt::body(a, adapt::string(f, key), BodyPart::Kind::text, path(key));
}

}  // namespace lede
