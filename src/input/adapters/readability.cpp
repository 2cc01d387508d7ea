// Mozilla Readability's parse() result: { title, byline, dir, lang, content (HTML),
// textContent, length, excerpt, siteName, publishedTime }. Readability finds no lead
// image and often no date, so `image` and `published` (and `url`) may be added beside
// its output.
#include "input/adapters/adapters.hpp"

namespace lede {

void read_readability(const JsonValue& json, Article& a, std::vector<Problem>& problems) {
  Fields f(json, "", problems, /*lenient=*/true);
  a.title = adapt::string(f, "title");
  adapt::require_title(a, "title", problems);
  a.url = adapt::url(f, "url", UrlKind::link);
  a.base = a.url;  // Readability makes the content's URLs absolute; one added beside it
  std::string site = adapt::plain(adapt::string(f, "siteName"));
  if (!site.empty()) a.site = Site{site, "", ""};
  a.byline = adapt::plain(adapt::string(f, "byline"));
  a.dek = adapt::plain(adapt::string(f, "excerpt"));
  a.published = adapt::date(f, "published");
  if (a.published.empty()) a.published = adapt::date(f, "publishedTime");
  a.lang = adapt::language(f, "lang");
  std::string dir = adapt::string(f, "dir");
  if (dir == "ltr" || dir == "rtl" || dir == "auto") a.dir = dir;
  // image: a URL, or an image object as in Lede's own format.
  if (const JsonValue* image = f.get("image")) {
    Image hero;
    if (image->type == JsonValue::Type::string) {
      hero.src = adapt::url(f, "image", UrlKind::image);
    } else {
      f.object("image", [&](Fields& s) {
        hero.src = adapt::url(s, "src", UrlKind::image);
        hero.alt = adapt::string(s, "alt");
        hero.caption = adapt::string(s, "caption");
        hero.credit = adapt::string(s, "credit");
        hero.width = adapt::pixels(s.get("width"));
        hero.height = adapt::pixels(s.get("height"));
      });
    }
    if (!hero.src.empty()) a.image = hero;
  }
  std::string content = adapt::string(f, "content");
  if (!is_blank(content))
    adapt::body(a, std::move(content), BodyPart::Kind::html, "content");
  else
    adapt::body(a, adapt::string(f, "textContent"), BodyPart::Kind::text, "textContent");
}

}  // namespace lede
