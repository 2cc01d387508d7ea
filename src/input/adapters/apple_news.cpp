// Apple News Format (article.json): the document's title, subtitle, language and
// metadata, and its components in order, each by role. Containers (container, section,
// chapter, header, aside) are read for the components inside them. Text comes in the
// component's `format`: none (plain text), markdown or html. Styles, layouts,
// `additions` and `inlineTextStyles` only decide looks and are ignored.
#include "input/adapters/adapters.hpp"

namespace lede {
namespace {

using K = BodyPart::Kind;

class Reader {
 public:
  Reader(Article& a, std::vector<Problem>& problems) : a_(a), problems_(problems) {}

  void components(Fields& f, int depth) {
    f.objects("components", [&](Fields& c) { component(c, depth); });
  }

 private:
  static bool one_of(const std::string& role, std::initializer_list<const char*> names) {
    for (const char* n : names)
      if (role == n) return true;
    return false;
  }

  // The component's text in its format.
  BodyPart text_part(Fields& c, K kind) {
    BodyPart part;
    part.kind = kind;
    part.text = adapt::string(c, "text");
    part.path = c.path_of("text");
    std::string format = adapt::string(c, "format");
    part.format = format == "markdown" ? K::markdown : format == "html" ? K::html : K::text;
    if (kind == K::text) part.kind = part.format;  // body text: the format is the kind
    return part;
  }

  void add(BodyPart part) {
    if (part.kind == K::image || part.kind == K::audio || part.kind == K::embed ||
        part.kind == K::divider || !is_blank(part.text))
      a_.body.push_back(std::move(part));
  }

  // A caption: a string, or { text, format }.
  static std::string caption(Fields& c) {
    const JsonValue* v = c.get("caption");
    if (!v) return {};
    if (v->type == JsonValue::Type::string) return adapt::plain(v->string);
    std::string out;
    c.object("caption", [&](Fields& s) {
      out = adapt::string(s, "text");
      out = adapt::string(s, "format") == "html" ? adapt::html_text(out) : adapt::plain(out);
    });
    return out;
  }

  void image(Fields& c) {
    BodyPart part;
    part.kind = K::image;
    part.path = c.path();
    part.url = adapt::url(c, "URL", UrlKind::image);
    part.alt = adapt::plain(adapt::string(c, "accessibilityCaption"));
    part.text = caption(c);
    if (part.url.empty()) return;  // bundle:// and other refused URLs: warned by url()
    // A photo before any text is the lead image.
    if (!a_.image && !text_seen_) {
      Image hero;
      hero.src = part.url;
      hero.alt = part.alt;
      hero.caption = part.text;
      a_.image = hero;
      return;
    }
    add(std::move(part));
  }

  void component(Fields& c, int depth) {
    std::string role = adapt::string(c, "role");
    if (one_of(role, {"container", "section", "chapter", "header", "aside", "article_link"})) {
      // A header's picture is often its style's fill: {"fill": {"type": "image", "URL": …}}.
      const JsonValue* style = c.get("style");
      if (style && style->type == JsonValue::Type::object) {
        Fields s(*style, c.path_of("style"), problems_, c.lenient());
        s.object("fill", [&](Fields& fill) {
          if (adapt::string(fill, "type") == "image") image(fill);
        });
      }
      if (depth < 16) components(c, depth + 1);
      return;
    }
    if (role == "title") {
      if (a_.title.empty()) a_.title = adapt::plain(text_part(c, K::text).text);
      return;
    }
    if (role == "intro") {
      BodyPart part = text_part(c, K::text);
      if (a_.dek.empty() && part.format == K::text && !text_seen_) {
        a_.dek = adapt::plain(part.text);
        return;
      }
      text_seen_ = true;
      add(std::move(part));
      return;
    }
    if (role == "byline" || role == "author") {
      // Apple's own samples write "by STEWART MASON | May 14, 2015 | 10:45 AM": the names,
      // then the date and time the header already shows from metadata. Names are kept
      // as authors (once each: see read_apple_news()); a byline that names no one
      // ("SYDNEY, Feb 16") stays the byline.
      std::string text = adapt::plain(adapt::string(c, "text"));
      if (body_seen_) {
        // Past the header, an author component attributes a quote ("–OLAFUR ELIASSON"
        // under a pull quote in Apple's travel sample): text, not the article's author.
        add(text_part(c, K::text));
        return;
      }
      bool by = text.size() > 3 && (text[0] == 'B' || text[0] == 'b') && (text[1] == 'y' || text[1] == 'Y') && text[2] == ' ';
      if (by || role == "author") {
        std::string names = text.substr(by ? 3 : 0, text.find('|') == std::string::npos ? std::string::npos
                                                                                       : text.find('|') - (by ? 3 : 0));
        for (std::size_t at = 0; at < names.size();) {
          std::size_t comma = names.find(',', at), and_ = names.find(" and ", at);
          std::size_t end = std::min(comma, and_);
          std::string name = adapt::plain(names.substr(at, end == std::string::npos ? std::string::npos : end - at));
          if (!name.empty()) a_.authors.push_back(Author{name, ""});
          at = end == std::string::npos ? names.size() : end + (end == comma ? 1 : 5);
        }
      } else if (a_.byline.empty()) {
        a_.byline = text;
      }
      return;
    }
    if (role == "body" || role == "text") {
      text_seen_ = body_seen_ = true;
      add(text_part(c, K::text));
      return;
    }
    if (role == "heading" || (role.size() == 8 && role.compare(0, 7, "heading") == 0 && role[7] >= '1' && role[7] <= '6')) {
      BodyPart part = text_part(c, K::heading);
      part.level = role.size() == 8 ? static_cast<std::uint8_t>(role[7] - '0') : 2;
      text_seen_ = body_seen_ = true;
      add(std::move(part));
      return;
    }
    if (role == "quote" || role == "pullquote") {
      text_seen_ = body_seen_ = true;
      add(text_part(c, role == "quote" ? K::quote : K::pullquote));
      return;
    }
    if (one_of(role, {"caption", "photographer", "illustrator"})) {
      BodyPart part = text_part(c, K::caption);
      // The caption right after the lead image, before any text, is that image's.
      if (role == "caption" && a_.image && a_.image->caption.empty() && !text_seen_ && a_.body.empty() &&
          part.format == K::text) {
        a_.image->caption = adapt::plain(part.text);
        return;
      }
      add(std::move(part));
      return;
    }
    if (one_of(role, {"photo", "figure", "image", "portrait", "logo"})) {
      image(c);
      return;
    }
    if (one_of(role, {"gallery", "mosaic"})) {
      c.objects("items", [&](Fields& item) { image(item); });
      return;
    }
    if (one_of(role, {"audio", "music", "podcast"})) {
      BodyPart part;
      part.kind = K::audio;
      part.path = c.path();
      part.url = adapt::url(c, "URL", UrlKind::media);
      part.text = caption(c);
      if (!part.url.empty()) add(std::move(part));
      return;
    }
    if (one_of(role, {"video", "embedwebvideo", "tweet", "instagram", "facebook_post", "tiktok", "link_button"})) {
      BodyPart part;
      part.kind = K::embed;
      part.path = c.path();
      part.url = adapt::url(c, "URL", UrlKind::link);
      std::string label = role == "link_button" ? adapt::plain(adapt::string(c, "text")) : caption(c);
      if (label.empty()) {
        std::string_view host = part.url;
        if (std::size_t b = host.find("//"); b != std::string_view::npos) host.remove_prefix(b + 2);
        label = std::string(host.substr(0, host.find('/')));
      }
      bool video = role == "video" || role == "embedwebvideo";
      part.text = role == "link_button" ? label : (video ? "Video: " : "Embedded content: ") + label;
      if (!part.url.empty()) add(std::move(part));
      return;
    }
    if (role == "divider") {
      BodyPart part;
      part.kind = K::divider;
      add(std::move(part));
      return;
    }
    if (role == "htmltable") {
      BodyPart part;
      part.kind = K::html;
      part.text = adapt::string(c, "html");
      part.path = c.path_of("html");
      add(std::move(part));
      return;
    }
    if (role.find("advertisement") != std::string::npos) return;  // not the article
    // Anything else: its text, if it has some, so that nothing readable is lost.
    if (c.get("text")) {
      add(text_part(c, K::text));
      adapt::warn(problems_, c.path_of("role"), "role \"" + role + "\" is not known to Lede: its text is shown as body text");
    } else {
      adapt::warn(problems_, c.path_of("role"), "role \"" + role + "\" is not known to Lede: it is left out");
    }
  }

  Article& a_;
  std::vector<Problem>& problems_;
  bool text_seen_ = false;
  bool body_seen_ = false;  // body text, a heading or a quote: past the header
};

}  // namespace

void read_apple_news(const JsonValue& json, Article& a, std::vector<Problem>& problems) {
  Fields f(json, "", problems, /*lenient=*/true);
  a.title = adapt::string(f, "title");
  a.dek = adapt::plain(adapt::string(f, "subtitle"));
  a.lang = adapt::language(f, "language");
  f.object("metadata", [&](Fields& m) {
    a.url = adapt::url(m, "canonicalURL", UrlKind::link);
    a.base = a.url;
    a.published = adapt::date(m, "datePublished");
    a.updated = adapt::date(m, "dateModified");
    if (a.dek.empty()) a.dek = adapt::plain(adapt::string(m, "excerpt"));
    m.array("authors", [&](const JsonValue& name, const std::string&) {
      if (name.type == JsonValue::Type::string && !is_blank(name.string))
        a.authors.push_back(Author{adapt::plain(name.string), ""});
    });
    m.array("keywords", [&](const JsonValue& k, const std::string&) {
      if (k.type == JsonValue::Type::string && !is_blank(k.string)) a.tags.push_back(k.string);
    });
  });
  Reader reader(a, problems);
  reader.components(f, 0);
  // metadata.authors and the author components often name the same people.
  // Letter case aside: a byline in capitals names the same person.
  std::vector<std::pair<std::string, Author>> keyed;
  for (Author& x : a.authors) {
    std::string key = x.name;
    for (char& ch : key) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    keyed.emplace_back(std::move(key), std::move(x));
  }
  adapt::drop_repeats(keyed, [](const std::pair<std::string, Author>& x) -> const std::string& { return x.first; });
  a.authors.clear();
  for (auto& x : keyed) a.authors.push_back(std::move(x.second));
  adapt::require_title(a, "title", problems);
}

}  // namespace lede
