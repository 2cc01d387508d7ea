#include "site/state.hpp"

#include <sqlite3.h>
#include <sys/stat.h>

#include "site/hash.hpp"
#include "site/names.hpp"

namespace lede::site {
namespace {

// Bumped whenever the tables change: an older database is then started afresh.
constexpr int kSchemaVersion = 3;

constexpr const char* kSchema = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER) WITHOUT ROWID;
CREATE TABLE scan (kind INTEGER, rel TEXT, size INTEGER, mtime INTEGER, PRIMARY KEY (kind, rel)) WITHOUT ROWID;
-- Only the scanned names with ASCII capitals, folded: two names can differ only in case
-- only if one of them has a capital, and most folders have none.
CREATE TABLE folds (kind INTEGER, folded TEXT, rel TEXT, PRIMARY KEY (kind, folded, rel)) WITHOUT ROWID;
CREATE TABLE files (path TEXT PRIMARY KEY, kind INTEGER, gen INTEGER, out_size INTEGER, out_mtime INTEGER,
                    src_size INTEGER, src_mtime INTEGER, key INTEGER) WITHOUT ROWID;
-- nd is 0 for a dated article, 1 for an undated one, ne minus its epoch: in ascending
-- order of (nd, ne, name) the newest come first, undated last, equals by file name.
CREATE TABLE articles (name TEXT PRIMARY KEY, src_size INTEGER, src_mtime INTEGER, hash INTEGER, slug TEXT,
                       page_size INTEGER, page_mtime INTEGER, json_size INTEGER, json_mtime INTEGER,
                       nd INTEGER, ne INTEGER, title TEXT, dek TEXT, published TEXT, updated TEXT, section TEXT,
                       lang TEXT, dir TEXT, site_name TEXT, tags BLOB, entry_hash INTEGER, map_hash INTEGER)
                       WITHOUT ROWID;
CREATE INDEX articles_order ON articles (nd, ne, name, entry_hash, map_hash);
CREATE INDEX articles_slug ON articles (slug);
CREATE TABLE listings (kind INTEGER, slug TEXT, nd INTEGER, ne INTEGER, name TEXT, label TEXT, entry_hash INTEGER,
                       PRIMARY KEY (kind, slug, nd, ne, name)) WITHOUT ROWID;
CREATE INDEX listings_name ON listings (name);
-- The sections and tags whose pages this build must look at again.
CREATE TABLE dirty (kind INTEGER, slug TEXT, PRIMARY KEY (kind, slug)) WITHOUT ROWID;
CREATE TABLE orphans (path TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE removed (name TEXT PRIMARY KEY) WITHOUT ROWID;
)sql";

constexpr const char* kArticleColumns =
    "a.name, a.slug, a.title, a.dek, a.published, a.updated, a.section, a.lang, a.dir, a.site_name, a.tags, a.nd, a.ne, "
    "a.hash, a.entry_hash, a.map_hash";

// Tags in one column: each as its length, ':', its bytes (any bytes, no separator).
std::string encode_tags(const std::vector<std::string>& tags) {
  std::string out;
  for (const std::string& t : tags) (out += std::to_string(t.size()) + ":") += t;
  return out;
}

std::vector<std::string> decode_tags(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && n < s.size()) n = n * 10 + static_cast<std::size_t>(s[i++] - '0');
    if (i >= s.size() || s[i] != ':') break;  // not written by encode_tags: what was read is kept
    out.push_back(s.substr(i + 1, n));
    i += 1 + n;
  }
  return out;
}

Listed listed_from(const Statement& q) {
  Listed a;
  a.name = q.text(0);
  a.slug = q.text(1);
  a.title = q.text(2);
  a.dek = q.text(3);
  a.published = q.text(4);
  a.updated = q.text(5);
  a.section = q.text(6);
  a.lang = q.text(7);
  a.dir = q.text(8);
  a.site_name = q.text(9);
  a.tags = decode_tags(q.text(10));
  a.dated = q.integer(11) == 0;
  a.epoch = -q.integer(12);
  a.hash = q.integer(13);
  a.entry_hash = q.integer(14);
  a.map_hash = q.integer(15);
  return a;
}

// An ArticleRecord from the columns slug, src_size, src_mtime, page_size, page_mtime,
// json_size, json_mtime, hash, from `col` on.
void read_article(const Statement& q, int col, State::ArticleRecord& r) {
  r.slug = q.text(col);
  r.source = q.stamp(col + 1);
  r.page = q.stamp(col + 3);
  r.json = q.stamp(col + 5);
  r.hash = q.integer(col + 7);
}

enum Prepared {
  kScanAdd, kFoldAdd, kArticleHashes, kDirtyFrom, kDirtyAdd, kScanCount, kScanFolded, kFileGet, kFileKeep, kFilePut, kArticleGet, kArticleStamps, kArticlePut,
  kListingsDrop, kListingAdd, kOrphan, kArticleCount, kArticlesFrom, kGroupFrom, kCount
};

}  // namespace

const std::string& last_change(const Listed& a) { return a.updated.empty() ? a.published : a.updated; }

void compute_hashes(Listed& a) {
  Hasher h;
  for (const std::string* s : {&a.slug, &a.title, &a.dek, &a.published, &a.updated, &a.section, &a.lang, &a.dir})
    h.add(*s);
  h.add(a.tags.size());
  for (const std::string& t : a.tags) h.add(t);
  a.entry_hash = h.value();
  a.map_hash = Hasher().add(a.slug).add(last_change(a)).value();
}

// ---- Statement ----

Statement::Statement(sqlite3* db, const char* sql, std::string* error) : error_(error) {
  if (sqlite3_prepare_v2(db, sql, -1, &s_, nullptr) != SQLITE_OK && error_->empty())
    *error_ = sqlite3_errmsg(db);
}

Statement::Statement(Statement&& o) noexcept : s_(o.s_), error_(o.error_) { o.s_ = nullptr; }

Statement& Statement::operator=(Statement&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(s_);
    s_ = o.s_;
    error_ = o.error_;
    o.s_ = nullptr;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(s_); }

Statement& Statement::bind(int i, std::int64_t v) {
  if (s_) sqlite3_bind_int64(s_, i, v);
  return *this;
}

Statement& Statement::bind(int i, FileStamp stamp) {
  return bind(i, static_cast<std::int64_t>(stamp.size)).bind(i + 1, stamp.mtime_ns);
}

Statement& Statement::bind(int i, std::string_view s) {
  // Zero-length text, not NULL: "" and NULL compare differently.
  if (s_) sqlite3_bind_text64(s_, i, s.empty() ? "" : s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

bool Statement::step() {
  if (!s_) return false;
  int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE && error_->empty()) *error_ = sqlite3_errmsg(sqlite3_db_handle(s_));
  sqlite3_reset(s_);
  sqlite3_clear_bindings(s_);
  return false;
}

std::int64_t Statement::integer(int col) const { return sqlite3_column_int64(s_, col); }

FileStamp Statement::stamp(int col) const { return {static_cast<std::uint64_t>(integer(col)), integer(col + 1)}; }

std::string Statement::text(int col) const {
  const void* p = sqlite3_column_blob(s_, col);
  int n = sqlite3_column_bytes(s_, col);
  return p ? std::string(static_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string();
}

// ---- State ----

State::~State() {
  statements_.clear();
  if (db_) {
    if (sqlite3_get_autocommit(db_) == 0) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
  }
}

void State::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK && error_.empty())
    error_ = message ? message : "SQLite error";
  sqlite3_free(message);
}

Statement& State::prepared(int which, const char* sql) {
  if (statements_.empty()) statements_.resize(kCount);
  Statement& s = statements_[static_cast<std::size_t>(which)];
  if (!s.valid()) s = Statement(db_, sql, &error_);
  return s;
}

bool State::open(const OutputDir& out, const std::filesystem::path& out_path, std::string& error) {
  // SQLite opens files by path and refuses to open the database (SQLITE_OPEN_NOFOLLOW)
  // or its journal through a link. Whatever an earlier OUT_DIR left at these names is
  // looked at first: a link is removed, anything but a regular file is an error.
  for (std::string name : {std::string(kFileName), std::string(kFileName) + "-journal"}) {
    struct stat st;
    if (!out.lstat(name, st)) continue;
    if (S_ISLNK(st.st_mode)) {
      out.remove(name);
    } else if (!S_ISREG(st.st_mode)) {
      error = name + " is not a file";
      return false;
    }
  }
  const std::string path = (out_path / kFileName).string();
  for (int attempt = 0; attempt < 2; ++attempt) {
    statements_.clear();
    if (db_) sqlite3_close(db_);
    db_ = nullptr;
    error_.clear();
    // One thread uses the connection: no mutex on it.
    if (sqlite3_open_v2(path.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
      error = db_ ? sqlite3_errmsg(db_) : "cannot open";
      return false;
    }
    // A cache, rebuilt if lost: no fsync. One build at a time (exclusive lock); temporary
    // b-trees (small: the GROUP BY of languages) in memory, never in /tmp. 1 MB of pages
    // cached: the tables are read in order, so a larger cache saves few reads, and it
    // is the one part of memory that grows with the archive (up to its size).
    exec("PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-1024;"
         "PRAGMA mmap_size=0");
    int version = -1;
    {
      Statement q(db_, "PRAGMA user_version", &error_);
      if (q.step()) version = static_cast<int>(q.integer(0));
      q.run();
    }
    if (error_.empty() && version == kSchemaVersion) return true;
    if (error_.empty() && version == 0) {
      // New, or not Lede's: the schema goes in, unless tables are there already.
      Statement q(db_, "SELECT count(*) FROM sqlite_master", &error_);
      std::int64_t tables = q.step() ? q.integer(0) : -1;
      q.run();
      if (tables == 0 && create_schema()) return true;
    }
    if (error_.find("locked") != std::string::npos || error_.find("busy") != std::string::npos) {
      error = "another build is using OUT_DIR";
      return false;
    }
    // Another version, or unreadable: start afresh.
    statements_.clear();
    sqlite3_close(db_);
    db_ = nullptr;
    out.remove(kFileName);
    out.remove(std::string(kFileName) + "-journal");
  }
  error = error_.empty() ? "cannot be read or created" : error_;
  return false;
}

bool State::create_schema() {
  exec("BEGIN");
  exec(kSchema);
  exec(("PRAGMA user_version=" + std::to_string(kSchemaVersion)).c_str());
  exec("COMMIT");
  return error_.empty();
}

bool State::begin(std::int64_t fingerprint, bool full, std::string& error) {
  // Held to the end: a second build into the same OUT_DIR stops here, before it writes.
  exec("BEGIN EXCLUSIVE");
  if (!error_.empty()) {
    error = error_.find("locked") != std::string::npos ? "another build is using OUT_DIR" : error_;
    return false;
  }
  std::int64_t last_fingerprint = 0;
  {
    Statement q(db_, "SELECT key, value FROM meta", &error_);
    while (q.step()) {
      if (q.text(0) == "generation") generation_ = q.integer(1);
      if (q.text(0) == "fingerprint") last_fingerprint = q.integer(1);
    }
  }
  ++generation_;
  trusted_ = !full && last_fingerprint == fingerprint && generation_ > 1;
  Statement put(db_, "INSERT OR REPLACE INTO meta VALUES (?, ?)", &error_);
  put.bind(1, "generation").bind(2, generation_).run();
  put.bind(1, "fingerprint").bind(2, fingerprint).run();
  exec("DELETE FROM scan; DELETE FROM folds; DELETE FROM orphans; DELETE FROM removed; DELETE FROM dirty");
  everything_ = !trusted_;
  index_dirty_ = sitemap_dirty_ = false;
  return error_.empty();
}

bool State::finish(std::string& error) {
  exec("DELETE FROM scan; DELETE FROM folds; DELETE FROM dirty");
  statements_.clear();
  if (!error_.empty()) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    error = error_;
    return false;
  }
  exec("COMMIT");
  error = error_;
  return error_.empty();
}

void State::scan_add(Kind kind, std::string_view rel, std::string_view folded, FileStamp stamp) {
  prepared(kScanAdd, "INSERT OR REPLACE INTO scan VALUES (?, ?, ?, ?)")
      .bind(1, kind)
      .bind(2, rel)
      .bind(3, stamp)
      .run();
  if (folded != rel)
    prepared(kFoldAdd, "INSERT OR REPLACE INTO folds VALUES (?, ?, ?)").bind(1, kind).bind(2, folded).bind(3, rel).run();
}

void State::for_each_scanned(Kind kind, const std::function<void(const std::string&, FileStamp)>& visit) {
  // Its own statement: the visitor may add to other tables while this one steps.
  Statement q(db_, "SELECT rel, size, mtime FROM scan WHERE kind = ? ORDER BY rel", &error_);
  q.bind(1, kind);
  while (q.step()) visit(q.text(0), q.stamp(1));
}

void State::for_each_scanned_article(
    const std::function<void(const std::string&, FileStamp, const ArticleRecord*)>& visit) {
  Statement q(db_,
              "SELECT s.rel, s.size, s.mtime, a.slug, a.src_size, a.src_mtime, a.page_size, a.page_mtime, a.json_size, "
              "a.json_mtime, a.hash FROM scan s LEFT JOIN articles a ON a.name = s.rel WHERE s.kind = 0 ORDER BY s.rel",
              &error_);
  ArticleRecord r;
  while (q.step()) {
    const bool known = sqlite3_column_type(q.handle(), 3) != SQLITE_NULL;
    if (known) read_article(q, 3, r);
    visit(q.text(0), q.stamp(1), known ? &r : nullptr);
  }
}

std::int64_t State::scanned(Kind kind) {
  Statement& q = prepared(kScanCount, "SELECT count(*) FROM scan WHERE kind = ?");
  q.bind(1, kind);
  std::int64_t n = q.step() ? q.integer(0) : 0;
  q.run();
  return n;
}

std::vector<std::string> State::folded_duplicates(Kind kind) {
  // Two folded the same, or one folded to a name that is there as it is.
  std::vector<std::string> out;
  Statement q(db_,
              "SELECT folded FROM folds f WHERE kind = ?1 GROUP BY kind, folded "
              "HAVING count(*) > 1 OR EXISTS (SELECT 1 FROM scan s WHERE s.kind = ?1 AND s.rel = f.folded)",
              &error_);
  q.bind(1, kind);
  while (q.step()) out.push_back(q.text(0));
  return out;
}

bool State::scanned_folded(Kind kind, std::string_view folded) {
  Statement& q = prepared(kScanFolded,
                          "SELECT 1 WHERE EXISTS (SELECT 1 FROM scan WHERE kind = ?1 AND rel = ?2) "
                          "OR EXISTS (SELECT 1 FROM folds WHERE kind = ?1 AND folded = ?2)");
  q.bind(1, kind).bind(2, folded);
  bool found = q.step();
  q.run();
  return found;
}

bool State::file(std::string_view path, FileRecord& out) {
  if (!trusted_) return false;
  Statement& q = prepared(kFileGet, "SELECT out_size, out_mtime, src_size, src_mtime, key FROM files WHERE path = ?");
  q.bind(1, path);
  bool found = q.step();
  if (found) {
    out.out = q.stamp(0);
    out.source = q.stamp(2);
    out.key = q.integer(4);
  }
  q.run();
  return found;
}

void State::keep_file(std::string_view path) {
  prepared(kFileKeep, "UPDATE files SET gen = ? WHERE path = ?").bind(1, generation_).bind(2, path).run();
}

void State::put_file(std::string_view path, const FileRecord& r, FileKind kind) {
  prepared(kFilePut, "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, path)
      .bind(2, kind)
      .bind(3, generation_)
      .bind(4, r.out)
      .bind(6, r.source)
      .bind(8, r.key)
      .run();
}

void State::drop_stale_files(const std::function<void(const std::string&)>& remove) {
  {
    Statement q(db_, "SELECT path FROM files WHERE gen < ? ORDER BY path", &error_);
    q.bind(1, generation_);
    while (q.step()) remove(q.text(0));
  }
  Statement drop(db_, "DELETE FROM files WHERE gen < ?", &error_);
  drop.bind(1, generation_).run();
}

bool State::article(std::string_view name, ArticleRecord& out) {
  Statement& q = prepared(kArticleGet,
                          "SELECT slug, src_size, src_mtime, page_size, page_mtime, json_size, json_mtime, hash "
                          "FROM articles WHERE name = ?");
  q.bind(1, name);
  bool found = q.step();
  if (found) read_article(q, 0, out);
  q.run();
  return found;
}

void State::put_article_stamps(std::string_view name, FileStamp source, FileStamp page, FileStamp json) {
  prepared(kArticleStamps,
           "UPDATE articles SET src_size = ?, src_mtime = ?, page_size = ?, page_mtime = ?, json_size = ?, "
           "json_mtime = ? WHERE name = ?")
      .bind(1, source)
      .bind(3, page)
      .bind(5, json)
      .bind(7, name)
      .run();
}

void State::drop_listings(std::string_view name) {
  prepared(kListingsDrop, "DELETE FROM listings WHERE name = ?").bind(1, name).run();
}

void State::put_article(const Listed& a, FileStamp source, FileStamp page, FileStamp json) {
  const std::int64_t nd = a.dated ? 0 : 1, ne = a.dated ? -a.epoch : 0;
  // What it showed before decides what must be looked at again.
  Statement& old = prepared(kArticleHashes, "SELECT entry_hash, map_hash FROM articles WHERE name = ?");
  old.bind(1, a.name);
  const bool existed = old.step();
  const bool shown_differently = !existed || old.integer(0) != a.entry_hash;
  if (!existed || old.integer(1) != a.map_hash) sitemap_dirty_ = true;
  old.run();
  if (shown_differently) {
    index_dirty_ = true;
    prepared(kDirtyFrom, "INSERT OR IGNORE INTO dirty SELECT kind, slug FROM listings WHERE name = ?").bind(1, a.name).run();
  }
  prepared(kArticlePut,
           "INSERT OR REPLACE INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
      .bind(1, a.name)
      .bind(2, source)
      .bind(4, a.hash)
      .bind(5, a.slug)
      .bind(6, page)
      .bind(8, json)
      .bind(10, nd)
      .bind(11, ne)
      .bind(12, a.title)
      .bind(13, a.dek)
      .bind(14, a.published)
      .bind(15, a.updated)
      .bind(16, a.section)
      .bind(17, a.lang)
      .bind(18, a.dir)
      .bind(19, a.site_name)
      .bind(20, encode_tags(a.tags))
      .bind(21, a.entry_hash)
      .bind(22, a.map_hash)
      .run();
  drop_listings(a.name);
  Statement& add = prepared(kListingAdd, "INSERT OR REPLACE INTO listings VALUES (?, ?, ?, ?, ?, ?, ?)");
  auto list = [&](int kind, const std::string& label) {
    if (label.empty()) return;
    const std::string slug = label_slug(label);
    add.bind(1, kind).bind(2, slug).bind(3, nd).bind(4, ne).bind(5, a.name).bind(6, label);
    add.bind(7, a.entry_hash).run();
    if (shown_differently) mark_dirty(kind, slug);
  };
  list(kSection, a.section);
  for (const std::string& t : a.tags) list(kTag, t);
}

void State::orphan(std::string_view path) { prepared(kOrphan, "INSERT OR IGNORE INTO orphans VALUES (?)").bind(1, path).run(); }

void State::drop_article(std::string_view name) {
  ArticleRecord r;
  if (!article(name, r)) return;
  orphan(r.slug + ".html");
  orphan(r.slug + ".json");
  index_dirty_ = sitemap_dirty_ = true;
  prepared(kDirtyFrom, "INSERT OR IGNORE INTO dirty SELECT kind, slug FROM listings WHERE name = ?").bind(1, name).run();
  drop_listings(name);
  Statement drop(db_, "DELETE FROM articles WHERE name = ?", &error_);
  drop.bind(1, name).run();
}

void State::drop_removed_articles() {
  // Both in name order: one pass over each finds the articles the folder no longer has.
  {
    Statement scan(db_, "SELECT rel FROM scan WHERE kind = 0 ORDER BY rel", &error_);
    Statement known(db_, "SELECT name, slug FROM articles ORDER BY name", &error_);
    Statement add(db_, "INSERT INTO removed VALUES (?)", &error_);
    bool more_scan = scan.step();
    while (known.step()) {
      const std::string name = known.text(0);
      while (more_scan && scan.text(0) < name) more_scan = scan.step();
      if (more_scan && scan.text(0) == name) continue;
      add.bind(1, name).run();
      orphan(known.text(1) + ".html");
      orphan(known.text(1) + ".json");
      index_dirty_ = sitemap_dirty_ = true;
    }
    while (more_scan) more_scan = scan.step();
  }
  exec("INSERT OR IGNORE INTO dirty SELECT kind, slug FROM listings WHERE name IN (SELECT name FROM removed);"
       "DELETE FROM listings WHERE name IN (SELECT name FROM removed);"
       "DELETE FROM articles WHERE name IN (SELECT name FROM removed);"
       "DELETE FROM removed");
}

void State::remove_orphans(const std::function<void(const std::string&)>& remove) {
  {
    Statement q(db_, "SELECT path FROM orphans ORDER BY path", &error_);
    Statement owned(db_, "SELECT 1 FROM articles WHERE slug = ? LIMIT 1", &error_);
    Statement written(db_, "SELECT 1 FROM files WHERE path = ? AND gen = ?", &error_);
    while (q.step()) {
      const std::string path = q.text(0);
      owned.bind(1, std::string_view(path).substr(0, path.size() - 5));  // ".html", ".json"
      bool taken = owned.step();
      owned.run();
      written.bind(1, path).bind(2, generation_);
      taken = written.step() || taken;
      written.run();
      if (!taken) remove(path);
    }
  }
  exec("DELETE FROM orphans");
}

std::int64_t State::article_count() {
  Statement& q = prepared(kArticleCount, "SELECT count(*) FROM articles");
  std::int64_t n = q.step() ? q.integer(0) : 0;
  q.run();
  return n;
}

void State::scan_articles(const std::function<void(const OrderKey&, std::int64_t, std::int64_t)>& visit) {
  Statement q(db_, "SELECT nd, ne, name, entry_hash, map_hash FROM articles ORDER BY nd, ne, name", &error_);
  OrderKey key;
  while (q.step()) {
    key.nd = q.integer(0);
    key.ne = q.integer(1);
    key.name = q.text(2);
    visit(key, q.integer(3), q.integer(4));
  }
}

void State::articles_from(const OrderKey& first, std::int64_t limit, const std::function<void(const Listed&)>& visit) {
  Statement& q = prepared(kArticlesFrom, (std::string("SELECT ") + kArticleColumns +
                                          " FROM articles a WHERE (a.nd, a.ne, a.name) >= (?, ?, ?)"
                                          " ORDER BY a.nd, a.ne, a.name LIMIT ?")
                                             .c_str());
  q.bind(1, first.nd).bind(2, first.ne).bind(3, first.name).bind(4, limit);
  while (q.step()) visit(listed_from(q));
}

void State::scan_groups(const std::function<void(const Group&)>& group,
                        const std::function<void(const OrderKey&, std::int64_t)>& entry) {
  // Two walks over the same index in step: the totals (a group's page count is part of
  // each of its pages), then the entries.
  Statement totals(db_, "SELECT kind, slug, min(label), count(*) FROM listings GROUP BY kind, slug ORDER BY kind, slug",
                   &error_);
  Statement rows(db_, "SELECT kind, slug, nd, ne, name, entry_hash FROM listings ORDER BY kind, slug, nd, ne, name",
                 &error_);
  OrderKey key;
  while (totals.step()) {
    Group g{static_cast<int>(totals.integer(0)), totals.text(1), totals.text(2), totals.integer(3)};
    group(g);
    for (std::int64_t i = 0; i < g.count && rows.step(); ++i) {
      key.nd = rows.integer(2);
      key.ne = rows.integer(3);
      key.name = rows.text(4);
      entry(key, rows.integer(5));
    }
  }
  rows.run();
}

void State::group_from(int kind, std::string_view slug, const OrderKey& first, std::int64_t limit,
                       const std::function<void(const Listed&)>& visit) {
  Statement& q = prepared(kGroupFrom, (std::string("SELECT ") + kArticleColumns +
                                       " FROM listings l JOIN articles a ON a.name = l.name"
                                       " WHERE l.kind = ? AND l.slug = ? AND (l.nd, l.ne, l.name) >= (?, ?, ?)"
                                       " ORDER BY l.nd, l.ne, l.name LIMIT ?")
                                          .c_str());
  q.bind(1, kind).bind(2, slug).bind(3, first.nd).bind(4, first.ne).bind(5, first.name).bind(6, limit);
  while (q.step()) visit(listed_from(q));
}

void State::mark_everything() { everything_ = true; }

void State::mark_dirty(int kind, std::string_view slug) {
  prepared(kDirtyAdd, "INSERT OR IGNORE INTO dirty VALUES (?, ?)").bind(1, kind).bind(2, slug).run();
}

bool State::site_changed(std::int64_t key) {
  Statement q(db_, "SELECT value FROM meta WHERE key = 'site'", &error_);
  const bool same = q.step() && q.integer(0) == key;
  q.run();
  Statement put(db_, "INSERT OR REPLACE INTO meta VALUES ('site', ?)", &error_);
  put.bind(1, key).run();
  return !same;
}

void State::for_each_recorded(FileKind kind, const std::function<void(const std::string&, FileStamp)>& visit) {
  Statement q(db_, "SELECT path, out_size, out_mtime FROM files WHERE kind = ? AND gen < ?", &error_);
  q.bind(1, kind).bind(2, generation_);
  while (q.step()) visit(q.text(0), q.stamp(1));
}

void State::for_each_dirty_group(const std::function<void(const Group&)>& visit) {
  Statement q(db_,
              "SELECT d.kind, d.slug, min(l.label), count(l.name) FROM dirty d "
              "LEFT JOIN listings l ON l.kind = d.kind AND l.slug = d.slug GROUP BY d.kind, d.slug",
              &error_);
  while (q.step()) visit(Group{static_cast<int>(q.integer(0)), q.text(1), q.text(2), q.integer(3)});
}

void State::group_entries(int kind, std::string_view slug,
                          const std::function<void(const OrderKey&, std::int64_t)>& visit) {
  Statement q(db_, "SELECT nd, ne, name, entry_hash FROM listings WHERE kind = ? AND slug = ? ORDER BY nd, ne, name",
              &error_);
  q.bind(1, kind).bind(2, slug);
  OrderKey key;
  while (q.step()) {
    key.nd = q.integer(0);
    key.ne = q.integer(1);
    key.name = q.text(2);
    visit(key, q.integer(3));
  }
}

void State::keep_clean_listings(bool sitemaps) {
  // A listing page's path names its listing: index.html and pages/N.html the index,
  // sections/SLUG/… and tags/SLUG/… a section's or a tag's.
  Statement keep(db_,
                 "UPDATE files SET gen = ?1 WHERE kind = 1 AND gen < ?1 AND CASE "
                 "WHEN path = 'index.html' OR path GLOB 'pages/*' THEN ?2 "
                 "WHEN path GLOB 'sections/*' THEN NOT EXISTS (SELECT 1 FROM dirty WHERE kind = 0 AND "
                 "slug = substr(path, 10, instr(substr(path, 10), '/') - 1)) "
                 "WHEN path GLOB 'tags/*' THEN NOT EXISTS (SELECT 1 FROM dirty WHERE kind = 1 AND "
                 "slug = substr(path, 6, instr(substr(path, 6), '/') - 1)) ELSE 0 END",
                 &error_);
  keep.bind(1, generation_).bind(2, index_dirty() ? 0 : 1).run();
  if (sitemaps) {
    Statement maps(db_, "UPDATE files SET gen = ?1 WHERE kind = 2 AND gen < ?1", &error_);
    maps.bind(1, generation_).run();
  }
}

std::int64_t State::listing_groups(int kind) {
  const char* from = kind == kSection ? "sections/" : "tags/";
  const char* to = kind == kSection ? "sections0" : "tags0";  // '0' follows '/'
  Statement q(db_,
              "SELECT count(*) FROM files WHERE path >= ? AND path < ? AND kind = 1 AND gen = ? "
              "AND path GLOB '*/index.html'",
              &error_);
  q.bind(1, from).bind(2, to).bind(3, generation_);
  std::int64_t n = q.step() ? q.integer(0) : 0;
  q.run();
  return n;
}

std::string State::newest_site_name() {
  Statement q(db_, "SELECT site_name FROM articles WHERE site_name <> '' ORDER BY nd, ne, name LIMIT 1", &error_);
  std::string name = q.step() ? q.text(0) : "";
  q.run();
  return name;
}

std::string State::most_common_lang() {
  Statement q(db_,
              "WITH counts AS (SELECT lang, count(*) AS n FROM articles WHERE lang <> '' GROUP BY lang) "
              "SELECT lang FROM articles WHERE lang IN (SELECT lang FROM counts WHERE n = (SELECT max(n) FROM counts)) "
              "ORDER BY nd, ne, name LIMIT 1",
              &error_);
  std::string lang = q.step() ? q.text(0) : "";
  q.run();
  return lang;
}

}  // namespace lede::site
