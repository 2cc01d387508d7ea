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
#include "output/html_writer.hpp"
#include "pipeline.hpp"
#include "site/feeds.hpp"
#include "site/files.hpp"
#include "site/hash.hpp"
#include "site/media.hpp"
#include "site/names.hpp"
#include "site/pages.hpp"
#include "site/state.hpp"
#include "site/work_queue.hpp"
#include "site/xml_text.hpp"
#include "tree/url_policy.hpp"

namespace fs = std::filesystem;

namespace lede {
namespace {

using site::FileStamp;
using site::Hasher;
using site::Listed;
using site::State;

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
  if (!fs::exists(assets / "lede.js") || !fs::exists(assets / "dist" / "lede.wasm")) return files;
  for (const auto& item : fs::directory_iterator(assets, ec)) {
    const fs::path& p = item.path();
    std::string name = p.filename().string();
    bool runtime = (p.extension() == ".js") || name == "lede.css" || name == "site.css" || name == "reader.html" ||
                   name == "favicon.svg";
    if (item.is_regular_file() && runtime) files.emplace_back(p, name);
  }
  for (const char* dir : {"dist", "fonts"}) {
    if (!fs::is_directory(assets / dir)) continue;
    for (const auto& item : fs::recursive_directory_iterator(assets / dir, ec))
      if (item.is_regular_file()) files.emplace_back(item.path(), fs::relative(item.path(), assets).generic_string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

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

  void run() {
    if (!open()) return;
    scan();
    copy_media();
    render_articles();
    state_.drop_removed_articles();
    site_.title = !title_.empty() ? title_ : state_.newest_site_name();
    site_.lang = !lang_.empty() ? lang_ : state_.most_common_lang();
    write_listings();
    write_feeds();
    write_sitemaps();
    copy_assets();
    remove_stale();
    std::string why;
    if (!state_.finish(why)) fail((o_.out / State::kFileName).string() + ": " + why + " (the next build is a full one)");
  }

 private:
  void message(std::string m) {
    if (o_.on_message)
      o_.on_message(m);
    else
      report_.messages.push_back(std::move(m));
  }
  void fail(std::string m) {
    message(std::move(m));
    report_.ok = false;
  }
  std::string shown(const std::string& rel) const { return (o_.articles / rel).string(); }
  bool skip(const std::string& rel, const std::string& reason) {
    message(shown(rel) + ": warning: skipped: " + reason);
    return false;
  }

  bool open() {
    std::string why;
    if (!fs::is_directory(o_.articles) || !in_.open(o_.articles, why)) {
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
    title_ = site::valid_utf8(o_.title);
    lang_ = site::valid_utf8(o_.lang);
    if (!o_.base_url.empty()) {
      auto checked = check_url(o_.base_url, UrlKind::link);
      if (!checked || !is_external(*checked) || checked->compare(0, 2, "//") == 0) {
        fail("--base-url: not an absolute http or https URL: " + site::valid_utf8(o_.base_url));
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
    state_.begin(h.value(), o_.full);
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
  // .json files are articles, and only media files are published.
  void scan() {
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
          if (e.depth == 0 && e.rel.size() > 5 && e.rel.compare(e.rel.size() - 5, 5, ".json") == 0)
            state_.scan_add(State::kArticle, e.rel, site::folded(e.rel), e.stamp);
          else if (site::media_by_name(e.rel) != site::Media::none)
            state_.scan_add(State::kMedia, e.rel, site::folded(e.rel), e.stamp);
          else
            skip(e.rel, std::string("not a media file Lede publishes (") + site::media_list() +
                            "; articles are the .json files at the top)");
          return false;
        },
        out_.dev(), out_.ino());
  }

  unsigned workers() const {
    unsigned n = o_.threads ? o_.threads : std::thread::hardware_concurrency();
    return n ? n : 1;
  }

  // Whether `rel` is as the last build left it: same fingerprint, same source, and the
  // file itself untouched since. If so it stays part of the site.
  bool up_to_date(const std::string& rel, std::int64_t key, FileStamp source) {
    State::FileRecord r;
    FileStamp now;
    if (!state_.file(rel, r) || r.key != key || !(r.source == source) || !out_.stat(rel, now) || !(now == r.out))
      return false;
    state_.keep_file(rel);
    return true;
  }
  void record(const std::string& rel, std::int64_t key, FileStamp source, FileStamp out) {
    state_.put_file(rel, {out, source, key});
    ++report_.files_written;
  }
  // Writes `text` as `rel` unless the file already holds what `key` stands for.
  bool write_if_changed(const std::string& rel, std::int64_t key, const std::function<void(std::string&)>& make) {
    if (up_to_date(rel, key, {})) return true;
    std::string text, why;
    make(text);
    FileStamp now;
    if (!out_.write(rel, text, why) || !out_.stat(rel, now)) {
      fail((o_.out / rel).string() + ": cannot write: " + why);
      return false;
    }
    record(rel, key, {}, now);
    return true;
  }

  // Media are copied as they are, so that relative URLs work the same from the page and
  // from the JSON beside it, once their first bytes say they are what their names say.
  // Their extensions are never a page's, a feed's or one of Lede's.
  void copy_media() {
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

  MediaDone copy_one(const std::string& rel) const {
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

  // Each article's page and JSON are named after its file, unless that name is taken
  // (index.json's page would be the index, feed.json would be the JSON Feed): then
  // NAME-article, NAME-article-2, … Names are given in file-name order, so the same
  // folder always gets the same names.
  void render_articles() {
    const std::int64_t total = state_.scanned(State::kArticle);
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
    state_.for_each_scanned(State::kArticle, [&](const std::string& name, FileStamp stamp) {
      const std::string stem = name.substr(0, name.size() - 5);
      std::string slug = stem;
      if (std::string why = clash(stem, true); !why.empty()) {
        for (int n = 1; n == 1 || !clash(slug, false).empty(); ++n)
          slug = stem + "-article" + (n > 1 ? "-" + std::to_string(n) : "");
        renamed.insert(site::folded(slug));
        message(shown(name) + ": warning: published as " + slug + ".html and " + slug + ".json (" + why + ")");
      }
      State::ArticleRecord r;
      const bool known = state_.article(name, r);
      if (known && r.slug != slug) {
        state_.orphan(r.slug + ".html");
        state_.orphan(r.slug + ".json");
      }
      FileStamp page, json;
      const bool intact = state_.trusted() && known && r.slug == slug && out_.stat(slug + ".html", page) &&
                          page == r.page && out_.stat(slug + ".json", json) && json == r.json;
      if (intact && r.source == stamp) {
        ++report_.unchanged;
        ++report_.pages;
        progress();
        return;
      }
      queue.push({name, slug, stamp, page, json, intact ? r.hash : 0});
    });
    queue.finish();
  }

  ArticleDone render_one(const ArticleJob& job) const {
    ArticleDone d;
    d.name = job.name;
    site::Fd fd;
    struct stat st;
    std::string json, why;
    if (!in_.open_file(job.name, fd, st, why) || !read_all(fd.get(), o_.render.limits.max_input_bytes, json, why)) {
      d.error = shown(job.name) + ": " + why;
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
    Article a;
    Result r;
    Document doc(o_.render.nofollow);
    if (!read(json, o_.render, a, r) || !lay_out(a, o_.render, doc, r)) {
      const Problem* first = r.first_error();
      d.error = shown(job.name) + (first ? (first->line ? ":" : ": ") + first->to_string() : ": cannot read");
      return d;
    }
    for (const Problem& w : r.problems) d.messages.push_back(shown(job.name) + ": warning: " + w.to_string());
    std::string fragment, page;
    write_html(doc, fragment);
    const std::string site_name = !title_.empty() ? title_ : a.site ? a.site->name : "";
    const std::string canonical = base_.empty() ? "" : base_ + site::url_name(job.slug) + ".html";
    site::write_article_page(a, job.slug, fragment, site_name, canonical, site_, page);
    if (!out_.write(job.slug + ".json", json, why) || !out_.stat(job.slug + ".json", d.json) ||
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

  // A listing's pages as its entries go by in order (only their keys and hashes): at
  // each page's end its fingerprint is complete, and the page is read whole and written
  // only if that changed. The fingerprint is made of the page's entries and its place,
  // so a change rewrites the pages that show it, not the others.
  class Pager {
   public:
    using Fetch = std::function<void(const site::OrderKey&, std::int64_t, const std::function<void(const Listed&)>&)>;
    Pager(Build& b, site::Listing l, Fetch fetch)
        : b_(b), l_(std::move(l)), fetch_(std::move(fetch)), pages_(site::page_count(l_.total, b.o_.page_size)) {}
    void add(const site::OrderKey& key, std::int64_t entry_hash) {
      if (count_ == 0) {
        first_key_ = key;
        ++number_;
        h_ = Hasher();
        h_.add(static_cast<std::uint64_t>(l_.kind)).add(l_.slug).add(l_.label).add(l_.total);
        h_.add(static_cast<std::uint64_t>(number_)).add(static_cast<std::uint64_t>(pages_)).add(b_.site_.title);
        h_.add(b_.site_.lang).add(b_.site_.rss);
      }
      h_.add_signed(entry_hash);
      if (++count_ == b_.o_.page_size) flush();
    }
    void end() {
      if (count_ > 0) flush();
      if (number_ > 0) return;
      number_ = 1;  // an empty listing still has its first page
      h_ = Hasher();
      h_.add("empty").add(b_.site_.title).add(b_.site_.lang).add(b_.site_.rss);
      flush();
    }

   private:
    void flush() {
      b_.write_if_changed(site::listing_path(l_, number_), h_.value(), [&](std::string& text) {
        std::vector<Listed> entries;
        if (count_ > 0) fetch_(first_key_, count_, [&](const Listed& a) { entries.push_back(a); });
        site::write_listing_page(l_, number_, pages_, first_, entries, b_.site_, text);
      });
      first_ += count_;
      count_ = 0;
    }
    Build& b_;
    site::Listing l_;
    Fetch fetch_;
    int pages_, number_ = 0, count_ = 0;
    std::int64_t first_ = 1;
    site::OrderKey first_key_;
    Hasher h_;
  };

  // The index, and a page per section and per tag, each `page_size` articles a page.
  void write_listings() {
    site::Listing index;
    index.total = state_.article_count();
    Pager pager(*this, index, [&](const site::OrderKey& from, std::int64_t n, const std::function<void(const Listed&)>& visit) {
      state_.articles_from(from, n, visit);
    });
    state_.scan_articles([&](const site::OrderKey& key, std::int64_t entry_hash, std::int64_t) { pager.add(key, entry_hash); });
    pager.end();
    report_.site_files.push_back("index");
    std::unique_ptr<Pager> group;
    state_.scan_groups(
        [&](const State::Group& g) {
          if (group) group->end();
          site::Listing l;
          l.kind = g.kind == State::kSection ? site::ListingKind::section : site::ListingKind::tag;
          l.slug = g.slug;
          l.label = g.label;
          l.total = g.count;
          ++(g.kind == State::kSection ? report_.sections : report_.tags);
          group = std::make_unique<Pager>(*this, l, [this, kind = g.kind, slug = g.slug](
                                                        const site::OrderKey& from, std::int64_t n,
                                                        const std::function<void(const Listed&)>& visit) {
            state_.group_from(kind, slug, from, n, visit);
          });
        },
        [&](const site::OrderKey& key, std::int64_t entry_hash) { group->add(key, entry_hash); });
    if (group) group->end();
  }

  // feed.json and rss.xml: the latest articles with their full content, rendered again
  // for the feeds only when one of them (or the site's name, language or address) changed.
  void write_feeds() {
    std::vector<Listed> latest;
    site::OrderKey newest{0, std::numeric_limits<std::int64_t>::min(), ""};
    state_.articles_from(newest, o_.feed_items, [&](const Listed& a) { latest.push_back(a); });
    Hasher h;
    h.add(site_.title).add(site_.lang).add(base_);
    for (const Listed& a : latest) h.add_signed(a.hash).add_signed(a.entry_hash);
    const std::int64_t key = h.value();
    std::vector<site::FeedItem> items;
    auto rendered = [&]() -> const std::vector<site::FeedItem>& {
      if (!items.empty() || latest.empty()) return items;
      for (const Listed& a : latest) {
        site::FeedItem item{a, ""};
        std::string json, why;
        site::Fd fd;
        struct stat st;
        Result r;
        Document doc(o_.render.nofollow);
        if (in_.open_file(a.name, fd, st, why) && read_all(fd.get(), o_.render.limits.max_input_bytes, json, why) &&
            tree_of(json, o_.render, doc, r))
          write_html(doc, item.html);
        items.push_back(std::move(item));
      }
      return items;
    };
    write_if_changed("feed.json", key, [&](std::string& text) { site::write_json_feed(rendered(), site_, base_, text); });
    report_.site_files.push_back("feed.json");
    if (!base_.empty()) {
      write_if_changed("rss.xml", key, [&](std::string& text) { site::write_rss(rendered(), site_, base_, text); });
      report_.site_files.push_back("rss.xml");
    }
  }

  // RSS links and sitemap locations must be absolute URLs; relative ones would make
  // both files invalid, so without --base-url neither is written. With more URLs than
  // one sitemap may hold, sitemap.xml is an index of sitemap-1.xml, sitemap-2.xml, …
  void write_sitemaps() {
    if (base_.empty()) {
      message("warning: rss.xml and sitemap.xml not written: they need absolute URLs; "
              "give --base-url=URL, where OUT_DIR will be published");
      // An earlier build with --base-url left them: kept, they would announce a feed and
      // pages that no longer match what was just written.
      for (const char* stale : {"rss.xml", "sitemap.xml"})
        if (out_.remove(stale)) message(std::string("removed ") + stale + " left by an earlier build");
      return;
    }
    // URLs per file: the option, and few enough that the longest possible entry (a file
    // name of 255 bytes, each percent-encoded) keeps a file under the protocol's 50 MB.
    const std::size_t longest = site::sitemap_url(base_, std::string(255 * 3 + 5, 'x'), "0000-00-00").size();
    const std::size_t room = site::kSitemapMaxBytes - site::sitemap_head().size() - site::sitemap_tail().size();
    const std::size_t per_file = std::min<std::size_t>(o_.sitemap_urls, room / longest);
    const std::size_t urls = static_cast<std::size_t>(state_.article_count()) + 1;  // the site itself first
    const std::size_t parts = (urls + per_file - 1) / per_file;
    auto name = [&](std::size_t i) { return parts > 1 ? "sitemap-" + std::to_string(i + 1) + ".xml" : std::string("sitemap.xml"); };
    std::size_t part = 0, in_part = 0;
    site::OrderKey first_key;
    bool home = true;
    Hasher h;
    auto flush = [&] {
      h.add(base_).add(part).add(parts);
      const std::string rel = name(part);
      const std::int64_t key = h.value();
      if (!up_to_date(rel, key, {})) {
        std::string why;
        site::OutputFile f = out_.begin(rel, why);
        if (f) {
          f.append(site::sitemap_head());
          if (part == 0) f.append(site::sitemap_url(base_, "./", ""));
          const std::size_t articles = in_part - (part == 0 ? 1 : 0);
          if (articles > 0)
            state_.articles_from(first_key, static_cast<std::int64_t>(articles), [&](const Listed& a) {
              f.append(site::sitemap_url(base_, site::url_name(a.slug) + ".html", site::last_change(a)));
            });
          f.append(site::sitemap_tail());
        }
        FileStamp now;
        if (!f || !f.commit(why) || !out_.stat(rel, now))
          fail((o_.out / rel).string() + ": cannot write: " + why);
        else
          record(rel, key, {}, now);
      }
      ++part;
      in_part = 0;
      h = Hasher();
    };
    h.add("home");
    in_part = 1;
    state_.scan_articles([&](const site::OrderKey& key, std::int64_t, std::int64_t map_hash) {
      if (in_part == per_file) flush();
      if (in_part == 0 || (home && in_part == 1)) first_key = key;
      home = false;
      h.add_signed(map_hash);
      ++in_part;
    });
    flush();
    if (parts > 1) {
      Hasher hi;
      hi.add("index").add(base_).add(parts);
      write_if_changed("sitemap.xml", hi.value(), [&](std::string& text) { text = site::sitemap_index(base_, static_cast<int>(parts)); });
    }
    report_.site_files.push_back(parts > 1 ? "sitemap.xml (" + std::to_string(parts) + " sitemaps)" : "sitemap.xml");
  }

  void copy_assets() {
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
  void remove_stale() {
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

  const SiteOptions& o_;
  SiteReport& report_;
  site::InputDir in_;
  site::OutputDir out_;
  State state_;
  std::string base_, title_, lang_;
  site::SiteInfo site_;
  std::vector<std::pair<fs::path, std::string>> assets_;
  std::map<std::string, std::string> reserved_;  // folded name → what has it
};

}  // namespace

SiteReport build_site(const SiteOptions& options) {
  SiteReport report;
  Build(options, report).run();
  return report;
}

}  // namespace lede
