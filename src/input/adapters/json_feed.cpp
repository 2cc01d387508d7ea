// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1): a whole feed, read as one of
// its items (the first unless Options::item names another) with the feed's title, home
// page and icon as the site; or a single item. JSON Feed 1.0's `author` is read like
// 1.1's `authors`. Relative URLs in an item's content resolve against the item's url.
#include "input/adapters/adapters.hpp"
#include "input/formats.hpp"

namespace lede {
namespace {

void authors(Fields& f, std::vector<Author>& out) {
  auto one = [&](Fields& s) {
    Author author{adapt::plain(adapt::string(s, "name")), adapt::url(s, "url", UrlKind::link)};
    if (!author.name.empty()) out.push_back(author);
  };
  f.objects("authors", one);
  if (out.empty()) f.object("author", one);
}

std::string text_of(const JsonValue* v) {
  if (!v) return {};
  if (v->type == JsonValue::Type::string) return v->string;
  // Ids are strings, but feeds write numbers too.
  if (v->type == JsonValue::Type::number && v->integral) return std::to_string(static_cast<long long>(v->number));
  return {};
}

}  // namespace

void json_feed_items(const JsonValue& json, std::vector<Item>& out) {
  const JsonValue* items = json.find("items");
  if (!items) {  // a single item
    out.push_back(Item{text_of(json.find("id")), text_of(json.find("url")), "", adapt::plain(text_of(json.find("title")))});
    adapt::make_slugs(out);
    return;
  }
  if (items->type != JsonValue::Type::array) return;
  for (const JsonValue& item : items->items) {
    Item i;
    if (item.type == JsonValue::Type::object) {
      i.id = text_of(item.find("id"));
      i.url = text_of(item.find("url"));
      i.title = adapt::plain(text_of(item.find("title")));
      if (i.title.empty()) {
        std::string text = text_of(item.find("content_text"));
        i.title = adapt::title_from_text(text.empty() ? adapt::html_text(text_of(item.find("content_html"))) : text);
      }
    }
    out.push_back(std::move(i));
  }
  adapt::make_slugs(out);
}

void read_json_feed(const JsonValue& json, const std::string& want, Article& a, std::vector<Problem>& problems) {
  Fields feed(json, "", problems, /*lenient=*/true);
  const JsonValue* item = &json;
  std::string path;
  std::vector<Author> feed_authors;
  std::string feed_lang;
  if (const JsonValue* items = feed.get("items")) {
    // A whole feed: one of its items is the article.
    if (items->type != JsonValue::Type::array) {
      adapt::error(problems, "items", "expected an array of items");
      return;
    }
    std::vector<Item> keys;
    if (adapt::by_key(want, items->items.size())) json_feed_items(json, keys);
    std::size_t index = adapt::choose(items->items.size(), want, keys, "item", problems);
    if (index >= items->items.size()) return;
    item = &items->items[index];
    path = "items[" + std::to_string(index) + "]";
    if (item->type != JsonValue::Type::object) {
      adapt::error(problems, path, "expected an object");
      return;
    }
    Site site;
    site.name = adapt::plain(adapt::string(feed, "title"));
    site.url = adapt::url(feed, "home_page_url", UrlKind::link);
    site.logo = adapt::url(feed, "favicon", UrlKind::image);
    if (site.logo.empty()) site.logo = adapt::url(feed, "icon", UrlKind::image);
    if (!site.name.empty()) a.site = site;
    authors(feed, feed_authors);
    feed_lang = adapt::language(feed, "language");
  } else if (!one_article(want, problems)) {
    return;
  }

  Fields f(*item, path, problems, /*lenient=*/true);
  a.title = adapt::string(f, "title");
  std::string html = adapt::string(f, "content_html");
  std::string text = adapt::string(f, "content_text");
  if (is_blank(a.title)) {
    // A note or a status: JSON Feed makes the title optional.
    a.title = adapt::title_from_text(text.empty() || !is_blank(html) ? adapt::html_text(html) : text);
    if (a.title.empty()) a.title = adapt::title_from_text(adapt::string(f, "summary"));
    if (!a.title.empty()) adapt::warn(problems, f.path_of("title"), "missing: the item's first words are its title");
  }
  adapt::require_title(a, f.path_of("title"), problems);
  a.url = adapt::url(f, "url", UrlKind::link);
  a.base = a.url;
  a.dek = adapt::plain(adapt::string(f, "summary"));
  if (a.dek == a.title) a.dek.clear();
  a.published = adapt::date(f, "date_published");
  a.updated = adapt::date(f, "date_modified");
  a.lang = adapt::language(f, "language");
  if (a.lang.empty()) a.lang = feed_lang;
  authors(f, a.authors);
  if (a.authors.empty()) a.authors = feed_authors;
  Image image;
  image.src = resolve_url(a.base, adapt::url(f, "image", UrlKind::image));
  if (image.src.empty()) image.src = resolve_url(a.base, adapt::url(f, "banner_image", UrlKind::image));
  if (!image.src.empty()) a.image = image;
  f.strings("tags", a.tags);
  // The first audio attachment is the "listen" player (a podcast episode).
  f.objects("attachments", [&](Fields& s) {
    if (a.audio || adapt::string(s, "mime_type").compare(0, 6, "audio/") != 0) return;
    Audio audio;
    audio.src = resolve_url(a.base, adapt::url(s, "url", UrlKind::media));
    audio.title = adapt::plain(adapt::string(s, "title"));
    const JsonValue* d = s.get("duration_in_seconds");
    if (d && d->type == JsonValue::Type::number && d->number >= 0) audio.duration = d->number;
    if (!audio.src.empty()) a.audio = audio;
  });
  if (!is_blank(html))
    adapt::body(a, std::move(html), BodyPart::Kind::html, f.path_of("content_html"));
  else
    adapt::body(a, std::move(text), BodyPart::Kind::text, f.path_of("content_text"));
}

}  // namespace lede
