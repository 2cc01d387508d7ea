// Step 2: the article model. Plain data, already checked for types; URLs are still as
// the author wrote them (the tree's URL policy judges them when they are used).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lede {

struct Site {
  std::string name, url, logo;
};

struct Author {
  std::string name, url;
};

struct Image {
  std::string src, alt, caption, credit;
  unsigned width = 0, height = 0;  // 0: unknown
};

struct Audio {
  std::string src, title;
  double duration = -1;  // seconds; negative: unknown
};

struct RelatedArticle {
  std::string title, url, image, published;
};

struct Newsletter {
  std::string title, text, action, button;
};

// One piece of the body, in reading order. Lede's own format gives one part (the
// `body` in its `body_format`); structured formats such as Apple News give many, so
// that a heading or a photo maps onto the model without writing markup to re-parse.
// Every part is laid out through the same document tree (layout/body_view.cpp). The
// members are few and flat on purpose: this struct is in lede.wasm too.
struct BodyPart {
  enum class Kind : std::uint8_t {
    markdown,   // text: CommonMark + GFM, as Lede's `body`
    html,       // text: an HTML fragment, parsed by an HTML5 parser and sanitised
    text,       // text: plain text; paragraphs split on blank lines, never markup
    heading,    // text (written in `format`) at `level` 1..6
    quote,      // text (in `format`) as a block quote
    pullquote,  // text (in `format`) as a pull quote
    caption,    // text (in `format`) as a small caption line
    image,      // url, alt, width, height; text: the caption
    audio,      // url, duration; text: the title
    embed,      // url; text: the link's label ("Video: …")
    divider,    // a thematic break
    // text: an HTML fragment already read into events, their byte form (docs/html-events.md),
    // from a front door that has the DOM (the browser extension walks Readability's result)
    html_events,
  };
  Kind kind = Kind::markdown;
  Kind format = Kind::text;  // heading, quote, pullquote, caption: markdown, html or text
  std::uint8_t level = 2;
  std::string text, url, alt;
  std::string path;  // where in the input it came from, for warnings: "body", "components[3]"
  unsigned width = 0, height = 0;  // image, in pixels; 0: unknown
  double duration = -1;            // audio, in seconds; negative: unknown
};

struct Article {
  std::string title;  // required, never empty
  std::string url, section, dek, byline;
  // What relative URLs in the body resolve against, when the format has a rule for it
  // (an item's own link, Atom's xml:base): docs/article-json.md. Empty for Lede's own
  // format, whose relative URLs stay relative to the document's location.
  std::string base;
  std::optional<Site> site;
  std::vector<Author> authors;
  std::string published, updated;  // ISO 8601, checked
  std::string lang;                // BCP 47 tag, checked
  std::string dir;                 // "ltr", "rtl", "auto" or empty
  std::optional<Image> image;
  std::vector<BodyPart> body;
  std::vector<std::string> tags;
  std::optional<Audio> audio;
  std::vector<RelatedArticle> related;
  std::optional<Newsletter> newsletter;
};

}  // namespace lede
