// Step 2: the article model. Plain data, already checked for types; URLs are still as
// the author wrote them (the tree's URL policy judges them when they are used).
#pragma once
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

struct Article {
  std::string title;  // required, never empty
  std::string url, section, dek, byline;
  std::optional<Site> site;
  std::vector<Author> authors;
  std::string published, updated;  // ISO 8601, checked
  std::string lang;                // BCP 47 tag, checked
  std::string dir;                 // "ltr", "rtl", "auto" or empty
  std::optional<Image> image;
  std::string body;  // Markdown
  std::vector<std::string> tags;
  std::optional<Audio> audio;
  std::vector<RelatedArticle> related;
  std::optional<Newsletter> newsletter;
};

}  // namespace lede
