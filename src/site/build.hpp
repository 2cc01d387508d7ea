// One run of `lede site`, shared by the files that make it: site_builder.cpp (the folder
// read, media copied, articles rendered, Lede's files, what is no longer written
// removed) and listings.cpp (the index, section and tag pages, feeds and sitemaps).
// Internal to src/site/.
#pragma once
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "site/files.hpp"
#include "site/hash.hpp"
#include "site/pages.hpp"
#include "site/site_builder.hpp"
#include "site/state.hpp"

namespace lede::site {

// Reads an open file to its end, or to one byte past `limit` (read() then refuses it).
bool read_all(int fd, std::size_t limit, std::string& out, std::string& error);

// An article's name is its file's ("story.json"), or for an item of a feed or list the
// file's and which item, after a '/': "news.xml/hello" (a file at the top of the folder
// has no '/' in its name). Gives the file, and the item ("" for a whole file) as
// Options::item takes it.
inline std::pair<std::string, std::string> split_item(const std::string& name) {
  const auto slash = name.find('/');
  if (slash == std::string::npos) return {name, ""};
  return {name.substr(0, slash), name.substr(slash + 1)};
}

// Options::item for the item `item` (as split_item gives it) of the feed or list `input`.
std::string item_option(std::string_view input, const std::string& item, const Options& options);

// An article to render, and what came of it.
struct ArticleJob {
  std::string name, slug;
  FileStamp stamp, page, json;  // page, json: as they are, when known_hash is set
  std::int64_t known_hash = 0;  // the last build's hash, when its page and JSON are intact
};
struct ArticleDone {
  std::string name;
  bool ok = false, same = false;  // same: its bytes are what the last build rendered
  Listed listed;
  FileStamp stamp, page, json;
  std::vector<std::string> messages;
  std::string error;
};

// A media file to check and copy.
struct MediaJob {
  std::string rel;
};
struct MediaDone {
  std::string rel, skipped, error;
  FileStamp source, out;
};

class Build {
 public:
  Build(const SiteOptions& o, SiteReport& report) : o_(o), report_(report) {}
  void run();

 private:
  class Pager;
  void message(std::string m);
  void fail(std::string m);
  std::string shown(const std::string& rel) const { return (o_.articles / rel).string(); }
  // How messages name an article: its file, or for an item of a feed "FILE#ITEM".
  std::string shown_article(const std::string& name) const {
    const auto [file, item] = split_item(name);
    return shown(file) + (item.empty() ? "" : "#" + item);
  }
  bool skip(const std::string& rel, const std::string& reason);
  bool open();
  // What the folder holds, as it is: links are not followed (a link could lead anywhere,
  // and where it leads can change between a check and a copy); only the top level's
  // .json files are articles (or feeds and lists), its .xml, .rss and .atom files feeds,
  // and only media files are published.
  void scan();
  unsigned workers() const;
  // Whether `rel` is as the last build left it: same fingerprint, same source, and the
  // file itself untouched since. If so it stays part of the site.
  bool up_to_date(const std::string& rel, std::int64_t key, FileStamp source);
  void record(const std::string& rel, std::int64_t key, FileStamp source, FileStamp out,
              State::FileKind kind = State::kOtherFile);
  // Writes `text` as `rel` unless the file already holds what `key` stands for.
  bool write_if_changed(const std::string& rel, std::int64_t key, State::FileKind kind,
                        const std::function<void(std::string&)>& make);
  // Media are copied as they are, so that relative URLs work the same from the page and
  // from the JSON beside it, once their first bytes say they are what their names say.
  // Their extensions are never a page's, a feed's or one of Lede's.
  void copy_media();
  MediaDone copy_one(const std::string& rel) const;
  // Names each article's page and JSON, and renders those that changed.
  void render_articles();
  ArticleDone render_one(const ArticleJob& job) const;
  // Whether the file `name` may hold a feed or a list: RSS and Atom files (.xml, .rss,
  // .atom) always; a .json file that changed since the last build published it as one
  // article, when its first bytes show a list ('[') or a JSON Feed's version URL.
  bool may_be_feed(const std::string& name, bool unchanged_article) const;
  // The index, and a page per section and per tag, each `page_size` articles a page.
  void write_listings();
  // feed.json and rss.xml: the latest articles with their full content, rendered again
  // for the feeds only when one of them (or the site's name, language or address) changed.
  void write_feeds();
  // RSS links and sitemap locations must be absolute URLs; relative ones would make
  // both files invalid, so without --base-url neither is written. With more URLs than
  // one sitemap may hold, sitemap.xml is an index of sitemap-1.xml, sitemap-2.xml, …
  void write_sitemaps();
  void copy_assets();
  // What an earlier build wrote and this one did not: a removed article's page and JSON,
  // a media file no longer in the folder, listing pages no longer needed.
  void remove_stale();

  const SiteOptions& o_;
  SiteReport& report_;
  InputDir in_;
  OutputDir out_;
  State state_;
  std::string base_, title_, lang_;
  SiteInfo site_;
  std::vector<std::pair<std::filesystem::path, std::string>> assets_;
  std::map<std::string, std::string> reserved_;  // folded name → what has it
};

}  // namespace lede::site
