// Native throughput of Lede (JSON → HTML, JSON → DOM ops, and each stage alone) against
// md4c's own HTML renderer (the core of md2html) on the same Markdown bodies.
//
//   build/bench/bench/native/lede_bench [--benchmark_*]   inputs from build/bench/inputs/
//   LEDE_BENCH_INPUTS=dir overrides the folder (written by `node bench/inputs.mjs`).
//
// Every benchmark reports bytes/s over the bytes it is given: article JSON for the
// lede/* end-to-end and per-stage rows, the Markdown body for markdown/md4c rows.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "input/article_reader.hpp"
#include "input/json_value.hpp"
#include "layout/article_view.hpp"
#include "lede/lede.hpp"
#include "markdown/markdown_to_tree.hpp"
#include "pipeline.hpp"
#include "md4c-html.h"
#include "output/html_writer.hpp"
#include "output/op_writer.hpp"

namespace {

struct Input {
  std::string name, json, body;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "lede_bench: cannot read %s (run node bench/inputs.mjs)\n", path.c_str());
    std::exit(2);
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Lede's md4c flags (src/markdown/markdown_to_tree.cpp), so md4c parses the same dialect.
constexpr unsigned kLedeFlags = MD_FLAG_NOHTML | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH |
                                MD_FLAG_TASKLISTS | MD_FLAG_PERMISSIVEAUTOLINKS;

void sink(const MD_CHAR* text, MD_SIZE size, void* userdata) {
  static_cast<std::string*>(userdata)->append(text, size);
}

template <typename F>
void run(benchmark::State& state, std::size_t bytes, F&& f) {
  for (auto _ : state) f();
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes));
}

void register_input(const Input& in) {
  const std::string& n = in.name;
  lede::Options options;

  benchmark::RegisterBenchmark(("lede/render_html/" + n).c_str(), [in, options](benchmark::State& s) {
    std::string html;
    run(s, in.json.size(), [&] {
      html.clear();
      lede::Result r = lede::render_html(in.json, html, options);
      if (!r) s.SkipWithError("render failed");
      benchmark::DoNotOptimize(html.data());
    });
  });
  benchmark::RegisterBenchmark(("lede/render_ops/" + n).c_str(), [in, options](benchmark::State& s) {
    lede::OpStream ops;
    run(s, in.json.size(), [&] {
      ops.ops.clear();
      ops.strings.clear();
      lede::Result r = lede::render_ops(in.json, ops, options);
      if (!r) s.SkipWithError("render failed");
      benchmark::DoNotOptimize(ops.ops.data());
    });
  });

  // The stages, each from the previous stage's result (prepared outside the loop).
  benchmark::RegisterBenchmark(("stage/1_json/" + n).c_str(), [in, options](benchmark::State& s) {
    run(s, in.json.size(), [&] {
      lede::JsonValue v;
      lede::Problem p;
      if (!lede::read_json(in.json, options.limits, v, p)) s.SkipWithError("json failed");
      benchmark::DoNotOptimize(&v);
    });
  });
  benchmark::RegisterBenchmark(("stage/2_article/" + n).c_str(), [in, options](benchmark::State& s) {
    lede::JsonValue v;
    lede::Problem p;
    lede::read_json(in.json, options.limits, v, p);
    run(s, in.json.size(), [&] {
      lede::Article a;
      std::vector<lede::Problem> problems;
      lede::read_article(v, a, problems);
      benchmark::DoNotOptimize(&a);
    });
  });
  benchmark::RegisterBenchmark(("stage/3_layout/" + n).c_str(), [in, options](benchmark::State& s) {
    lede::JsonValue v;
    lede::Problem p;
    lede::read_json(in.json, options.limits, v, p);
    lede::Article a;
    std::vector<lede::Problem> problems;
    lede::read_article(v, a, problems);
    run(s, in.json.size(), [&] {
      lede::Document doc;
      std::vector<lede::Problem> laid;
      lede::layout_article(a, doc, options, lede::native_extensions(), laid);
      benchmark::DoNotOptimize(&doc);
    });
  });
  benchmark::RegisterBenchmark(("stage/3a_markdown/" + n).c_str(), [in](benchmark::State& s) {
    run(s, in.json.size(), [&] {
      lede::Document doc;
      std::vector<lede::Problem> md_problems;
      lede::markdown_to_tree(in.body, doc, lede::MarkdownOptions{}, md_problems, md_parse);
      benchmark::DoNotOptimize(&doc);
    });
  });
  auto laid_out = [in, options](lede::Document& doc) {
    lede::JsonValue v;
    lede::Problem p;
    lede::read_json(in.json, options.limits, v, p);
    lede::Article a;
    std::vector<lede::Problem> problems;
    lede::read_article(v, a, problems);
    lede::layout_article(a, doc, options, lede::native_extensions(), problems);
  };
  benchmark::RegisterBenchmark(("stage/4_write_html/" + n).c_str(), [in, laid_out](benchmark::State& s) {
    lede::Document doc;
    laid_out(doc);
    std::string html;
    run(s, in.json.size(), [&] {
      html.clear();
      lede::write_html(doc, html);
      benchmark::DoNotOptimize(html.data());
    });
  });
  benchmark::RegisterBenchmark(("stage/4_write_ops/" + n).c_str(), [in, laid_out](benchmark::State& s) {
    lede::Document doc;
    laid_out(doc);
    lede::OpStream ops;
    run(s, in.json.size(), [&] {
      ops.ops.clear();
      ops.strings.clear();
      lede::write_ops(doc, ops);
      benchmark::DoNotOptimize(ops.ops.data());
    });
  });

  // Markdown alone, on the body: Lede's markdown stage + HTML writer against md4c-html.
  benchmark::RegisterBenchmark(("markdown/lede_md_to_html/" + n).c_str(), [in](benchmark::State& s) {
    std::string html;
    run(s, in.body.size(), [&] {
      lede::Document doc;
      std::vector<lede::Problem> md_problems;
      lede::markdown_to_tree(in.body, doc, lede::MarkdownOptions{}, md_problems, md_parse);
      html.clear();
      lede::write_html(doc, html);
      benchmark::DoNotOptimize(html.data());
    });
  });
  benchmark::RegisterBenchmark(("markdown/md4c_md_html/" + n).c_str(), [in](benchmark::State& s) {
    std::string html;
    run(s, in.body.size(), [&] {
      html.clear();
      md_html(in.body.data(), static_cast<MD_SIZE>(in.body.size()), sink, &html, kLedeFlags, 0);
      benchmark::DoNotOptimize(html.data());
    });
  });
}

}  // namespace

int main(int argc, char** argv) {
  const char* env = std::getenv("LEDE_BENCH_INPUTS");
  std::string dir = env ? env : "build/bench/inputs";
  for (const char* name : {"seed", "seed40", "spec", "note"}) {
    Input in{name, slurp(dir + "/" + name + ".json"), slurp(dir + "/" + name + ".md")};
    register_input(in);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
