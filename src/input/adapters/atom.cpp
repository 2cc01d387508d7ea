// Atom 1.0 (RFC 4287), and Atom 0.3's names for the same things: one entry of a feed,
// the first unless Options::item names another, with the feed as the site; or an entry
// document. Text constructs keep their type: text is plain text, html and xhtml are
// HTML. Relative URLs resolve against xml:base, else the entry's link.
#include "input/adapters/feed_common.hpp"
#include "input/formats.hpp"

namespace lede {
namespace {

// Atom 1.0's namespace, Atom 0.3's, or none: feeds that forget the namespace are still
// Atom (the feed's root says so before any of this is read).
bool atom_ns(std::string_view n) { return n == ns::atom || n == ns::atom03 || n.empty(); }

const XmlNode* field(const XmlNode& e, std::string_view name) {
  for (const XmlNode& c : e.children)
    if (atom_ns(c.ns) && c.name == name) return &c;
  return nullptr;
}

// A text construct's kind: "text" (the default), "html", "xhtml", or a MIME type for
// content; Atom 0.3 says mode="escaped" for HTML.
enum class Kind { text, html, other };
Kind kind_of(const XmlNode& n) {
  if (n.has_markup) return Kind::html;  // xhtml, or HTML left unescaped
  std::string_view type = n.attr("type");
  if (n.attr("mode") == "escaped" || type == "html" || type == "text/html") return Kind::html;
  if (n.attr("mode") == "base64") return Kind::other;
  if (type.empty() || type == "text" || type.substr(0, 5) == "text/") return Kind::text;
  return Kind::other;
}

std::string text_of(const XmlNode* n) { return n ? feed::text(n, kind_of(*n) == Kind::html) : std::string(); }

// The first link with this rel ("alternate" also matches no rel) that is a web page,
// else the first with it at all (a feed may also link an entry's PDF).
const XmlNode* link(const XmlNode& e, std::string_view rel) {
  const XmlNode* first = nullptr;
  for (const XmlNode& c : e.children) {
    if (!atom_ns(c.ns) || c.name != "link") continue;
    std::string_view r = c.attr("rel");
    if (r != rel && !(rel == "alternate" && r.empty())) continue;
    std::string_view type = c.attr("type");
    if (type.empty() || type == "text/html" || type == "application/xhtml+xml") return &c;
    if (!first) first = &c;
  }
  return first;
}

std::string href(const XmlNode* l) { return l ? resolve_url(l->base, feed::trim(l->attr("href"))) : std::string(); }

std::vector<const XmlNode*> entries(const XmlNode& root) {
  std::vector<const XmlNode*> out;
  if (root.name == "entry") {
    out.push_back(&root);
    return out;
  }
  for (const XmlNode& c : root.children)
    if (atom_ns(c.ns) && c.name == "entry") out.push_back(&c);
  return out;
}

void people(const XmlNode& e, std::vector<Author>& out) {
  for (const XmlNode& c : e.children) {
    if (!atom_ns(c.ns) || c.name != "author") continue;
    Author author{feed::text(field(c, "name")), ""};
    std::string uri = resolve_url(c.base, feed::trim(feed::text(field(c, "uri"))));
    if (uri.empty()) uri = feed::trim(feed::text(field(c, "url")));  // Atom 0.3
    if (url_allowed(uri, UrlKind::link)) author.url = uri;
    if (!author.name.empty()) out.push_back(std::move(author));
  }
}

}  // namespace

void atom_items(const XmlNode& root, std::vector<Item>& out) {
  for (const XmlNode* e : entries(root)) {
    Item i;
    i.id = feed::trim(feed::text(field(*e, "id")));
    i.url = href(link(*e, "alternate"));
    i.title = text_of(field(*e, "title"));
    out.push_back(std::move(i));
  }
  adapt::make_slugs(out);
}

void read_atom(const XmlNode& root, const std::string& want, Article& a, std::vector<Problem>& problems) {
  std::vector<const XmlNode*> list = entries(root);
  std::vector<Item> keys;
  if (adapt::by_key(want, list.size())) atom_items(root, keys);
  std::size_t index = adapt::choose(list.size(), want, keys, "entry", problems);
  if (index >= list.size()) return;
  const XmlNode& e = *list[index];
  std::string at = root.name == "entry" ? std::string("entry") : "entry[" + std::to_string(index) + "]";
  auto path = [&](const char* key) { return at + "." + key; };

  std::vector<Author> feed_authors;
  if (&e != &root) {
    Site site;
    site.name = text_of(field(root, "title"));
    std::string home = href(link(root, "alternate"));
    if (url_allowed(home, UrlKind::link)) site.url = home;
    const XmlNode* icon = field(root, "icon");
    if (!icon) icon = field(root, "logo");
    std::string logo = icon ? resolve_url(icon->base, feed::trim(icon->text)) : std::string();
    if (url_allowed(logo, UrlKind::image)) site.logo = logo;
    if (!site.name.empty()) a.site = site;
    people(root, feed_authors);
  }

  a.url = href(link(e, "alternate"));
  if (!a.url.empty() && !url_allowed(a.url, UrlKind::link)) {
    adapt::warn(problems, path("link"), "URL refused (only http, https, mailto, tel and relative URLs); it is left out");
    a.url.clear();
  }

  const XmlNode* content = field(e, "content");
  const XmlNode* summary = field(e, "summary");
  // xml:base where the content is, else the entry's link.
  const XmlNode* text_at = content ? content : summary ? summary : &e;
  a.base = !text_at->base.empty() ? text_at->base : a.url;
  auto add_body = [&](const XmlNode& n, const char* name) {
    Kind k = kind_of(n);
    if (k == Kind::other) {
      adapt::warn(problems, path(name), "content of type \"" + std::string(n.attr("type")) + "\" is not shown");
      return false;
    }
    std::string text = k == Kind::html ? feed::html(&n) : n.text;
    if (is_blank(text)) return false;
    adapt::body(a, std::move(text), k == Kind::html ? BodyPart::Kind::html : BodyPart::Kind::text, path(name));
    return true;
  };
  // Out-of-line content (<content src=…>): the text is elsewhere. The summary is the
  // standfirst and the article says where the text is.
  bool elsewhere = content && !content->attr("src").empty() && is_blank(content->text) && !content->has_markup;
  bool has_body = content && !elsewhere && add_body(*content, "content");
  if (elsewhere && summary) {
    a.dek = kind_of(*summary) == Kind::text ? adapt::plain(summary->text) : adapt::html_text(feed::html(summary));
  } else if (has_body && summary) {
    a.dek = kind_of(*summary) == Kind::text ? adapt::plain(summary->text) : feed::dek_from_html(feed::html(summary));
    if (a.dek.size() > 400) a.dek.clear();
  } else if (!has_body && summary) {
    has_body = add_body(*summary, "summary");
  }
  if (!has_body && !elsewhere) {
    // YouTube and other video feeds: the description is in Media RSS.
    const XmlNode* group = e.child(ns::media, "group");
    const XmlNode* d = group ? group->child(ns::media, "description") : e.child(ns::media, "description");
    if (d) adapt::body(a, d->text, BodyPart::Kind::text, path("media:description"));
  }
  // Out-of-line content (<content src=…>) has no text here: the link is the original.
  if (content && !content->attr("src").empty() && a.url.empty()) {
    std::string src = resolve_url(content->base, feed::trim(content->attr("src")));
    if (url_allowed(src, UrlKind::link)) a.url = src;
  }

  a.title = text_of(field(e, "title"));
  if (a.title.empty() && !a.body.empty()) {
    const BodyPart& b = a.body.front();
    a.title = adapt::title_from_text(b.kind == BodyPart::Kind::html ? adapt::html_text(b.text) : b.text);
    if (!a.title.empty()) adapt::warn(problems, path("title"), "missing: the entry's first words are its title");
  }
  adapt::require_title(a, path("title"), problems);
  if (a.dek == a.title) a.dek.clear();

  a.lang = e.lang;
  if (a.lang.empty()) a.lang = root.lang;
  for (char& c : a.lang)
    if (c == '_') c = '-';
  if (!a.lang.empty() && !looks_like_language_tag(a.lang)) {
    adapt::warn(problems, path("xml:lang"), "not a language tag; it is left out");
    a.lang.clear();
  }

  // Atom 0.3 said issued, created and modified.
  for (const char* name : {"published", "issued", "created"})
    if (const XmlNode* d = field(e, name); d && a.published.empty()) a.published = adapt::date_text(d->text, path(name), problems);
  for (const char* name : {"updated", "modified"})
    if (const XmlNode* d = field(e, name); d && a.updated.empty()) a.updated = adapt::date_text(d->text, path(name), problems);
  if (a.published.empty()) std::swap(a.published, a.updated);  // Atom requires only updated

  people(e, a.authors);
  if (a.authors.empty())
    if (const XmlNode* source = field(e, "source")) people(*source, a.authors);
  if (a.authors.empty()) a.authors = feed_authors;
  adapt::drop_repeats(a.authors, [](const Author& x) -> const std::string& { return x.name; });

  for (const XmlNode& c : e.children)
    if (atom_ns(c.ns) && c.name == "category") {
      std::string tag = adapt::plain(c.attr("label"));
      if (tag.empty()) tag = adapt::plain(c.attr("term"));
      if (!tag.empty()) a.tags.push_back(std::move(tag));
    }
  feed::unique_tags(a.tags);

  // Enclosures: the first audio link is the player, the first image the lead image.
  std::string image;
  for (const XmlNode& c : e.children) {
    if (!atom_ns(c.ns) || c.name != "link" || c.attr("rel") != "enclosure") continue;
    std::string url = resolve_url(c.base, feed::trim(c.attr("href")));
    std::string_view type = c.attr("type");
    if (!a.audio && feed::is_audio(type, url) && url_allowed(url, UrlKind::media)) {
      Audio audio;
      audio.src = url;
      a.audio = audio;
    } else if (image.empty() && feed::is_image(type, url) && url_allowed(url, UrlKind::image)) {
      image = url;
    }
  }
  if (image.empty()) image = feed::media_image(e, e.base.empty() ? a.url : e.base);
  if (!image.empty()) {
    Image hero;
    hero.src = image;
    a.image = hero;
  }
}

}  // namespace lede
