// What lede.wasm and lede-html.wasm export alike: plain C exports, no embind (which
// needs eval). One call renders (each module's lede_render, core_module.cpp and
// html_module.cpp, with its Extensions); its results stay in buffers owned here until the
// next call, and web/lede.js reads them straight out of linear memory.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>

#include <wasi/api.h>

#include "lede/lede.hpp"
#include "output/html_writer.hpp"
#include "output/op_writer.hpp"
#include "pipeline.hpp"
#include "tree/entities.hpp"
#include "tree/vocabulary.hpp"
#include "wasm/exports.hpp"

namespace {

lede::Options g_options;
lede::OpStream g_ops;
std::string g_html;
lede::Problem g_error;
// The document every render builds: kept, so that its node chunks and pools are not
// allocated (and the chunks' nodes initialised) again for each article (docs/performance.md,
// issue 17 "Stop 29"), unless one article made it large.
lede::Document g_doc;
std::string g_names;

// Buffers and the document keep their memory between renders (no re-allocation for the
// next article of a similar size) unless one article made them larger than this.
constexpr std::size_t kKeepBytes = std::size_t{1} << 20;

template <typename T>
void reset(T& buffer) {
  buffer.clear();
  if (buffer.capacity() > kKeepBytes) T().swap(buffer);
}

}  // namespace

LEDE_EXPORT(lede_alloc) void* lede_alloc(std::size_t size) { return std::malloc(size ? size : 1); }
LEDE_EXPORT(lede_free) void lede_free(void* p) { std::free(p); }

namespace lede_wasm {

// FORMAT_OPS, FORMAT_HTML, FREE_INPUT and ERRNO_NOSYS (interface.def).
#define LEDE_CONSTANT(name, value) constexpr int name = value;
#include "interface.def"
static_assert(ERRNO_NOSYS == __WASI_ERRNO_NOSYS);

const lede::Options& options() { return g_options; }

int render(char* json, std::size_t size, int format, const lede::Extensions& ext, BodyHook body,
           RefusalHook refused) {
  reset(g_ops.ops);
  reset(g_ops.strings);
  reset(g_html);
  g_error = lede::Problem{};
  // lede::tree_of's steps, with the input freed between reading and layout, and the body
  // replaced after reading if the module says so (html_module.cpp: HTML events).
  lede::take_missing_entity();
  lede::Result r;
  if (g_doc.kept_bytes() > kKeepBytes)
    g_doc = lede::Document(g_options.nofollow);
  else
    g_doc.reset(g_options.nofollow);
  lede::Document& doc = g_doc;
  lede::Article article;
  bool ok = lede::read(std::string_view(json, size), g_options, ext, article, r);
  if (format & FREE_INPUT) std::free(json);
  if (body) ok = body(article, g_options, r) && ok;
  // After reading and after the input is freed: the pool takes the input's place
  // (core.js gives the input a buffer of the pool's size).
  doc.reserve(size);
  ok = ok && lede::lay_out(article, g_options, ext, doc, r, &article.body);
  if (ok && (format & FORMAT_HTML)) lede::write_html(doc, g_html);
  if (ok && !(format & FORMAT_HTML)) lede::write_ops(doc, g_ops);
  // A named reference outside this module's table (tree/entities.hpp): whatever else
  // happened, the answer with the full table is the right one (the same as every other
  // build's): lede-html.wasm's for lede.wasm, lede-html.wasm's with lede-gumbo.wasm
  // loaded for lede-html.wasm (the one with the gumbo extension).
  std::string missing = lede::take_missing_entity();
  if (refused && refused(g_error)) return static_cast<int>(g_error.code);
  if (!missing.empty()) {
    g_error.code = lede::ErrorCode::needs_html_parser;
    g_error.message = "the named reference &";
    (g_error.message += missing) += ext.gumbo ? "; needs lede-gumbo.wasm (renderAsync loads it)"
                                              : "; needs lede-html.wasm (renderAsync loads it)";
    return static_cast<int>(g_error.code);
  }
  if (r.ok()) return 0;
  g_error = std::move(r.problems.front());  // the first error: errors come first
  return static_cast<int>(g_error.code);
}

}  // namespace lede_wasm

LEDE_EXPORT(lede_ops) const std::uint32_t* lede_ops() { return g_ops.ops.data(); }
LEDE_EXPORT(lede_ops_count) std::size_t lede_ops_count() { return g_ops.ops.size(); }
LEDE_EXPORT(lede_strings) const char* lede_strings() { return g_ops.strings.data(); }
LEDE_EXPORT(lede_strings_size) std::size_t lede_strings_size() { return g_ops.strings.size(); }
LEDE_EXPORT(lede_html) const char* lede_html() { return g_html.data(); }
LEDE_EXPORT(lede_html_size) std::size_t lede_html_size() { return g_html.size(); }

LEDE_EXPORT(lede_error_message) const char* lede_error_message() { return g_error.message.c_str(); }
LEDE_EXPORT(lede_error_path) const char* lede_error_path() { return g_error.path.c_str(); }
LEDE_EXPORT(lede_error_line) std::size_t lede_error_line() { return g_error.line; }
LEDE_EXPORT(lede_error_column) std::size_t lede_error_column() { return g_error.column; }

// Options for the following renders. Readers on one page share this instance, so
// web/lede.js resets them before applying its own for every call.
// which: the options of interface.def, counted from 0.
LEDE_EXPORT(lede_reset_options) void lede_reset_options() { g_options = lede::Options{}; }
namespace {
enum class Option {
#define LEDE_OPTION(js_name, member) js_name,
#include "interface.def"
};
void set(std::size_t& member, std::size_t value) { member = value; }
void set(bool& member, std::size_t value) { member = value != 0; }
}  // namespace
LEDE_EXPORT(lede_set_option) void lede_set_option(int which, std::size_t value) {
  switch (static_cast<Option>(which)) {
#define LEDE_OPTION(js_name, member) \
  case Option::js_name: set(g_options.member, value); break;
#include "interface.def"
    default: break;
  }
}

// Which article of a feed or a list the following renders show (lede::Options::item):
// `size` bytes of UTF-8 at `item`, copied; lede_reset_options() forgets it.
LEDE_EXPORT(lede_set_item) void lede_set_item(const char* item, std::size_t size) { g_options.item.assign(item, size); }

// Tag or attribute names, one per line, in enum order (kind 0: tags, 1: attributes).
// The JS decoder reads them once, so the two sides cannot drift apart.
LEDE_EXPORT(lede_names) const char* lede_names(int kind) {
  g_names.clear();
  if (kind == 0) {
    for (int t = 0; t < static_cast<int>(lede::Tag::count_); ++t)
      (g_names += lede::tag_name(static_cast<lede::Tag>(t))) += '\n';
  } else {
    for (int a = 0; a < static_cast<int>(lede::Attr::count_); ++a)
      (g_names += lede::attr_name(static_cast<lede::Attr>(a))) += '\n';
  }
  return g_names.c_str();
}

// Bytes of the heap in use (allocated, not free): tests check that thousands of renders
// leave it where it started.
#include <emscripten/emmalloc.h>
LEDE_EXPORT(lede_heap_in_use) std::size_t lede_heap_in_use() {
  return emmalloc_dynamic_heap_size() - emmalloc_free_dynamic_memory();
}
