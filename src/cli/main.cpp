// The native front door: `lede render|page|validate|convert FILE|-`, `lede site`.
// Exit status: 0 success, 1 bad input, 2 bad usage.
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
    "                                      a static site: a page per article, an index,\n"
    "                                      feeds, a sitemap and Lede's files\n"
    "FILE is article JSON (see docs/article-json.md) or an article in another format:\n"
    "an RSS or Atom feed, a JSON Feed (or one item), a WordPress REST post (or a list),\n"
    "schema.org JSON-LD, Apple News Format or Readability output; - reads standard input.\n"
    "options:\n"
    "  --item=N|ID               which article of a feed or list: N counts from 0\n"
    "                            (default 0), ID is an item's id, url or slug\n"
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
    "  --assets=DIR              Lede's web folder (default: the one it was built from)\n";

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

int site(const std::vector<std::string>& words, const lede::Options& options, const std::string& base_url,
         const std::string& title, const std::string& lang, const std::string& assets) {
  if (words.size() != 3) return usage("site needs ARTICLES_DIR and OUT_DIR");
  lede::SiteOptions o;
  o.articles = words[1];
  o.out = words[2];
  o.assets = assets.empty() ? LEDE_WEB_DIR : assets;
  o.base_url = base_url;
  o.title = title;
  o.lang = lang;
  o.render = options;
  lede::SiteReport r = lede::build_site(o);
  for (const auto& m : r.messages) std::fprintf(stderr, "lede: %s\n", m.c_str());
  if (r.ok) {
    std::string written;
    for (const auto& w : r.written) written += ", " + w;
    std::printf("%s: %zu article pages%s\n", words[2].c_str(), r.pages, written.c_str());
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
  std::string base_url, title, lang, assets;
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
    else if (!text_option(arg, "item", options.item) && !text_option(arg, "base-url", base_url) &&
             !text_option(arg, "title", title) &&
             !text_option(arg, "lang", lang) &&
             !text_option(arg, "assets", assets) &&
             !number_option(arg, "max-input-bytes", l.max_input_bytes) &&
             !number_option(arg, "max-json-depth", l.max_json_depth) &&
             !number_option(arg, "max-markdown-depth", l.max_markdown_depth) &&
             !number_option(arg, "max-output-bytes", l.max_output_bytes))
      return usage(("unknown or malformed option '" + arg + "'").c_str());
  }
  if (!words.empty() && words[0] == "site") return site(words, options, base_url, title, lang, assets);
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
