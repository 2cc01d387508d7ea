#include "html/rich_parts.hpp"

#include <algorithm>
#include <string>

#include "html/html_to_tree.hpp"
#include "layout/article_view.hpp"
#include "layout/body_view.hpp"
#include "markdown/markdown_to_tree.hpp"
#include "text/ascii.hpp"

namespace lede {
namespace {

HtmlOptions html_options(const Options& options, const Extensions& ext, const std::string& path) {
  HtmlOptions html;
  html.max_depth = std::min(options.limits.max_markdown_depth, Limits::kMarkdownDepthCeiling);
  html.path = path;
  html.gumbo = ext.gumbo;
  return html;
}

// Blocks of text in the part's format, at the cursor.
bool content(const BodyPart& part, Document& doc, const Options& options, const Extensions& ext,
             std::vector<Problem>& problems) {
  switch (part.format) {
    case BodyPart::Kind::markdown: {
      MarkdownOptions md;
      md.max_depth = std::min(options.limits.max_markdown_depth, Limits::kMarkdownDepthCeiling);
      md.keep_safe_html = options.keep_safe_html;
      return markdown_to_tree(part.text, doc, md, problems, ext.markdown);
    }
    case BodyPart::Kind::html: return html_to_tree(part.text, doc, html_options(options, ext, part.path), problems);
    default: text_to_tree(part.text, doc); return true;
  }
}

// The part's text on one line, for a heading or a caption: markup in it is read (and
// its text kept) but not its structure.
std::string line_of(const BodyPart& part, const Options& options, const Extensions& ext,
                    std::vector<Problem>& problems) {
  if (part.format == BodyPart::Kind::text) return collapse_spaces(part.text);
  if (part.format == BodyPart::Kind::html) return html_to_text(part.text);
  Document scratch;
  NodeId top = scratch.open(Tag::div);
  content(part, scratch, options, ext, problems);
  return collapse_spaces(scratch.text_content(top));
}

void figure(const BodyPart& part, Document& doc) {
  Image image;
  image.src = part.url;
  image.alt = part.alt;
  image.caption = part.text;
  image.width = part.width;
  image.height = part.height;
  image_figure(image, "lede-figure", true, doc);
}

void player(const BodyPart& part, Document& doc) {
  Audio audio;
  audio.src = part.url;
  audio.title = part.text;
  audio.duration = part.duration;
  if (!url_allowed(audio.src, UrlKind::media)) return;
  doc.open(Tag::figure);
  doc.set(Attr::class_, "lede-audio");
  doc.open(Tag::audio);
  doc.set_url(Attr::src, audio.src, UrlKind::media);
  doc.set(Attr::controls, "");
  doc.set(Attr::preload, "metadata");
  doc.close();
  if (!audio.title.empty()) {
    doc.open(Tag::figcaption);
    doc.text(audio.title);
    doc.close();
  }
  doc.close();
}

}  // namespace

bool rich_part_to_tree(const BodyPart& part, Document& doc, const Options& options, const Extensions& ext,
                       std::vector<Problem>& problems) {
  using K = BodyPart::Kind;
  switch (part.kind) {
    case K::html: return html_to_tree(part.text, doc, html_options(options, ext, part.path), problems);
    case K::html_events:
      html_events_to_tree(part.text, doc, html_options(options, ext, part.path), problems);
      return true;
    case K::heading: {
      std::string text = line_of(part, options, ext, problems);
      if (text.empty()) return true;
      static const Tag kHeadings[] = {Tag::h1, Tag::h2, Tag::h3, Tag::h4, Tag::h5, Tag::h6};
      doc.open(kHeadings[part.level >= 1 && part.level <= 6 ? part.level - 1 : 1]);
      doc.text(text);
      doc.close();
      return true;
    }
    case K::caption: {
      std::string text = line_of(part, options, ext, problems);
      if (text.empty()) return true;
      doc.open(Tag::p);
      doc.set(Attr::class_, "lede-caption");
      doc.text(text);
      doc.close();
      return true;
    }
    case K::quote:
    case K::pullquote: {
      NodeId quote = doc.open(Tag::blockquote);
      if (part.kind == K::pullquote) doc.set(Attr::class_, "lede-pullquote");
      bool ok = content(part, doc, options, ext, problems);
      doc.close_to(quote);
      doc.close();
      return ok;
    }
    case K::image: figure(part, doc); return true;
    case K::audio: player(part, doc); return true;
    case K::embed: link_card(doc, part.url, part.text, false); return true;
    case K::divider:
      doc.open(Tag::hr);
      doc.close();
      return true;
    case K::markdown:
    case K::text: break;  // body_view.cpp lays these out itself
  }
  return true;
}

}  // namespace lede
