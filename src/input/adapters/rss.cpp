// RSS 2.0 (and 0.91, 0.92), and RSS 1.0 and 0.90 (RDF): one item of the feed, the
// first unless Options::item names another, with the channel as the site. The body is
// content:encoded (else an XHTML body, else description), as HTML; a short description
// beside it is the standfirst. Dates are RFC 822 (pubDate) or ISO 8601 (dc:date).
// Relative URLs resolve against xml:base, else the item's link (itself resolved
// against the channel's link).
#include "input/adapters/feed_common.hpp"
#include "input/formats.hpp"

namespace lede {
namespace {

// RSS 2.0 has no namespace; RSS 1.0 and 0.90 each have their own.
bool rss_ns(std::string_view n) { return n.empty() || n == ns::rss1 || n == ns::rss090; }

struct Feed {
  const XmlNode* channel = nullptr;
  std::vector<const XmlNode*> items;
};

Feed find(const XmlNode& root) {
  Feed f;
  for (const XmlNode& c : root.children)
    if (rss_ns(c.ns) && c.name == "channel" && !f.channel) f.channel = &c;
  // RSS 1.0 puts its items beside the channel; some feeds put them inside it anyway.
  for (const XmlNode* parent : {&root, f.channel})
    if (parent)
      for (const XmlNode& c : parent->children)
        if (rss_ns(c.ns) && c.name == "item") f.items.push_back(&c);
  return f;
}

const XmlNode* field(const XmlNode& item, std::string_view name) { return item.child(item.ns, name); }

// The item's link: <link>, else a permalink guid, else an Atom link; resolved against
// xml:base and then the channel's link.
std::string link(const XmlNode& item, std::string_view channel_link) {
  std::string url = feed::trim(feed::text(field(item, "link")));
  const XmlNode* guid = field(item, "guid");
  if (url.empty() && guid && guid->attr("isPermaLink") != "false") {
    std::string g = feed::trim(guid->text);
    if (g.compare(0, 7, "http://") == 0 || g.compare(0, 8, "https://") == 0) url = g;
  }
  if (url.empty())
    for (const XmlNode& c : item.children)
      if (c.is(ns::atom, "link") && (c.attr("rel").empty() || c.attr("rel") == "alternate")) {
        url = feed::trim(c.attr("href"));
        break;
      }
  if (url.empty()) return url;
  return resolve_url(channel_link, resolve_url(item.base, url));
}

std::string channel_link(const Feed& f) {
  if (!f.channel) return {};
  std::string url = feed::trim(feed::text(f.channel->child(f.channel->ns, "link")));
  return resolve_url(f.channel->base, url);
}

}  // namespace

void rss_items(const XmlNode& root, std::vector<Item>& out) {
  Feed f = find(root);
  std::string home = channel_link(f);
  for (const XmlNode* item : f.items) {
    Item i;
    i.url = link(*item, home);
    if (const XmlNode* guid = field(*item, "guid")) i.id = feed::trim(guid->text);
    i.title = feed::text(field(*item, "title"));
    if (i.title.empty()) i.title = adapt::title_from_text(feed::text(field(*item, "description"), true));
    out.push_back(std::move(i));
  }
  adapt::make_slugs(out);
}

void read_rss(const XmlNode& root, const std::string& want, Article& a, std::vector<Problem>& problems) {
  Feed f = find(root);
  std::vector<Item> keys;
  if (adapt::by_key(want, f.items.size())) rss_items(root, keys);
  std::size_t index = adapt::choose(f.items.size(), want, keys, "item", problems);
  if (index >= f.items.size()) return;
  const XmlNode& item = *f.items[index];
  std::string at = "item[" + std::to_string(index) + "]";
  auto path = [&](const char* key) { return at + "." + key; };
  std::string home = channel_link(f);

  // The channel: the site, and what items inherit.
  std::vector<Author> channel_authors;
  if (f.channel) {
    const XmlNode& c = *f.channel;
    Site site;
    site.name = feed::text(c.child(c.ns, "title"));
    if (url_allowed(home, UrlKind::link)) site.url = home;
    const XmlNode* image = c.child(c.ns, "image");
    if (!image) image = root.child(c.ns, "image");  // RSS 1.0: beside the channel
    std::string logo = image ? feed::trim(feed::text(image->child(image->ns, "url"))) : std::string();
    if (logo.empty())
      if (const XmlNode* it = c.child(ns::itunes, "image")) logo = feed::trim(it->attr("href"));
    logo = resolve_url(home, logo);
    if (url_allowed(logo, UrlKind::image)) site.logo = logo;
    if (!site.name.empty()) a.site = site;
    std::string lang = feed::trim(feed::text(c.child(c.ns, "language")));
    if (lang.empty()) lang = feed::trim(feed::text(c.child(ns::dc, "language")));
    if (lang.empty()) lang = c.lang;
    a.lang = lang;
    for (const XmlNode& n : c.children)
      if (n.is(ns::dc, "creator") || n.is(ns::itunes, "author")) {
        std::string name = feed::person(n.text);
        if (!name.empty()) channel_authors.push_back(Author{name, ""});
      }
  }

  a.url = link(item, home);
  if (!a.url.empty() && !url_allowed(a.url, UrlKind::link)) {
    adapt::warn(problems, path("link"), "URL refused (only http, https, mailto, tel and relative URLs); it is left out");
    a.url.clear();
  }
  // Atom's xml:base, else the item's own link (already absolute if anything made it so).
  a.base = !item.base.empty() ? item.base : a.url;

  // The body, and a short summary beside it as the standfirst.
  const XmlNode* encoded = item.child(ns::content, "encoded");
  const XmlNode* xhtml_body = item.child(ns::xhtml, "body");
  const XmlNode* description = field(item, "description");
  std::string body_path;
  std::string body;
  if (encoded && !is_blank(feed::html(encoded))) {
    body = feed::html(encoded);
    body_path = "content:encoded";
  } else if (xhtml_body && !is_blank(xhtml_body->markup)) {
    body = xhtml_body->markup;
    body_path = "xhtml:body";
  }
  if (!body.empty()) {
    // A summary beside the text is the standfirst, unless it is the text's beginning.
    if (description) a.dek = feed::dek_from_html(feed::html(description));
    std::string start = adapt::plain(adapt::html_text(body.substr(0, 4 * a.dek.size() + 64)));
    if (!a.dek.empty() && start.compare(0, a.dek.size(), a.dek) == 0) a.dek.clear();
  } else if (description && !is_blank(feed::html(description))) {
    body = feed::html(description);
    body_path = "description";
  }
  if (!body.empty()) {
    adapt::body(a, std::move(body), BodyPart::Kind::html, path(body_path.c_str()));
  } else {
    // A podcast episode: its notes.
    const XmlNode* notes = item.child(ns::itunes, "summary");
    const XmlNode* group = item.child(ns::media, "group");
    if (!notes) notes = item.child(ns::media, "description");
    if (!notes && group) notes = group->child(ns::media, "description");
    if (notes) adapt::body(a, notes->has_markup ? notes->markup : notes->text,
                           notes->has_markup ? BodyPart::Kind::html : BodyPart::Kind::text, path("summary"));
  }
  if (a.dek.empty())
    if (const XmlNode* sub = item.child(ns::itunes, "subtitle")) a.dek = feed::dek_from_html(sub->text);

  a.title = feed::text(field(item, "title"));
  if (a.title.empty()) a.title = feed::text(item.child(ns::dc, "title"));
  if (a.title.empty() && !a.body.empty()) {
    // RSS asks for a title or a description: a note is titled by its first words.
    const BodyPart& b = a.body.front();
    a.title = adapt::title_from_text(b.kind == BodyPart::Kind::html ? adapt::html_text(b.text) : b.text);
    if (!a.title.empty()) adapt::warn(problems, path("title"), "missing: the item's first words are its title");
  }
  adapt::require_title(a, path("title"), problems);
  if (a.dek == a.title) a.dek.clear();  // an iTunes subtitle often repeats it

  std::string lang = feed::trim(feed::text(item.child(ns::dc, "language")));
  if (lang.empty() && item.lang != (f.channel ? f.channel->lang : std::string())) lang = item.lang;
  if (!lang.empty()) a.lang = lang;
  for (char& c : a.lang)
    if (c == '_') c = '-';
  if (!a.lang.empty() && !looks_like_language_tag(a.lang)) {
    adapt::warn(problems, path("language"), "not a language tag; it is left out");
    a.lang.clear();
  }

  if (const XmlNode* d = field(item, "pubDate"))
    a.published = adapt::date_text(d->text, path("pubDate"), problems);
  if (a.published.empty())
    if (const XmlNode* d = item.child(ns::dc, "date")) a.published = adapt::date_text(d->text, path("dc:date"), problems);
  if (const XmlNode* d = item.child(ns::atom, "updated")) a.updated = adapt::date_text(d->text, path("atom:updated"), problems);

  for (const XmlNode& c : item.children) {
    if (c.is(ns::dc, "creator") || (rss_ns(c.ns) && c.ns == item.ns && c.name == "author")) {
      std::string name = feed::person(c.text);
      if (!name.empty()) a.authors.push_back(Author{name, ""});
    }
    if ((c.ns == item.ns && c.name == "category") || c.is(ns::dc, "subject")) a.tags.push_back(feed::text(&c));
  }
  if (a.authors.empty())
    if (const XmlNode* it = item.child(ns::itunes, "author")) {
      std::string name = feed::person(it->text);
      if (!name.empty()) a.authors.push_back(Author{name, ""});
    }
  if (a.authors.empty()) a.authors = channel_authors;
  adapt::drop_repeats(a.authors, [](const Author& x) -> const std::string& { return x.name; });
  a.tags.erase(std::remove_if(a.tags.begin(), a.tags.end(), [](const std::string& t) { return t.empty(); }),
               a.tags.end());
  feed::unique_tags(a.tags);

  // Enclosures: the first audio one is the player, the first image the lead image.
  std::string image;
  for (const XmlNode& c : item.children) {
    // RSS 2.0's enclosure, and RSS 1.0's enclosure module (enc:enclosure resource=…).
    bool rss1 = c.ns == "http://purl.oclc.org/net/rss_2.0/enc#" && c.name == "enclosure";
    if (!rss1 && (c.ns != item.ns || c.name != "enclosure")) continue;
    std::string_view where = c.attr(rss1 ? "resource" : "url");
    if (rss1 && where.empty()) where = c.attr(std::string(ns::rdf) + " resource");
    std::string url = resolve_url(a.base, feed::trim(where));
    std::string_view type = c.attr("type");
    if (!a.audio && feed::is_audio(type, url)) {
      if (!url_allowed(url, UrlKind::media)) {
        adapt::warn(problems, path("enclosure"), "URL refused (only http, https and relative URLs); it is left out");
        continue;
      }
      Audio audio;
      audio.src = url;
      if (const XmlNode* d = item.child(ns::itunes, "duration")) audio.duration = feed::duration(d->text);
      a.audio = audio;
    } else if (image.empty() && feed::is_image(type, url) && url_allowed(url, UrlKind::image)) {
      image = url;
    }
  }
  if (image.empty()) image = feed::media_image(item, a.base);
  if (!image.empty()) {
    Image hero;
    hero.src = image;
    a.image = hero;
  }
}

}  // namespace lede
