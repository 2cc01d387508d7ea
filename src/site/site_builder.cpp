#include "site/site_builder.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include "layout/dates.hpp"
#include "output/article_json.hpp"
#include "output/html_writer.hpp"
#include "pipeline.hpp"
#include "site/build.hpp"
#include "site/files.hpp"
#include "site/hash.hpp"
#include "site/media.hpp"
#include "site/names.hpp"
#include "site/pages.hpp"
#include "site/state.hpp"
#include "site/work_queue.hpp"
#include "text/escape.hpp"
#include "tree/url_policy.hpp"

namespace fs = std::filesystem;

namespace lede::site {
namespace {

bool ends_with(std::string_view s, std::string_view end) {
  return s.size() > end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

// RSS and Atom files, each item of which is an article of the site.
bool feed_extension(std::string_view name) {
  return ends_with(name, ".xml") || ends_with(name, ".rss") || ends_with(name, ".atom");
}

// The name a file has without its extension: "news.xml" → "news".
std::string stem_of(const std::string& name) {
  const auto dot = name.rfind('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

}  // namespace

// Options::item for the item `item` of a feed or list (its slug, or its index when it has
// none, as render_articles names it): its index, since another item's id may be the same
// text. "" (the whole file) stays "".
std::string item_option(std::string_view input, const std::string& item, const Options& options) {
  if (item.empty()) return item;
  std::vector<Item> items;
  if (list_items(input, items, options).ok())
    for (std::size_t i = 0; i < items.size(); ++i)
      if ((items[i].slug.empty() ? std::to_string(i) : items[i].slug) == item) return std::to_string(i);
  return item;
}

namespace {

// A file's first bytes, as many as media_content_is needs.
std::string read_head(int fd) {
  std::string head(site::kMediaHeadBytes, '\0');
  std::size_t got = 0;
  while (got < head.size()) {
    ssize_t n = ::read(fd, &head[got], head.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  head.resize(got);
  return head;
}

// Lede's runtime files, as a page downloads them: every module, the stylesheets, the
// wasm and the fonts, as (source, path in the site). The demo page and its articles are
// not part of it. Empty if `assets` is not Lede's web folder.
std::vector<std::pair<fs::path, std::string>> asset_files(const fs::path& assets) {
  std::vector<std::pair<fs::path, std::string>> files;
  std::error_code ec;
  if (!fs::exists(assets / "lede.js", ec) || !fs::exists(assets / "dist" / "lede.wasm", ec)) return files;
  for (const auto& item : fs::directory_iterator(assets, ec)) {
    const fs::path& p = item.path();
    std::string name = p.filename().string();
    bool runtime = (p.extension() == ".js") || name == "lede.css" || name == "site.css" || name == "reader.html" ||
                   name == "favicon.svg";
    if (item.is_regular_file(ec) && runtime) files.emplace_back(p, name);
  }
  for (const char* dir : {"dist", "fonts"}) {
    if (!fs::is_directory(assets / dir, ec)) continue;
    for (const auto& item : fs::recursive_directory_iterator(assets / dir, ec))
      if (item.is_regular_file(ec)) files.emplace_back(item.path(), fs::relative(item.path(), assets, ec).generic_string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

// Reads an open file to its end, or to one byte past `limit` (read() then refuses it).
bool read_all(int fd, std::size_t limit, std::string& out, std::string& error) {
  out.clear();
  char buffer[1 << 16];
  while (out.size() <= limit) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = std::string("cannot read: ") + std::strerror(errno);
      return false;
    }
    if (n == 0) break;
    out.append(buffer, static_cast<std::size_t>(n));
  }
  return true;
}

void Build::run() {
  if (!open()) return;
  scan();
  copy_media();
  render_articles();
  state_.drop_removed_articles();
  site_.title = !title_.empty() ? title_ : state_.newest_site_name();
  site_.lang = !lang_.empty() ? lang_ : state_.most_common_lang();
  // Every listing page shows the site's name and language.
  if (state_.site_changed(Hasher().add(site_.title).add(site_.lang).add(site_.rss).value())) state_.mark_everything();
  write_listings();
  write_feeds();
  write_sitemaps();
  copy_assets();
  remove_stale();
  std::string why;
  if (!state_.finish(why)) fail((o_.out / State::kFileName).string() + ": " + why + " (the next build is a full one)");
}

void Build::message(std::string m) {
  if (o_.on_message)
    o_.on_message(m);
  else
    report_.messages.push_back(std::move(m));
}

void Build::fail(std::string m) {
  message(std::move(m));
  report_.ok = false;
}

bool Build::skip(const std::string& rel, const std::string& reason) {
  message(shown(rel) + ": warning: skipped: " + reason);
  return false;
}

bool Build::open() {
  std::string why;
  std::error_code ec;
  if (!fs::is_directory(o_.articles, ec) || !in_.open(o_.articles, why)) {
    fail(o_.articles.string() + ": not a folder");
    return false;
  }
  if (!out_.open(o_.out, why)) {
    fail(o_.out.string() + ": " + why);
    return false;
  }
  // The articles folder inside OUT_DIR could be written over by its own media. OUT_DIR
  // inside the articles folder is fine: the walk leaves it out.
  if (in_.is_within(out_.dev(), out_.ino())) {
    fail(o_.out.string() + ": OUT_DIR must not be the articles folder or hold it");
    return false;
  }
  // The command line may hold any bytes; pages and feeds are UTF-8.
  title_ = valid_utf8(o_.title);
  lang_ = valid_utf8(o_.lang);
  if (!o_.base_url.empty()) {
    auto checked = check_url(o_.base_url, UrlKind::link);
    if (!checked || !is_external(*checked) || checked->compare(0, 2, "//") == 0) {
      fail("--base-url: not an absolute http or https URL: " + valid_utf8(o_.base_url));
      return false;
    }
    base_ = *checked;
    if (base_.back() != '/') base_ += '/';
  }
  site_.rss = !base_.empty();
  assets_ = asset_files(o_.assets);
  if (assets_.empty()) {
    fail(o_.assets.string() + ": not Lede's web folder (lede.js and dist/lede.wasm are needed; run ./build-wasm.sh)");
    return false;
  }
  if (!state_.open(out_, o_.out, why)) {
    fail((o_.out / State::kFileName).string() + ": " + why);
    return false;
  }
  // Everything besides the articles that decides what is written.
  Hasher h;
  h.add(o_.generator).add(base_).add(title_).add(lang_);
  const Limits& l = o_.render.limits;
  h.add(o_.render.keep_safe_html).add(o_.render.nofollow).add(l.max_input_bytes).add(l.max_json_depth);
  h.add(l.max_output_bytes).add(l.max_markdown_depth);
  h.add(static_cast<std::uint64_t>(o_.page_size)).add(static_cast<std::uint64_t>(o_.feed_items)).add(o_.sitemap_urls);
  if (!state_.begin(h.value(), o_.full, why)) {
    fail((o_.out / State::kFileName).string() + ": " + why);
    return false;
  }
  // The names of every file the site is made of besides the articles', folded as a
  // case-insensitive file system would compare them.
  reserved_ = {{"index.html", "the site's index"},
               {"feed.json", "the JSON Feed"},
               {"rss.xml", "the RSS feed"},
               {"sitemap.xml", "the sitemap"}};
  for (const auto& asset : assets_) reserved_.emplace(site::folded(asset.second), "one of Lede's files");
  return true;
}

// What the folder holds, as it is: links are not followed (a link could lead anywhere,
// and where it leads can change between a check and a copy); only the top level's
// .json files are articles (or lists), its .xml, .rss and .atom files feeds, and only
// media files are published.
void Build::scan() {
  in_.walk(
      [&](const site::InputDir::Entry& e) {
        std::string_view name = std::string_view(e.rel).substr(e.rel.rfind('/') + 1);
        if (name.front() == '.') return skip(e.rel, "a hidden file or folder");
        switch (e.kind) {
          case site::InputDir::Kind::link:
            return skip(e.rel, "a symbolic link (links in the articles folder are not followed)");
          case site::InputDir::Kind::other: return skip(e.rel, "not a regular file");
          case site::InputDir::Kind::folder: return e.depth < 32 || skip(e.rel, "deeper than 32 folders");
          case site::InputDir::Kind::file: break;
        }
        if (e.depth == 0 && (ends_with(e.rel, ".json") || feed_extension(e.rel)))
          state_.scan_add(State::kArticle, e.rel, site::folded(e.rel), e.stamp);
        else if (site::media_by_name(e.rel) != site::Media::none)
          state_.scan_add(State::kMedia, e.rel, site::folded(e.rel), e.stamp);
        else
          skip(e.rel, std::string("not a media file Lede publishes (") + site::media_list() +
                          "; articles are the .json files at the top, feeds the .xml, .rss and .atom files there)");
        return false;
      },
      out_.dev(), out_.ino());
}

unsigned Build::workers() const {
  unsigned n = o_.threads ? o_.threads : std::thread::hardware_concurrency();
  return n ? n : 1;
}

// Whether `rel` is as the last build left it: same fingerprint, same source, and the
// file itself untouched since. If so it stays part of the site.
bool Build::up_to_date(const std::string& rel, std::int64_t key, FileStamp source) {
  State::FileRecord r;
  FileStamp now;
  if (!state_.file(rel, r) || r.key != key || !(r.source == source) || !out_.stat(rel, now) || !(now == r.out))
    return false;
  state_.keep_file(rel);
  return true;
}

void Build::record(const std::string& rel, std::int64_t key, FileStamp source, FileStamp out, State::FileKind kind) {
  state_.put_file(rel, {out, source, key}, kind);
  ++report_.files_written;
}

// Writes `text` as `rel` unless the file already holds what `key` stands for.
bool Build::write_if_changed(const std::string& rel, std::int64_t key, State::FileKind kind,
                             const std::function<void(std::string&)>& make) {
  if (up_to_date(rel, key, {})) return true;
  std::string text, why;
  make(text);
  FileStamp now;
  if (!out_.write(rel, text, why) || !out_.stat(rel, now)) {
    fail((o_.out / rel).string() + ": cannot write: " + why);
    return false;
  }
  record(rel, key, {}, now, kind);
  return true;
}

// Media are copied as they are, so that relative URLs work the same from the page and
// from the JSON beside it, once their first bytes say they are what their names say.
// Their extensions are never a page's, a feed's or one of Lede's.
void Build::copy_media() {
  site::WorkQueue<MediaJob, MediaDone> queue(
      workers(), [&](MediaJob& job) { return copy_one(job.rel); },
      [&](MediaDone& d) {
        if (!d.skipped.empty())
          skip(d.rel, d.skipped);
        else if (!d.error.empty())
          fail(shown(d.rel) + ": cannot copy: " + d.error);
        else
          record(d.rel, 0, d.source, d.out);
      });
  std::set<std::string> duplicates, seen;  // rare: "A.png" and "a.png"
  for (std::string& f : state_.folded_duplicates(State::kMedia)) duplicates.insert(std::move(f));
  state_.for_each_scanned(State::kMedia, [&](const std::string& rel, FileStamp stamp) {
    const std::string key = site::folded(rel);
    if (auto it = reserved_.find(key); it != reserved_.end()) {
      skip(rel, rel + " is " + it->second);
      return;
    }
    if (duplicates.count(key) && !seen.insert(key).second) {
      skip(rel, "another file's name differs only in case");
      return;
    }
    if (!up_to_date(rel, 0, stamp)) queue.push({rel});
  });
  queue.finish();
}

MediaDone Build::copy_one(const std::string& rel) const {
  MediaDone d;
  d.rel = rel;
  site::Fd fd;
  struct stat st;
  if (!in_.open_file(rel, fd, st, d.skipped)) return d;
  d.source = site::stamp_of(st);
  site::Media type = site::media_by_name(rel);
  std::string head = read_head(fd.get());
  if (!site::media_content_is(type, head)) {
    d.skipped = std::string("its content is not ") + site::media_label(type);
    return d;
  }
  site::OutputFile f = out_.begin(rel, d.error);
  if (!f) return d;
  f.append(head);
  f.append_file(fd.get());
  if (f.commit(d.error)) out_.stat(rel, d.out);
  return d;
}

// Articles whose file, page or JSON changed since the last build are rendered (on the
// workers) and their records put; the others are only counted.
void Build::render_articles() {
  std::int64_t total = state_.scanned(State::kArticle);
  std::int64_t done = 0;
  auto progress = [&] {
    ++done;
    if (o_.on_progress) o_.on_progress(done, total);
  };
  site::WorkQueue<ArticleJob, ArticleDone> queue(
      workers(), [&](ArticleJob& job) { return render_one(job); },
      [&](ArticleDone& d) {
        for (std::string& m : d.messages) message(std::move(m));
        if (!d.ok) {
          fail(d.error);
          state_.drop_article(d.name);
        } else if (d.same) {  // only its stamp changed: the files stay as they are
          state_.put_article_stamps(d.name, d.stamp, d.page, d.json);
          ++report_.unchanged;
          ++report_.pages;
        } else {
          state_.put_article(d.listed, d.stamp, d.page, d.json);
          report_.files_written += 2;
          ++report_.rendered;
          ++report_.pages;
        }
        progress();
      });
  // Each article's page and JSON are named after its file, unless that name is taken:
  // by a generated file or one of Lede's (index.json's page would be the index,
  // feed.json would be the JSON Feed), or by an article before it in name order whose
  // name differs only in case. Then NAME-article, NAME-article-2, … So the same folder
  // always gets the same names. Only the rare clashes are held in memory.
  std::set<std::string> duplicates, seen, renamed;
  for (std::string& f : state_.folded_duplicates(State::kArticle)) duplicates.insert(std::move(f));
  auto clash = [&](const std::string& stem, bool natural) -> std::string {
    const std::string f = site::folded(stem);
    for (const char* ext : {".html", ".json"})
      if (auto it = reserved_.find(f + ext); it != reserved_.end()) return stem + ext + " is " + it->second;
    if (renamed.count(f) || (!natural && state_.scanned_folded(State::kArticle, f + ".json")))
      return stem + ".html is another article's";
    if (natural && duplicates.count(f + ".json") && !seen.insert(f).second)
      return stem + ".html is another article's (their names differ only in case)";
    return "";
  };
  // `stem`: the name its page and JSON have unless that is taken. `natural`: a file's
  // own name (an item's name, made from its feed's and its own, comes after every file's).
  auto place = [&](const std::string& name, const std::string& stem, FileStamp stamp, bool natural,
                   const State::ArticleRecord* known) {
    std::string slug = stem;
    if (std::string why = clash(stem, natural); !why.empty()) {
      for (int n = 1; n == 1 || !clash(slug, false).empty(); ++n)
        slug = stem + "-article" + (n > 1 ? "-" + std::to_string(n) : "");
      renamed.insert(site::folded(slug));
      message(shown_article(name) + ": warning: published as " + slug + ".html and " + slug + ".json (" + why + ")");
    }
    if (known && known->slug != slug) {
      state_.orphan(known->slug + ".html");
      state_.orphan(known->slug + ".json");
    }
    FileStamp page, json;
    const bool intact = state_.trusted() && known && known->slug == slug && out_.stat(slug + ".html", page) &&
                        page == known->page && out_.stat(slug + ".json", json) && json == known->json;
    if (intact && known->source == stamp) {
      ++report_.unchanged;
      ++report_.pages;
      progress();
      return;
    }
    queue.push({name, slug, stamp, page, json, intact ? known->hash : 0});
  };
  // A feed or a list is read here, on this thread, for the names of its items: feeds are
  // few, and each is read again (by the workers) only for the items that changed.
  struct Feed {
    std::string name;
    FileStamp stamp;
    std::vector<Item> items;
  };
  std::vector<Feed> feeds;
  state_.for_each_scanned(State::kArticle, [&](const std::string& name, FileStamp stamp) {
    State::ArticleRecord r;
    const bool known = state_.article(name, r);
    if (may_be_feed(name, known && r.source == stamp)) {
      Feed feed{name, stamp, {}};
      site::Fd fd;
      struct stat st;
      std::string input, why;
      if (!in_.open_file(name, fd, st, why) || !read_all(fd.get(), o_.render.limits.max_input_bytes, input, why)) {
        fail(shown(name) + ": " + why);
        --total;
        return;
      }
      const Result listed = list_items(input, feed.items, o_.render);
      if (listed.ok() && !feed.items.empty()) {
        feed.stamp = site::stamp_of(st);
        if (known) state_.drop_article(name);  // published as one article before
        total += static_cast<std::int64_t>(feed.items.size()) - 1;
        feeds.push_back(std::move(feed));
        return;
      }
      if (feed_extension(name)) {
        const Problem* first = listed.first_error();
        skip(name, "not a feed Lede reads (" + (first ? first->to_string() : std::string("no items")) + ")");
        --total;
        return;
      }
    }
    place(name, stem_of(name), stamp, true, known ? &r : nullptr);
  });
  // Each item is NAME/ITEM (its slug, else its index), published as STEM-ITEM.html.
  for (const Feed& feed : feeds)
    for (std::size_t i = 0; i < feed.items.size(); ++i) {
      const std::string item = feed.items[i].slug.empty() ? std::to_string(i) : feed.items[i].slug;
      const std::string name = feed.name + "/" + item, stem = stem_of(feed.name) + "-" + item;
      State::ArticleRecord r;
      const bool known = state_.article(name, r);
      place(name, stem, feed.stamp, false, known ? &r : nullptr);
      state_.scan_add(State::kArticle, name, site::folded(stem + ".json"), feed.stamp);
    }
  queue.finish();
}

bool Build::may_be_feed(const std::string& name, bool unchanged_article) const {
  if (feed_extension(name)) return true;
  if (unchanged_article) return false;
  site::Fd fd;
  struct stat st;
  std::string why;
  if (!in_.open_file(name, fd, st, why)) return false;
  std::string head(4096, '\0');
  std::size_t got = 0;
  while (got < head.size()) {
    ssize_t n = ::read(fd.get(), &head[got], head.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  head.resize(got);
  std::size_t at = head.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  at = head.find_first_not_of(" \t\r\n", at);
  if (at == std::string::npos) return false;
  return head[at] == '[' || head.find("jsonfeed.org/version") != std::string::npos;
}

ArticleDone Build::render_one(const ArticleJob& job) const {
  ArticleDone d;
  d.name = job.name;
  site::Fd fd;
  struct stat st;
  std::string json, why;
  const auto [file, item] = split_item(job.name);
  if (!in_.open_file(file, fd, st, why) || !read_all(fd.get(), o_.render.limits.max_input_bytes, json, why)) {
    d.error = shown_article(job.name) + ": " + why;
    return d;
  }
  d.stamp = site::stamp_of(st);
  const std::int64_t hash = site::hash_of(json);
  if (job.known_hash != 0 && hash == job.known_hash) {  // touched, not changed
    d.ok = d.same = true;
    d.page = job.page;
    d.json = job.json;
    return d;
  }
  Options options = o_.render;
  options.item = item_option(json, item, options);
  Article a;
  Result r;
  Document doc(o_.render.nofollow);
  if (!read(json, options, a, r) || !lay_out(a, options, doc, r)) {
    const Problem* first = r.first_error();
    d.error = shown_article(job.name) + (first ? (first->line ? ":" : ": ") + first->to_string() : ": cannot read");
    return d;
  }
  for (const Problem& w : r.problems) d.messages.push_back(shown_article(job.name) + ": warning: " + w.to_string());
  std::string fragment, page;
  write_html(doc, fragment);
  const std::string site_name = !title_.empty() ? title_ : a.site ? a.site->name : "";
  const std::string canonical = base_.empty() ? "" : base_ + site::url_name(job.slug) + ".html";
  site::write_article_page(a, job.slug, fragment, site_name, canonical, site_, page);
  // The page's JSON is the article's file as it is, or for an item of a feed the item
  // alone, as Lede's article JSON.
  std::string item_json;
  if (!item.empty()) write_article_json(a, options, item_json);
  if (!out_.write(job.slug + ".json", item.empty() ? json : item_json, why) || !out_.stat(job.slug + ".json", d.json) ||
      !out_.write(job.slug + ".html", page, why) || !out_.stat(job.slug + ".html", d.page)) {
    d.error = (o_.out / job.slug).string() + ".html: cannot write: " + why;
    return d;
  }
  Listed& l = d.listed;
  l.name = job.name;
  l.slug = job.slug;
  l.title = a.title;
  l.dek = a.dek;
  l.published = a.published;
  l.updated = a.updated;
  l.section = a.section;
  l.lang = a.lang;
  l.dir = a.dir;
  l.site_name = a.site ? a.site->name : "";
  l.tags = a.tags;
  Instant t;
  l.dated = parse_iso_instant(a.published, t);
  l.epoch = l.dated ? t.epoch : 0;
  l.hash = hash;
  site::compute_hashes(l);
  d.ok = true;
  return d;
}

void Build::copy_assets() {
  for (const auto& [from, to] : assets_) {
    struct stat st;
    if (::stat(from.c_str(), &st) != 0) continue;
    if (up_to_date(to, 0, site::stamp_of(st))) continue;
    std::ifstream file(from, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    std::string why;
    FileStamp now;
    if (file.bad() || !out_.write(to, bytes, why) || !out_.stat(to, now))
      fail((o_.out / to).string() + ": cannot write: " + why);
    else
      record(to, 0, site::stamp_of(st), now);
  }
}

// What an earlier build wrote and this one did not: a removed article's page and JSON,
// a media file no longer in the folder, listing pages no longer needed.
void Build::remove_stale() {
  state_.remove_orphans([&](const std::string& rel) {
    if (out_.remove(rel)) ++report_.files_removed;
  });
  state_.drop_stale_files([&](const std::string& rel) {
    if (!out_.remove(rel)) return;
    ++report_.files_removed;
    if (rel.find('/') == std::string::npos && rel.size() > 4 && rel.compare(rel.size() - 4, 4, ".xml") == 0)
      message("removed " + rel + " left by an earlier build");
  });
}

}  // namespace lede::site

namespace lede {

SiteReport build_site(const SiteOptions& options) {
  SiteReport report;
  site::Build(options, report).run();
  return report;
}

}  // namespace lede
