#include "input/article_reader.hpp"

#include <string>
#include <utility>

#include "input/fields.hpp"

namespace lede {

namespace {

// `body_member`: the value's "body" when it is a string the caller lets go of (taken
// rather than copied), else null.
void read_fields(const JsonValue& json, Article& a, std::vector<Problem>& problems, std::string* body_member,
                 bool strict) {
  Fields title(json, "", problems);  // always strict: without a title there is no article
  if (json.type != JsonValue::Type::object) {
    title.error("", "expected a JSON object with at least a \"title\"");
    return;
  }
  title.string("title", a.title, /*required=*/true);
  Fields f(json, "", problems, /*lenient=*/!strict);
  f.url("url", a.url, UrlKind::link);
  f.object("site", [&](Fields& s) {
    Site site;
    s.string("name", site.name);
    s.url("url", site.url, UrlKind::link);
    s.url("logo", site.logo, UrlKind::image);
    a.site = std::move(site);
  });
  f.string("section", a.section);
  f.string("dek", a.dek);
  f.string("byline", a.byline);
  f.objects("authors", [&](Fields& s) {
    Author author;
    s.string("name", author.name, /*required=*/true);
    s.url("url", author.url, UrlKind::link);
    if (!author.name.empty()) a.authors.push_back(std::move(author));
  });
  f.date("published", a.published);
  f.date("updated", a.updated);
  if (f.string("lang", a.lang) && !looks_like_language_tag(a.lang)) {
    f.error("lang", "expected a language tag such as en, de-CH or ar");
    a.lang.clear();
  }
  if (f.string("dir", a.dir) && a.dir != "ltr" && a.dir != "rtl" && a.dir != "auto") {
    f.error("dir", "expected \"ltr\", \"rtl\" or \"auto\"");
    a.dir.clear();
  }
  f.object("image", [&](Fields& s) {
    Image image;
    s.url("src", image.src, UrlKind::image, /*required=*/true);
    s.string("alt", image.alt);
    s.string("caption", image.caption);
    s.string("credit", image.credit);
    s.size("width", image.width);
    s.size("height", image.height);
    a.image = std::move(image);
  });
  std::string body, format;
  if (body_member)
    body = std::move(*body_member);
  else
    f.string("body", body);
  // body_format: markdown, html or text, in the order of BodyPart::Kind.
  static const char* const kFormats[] = {"markdown", "html", "text"};
  static_assert(static_cast<int>(BodyPart::Kind::html) == 1 && static_cast<int>(BodyPart::Kind::text) == 2);
  int kind = 0;
  if (f.string("body_format", format)) {
    while (kind < 3 && format != kFormats[kind]) ++kind;
    if (kind == 3) {
      f.error("body_format", "expected \"markdown\", \"html\" or \"text\"");
      kind = 0;
    }
  }
  if (!body.empty()) {
    BodyPart part;
    part.kind = static_cast<BodyPart::Kind>(kind);
    part.text = std::move(body);
    part.path = "body";
    a.body.push_back(std::move(part));
  }
  f.strings("tags", a.tags);
  f.object("audio", [&](Fields& s) {
    Audio audio;
    s.url("src", audio.src, UrlKind::media, /*required=*/true);
    s.string("title", audio.title);
    s.seconds("duration", audio.duration);
    a.audio = std::move(audio);
  });
  f.objects("related", [&](Fields& s) {
    RelatedArticle r;
    s.string("title", r.title, /*required=*/true);
    s.url("url", r.url, UrlKind::link);
    s.url("image", r.image, UrlKind::image);
    s.date("published", r.published);
    a.related.push_back(std::move(r));
  });
  f.object("newsletter", [&](Fields& s) {
    Newsletter n;
    s.string("title", n.title);
    s.string("text", n.text);
    s.url("action", n.action, UrlKind::action);
    s.string("button", n.button);
    a.newsletter = std::move(n);
  });
}

}  // namespace

void read_article(const JsonValue& json, Article& a, std::vector<Problem>& problems, bool strict) {
  read_fields(json, a, problems, nullptr, strict);
}

void read_article(JsonValue&& json, Article& a, std::vector<Problem>& problems, bool strict) {
  // The value is the caller's rvalue: its members are ours to move from.
  JsonValue* body = json.type == JsonValue::Type::object ? const_cast<JsonValue*>(json.find("body")) : nullptr;
  read_fields(json, a, problems, body && body->type == JsonValue::Type::string ? &body->string : nullptr, strict);
}

}  // namespace lede
