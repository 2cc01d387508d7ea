#include <catch2/catch.hpp>

#include "helpers.hpp"

namespace {

std::vector<std::string> problems(const std::string& json) {
  std::vector<std::string> out;
  for (const auto& p : lede::validate(json).problems)
    out.push_back((p.warning ? "warning: " : "") + p.to_string());
  return out;
}

}  // namespace

TEST_CASE("the seed article is valid and complete") {
  CHECK(problems(test::seed_json()).empty());
}

TEST_CASE("title is required, a string, and not blank") {
  CHECK(problems("{}") == std::vector<std::string>{"title: required"});
  CHECK(problems(R"j({"title": 3})j") == std::vector<std::string>{"title: expected a string"});
  CHECK(problems(R"j({"title": "  "})j") == std::vector<std::string>{"title: must not be empty"});
  CHECK(problems(R"j({"title": null})j") == std::vector<std::string>{"title: required"});
  CHECK(problems(R"j([{"title": "T"}])j") ==
        std::vector<std::string>{"expected a JSON object with at least a \"title\""});
  CHECK(problems("[]") == std::vector<std::string>{"an empty list (a WordPress query that found no post?): "
                                                   "there is no article to show"});
}

TEST_CASE("a field of the wrong type names its path") {
  std::string json = R"j({"title": "T", "related": [
    {"title": "a", "url": "/a"}, {"title": "b", "url": "/b"}, {"title": "c", "url": "/c"},
    {"title": "d", "url": 42}]})j";
  CHECK(problems(json) == std::vector<std::string>{"related[3].url: expected a string"});
  lede::Result r = lede::validate(json);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].path == "related[3].url");
  CHECK(r.problems[0].code == lede::ErrorCode::schema);
  CHECK_FALSE(r.ok());
}

TEST_CASE("every problem is reported, errors before warnings") {
  std::string json = R"j({
    "title": "T", "site": "BVI", "authors": [{"url": "/a"}, "x"], "published": "Jan 27",
    "lang": "en_US", "dir": "up", "image": {"alt": "no src", "width": -1}, "tags": ["a", 1],
    "audio": {"src": "javascript:alert(1)", "duration": "long"}, "related": {},
    "newsletter": {"action": 5}, "body": ["not", "markdown"]})j";
  CHECK(problems(json) == std::vector<std::string>{
                              "site: expected an object",
                              "authors[0].name: required",
                              "authors[1]: expected an object",
                              "published: expected an ISO 8601 date such as 2026-01-27 or "
                              "2026-01-27T09:30:00Z",
                              "lang: expected a language tag such as en, de-CH or ar",
                              "dir: expected \"ltr\", \"rtl\" or \"auto\"",
                              "image.src: required",
                              "image.width: expected a whole number of pixels",
                              "body: expected a string",
                              "tags[1]: expected a string",
                              "audio.duration: expected a number of seconds",
                              "related: expected an array",
                              "newsletter.action: expected a string",
                              "warning: audio.src: URL refused (only http, https and relative "
                              "URLs); it is left out",
                          });
}

TEST_CASE("unknown fields are ignored and null means absent") {
  CHECK(problems(R"j({"title": "T", "kicker": {"x": [1]}, "dek": null, "image": null,
                     "related": null, "x-custom": true})j")
            .empty());
}

TEST_CASE("dates in ISO 8601") {
  for (const char* good : {"2026-01-27", "2026-01-27T09:30", "2026-01-27T09:30:00Z",
                           "2026-01-27T09:30:00.123+01:00", "2024-02-29", "2026-01-27 09:30:00-05:00"})
    CHECK(problems(std::string(R"j({"title":"T","published":")j") + good + "\"}").empty());
  for (const char* bad : {"2026-1-27", "27/01/2026", "2026-02-29", "2026-13-01", "2026-01-27T25:00",
                          "2026-01-27T09:30:00+0100", "2026-01-27x", ""})
    CHECK(problems(std::string(R"j({"title":"T","published":")j") + bad + "\"}").size() == 1);
}

TEST_CASE("validate reports what a render would meet: refused body URLs, the output limit") {
  CHECK(problems(R"j({"title": "T", "body": "[a](javascript:alert(1)) ![b](vbscript:x)"})j") ==
        std::vector<std::string>{
            "warning: body: link URL refused (only http, https, mailto, tel and relative URLs): "
            "\"javascript:alert(1)\"; its text is kept",
            "warning: body: image URL refused (only http, https, relative and "
            "data:image/{png,gif,jpeg,webp,avif} URLs): \"vbscript:x\"; its text is kept"});
  lede::Options small;
  small.limits.max_output_bytes = 100;
  lede::Result r = lede::validate(test::seed_json(), small);
  REQUIRE_FALSE(r.ok());
  CHECK(r.first_error()->code == lede::ErrorCode::output_limit);
  // Long URLs are cut in the message, at a character boundary.
  std::string long_url = "javascript:" + std::string(48, 'x') + "\u00e9\u00e9\u00e9";
  auto p = problems("{\"title\": \"T\", \"body\": \"[a](" + long_url + ")\"}");
  REQUIRE(p.size() == 1);
  // 59 bytes of ASCII, then é would straddle the 60-byte cut: it is left out whole.
  CHECK(p[0].find("\"javascript:" + std::string(48, 'x') + "…\"") != std::string::npos);
}

TEST_CASE("refused URLs are warnings: the article still renders without them") {
  std::string json = R"j({"title": "T", "url": "javascript:alert(1)",
    "related": [{"title": "r", "url": "vbscript:x"}]})j";
  lede::Result r = lede::validate(json);
  REQUIRE(r.problems.size() == 2);
  CHECK(r.problems[0].warning);
  CHECK(r.ok());
  std::string html = test::render(json);
  CHECK(html.find("script") == std::string::npos);
  CHECK(html.find("<span>r</span>") != std::string::npos);  // the related title is kept
}
