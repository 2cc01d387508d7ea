// Issue 16 item 9: inputs shaped to make a parser quadratic take time and memory in
// proportion to their size. Each shape is rendered at 1 MB and at 8 MB (the default input
// limit), and beside it, in the same run, a benign body of the same size and tag density
// (paragraphs of flat inline markup). Every render runs in a child process of its own,
// which reports its CPU time and its peak resident memory over what it held before the
// render (VmHWM, reset once the input is built); each
// figure is the smallest of three runs. Only ratios are checked, never absolute times:
// a shape may take at most 3× its twin and its 8 MB input at most 10× its 1 MB one.
// The 10× for time is measured against the machine: where the benign twin itself grows by
// more than 8× from 1 MB to 8 MB (caches, a busy CI host: 9.5× and 9.96× were seen), a
// shape may grow by 1.5× the twin's growth. A quadratic shape grows by about 64×, and
// fails either way; a linear one failed the bare 10× in CI at 10.3× and 10.9×.
// Not run under the sanitizers, whose costs are not the code's.
#include <malloc.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <string>

#include <catch2/catch.hpp>

#include "helpers.hpp"

namespace {

struct Cost {
  double seconds = 0;
  double kilobytes = 0;
};

// A line of /proc/self/status in kB: VmRSS (resident now), VmHWM (the peak since the
// last reset).
long status_kilobytes(const char* field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.compare(0, std::strlen(field), field) == 0) return std::atol(line.c_str() + std::strlen(field) + 1);
  return 0;
}

// Makes VmHWM start again from what is resident now (Linux 4.0 and later), so that the
// peak measured is the render's, not that of building its input.
// Freed memory goes back to the system first, so that every render starts from the same
// state (a heap left warm by building the input made the small renders look smaller).
void reset_peak() {
  malloc_trim(0);
  std::ofstream("/proc/self/clear_refs") << "5";
}

// Renders make_json() in a child process: its CPU time and peak resident memory over
// what it held before the render.
Cost measure_once(const std::function<std::string()>& make_json, bool keep_safe_html) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    alarm(120);  // a quadratic shape takes hours at 8 MB: it fails here instead
    std::string json = make_json();
    lede::Options options;
    options.keep_safe_html = keep_safe_html;
    reset_peak();
    long before = status_kilobytes("VmRSS:");
    timespec t0{}, t1{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
    std::string html;
    lede::Result r = lede::render_html(json, html, options);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
    long peak = status_kilobytes("VmHWM:");
    Cost c;
    c.seconds = static_cast<double>(t1.tv_sec - t0.tv_sec) + static_cast<double>(t1.tv_nsec - t0.tv_nsec) * 1e-9;
    c.kilobytes = static_cast<double>(std::max(0L, peak - before));
    if (!r.ok()) c.seconds = -1;  // refused: the test fails
    ssize_t written = write(fds[1], &c, sizeof c);
    _exit(written == static_cast<ssize_t>(sizeof c) ? 0 : 1);
  }
  close(fds[1]);
  Cost c;
  ssize_t got = read(fds[0], &c, sizeof c);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(got == static_cast<ssize_t>(sizeof c));
  REQUIRE(WIFEXITED(status));
  REQUIRE(c.seconds >= 0);
  return c;
}

Cost measure(const std::function<std::string()>& make_json, bool keep_safe_html = false) {
  Cost best{1e9, 1e18};
  for (int run = 0; run < 3; ++run) {
    Cost c = measure_once(make_json, keep_safe_html);
    best.seconds = std::min(best.seconds, c.seconds);
    best.kilobytes = std::min(best.kilobytes, c.kilobytes);
  }
  // Below a millisecond and a megabyte the figures are mostly noise; a floor keeps the
  // ratios meaningful.
  best.seconds = std::max(best.seconds, 1e-3);
  best.kilobytes = std::max(best.kilobytes, 1024.0);
  return best;
}

std::string repeat(const std::string& unit, std::size_t size) {
  std::string out;
  out.reserve(size + unit.size());
  while (out.size() + unit.size() <= size) out += unit;
  return out;
}

std::size_t count_tags(const std::string& html) { return static_cast<std::size_t>(std::count(html.begin(), html.end(), '<')); }

// Paragraphs of flat inline markup with words in every element, `size` bytes with about
// `tags` tags: <p><b>w</b> … (eight of them) </p>, the words as long as that density
// allows (at least one letter).
std::string benign(std::size_t size, std::size_t tags) {
  const double bytes_per_tag = static_cast<double>(size) / static_cast<double>(std::max<std::size_t>(tags, 1));
  const double fixed = 3 + 8 * (3 + 4 + 1) + 4;  // the tags and spaces of a paragraph: 18 tags
  std::size_t word = static_cast<std::size_t>(std::max(1.0, (18 * bytes_per_tag - fixed) / 8));
  word = std::min(word, size > 2 * fixed ? (size - static_cast<std::size_t>(fixed)) / 8 : 1);  // one paragraph at least
  std::string unit = "<p>";
  for (int k = 0; k < 8; ++k) {
    std::string w;
    for (std::size_t i = 0; i < word; ++i) w += static_cast<char>('a' + (i + static_cast<std::size_t>(k)) % 26);
    unit += "<b>" + w + "</b> ";
  }
  unit += "</p>";
  return repeat(unit, size);
}

std::string html_article(const std::string& body) {
  return "{\"title\":\"T\",\"body_format\":\"html\",\"body\":" + test::quote(body) + "}";
}
std::string markdown_article(const std::string& body) {
  return "{\"title\":\"T\",\"body\":" + test::quote(body) + "}";
}

std::string attributes(const std::string& tag, std::size_t size) {
  std::string out = "<" + tag;
  for (std::size_t k = 0; out.size() + 16 < size; ++k) out += " a" + std::to_string(k) + "=1";
  return out + " title=t>x</" + tag + ">";
}

struct Shape {
  const char* name;
  std::function<std::string(std::size_t)> body;  // of about that many bytes
  bool markdown = false;
};

const Shape kShapes[] = {
    {"<div> nested", [](std::size_t n) { return repeat("<div>", n); }},
    {"one <p> with every attribute", [](std::size_t n) { return attributes("p", n); }},
    {"<ul><li> nested", [](std::size_t n) { return repeat("<ul><li>", n); }},
    {"<noscript></noscript>", [](std::size_t n) { return repeat("<noscript></noscript>", n); }},
    {"<noscript> after ever deeper elements",
     [](std::size_t n) {
       std::size_t depth = n / 40;
       return repeat("<i>", depth * 3) + repeat("x</i><noscript></noscript>", depth * 26);
     }},
    {"<a><b> (gumbo's adoption agency)", [](std::size_t n) { return repeat("<a><b>", n); }},
    {"<table> then x<b>", [](std::size_t n) { return "<table>" + repeat("x<b>", n); }},
    {"a <b> with a 100 KB title reopened in every paragraph",
     [](std::size_t n) {
       std::string big = "<p><b title=\"" + std::string(100000, 'A') + "\">x</p>";
       return big + repeat("<p>x</p>", n - big.size());
     }},
    {"100 formatting elements reopened in every paragraph",
     [](std::size_t n) {
       std::string open = "<p>";
       for (int k = 0; k < 100; ++k) open += "<b class=c" + std::to_string(k) + ">";
       return open + "x</p>" + repeat("<p>x</p>", n - open.size());
     }},
    {"deep nesting after a misnested start", [](std::size_t n) { return "<p><b><div>" + repeat("<div><span>", n); }},
    {"keepSafeHtml: one <abbr> with every attribute", [](std::size_t n) { return attributes("abbr", n); }, true},
};

// The four measurements of a shape and the ratios the issue asks for. Timings on a busy
// machine are noisy: a shape whose ratios fail is measured again, up to five rounds, and
// each figure is the best seen (a real quadratic shape fails every round, by far).
struct Round {
  Cost twin, small, large_twin, large;
  // How much more time the 8 MB input may take than the 1 MB one (see the top).
  double growth_allowed() const { return std::max(10.0, 1.5 * large_twin.seconds / twin.seconds); }
  bool ok() const {
    return small.seconds <= 3 * twin.seconds && small.kilobytes <= 3 * twin.kilobytes &&
           large.seconds <= 3 * large_twin.seconds && large.kilobytes <= 3 * large_twin.kilobytes &&
           large.seconds <= growth_allowed() * small.seconds && large.kilobytes <= 10 * small.kilobytes;
  }
};

Cost best(Cost a, Cost b) { return {std::min(a.seconds, b.seconds), std::min(a.kilobytes, b.kilobytes)}; }

}  // namespace

TEST_CASE("hostile HTML shapes grow linearly: at most 3x a benign body of their size, 8 MB at most 10x 1 MB or 1.5x the benign growth") {
  const std::size_t mb = 1000 * 1000;
  for (const Shape& shape : kShapes) {
    auto article = [&](const std::string& body) { return shape.markdown ? markdown_article(body) : html_article(body); };
    std::size_t tags = count_tags(shape.body(mb));
    Round r;
    for (int round = 0; round < 5; ++round) {
      Round m;
      m.twin = measure([&] { return article(benign(mb, tags)); }, shape.markdown);
      m.small = measure([&] { return article(shape.body(mb)); }, shape.markdown);
      m.large_twin = measure([&] { return article(benign(8 * mb, 8 * tags)); }, shape.markdown);
      m.large = measure([&] { return article(shape.body(8 * mb)); }, shape.markdown);
      r = round == 0 ? m : Round{best(r.twin, m.twin), best(r.small, m.small), best(r.large_twin, m.large_twin),
                                 best(r.large, m.large)};
      if (r.ok()) break;
    }
    char line[500];
    std::snprintf(line, sizeof line,
                  "%-55s 1 MB: %7.1f ms %7.0f KB (benign %7.1f ms %7.0f KB) | 8 MB: %7.1f ms %8.0f KB (benign %7.1f ms "
                  "%8.0f KB)",
                  shape.name, r.small.seconds * 1e3, r.small.kilobytes, r.twin.seconds * 1e3, r.twin.kilobytes,
                  r.large.seconds * 1e3, r.large.kilobytes, r.large_twin.seconds * 1e3, r.large_twin.kilobytes);
    INFO(line);
    std::fprintf(stderr, "%s\n", line);
    CHECK(r.small.seconds <= 3 * r.twin.seconds);
    CHECK(r.small.kilobytes <= 3 * r.twin.kilobytes);
    CHECK(r.large.seconds <= 3 * r.large_twin.seconds);
    CHECK(r.large.kilobytes <= 3 * r.large_twin.kilobytes);
    CHECK(r.large.seconds <= r.growth_allowed() * r.small.seconds);
    CHECK(r.large.kilobytes <= 10 * r.small.kilobytes);
  }
}
