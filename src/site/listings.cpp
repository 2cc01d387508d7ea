// The listings of a site (the index, a page per section and per tag), its feeds and its
// sitemaps: written when what they show changed, left as they are otherwise.
#include <sys/stat.h>

#include <limits>
#include <memory>

#include "output/html_writer.hpp"
#include "pipeline.hpp"
#include "site/build.hpp"
#include "site/feeds.hpp"
#include "site/names.hpp"

namespace lede::site {

// A listing's pages as its entries go by in order (only their keys and hashes): at
// each page's end its fingerprint is complete, and the page is read whole and written
// only if that changed. The fingerprint is made of the page's entries and its place,
// so a change rewrites the pages that show it, not the others.
class Build::Pager {
 public:
  using Fetch = std::function<void(const OrderKey&, std::int64_t, const std::function<void(const Listed&)>&)>;
  Pager(Build& b, Listing l, Fetch fetch)
      : b_(b), l_(std::move(l)), fetch_(std::move(fetch)), pages_(page_count(l_.total, b.o_.page_size)) {}
  void add(const OrderKey& key, std::int64_t entry_hash) {
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
    if (number_ > 0 || l_.kind != ListingKind::index) return;
    number_ = 1;  // an empty site still has its index
    h_ = Hasher();
    h_.add("empty").add(b_.site_.title).add(b_.site_.lang).add(b_.site_.rss);
    flush();
  }

 private:
  void flush() {
    b_.write_if_changed(listing_path(l_, number_), h_.value(), State::kListingPage, [&](std::string& text) {
      std::vector<Listed> entries;
      if (count_ > 0) fetch_(first_key_, count_, [&](const Listed& a) { entries.push_back(a); });
      write_listing_page(l_, number_, pages_, first_, entries, b_.site_, text);
    });
    first_ += count_;
    count_ = 0;
  }
  Build& b_;
  Listing l_;
  Fetch fetch_;
  int pages_, number_ = 0, count_ = 0;
  std::int64_t first_ = 1;
  OrderKey first_key_;
  Hasher h_;
};

// The index, and a page per section and per tag, each `page_size` articles a page. On a
// rebuild, only the listings that an article added, removed or changed is (or was) in
// are read again; the pages of the others are kept as they are, once their files are
// found untouched (a page edited or removed by hand makes its listing dirty).
void Build::write_listings() {
  if (!state_.everything()) {
    state_.for_each_recorded(State::kListingPage, [&](const std::string& path, FileStamp recorded) {
      FileStamp now;
      if (out_.stat(path, now) && now == recorded) return;
      if (path == "index.html" || path.compare(0, 6, "pages/") == 0) {
        state_.mark_index_dirty();
      } else {
        const bool section = path.compare(0, 9, "sections/") == 0;
        const std::size_t from = section ? 9 : 5, slash = path.find('/', from);
        state_.mark_dirty(section ? State::kSection : State::kTag, path.substr(from, slash - from));
      }
    });
  }
  auto group_pager = [&](const State::Group& g) {
    Listing l;
    l.kind = g.kind == State::kSection ? ListingKind::section : ListingKind::tag;
    l.slug = g.slug;
    l.label = g.label;
    l.total = g.count;
    return std::make_unique<Pager>(*this, l, [this, kind = g.kind, slug = g.slug](
                                                 const OrderKey& from, std::int64_t n,
                                                 const std::function<void(const Listed&)>& visit) {
      state_.group_from(kind, slug, from, n, visit);
    });
  };
  if (state_.index_dirty()) {
    Listing index;
    index.total = state_.article_count();
    Pager pager(*this, index, [&](const OrderKey& from, std::int64_t n, const std::function<void(const Listed&)>& visit) {
      state_.articles_from(from, n, visit);
    });
    state_.scan_articles([&](const OrderKey& key, std::int64_t entry_hash, std::int64_t) { pager.add(key, entry_hash); });
    pager.end();
  }
  if (state_.everything()) {
    std::unique_ptr<Pager> group;
    state_.scan_groups(
        [&](const State::Group& g) {
          if (group) group->end();
          group = group_pager(g);
        },
        [&](const OrderKey& key, std::int64_t entry_hash) { group->add(key, entry_hash); });
    if (group) group->end();
  } else {
    state_.for_each_dirty_group([&](const State::Group& g) {
      auto pager = group_pager(g);
      state_.group_entries(g.kind, g.slug, [&](const OrderKey& key, std::int64_t entry_hash) { pager->add(key, entry_hash); });
      pager->end();
    });
    state_.keep_clean_listings(false);
  }
  report_.site_files.push_back("index");
  report_.sections = static_cast<std::size_t>(state_.listing_groups(State::kSection));
  report_.tags = static_cast<std::size_t>(state_.listing_groups(State::kTag));
}

// feed.json and rss.xml: the latest articles with their full content, rendered again
// for the feeds only when one of them (or the site's name, language or address) changed.
void Build::write_feeds() {
  std::vector<Listed> latest;
  OrderKey newest{0, std::numeric_limits<std::int64_t>::min(), ""};
  state_.articles_from(newest, o_.feed_items, [&](const Listed& a) { latest.push_back(a); });
  Hasher h;
  h.add(site_.title).add(site_.lang).add(base_);
  for (const Listed& a : latest) h.add_signed(a.hash).add_signed(a.entry_hash);
  const std::int64_t key = h.value();
  std::vector<FeedItem> items;
  auto rendered = [&]() -> const std::vector<FeedItem>& {
    if (!items.empty() || latest.empty()) return items;
    for (const Listed& a : latest) {
      FeedItem item{a, ""};
      std::string json, why;
      Fd fd;
      struct stat st;
      Result r;
      Document doc(o_.render.nofollow);
      const auto [file, which] = split_item(a.name);
      Options options = o_.render;
      if (in_.open_file(file, fd, st, why) && read_all(fd.get(), o_.render.limits.max_input_bytes, json, why) &&
          (options.item = item_option(json, which, options), tree_of(json, options, doc, r)))
        write_html(doc, item.html);
      items.push_back(std::move(item));
    }
    return items;
  };
  write_if_changed("feed.json", key, State::kOtherFile, [&](std::string& text) { write_json_feed(rendered(), site_, base_, text); });
  report_.site_files.push_back("feed.json");
  if (!base_.empty()) {
    write_if_changed("rss.xml", key, State::kOtherFile, [&](std::string& text) { write_rss(rendered(), site_, base_, text); });
    report_.site_files.push_back("rss.xml");
  }
}

// RSS links and sitemap locations must be absolute URLs; relative ones would make
// both files invalid, so without --base-url neither is written. With more URLs than
// one sitemap may hold, sitemap.xml is an index of sitemap-1.xml, sitemap-2.xml, …
void Build::write_sitemaps() {
  if (base_.empty()) {
    message("warning: rss.xml and sitemap.xml not written: they need absolute URLs; "
            "give --base-url=URL, where OUT_DIR will be published");
    // An earlier build with --base-url left them: kept, they would announce a feed and
    // pages that no longer match what was just written.
    for (const char* stale : {"rss.xml", "sitemap.xml"})
      if (out_.remove(stale)) message(std::string("removed ") + stale + " left by an earlier build");
    return;
  }
  // Nothing a sitemap shows changed, and the files are as they were: kept.
  if (!state_.everything()) {
    std::size_t recorded = 0;
    state_.for_each_recorded(State::kSitemap, [&](const std::string& path, FileStamp was) {
      FileStamp now;
      ++recorded;
      if (!out_.stat(path, now) || !(now == was)) state_.mark_sitemap_dirty();
    });
    if (recorded > 0 && !state_.sitemap_dirty()) {
      state_.keep_clean_listings(true);
      report_.site_files.push_back(recorded > 1 ? "sitemap.xml (" + std::to_string(recorded - 1) + " sitemaps)"
                                                : "sitemap.xml");
      return;
    }
  }
  // URLs per file: the option, and few enough that the longest possible entry (a file
  // name of 255 bytes, each percent-encoded) keeps a file under the protocol's 50 MB.
  const std::size_t longest = sitemap_url(base_, std::string(255 * 3 + 5, 'x'), "0000-00-00").size();
  const std::size_t room = kSitemapMaxBytes - sitemap_head().size() - sitemap_tail().size();
  const std::size_t per_file = std::min<std::size_t>(o_.sitemap_urls, room / longest);
  const std::size_t urls = static_cast<std::size_t>(state_.article_count()) + 1;  // the site itself first
  const std::size_t parts = (urls + per_file - 1) / per_file;
  auto name = [&](std::size_t i) { return parts > 1 ? "sitemap-" + std::to_string(i + 1) + ".xml" : std::string("sitemap.xml"); };
  std::size_t part = 0, in_part = 0;
  OrderKey first_key;
  bool home = true;
  Hasher h;
  auto flush = [&] {
    h.add(base_).add(part).add(parts);
    const std::string rel = name(part);
    const std::int64_t key = h.value();
    if (!up_to_date(rel, key, {})) {
      std::string why;
      OutputFile f = out_.begin(rel, why);
      if (f) {
        f.append(sitemap_head());
        if (part == 0) f.append(sitemap_url(base_, "./", ""));
        const std::size_t articles = in_part - (part == 0 ? 1 : 0);
        if (articles > 0)
          state_.articles_from(first_key, static_cast<std::int64_t>(articles), [&](const Listed& a) {
            f.append(sitemap_url(base_, url_name(a.slug) + ".html", last_change(a)));
          });
        f.append(sitemap_tail());
      }
      FileStamp now;
      if (!f || !f.commit(why) || !out_.stat(rel, now))
        fail((o_.out / rel).string() + ": cannot write: " + why);
      else
        record(rel, key, {}, now, State::kSitemap);
    }
    ++part;
    in_part = 0;
    h = Hasher();
  };
  h.add("home");
  in_part = 1;
  state_.scan_articles([&](const OrderKey& key, std::int64_t, std::int64_t map_hash) {
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
    write_if_changed("sitemap.xml", hi.value(), State::kSitemap, [&](std::string& text) { text = sitemap_index(base_, static_cast<int>(parts)); });
  }
  report_.site_files.push_back(parts > 1 ? "sitemap.xml (" + std::to_string(parts) + " sitemaps)" : "sitemap.xml");
}

}  // namespace lede::site
