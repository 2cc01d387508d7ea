// JSON Feed 1.1 (https://jsonfeed.org/version/1.1): a whole feed, read as its first item
// with the feed's title, home page and icon as the site; or a single item. JSON Feed
// 1.0's `author` is read like 1.1's `authors`.
#include "input/adapters/adapters.hpp"

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

}  // namespace

void read_json_feed(const JsonValue& json, Article& a, std::vector<Problem>& problems) {
  Fields feed(json, "", problems, /*lenient=*/true);
  const JsonValue* item = &json;
  std::string path;
  std::vector<Author> feed_authors;
  std::string feed_lang;
  if (const JsonValue* items = feed.get("items")) {
    // A whole feed: its first item is the article.
    if (items->type != JsonValue::Type::array || items->items.empty() ||
        items->items[0].type != JsonValue::Type::object) {
      Problem p;
      p.code = ErrorCode::schema;
      p.path = "items";
      p.message = "expected at least one item (an object): the feed has no article to show";
      problems.push_back(std::move(p));
      return;
    }
    item = &items->items[0];
    path = "items[0]";
    Site site;
    site.name = adapt::plain(adapt::string(feed, "title"));
    site.url = adapt::url(feed, "home_page_url", UrlKind::link);
    site.logo = adapt::url(feed, "favicon", UrlKind::image);
    if (site.logo.empty()) site.logo = adapt::url(feed, "icon", UrlKind::image);
    if (!site.name.empty()) a.site = site;
    authors(feed, feed_authors);
    feed_lang = adapt::language(feed, "language");
  }

  Fields f(*item, path, problems, /*lenient=*/true);
  a.title = adapt::string(f, "title");
  adapt::require_title(a, f.path_of("title"), problems);
  a.url = adapt::url(f, "url", UrlKind::link);
  a.dek = adapt::plain(adapt::string(f, "summary"));
  a.published = adapt::date(f, "date_published");
  a.updated = adapt::date(f, "date_modified");
  a.lang = adapt::language(f, "language");
  if (a.lang.empty()) a.lang = feed_lang;
  authors(f, a.authors);
  if (a.authors.empty()) a.authors = feed_authors;
  Image image;
  image.src = adapt::url(f, "image", UrlKind::image);
  if (image.src.empty()) image.src = adapt::url(f, "banner_image", UrlKind::image);
  if (!image.src.empty()) a.image = image;
  f.array("tags", [&](const JsonValue& tag, const std::string& at) {
    if (tag.type != JsonValue::Type::string)
      f.error(at, "expected a string");
    else if (!is_blank(tag.string))
      a.tags.push_back(tag.string);
  });
  // The first audio attachment is the "listen" player (a podcast episode).
  f.objects("attachments", [&](Fields& s) {
    if (a.audio || adapt::string(s, "mime_type").compare(0, 6, "audio/") != 0) return;
    Audio audio;
    audio.src = adapt::url(s, "url", UrlKind::media);
    audio.title = adapt::plain(adapt::string(s, "title"));
    const JsonValue* d = s.get("duration_in_seconds");
    if (d && d->type == JsonValue::Type::number && d->number >= 0) audio.duration = d->number;
    if (!audio.src.empty()) a.audio = audio;
  });
  std::string html = adapt::string(f, "content_html");
  if (!is_blank(html))
    adapt::body(a, std::move(html), BodyPart::Kind::html, f.path_of("content_html"));
  else
    adapt::body(a, adapt::string(f, "content_text"), BodyPart::Kind::text, f.path_of("content_text"));
}

}  // namespace lede
