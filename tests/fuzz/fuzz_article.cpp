// libFuzzer target: arbitrary bytes as article JSON.
//
// Every entry point (render_html, render_ops, render_page, validate) must return without
// crashing, report the same problems, and leave no output when it fails. When the
// article renders, the op-stream is decoded and checked (fuzz_common.hpp: opcodes,
// tag/attribute numbers and pairs, balance, UTF-8 and UTF-16 lengths, URL policy, ids,
// nesting an HTML parser would undo) and it must serialise to exactly the HTML string.
// A second round with tiny limits exercises the limit paths; any output that round
// makes must stay within its output limit. And the JSON reader's own result must be
// nlohmann's through nlohmann's standard input adapter: Lede's adapter hands the lexer
// runs of a string's bytes itself (src/input/json_value.cpp), which must change nothing
// (the same strings, or the same error at the same byte with the same reason), and
// neither must its check of the members no adapter reads, whose values it skips.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"
#include "input/formats.hpp"
#include "input/json_value.hpp"
#include "json_oracle.hpp"

namespace {

void one_round(std::string_view json, const lede::Options& options) {
  std::string html, page;
  lede::OpStream ops;
  lede::Result rh = lede::render_html(json, html, options);
  lede::Result ro = lede::render_ops(json, ops, options);
  lede::Result rp = lede::render_page(json, page, options);
  lede::Result rv = lede::validate(json, options);

  fuzz::check_problems(rh, json);
  // Past the JSON stage (rendered, or a schema or output problem): the input is JSON,
  // unless it was read as XML (an RSS or Atom feed, or what an HTML page is refused as).
  if (!lede::looks_like_xml(json) && !lede::looks_like_html_page(json) &&
      (rh.problems.empty() || rh.problems.front().code == lede::ErrorCode::schema ||
       rh.problems.front().code == lede::ErrorCode::output_limit || rh.problems.front().warning))
    FUZZ_CHECK(fuzz::StrictJson(json).ok(), "Lede read as JSON what is not JSON");
  fuzz::same_problems(rh, ro, "render_html vs render_ops");
  fuzz::same_problems(rh, rp, "render_html vs render_page");
  // validate() lays the article out too: it meets the same problems, the output limit
  // and refused body URLs included; Lede's own fields it reads strictly.
  fuzz::same_problems_but_strict(rh, rv, "render_html vs validate");

  if (!rh) {
    FUZZ_CHECK(html.empty() && page.empty() && ops.ops.empty() && ops.strings.empty(),
               "output left behind by a failed render");
    return;
  }
  fuzz::Dom dom = fuzz::decode(ops);
  fuzz::check_dom(dom);
  FUZZ_CHECK(dom.nodes[0].children.size() == 1 && dom.is(dom.nodes[0].children[0], lede::Tag::article),
             "the fragment is not one <article>");
  std::string replayed = fuzz::serialize(dom);
  FUZZ_CHECK(replayed == html, "op-stream and HTML differ:\nops:  " + replayed + "\nhtml: " + html);
  // The output limit bounds the output: the HTML before escaping (a <pre> may add one
  // newline each).
  std::size_t unescaped = fuzz::serialize(dom, false).size(), pres = 0;
  for (const fuzz::Node& n : dom.nodes) pres += !n.is_text && n.tag == lede::Tag::pre;
  FUZZ_CHECK(unescaped <= options.limits.max_output_bytes + pres,
             "rendered " + std::to_string(unescaped) + " bytes past an output limit of " +
                 std::to_string(options.limits.max_output_bytes));
  FUZZ_CHECK(page.find(html) != std::string::npos, "the page does not hold the fragment");
  FUZZ_CHECK(page.find("<script") == std::string::npos && html.find("<script") == std::string::npos,
             "a script element");
}

void same_as_nlohmann(std::string_view json) {
  // Lede stops at a NUL byte that nlohmann takes for the end, and at its depth limit.
  if (json.find('\0') != std::string_view::npos) return;
  lede::Limits limits;
  limits.max_json_depth = lede::Limits::kJsonDepthCeiling;
  lede::JsonValue value;
  lede::Problem problem;
  const bool ok = lede::read_json(json, limits, value, problem);
  if (!ok && problem.code == lede::ErrorCode::too_deep) return;
  const json_oracle::Reading want = json_oracle::read(json);
  FUZZ_CHECK(ok == want.ok, "Lede's JSON reader and nlohmann's differ on whether this is JSON");
  if (ok) {
    std::vector<std::string> got;
    json_oracle::collect_strings(value, got);
    FUZZ_CHECK(got == want.strings, "Lede's JSON reader read other strings than nlohmann's");
    return;
  }
  FUZZ_CHECK(problem.byte == want.byte, "Lede's JSON reader puts the error at another byte than nlohmann");
  const std::size_t reason = want.what.find("last read");
  if (reason != std::string::npos)
    FUZZ_CHECK(problem.message.find(want.what.substr(reason)) != std::string::npos,
               "Lede's JSON reader quotes other bytes than nlohmann");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view json(reinterpret_cast<const char*>(data), size);
  same_as_nlohmann(json);
  // The input as an unread member's value, which the reader checks itself and, when it
  // can, hands the parser as `:null` (src/input/json_value.cpp, skip_unread): the same
  // verdict, error, byte and "last read".
  same_as_nlohmann("{\"_links\":" + std::string(json) + "}");
  one_round(json, lede::Options{});

  lede::Options tiny;
  tiny.limits.max_input_bytes = 2048;
  tiny.limits.max_json_depth = 4;
  tiny.limits.max_output_bytes = 512;
  one_round(json, tiny);

  // The options change what the tree may hold (raw HTML's safe subset, rel values): the
  // same invariants must hold.
  lede::Options html_kept;
  html_kept.keep_safe_html = true;
  html_kept.nofollow = true;
  one_round(json, html_kept);
  return 0;
}
