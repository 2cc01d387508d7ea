// A WordPress REST API post (/wp-json/wp/v2/posts/ID), or a list of them
// (/wp-json/wp/v2/posts?slug=…: one of its posts, the first unless Options::item names
// another), with or without ?_embed. Titles,
// excerpts and captions come as HTML ("rendered"): their text is taken as a browser
// would show it, never kept as markup. With ?_embed, the author and the featured image
// are under _embedded; Yoast SEO's yoast_head_json gives the site name.
#include "input/adapters/adapters.hpp"
#include "input/formats.hpp"

namespace lede {
namespace {

// post.title.rendered and the like.
std::string rendered(Fields& f, const char* key) {
  std::string out;
  f.object(key, [&](Fields& s) { out = adapt::string(s, "rendered"); });
  return out;
}

// The first object of an array member: _embedded.author[0].
template <typename F>
void first_object(Fields& f, const char* key, F&& read) {
  bool done = false;
  f.objects(key, [&](Fields& s) {
    if (!done) read(s);
    done = true;
  });
}

// Dates: date_gmt has no zone but is UTC.
std::string utc(std::string d) {
  Date parsed;
  if (d.size() > 10 && d.find('T') != std::string::npos && d.back() != 'Z' &&
      d.find('+', 10) == std::string::npos && d.find('-', 10) == std::string::npos &&
      parse_iso_date(d + "Z", parsed))
    return d + "Z";
  return d;
}

std::string text_of(const JsonValue* v) {
  if (!v) return {};
  if (v->type == JsonValue::Type::number && v->integral) return std::to_string(static_cast<long long>(v->number));
  return v->type == JsonValue::Type::string ? v->string : std::string();
}

}  // namespace

void wordpress_items(const JsonValue& json, std::vector<Item>& out) {
  auto add = [&](const JsonValue& post) {
    Item i;
    i.id = text_of(post.find("id"));
    i.url = text_of(post.find("link"));
    i.slug = text_of(post.find("slug"));
    const JsonValue* title = post.find("title");
    if (title && title->type == JsonValue::Type::object) i.title = adapt::html_text(text_of(title->find("rendered")));
    out.push_back(std::move(i));
  };
  if (json.type == JsonValue::Type::array) {
    for (const JsonValue& post : json.items) add(post);
  } else {
    add(json);
  }
  adapt::make_slugs(out);
}

void read_wordpress(const JsonValue& input, const std::string& want, Article& a, std::vector<Problem>& problems) {
  const JsonValue* post = &input;
  std::string at;  // the post's path: "" or "[2]"
  if (input.type == JsonValue::Type::array) {
    std::vector<Item> keys;
    if (adapt::by_key(want, input.items.size())) wordpress_items(input, keys);
    std::size_t index = adapt::choose(input.items.size(), want, keys, "post", problems);
    if (index >= input.items.size()) return;
    post = &input.items[index];
    at = "[" + std::to_string(index) + "]";
  } else if (!one_article(want, problems)) {
    return;
  }
  const JsonValue& json = *post;
  Fields f(json, at, problems, /*lenient=*/true);
  a.title = adapt::html_text(rendered(f, "title"));
  // Already text: require_title's plain() would decode it again, and a reference written
  // as text ("&amp;lt;", shown as "&lt;") would become the character.
  if (a.title.empty()) adapt::require_title(a, f.path_of("title") + ".rendered", problems);
  a.url = adapt::url(f, "link", UrlKind::link);
  a.base = a.url;
  a.published = utc(adapt::date(f, "date_gmt"));
  if (a.published.empty()) a.published = adapt::date(f, "date");
  a.updated = utc(adapt::date(f, "modified_gmt"));
  a.dek = adapt::excerpt(rendered(f, "excerpt"));
  Image image;
  f.object("_embedded", [&](Fields& e) {
    first_object(e, "author", [&](Fields& s) {
      Author author{adapt::plain(adapt::string(s, "name")), adapt::url(s, "link", UrlKind::link)};
      if (!author.name.empty()) a.authors.push_back(author);
    });
    first_object(e, "wp:featuredmedia", [&](Fields& s) {
      image.src = adapt::url(s, "source_url", UrlKind::image);
      image.alt = adapt::plain(adapt::string(s, "alt_text"));
      image.caption = adapt::html_text(rendered(s, "caption"));
      s.object("media_details", [&](Fields& m) {
        image.width = adapt::pixels(m.get("width"));
        image.height = adapt::pixels(m.get("height"));
      });
    });
    // wp:term is a list of lists of terms: categories, tags, custom taxonomies.
    e.array("wp:term", [&](const JsonValue& list, const std::string&) {
      if (list.type != JsonValue::Type::array) return;
      for (const JsonValue& term : list.items) {
        if (term.type != JsonValue::Type::object) continue;
        const JsonValue* taxonomy = term.find("taxonomy");
        const JsonValue* name = term.find("name");
        if (!taxonomy || !name || name->type != JsonValue::Type::string) continue;
        std::string text = adapt::html_text(name->string);
        if (taxonomy->string == "post_tag" && !text.empty()) a.tags.push_back(text);
        if (taxonomy->string == "category" && a.section.empty() && text != "Uncategorized")
          a.section = text;
      }
    });
  });
  f.object("yoast_head_json", [&](Fields& y) {
    std::string site = adapt::plain(adapt::string(y, "og_site_name"));
    if (!site.empty()) a.site = Site{site, "", ""};
    if (a.dek.empty()) a.dek = adapt::plain(adapt::string(y, "description"));
    if (image.src.empty())
      first_object(y, "og_image", [&](Fields& s) { image.src = adapt::url(s, "url", UrlKind::image); });
  });
  if (image.src.empty()) image.src = adapt::url(f, "jetpack_featured_media_url", UrlKind::image);
  if (!image.src.empty()) a.image = image;
  adapt::body(a, rendered(f, "content"), BodyPart::Kind::html, f.path_of("content") + ".rendered");
}

}  // namespace lede
