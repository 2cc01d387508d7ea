// The native front door: `lede render|page|validate FILE|-`.
// Exit status: 0 success, 1 bad input, 2 bad usage.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>

#include "lede/lede.hpp"

namespace {

constexpr const char* kUsage =
    "usage: lede render FILE|-     print the article as an HTML fragment\n"
    "       lede page FILE|-       print a complete standalone HTML page\n"
    "       lede validate FILE|-   list every problem in the article\n"
    "FILE is article JSON (see docs/article-json.md); - reads standard input.\n";

int usage(const char* why) {
  if (why) std::fprintf(stderr, "lede: %s\n", why);
  std::fputs(kUsage, stderr);
  return 2;
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
  if (argc != 3) return usage(argc < 2 ? nullptr : "expected a command and one FILE");
  std::string command = argv[1], file = argv[2];
  if (command != "render" && command != "page" && command != "validate")
    return usage(("unknown command '" + command + "'").c_str());

  std::string name = file == "-" ? "<stdin>" : file;
  std::string json;
  if (!slurp(file, json)) {
    std::fprintf(stderr, "lede: %s: cannot read: %s\n", name.c_str(), std::strerror(errno));
    return 1;
  }

  std::string html;
  lede::Result result;
  if (command == "render")
    result = lede::render_html(json, html);
  else if (command == "page")
    result = lede::render_page(json, html);
  else
    result = lede::validate(json);

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
