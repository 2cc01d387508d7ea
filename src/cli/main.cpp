// The native front door: `lede render|page|validate|convert FILE|-`, `lede site`.
// Exit status: 0 success, 1 bad input, 2 bad usage.
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "lede/lede.hpp"
#include "site/site_builder.hpp"

namespace {

constexpr const char* kUsage =
    "usage: lede [OPTIONS] render FILE|-     print the article as an HTML fragment\n"
    "       lede [OPTIONS] page FILE|-       print a complete standalone HTML page\n"
    "       lede [OPTIONS] validate FILE|-   list every problem in the article\n"
    "       lede [OPTIONS] convert FILE|-    print the article as Lede's own article JSON\n"
    "       lede [OPTIONS] items FILE|-      list the articles of a feed or list, one a\n"
    "                                      line: index, slug, id, url and title,\n"
    "                                      separated by tabs\n"
    "       lede [OPTIONS] site ARTICLES_DIR OUT_DIR\n"
    "                                      a static site: a page per article (and per\n"
    "                                      item of a feed or list), an index, feeds, a\n"
    "                                      sitemap and Lede's files\n"
    "FILE is article JSON (see docs/article-json.md) or an article in another format:\n"
    "an RSS or Atom feed, a JSON Feed (or one item), a WordPress REST post (or a list),\n"
    "schema.org JSON-LD, Apple News Format or Readability output; - reads standard input.\n"
    "options:\n"
    "  --item=N|ID               which article of a feed or list: N counts from 0\n"
    "                            (default 0), ID is an item's id, url or slug\n"
    "                            (not for site, which publishes every item)\n"
    "  --keep-safe-html          keep sup, sub, kbd, mark, br, abbr, details, summary,\n"
    "                            figure and figcaption from raw HTML in the body\n"
    "  --nofollow                add rel=\"nofollow ugc\" to links that leave the page\n"
    "  --max-input-bytes=N       default 8388608\n"
    "  --max-json-depth=N        default 64\n"
    "  --max-markdown-depth=N    default 64\n"
    "  --max-output-bytes=N      default 67108864\n"
    "site options:\n"
    "  --base-url=URL            where OUT_DIR will be published (absolute URLs in\n"
    "                            the feeds and the sitemap; pages always link\n"
    "                            relatively). Without it rss.xml and sitemap.xml,\n"
    "                            which need absolute URLs, are not written\n"
    "  --title=TEXT              the site's name (default: the articles' site.name)\n"
    "  --lang=TAG                the index's language (default: the articles' most\n"
    "                            common one, else en)\n"
    "  --assets=DIR              Lede's web folder (default: the one it was built from)\n"
    "  --page-size=N             articles per listing page (default 50)\n"
    "  --feed-items=N            the latest N articles in feed.json and rss.xml\n"
    "                            (default 50)\n"
    "  --sitemap-urls=N          URLs per sitemap file (default and most 50000)\n"
    "  --full                    rebuild everything, not only what changed\n"
    "  --threads=N               rendering threads (default: one per core)\n"
    "ARTICLES_DIR's top-level .json files are articles; its RSS and Atom files\n"
    "(.xml, .rss, .atom), JSON Feeds and WordPress lists give an article per item.\n"
    "A build into an OUT_DIR built before renders and writes only what changed\n"
    "(OUT_DIR/.lede-site.sqlite remembers; deleting it means a full build). On a\n"
    "terminal, a progress line on stderr.\n";

int usage(const char* why) {
  if (why) std::fprintf(stderr, "lede: %s\n", why);
  std::fputs(kUsage, stderr);
  return 2;
}

// Reads "--name=TEXT" into `out`.
bool text_option(const std::string& arg, const char* name, std::string& out) {
  std::string prefix = std::string("--") + name + "=";
  if (arg.compare(0, prefix.size(), prefix) != 0) return false;
  out = arg.substr(prefix.size());
  return true;
}

struct SiteFlags {
  std::string base_url, title, lang, assets;
  std::size_t page_size = 50, feed_items = 50, sitemap_urls = 50000, threads = 0;
  bool full = false;
};

// Which build of Lede this is: its version, and the size and modification time of its
// own binary, so that a rebuilt `lede` rebuilds every page (the site remembers it; see
// src/site/state.hpp).
std::string generator() {
  std::string id = "lede " LEDE_VERSION;
  struct stat st;
  if (::stat("/proc/self/exe", &st) == 0)
    id += " " + std::to_string(st.st_size) + " " + std::to_string(st.st_mtim.tv_sec) + "." +
          std::to_string(st.st_mtim.tv_nsec);
  return id;
}

// The progress line, on a terminal only: redrawn in place at most ten times a second,
// cleared before any other line is written.
class Progress {
 public:
  Progress() : on_(isatty(2)), start_(std::chrono::steady_clock::now()) {}
  void update(std::int64_t done, std::int64_t total) {
    if (!on_) return;
    auto now = std::chrono::steady_clock::now();
    if (done < total && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    double seconds = std::chrono::duration<double>(now - start_).count();
    double rate = seconds > 0 ? done / seconds : 0;
    char line[160];
    int left = rate > 0 ? static_cast<int>((total - done) / rate) : 0;
    std::snprintf(line, sizeof line, "\r\x1b[Klede: %lld/%lld articles, %.0f/s, %d:%02d left",
                  static_cast<long long>(done), static_cast<long long>(total), rate, left / 60, left % 60);
    std::fputs(line, stderr);
    shown_ = true;
  }
  void clear() {
    if (shown_) std::fputs("\r\x1b[K", stderr);
    shown_ = false;
  }

 private:
  bool on_, shown_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

int site(const std::vector<std::string>& words, const lede::Options& options, const SiteFlags& f) {
  if (words.size() != 3) return usage("site needs ARTICLES_DIR and OUT_DIR");
  if (!options.item.empty()) return usage("site publishes every item of a feed or list: --item is not for site");
  if (f.page_size < 1 || f.feed_items < 1 || f.sitemap_urls < 1 || f.sitemap_urls > 50000 || f.page_size > 100000 ||
      f.feed_items > 100000 || f.threads > 1024)
    return usage("--page-size and --feed-items need 1 to 100000, --sitemap-urls 1 to 50000, --threads at most 1024");
  lede::SiteOptions o;
  o.articles = words[1];
  o.out = words[2];
  o.assets = f.assets.empty() ? LEDE_WEB_DIR : f.assets;
  o.base_url = f.base_url;
  o.title = f.title;
  o.lang = f.lang;
  o.render = options;
  o.generator = generator();
  o.full = f.full;
  o.page_size = static_cast<int>(f.page_size);
  o.feed_items = static_cast<int>(f.feed_items);
  o.sitemap_urls = f.sitemap_urls;
  o.threads = static_cast<unsigned>(f.threads);
  Progress progress;
  o.on_message = [&](const std::string& m) {
    progress.clear();
    std::fprintf(stderr, "lede: %s\n", m.c_str());
  };
  o.on_progress = [&](std::int64_t done, std::int64_t total) { progress.update(done, total); };
  lede::SiteReport r = lede::build_site(o);
  progress.clear();
  if (r.ok) {
    std::string written;
    for (const auto& w : r.site_files) written += ", " + w;
    std::printf("%s: %zu article pages%s; %zu sections, %zu tags; %zu rendered, %zu unchanged; %zu files written, %zu removed\n",
                words[2].c_str(), r.pages, written.c_str(), r.sections, r.tags, r.rendered, r.unchanged, r.files_written,
                r.files_removed);
  }
  return r.ok ? 0 : 1;
}

// Reads "--name=N" into `out`; false if `arg` is another option or N is not a number.
bool number_option(const std::string& arg, const char* name, std::size_t& out) {
  std::string prefix = std::string("--") + name + "=";
  if (arg.compare(0, prefix.size(), prefix) != 0) return false;
  std::string digits = arg.substr(prefix.size());
  if (digits.empty() || digits.size() > 15 || digits.find_first_not_of("0123456789") != std::string::npos)
    return false;
  out = std::stoull(digits);
  return true;
}


bool slurp(const std::string& file, std::string& out) {
  if (file == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    out = ss.str();
    return !std::cin.bad();
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

// "lede: FILE:3:14: message" for positioned problems, "lede: FILE: path: message"
// otherwise, as compilers do.
void report(const std::string& name, const lede::Problem& p) {
  std::fprintf(stderr, "lede: %s:%s%s%s\n", name.c_str(), p.line ? "" : " ",
               p.warning ? "warning: " : "", p.to_string().c_str());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && (!std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h"))) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  lede::Options options;
  SiteFlags f;
  std::vector<std::string> words;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
      words.push_back(arg);
      continue;
    }
    lede::Limits& l = options.limits;
    if (arg == "--keep-safe-html")
      options.keep_safe_html = true;
    else if (arg == "--nofollow")
      options.nofollow = true;
    else if (arg == "--full")
      f.full = true;
    else if (!text_option(arg, "item", options.item) && !text_option(arg, "base-url", f.base_url) &&
             !text_option(arg, "title", f.title) && !text_option(arg, "lang", f.lang) &&
             !text_option(arg, "assets", f.assets) && !number_option(arg, "page-size", f.page_size) &&
             !number_option(arg, "feed-items", f.feed_items) && !number_option(arg, "sitemap-urls", f.sitemap_urls) &&
             !number_option(arg, "threads", f.threads) &&
             !number_option(arg, "max-input-bytes", l.max_input_bytes) &&
             !number_option(arg, "max-json-depth", l.max_json_depth) &&
             !number_option(arg, "max-markdown-depth", l.max_markdown_depth) &&
             !number_option(arg, "max-output-bytes", l.max_output_bytes))
      return usage(("unknown or malformed option '" + arg + "'").c_str());
  }
  if (!words.empty() && words[0] == "site") return site(words, options, f);
  if (words.size() != 2) return usage(words.empty() ? nullptr : "expected a command and one FILE");
  std::string command = words[0], file = words[1];
  if (command != "render" && command != "page" && command != "validate" && command != "convert" &&
      command != "items")
    return usage(("unknown command '" + command + "'").c_str());

  std::string name = file == "-" ? "<stdin>" : file;
  std::string json;
  if (!slurp(file, json)) {
    std::fprintf(stderr, "lede: %s: cannot read: %s\n", name.c_str(), std::strerror(errno));
    return 1;
  }

  std::string html;
  lede::Result result;
  if (command == "items") {
    std::vector<lede::Item> items;
    result = lede::list_items(json, items, options);
    if (!result.ok()) {
      report(name, *result.first_error());
      return 1;
    }
    for (const auto& p : result.problems) report(name, p);
    // One line each, tabs between the fields: a tab or line break inside one would
    // break the line, so each becomes a space.
    auto field = [](std::string s) {
      for (char& c : s)
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
      return s;
    };
    for (std::size_t i = 0; i < items.size(); ++i) {
      const lede::Item& it = items[i];
      std::printf("%zu\t%s\t%s\t%s\t%s\n", i, field(it.slug).c_str(), field(it.id).c_str(), field(it.url).c_str(),
                  field(it.title).c_str());
    }
    return std::fflush(stdout) == 0 ? 0 : 1;
  }
  if (command == "render")
    result = lede::render_html(json, html, options);
  else if (command == "page")
    result = lede::render_page(json, html, options);
  else if (command == "convert")
    result = lede::convert(json, html, options);
  else
    result = lede::validate(json, options);

  if (command == "validate") {
    for (const auto& p : result.problems) report(name, p);
    if (result.problems.empty()) std::printf("%s: ok\n", name.c_str());
    return result.ok() ? 0 : 1;
  }
  if (!result.ok()) {
    // One line: the first error; `lede validate` lists them all.
    lede::Problem first = *result.first_error();
    std::size_t errors = 0;
    for (const auto& p : result.problems) errors += !p.warning;
    if (errors > 1)
      first.message += " (and " + std::to_string(errors - 1) + " more: see lede validate)";
    report(name, first);
    return 1;
  }
  for (const auto& p : result.problems) report(name, p);
  std::fwrite(html.data(), 1, html.size(), stdout);
  if (command == "render") std::fputc('\n', stdout);
  return std::fflush(stdout) == 0 ? 0 : 1;
}
