#include "output/article_json.hpp"

#include <cmath>
#include <cstdio>

#include "layout/body_view.hpp"
#include "output/html_writer.hpp"
#include "text/escape.hpp"

namespace lede {
namespace {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void begin_object() {
    if (depth_ > 0) next();  // an item of an array
    open('{');
  }
  void end_object() { close('}'); }
  void begin_array(const char* key) {
    name(key);
    open('[');
  }
  void end_array() { close(']'); }
  void key_object(const char* key) {
    name(key);
    open('{');
  }

  void string(const char* key, const std::string& value) {
    if (value.empty()) return;
    name(key);
    quote(value);
  }
  void item(const std::string& value) {
    next();
    quote(value);
  }
  void number(const char* key, double value) {
    name(key);
    char buf[32];
    if (value == std::floor(value) && std::fabs(value) < 1e15)
      std::snprintf(buf, sizeof buf, "%.0f", value);
    else
      std::snprintf(buf, sizeof buf, "%.17g", value);
    out_ += buf;
  }

 private:
  void next() {
    if (!first_) out_ += ',';
    first_ = false;
    out_ += '\n';
    out_.append(2 * depth_, ' ');
  }
  void name(const char* key) {
    next();
    quote(key);
    out_ += ": ";
  }
  void open(char c) {
    out_ += c;
    ++depth_;
    first_ = true;
  }
  void close(char c) {
    --depth_;
    if (!first_) {
      out_ += '\n';
      out_.append(2 * depth_, ' ');
    }
    out_ += c;
    first_ = false;
  }
  void quote(const std::string& s) { append_json_string(out_, s); }

  std::string& out_;
  int depth_ = 0;
  bool first_ = true;
};

// Plain text as Markdown that shows exactly that text: inline markup characters are
// escaped everywhere, block markers (#, -, +, =, "1.") at the start of a line, and
// indentation (which would make a code block) is dropped.
std::string escape_markdown(const std::string& text) {
  std::string out;
  bool line_start = true, digits = false;
  for (char c : text) {
    if (line_start && (c == ' ' || c == '\t')) continue;
    bool special = c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']' || c == '<' ||
                   c == '>' || c == '&' || c == '|' || c == '~' || c == '!';
    bool marker = (line_start && (c == '#' || c == '+' || c == '-' || c == '=')) ||
                  (digits && (c == '.' || c == ')'));
    if (special || marker) out += '\\';
    out += c;
    digits = (line_start || digits) && c >= '0' && c <= '9';
    line_start = c == '\n';
  }
  return out;
}

std::string one_line(const std::string& s) {
  std::string out;
  for (char c : s) out += (c == '\n' || c == '\r') ? ' ' : c;
  return out;
}

std::string markdown_url(const std::string& url) {
  std::string out;
  for (char c : url) {
    if (c == ' ') out += "%20";
    else if (c == '(') out += "%28";
    else if (c == ')') out += "%29";
    else out += c;
  }
  return out;
}

// A part as Markdown, or false when it cannot be one (HTML, or text in HTML).
bool part_markdown(const BodyPart& p, std::string& out) {
  using K = BodyPart::Kind;
  bool html = p.kind == K::html || ((p.kind == K::heading || p.kind == K::quote || p.kind == K::pullquote ||
                                      p.kind == K::caption) && p.format == K::html);
  if (html) return false;
  auto text = [&](const std::string& t) { return p.format == K::markdown ? t : escape_markdown(t); };
  switch (p.kind) {
    case K::markdown: out += p.text; break;
    case K::text: {
      // Paragraphs stay paragraphs; escaping keeps every character as text.
      out += escape_markdown(p.text);
      break;
    }
    case K::heading: out += std::string(p.level >= 1 && p.level <= 6 ? p.level : 2, '#') + " " + one_line(text(p.text)); break;
    case K::caption: out += "*" + one_line(text(p.text)) + "*"; break;
    case K::quote:
    case K::pullquote: {
      std::string t = text(p.text);
      out += "> ";
      for (char c : t) {
        out += c;
        if (c == '\n') out += "> ";
      }
      break;
    }
    case K::image:
      // The caption becomes the image's title: Lede shows that as a figure caption.
      out += "![" + escape_markdown(one_line(p.alt)) + "](" + markdown_url(p.url);
      if (!p.text.empty()) {
        std::string title;
        for (char c : one_line(p.text)) title += c == '"' ? std::string("\\\"") : std::string(1, c);
        out += " \"" + title + "\"";
      }
      out += ")";
      break;
    case K::audio: out += "[" + escape_markdown(p.text.empty() ? "Listen" : p.text) + "](" + markdown_url(p.url) + ")"; break;
    case K::embed: out += "[" + escape_markdown(p.text) + "](" + markdown_url(p.url) + ")"; break;
    case K::divider: out += "---"; break;
    case K::html:
    case K::html_events: return false;
  }
  return true;
}

void body(const Article& a, const Options& options, const Extensions& ext, JsonWriter& w) {
  if (a.body.empty()) return;
  const BodyPart& only = a.body.front();
  // Lede's own format has no base: relative URLs in another format's body are resolved
  // by its rule (Article::base) before they are written, through the layout below.
  bool resolve = !a.base.empty() && !(a.body.size() == 1 && only.kind == BodyPart::Kind::text);
  if (!resolve && a.body.size() == 1 && (only.kind == BodyPart::Kind::markdown || only.kind == BodyPart::Kind::html ||
                                         only.kind == BodyPart::Kind::text)) {
    w.string("body", only.text);
    if (only.kind == BodyPart::Kind::html) w.string("body_format", "html");
    if (only.kind == BodyPart::Kind::text) w.string("body_format", "text");
    return;
  }
  std::string markdown;
  bool ok = !resolve;
  for (const BodyPart& p : a.body) {
    if (!markdown.empty()) markdown += "\n\n";
    ok = ok && part_markdown(p, markdown);
  }
  if (ok) {
    w.string("body", markdown);
    return;
  }
  // Mixed with HTML: Lede's own layout of the parts, written as HTML.
  Document doc(options.nofollow);
  NodeId top = doc.open(Tag::div);
  std::vector<Problem> ignored;
  body_to_tree(a.body, doc, options, ext, ignored);
  doc.close_to(top);
  doc.close();
  if (!a.base.empty() && ext.resolve_urls) ext.resolve_urls(doc, top, a.base);
  std::string html;
  write_html(doc, html);
  const std::string open = "<div>", close = "</div>";
  if (html.compare(0, open.size(), open) == 0) html = html.substr(open.size(), html.size() - open.size() - close.size());
  w.string("body", html);
  w.string("body_format", "html");
}

}  // namespace

void write_article_json(const Article& a, const Options& options, const Extensions& ext, std::string& out) {
  JsonWriter w(out);
  w.begin_object();
  w.string("title", a.title);
  w.string("url", a.url);
  if (a.site) {
    w.key_object("site");
    w.string("name", a.site->name);
    w.string("url", a.site->url);
    w.string("logo", a.site->logo);
    w.end_object();
  }
  w.string("section", a.section);
  w.string("dek", a.dek);
  w.string("byline", a.byline);
  if (!a.authors.empty()) {
    w.begin_array("authors");
    for (const Author& au : a.authors) {
      w.begin_object();
      w.string("name", au.name);
      w.string("url", au.url);
      w.end_object();
    }
    w.end_array();
  }
  w.string("published", a.published);
  w.string("updated", a.updated);
  w.string("lang", a.lang);
  w.string("dir", a.dir);
  if (a.image) {
    w.key_object("image");
    w.string("src", a.image->src);
    w.string("alt", a.image->alt);
    w.string("caption", a.image->caption);
    w.string("credit", a.image->credit);
    if (a.image->width && a.image->height) {
      w.number("width", a.image->width);
      w.number("height", a.image->height);
    }
    w.end_object();
  }
  body(a, options, ext, w);
  if (!a.tags.empty()) {
    w.begin_array("tags");
    for (const std::string& t : a.tags) w.item(t);
    w.end_array();
  }
  if (a.audio) {
    w.key_object("audio");
    w.string("src", a.audio->src);
    w.string("title", a.audio->title);
    if (a.audio->duration >= 0) w.number("duration", a.audio->duration);
    w.end_object();
  }
  if (!a.related.empty()) {
    w.begin_array("related");
    for (const RelatedArticle& r : a.related) {
      w.begin_object();
      w.string("title", r.title);
      w.string("url", r.url);
      w.string("image", r.image);
      w.string("published", r.published);
      w.end_object();
    }
    w.end_array();
  }
  if (a.newsletter) {
    w.key_object("newsletter");
    w.string("title", a.newsletter->title);
    w.string("text", a.newsletter->text);
    w.string("action", a.newsletter->action);
    w.string("button", a.newsletter->button);
    w.end_object();
  }
  w.end_object();
  out += '\n';
}

}  // namespace lede
