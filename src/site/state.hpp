// What `lede site` remembers about OUT_DIR from one build to the next, so that a rebuild
// does only what changed and a build of any size holds no per-article list in memory:
//
// - the articles it read, each with its stamp, a hash of its bytes, the name its page
//   has, the stamps of its page and JSON once written, and the fields the listings show;
//   the sections and tags they are listed in;
// - every other file it wrote (media, Lede's own files, listing pages, feeds, sitemaps),
//   with its stamp once written, the stamp of the file it was copied from and a
//   fingerprint of what it holds: a file whose record still matches is not written
//   again, and a file no longer written is removed.
//
// It is an SQLite database, OUT_DIR/.lede-site.sqlite, read in order through its indexes
// (its cache is 1 MB). It is a cache: a database from another version of the schema, one
// that cannot be read, or a build with other options or another build of Lede, starts
// afresh (a full build); deleting it costs one full build.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "site/files.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace lede::site {

// What listings, feeds and sitemaps know of an article.
struct Listed {
  std::string name;  // its file in the articles folder: "story.json"
  std::string slug;  // its page and JSON in OUT_DIR: slug.html, slug.json
  std::string title, dek, published, updated, section, lang, dir, site_name;
  std::vector<std::string> tags;
  bool dated = false;
  long long epoch = 0;          // when it was published, if dated
  std::int64_t hash = 0;        // of the article's bytes
  std::int64_t entry_hash = 0;  // of everything above that a listing shows
  std::int64_t map_hash = 0;    // of what its sitemap entry shows (slug, last change)
};

// Sets `entry_hash` and `map_hash` from the fields.
void compute_hashes(Listed& a);

// The date a sitemap gives as an article's last change: updated, else published.
const std::string& last_change(const Listed& a);

// Where an article is in the newest-first order: (nd, ne, name) ascending, nd being 0
// for a dated article and 1 for an undated one, ne minus its epoch.
struct OrderKey {
  std::int64_t nd = 0, ne = 0;
  std::string name;
};

// A prepared statement; errors go to the State that made it.
class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, const char* sql, std::string* error);
  Statement(Statement&& o) noexcept;
  Statement& operator=(Statement&& o) noexcept;
  ~Statement();
  Statement& bind(int i, std::int64_t v);
  Statement& bind(int i, std::string_view s);
  Statement& bind(int i, FileStamp stamp);  // size at i, mtime at i + 1
  bool step();  // true while there is a row; resets itself when done
  void run() {
    while (step()) {
    }
  }
  bool valid() const { return s_ != nullptr; }
  sqlite3_stmt* handle() const { return s_; }
  std::int64_t integer(int col) const;
  std::string text(int col) const;
  FileStamp stamp(int col) const;  // size at col, mtime at col + 1

 private:
  sqlite3_stmt* s_ = nullptr;
  std::string* error_ = nullptr;
};

class State {
 public:
  enum Kind { kArticle = 0, kMedia = 1 };
  enum ListKind { kSection = 0, kTag = 1 };
  enum FileKind { kOtherFile = 0, kListingPage = 1, kSitemap = 2 };
  struct FileRecord {
    FileStamp out, source;
    std::int64_t key = 0;  // the fingerprint of what the file holds, or 0
  };
  struct ArticleRecord {
    std::string slug;
    FileStamp source, page, json;
    std::int64_t hash = 0;
  };
  struct Group {
    int kind;
    std::string slug, label;  // label: the group's first spelling in byte order
    std::int64_t count;
  };

  State() = default;
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  ~State();

  static constexpr const char* kFileName = ".lede-site.sqlite";

  // Opens (or creates) the database in OUT_DIR, whose path is `out_path`.
  bool open(const OutputDir& out, const std::filesystem::path& out_path, std::string& error);

  // Starts a build. `fingerprint` stands for everything besides the articles that
  // decides the output; when it is not the last build's, or with `full`, no record is
  // trusted (each is overwritten as the build goes, and files no longer written are
  // still removed at the end).
  bool begin(std::int64_t fingerprint, bool full, std::string& error);
  bool trusted() const { return trusted_; }
  // Commits the build's records; false (and nothing recorded) after any error.
  bool finish(std::string& error);
  const std::string& error() const { return error_; }

  // The articles folder as this build found it, read back in name order. `folded`:
  // the name as a case-insensitive file system compares it.
  void scan_add(Kind kind, std::string_view rel, std::string_view folded, FileStamp stamp);
  void for_each_scanned(Kind kind, const std::function<void(const std::string&, FileStamp)>& visit);
  // The scanned articles with the last build's record of each (nullptr for a new one).
  void for_each_scanned_article(
      const std::function<void(const std::string&, FileStamp, const ArticleRecord*)>& visit);
  std::int64_t scanned(Kind kind);
  // The folded names that more than one scanned file of `kind` has (rare: "A.json" and
  // "a.json"), and whether a scanned file has the folded name `folded`.
  std::vector<std::string> folded_duplicates(Kind kind);
  bool scanned_folded(Kind kind, std::string_view folded);

  // Files Lede wrote into OUT_DIR, besides the articles' pages and JSON.
  bool file(std::string_view path, FileRecord& out);  // false if none, or not trusted
  void keep_file(std::string_view path);              // still part of the site
  void put_file(std::string_view path, const FileRecord& record, FileKind kind = kOtherFile);
  // Every file an earlier build wrote and this one did not; their records are dropped.
  void drop_stale_files(const std::function<void(const std::string&)>& remove);

  // Articles. An article whose page moves or goes leaves its old files as orphans,
  // removed at the end unless another article's page or JSON has their names by then.
  // The last build's record (trusted or not: its files are Lede's either way).
  bool article(std::string_view name, ArticleRecord& out);
  void put_article(const Listed& a, FileStamp source, FileStamp page, FileStamp json);
  void put_article_stamps(std::string_view name, FileStamp source, FileStamp page, FileStamp json);
  void drop_article(std::string_view name);  // refused this time
  void orphan(std::string_view path);
  // Forgets every article no longer in the folder (after the scan and the renders).
  void drop_removed_articles();
  void remove_orphans(const std::function<void(const std::string&)>& remove);

  // What changed since the last build, so that a listing or a sitemap nothing in has
  // changed is not read again: the index (any article added, removed or shown
  // differently), the sections and tags such an article was or is in, the sitemaps (any
  // article added, removed, renamed or with another date).
  void mark_everything();  // a full build, or the site's name or language changed
  bool everything() const { return everything_; }
  bool index_dirty() const { return everything_ || index_dirty_; }
  bool sitemap_dirty() const { return everything_ || sitemap_dirty_; }
  void mark_index_dirty() { index_dirty_ = true; }
  void mark_sitemap_dirty() { sitemap_dirty_ = true; }
  void mark_dirty(int kind, std::string_view slug);
  // Whether `key` (the site's name, language, …) differs from the last build's; records it.
  bool site_changed(std::int64_t key);
  // The listing pages (or sitemaps) the last build wrote, with their stamps then.
  void for_each_recorded(FileKind kind, const std::function<void(const std::string&, FileStamp)>& visit);
  // The sections and tags marked dirty, with their totals now (0: gone).
  void for_each_dirty_group(const std::function<void(const Group&)>& visit);
  void group_entries(int kind, std::string_view slug, const std::function<void(const OrderKey&, std::int64_t)>& visit);
  // Keeps every recorded page of a listing that is not dirty, and the sitemaps if asked.
  void keep_clean_listings(bool sitemaps);
  // Sections (kSection) or tags (kTag) with pages in this build.
  std::int64_t listing_groups(int kind);

  // Listings, newest first (by the instant of publication; undated last; equals by file
  // name). The scans read only keys and hashes; pages are read whole only when written.
  std::int64_t article_count();
  void scan_articles(const std::function<void(const OrderKey&, std::int64_t entry_hash, std::int64_t map_hash)>& visit);
  void articles_from(const OrderKey& first, std::int64_t limit, const std::function<void(const Listed&)>& visit);
  // Every group (section or tag) with every entry: `group` once before its entries.
  void scan_groups(const std::function<void(const Group&)>& group,
                   const std::function<void(const OrderKey&, std::int64_t entry_hash)>& entry);
  void group_from(int kind, std::string_view slug, const OrderKey& first, std::int64_t limit,
                  const std::function<void(const Listed&)>& visit);
  std::string newest_site_name();
  std::string most_common_lang();  // the newest article's among equals

 private:
  bool create_schema();
  void exec(const char* sql);
  Statement& prepared(int which, const char* sql);
  void drop_listings(std::string_view name);

  sqlite3* db_ = nullptr;
  std::vector<Statement> statements_;
  std::string error_;
  std::int64_t generation_ = 0;
  bool trusted_ = false;
  bool everything_ = false, index_dirty_ = false, sitemap_dirty_ = false;
};

}  // namespace lede::site
