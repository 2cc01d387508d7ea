#include <catch2/catch.hpp>
#include <cctype>
#include <string>

#include "tree/url_policy.hpp"

using lede::check_url;
using lede::UrlKind;

TEST_CASE("links: http, https, mailto, tel and relative URLs pass") {
  for (const char* url : {"http://example.com/", "https://example.com/a?b=c#d", "HTTPS://EXAMPLE.COM",
                          "mailto:someone@example.com", "tel:+1-284-555-0100", "/news/a", "news/a",
                          "../a", "?page=2", "#section", "//cdn.example.com/x", "a/b:c"})
    CHECK(check_url(url, UrlKind::link).has_value());
}

TEST_CASE("links: every other scheme is refused, however it is disguised") {
  for (const char* url : {
           "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
           "\tjavascript:alert(1)", "java\tscript:alert(1)", "java\nscript:alert(1)",
           "java\rscript:alert(1)", "\x01javascript:alert(1)", "a:b/c",
           "&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)", "&#106avascript:alert(1)",
           "&#0000106;avascript:alert(1)", "javascript&colon;alert(1)", "jav&#x09;ascript:alert(1)",
           "jav&Tab;ascript:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>",
           "file:///etc/passwd", "blob:https://example.com/x", "ftp://example.com/",
           "data:image/png;base64,AAAA", "", "   ", "\x7f"}) {
    INFO(url);
    CHECK_FALSE(check_url(url, UrlKind::link));
  }
  // std::string_view stops at the NUL in a C string; test the embedded NUL explicitly.
  CHECK_FALSE(check_url(std::string("java\0script:alert(1)", 20), UrlKind::link));
}

TEST_CASE("images also take data: URLs of raster types, nothing else") {
  CHECK(check_url("data:image/png;base64,iVBORw0KGgo=", UrlKind::image));
  CHECK(check_url("data:image/jpeg,xyz", UrlKind::image));
  CHECK(check_url("DATA:IMAGE/WEBP;base64,AAAA", UrlKind::image));
  CHECK(check_url("data:image/avif;base64,AAAA", UrlKind::image));
  CHECK(check_url("data:image/gif;base64,R0lGOD", UrlKind::image));
  CHECK_FALSE(check_url("data:image/svg+xml,<svg onload=alert(1)>", UrlKind::image));
  CHECK_FALSE(check_url("data:image/pngx;base64,AAAA", UrlKind::image));
  CHECK_FALSE(check_url("data:text/html;base64,AAAA", UrlKind::image));
  CHECK_FALSE(check_url("mailto:a@example.com", UrlKind::image));
  CHECK_FALSE(check_url("javascript:alert(1)", UrlKind::image));
}

TEST_CASE("media and form actions: http, https and relative only") {
  CHECK(check_url("https://example.com/a.mp3", UrlKind::media));
  CHECK(check_url("media/a.wav", UrlKind::media));
  CHECK_FALSE(check_url("data:audio/wav;base64,AAAA", UrlKind::media));
  CHECK_FALSE(check_url("mailto:a@example.com", UrlKind::action));
  CHECK_FALSE(check_url("javascript:void(0)", UrlKind::action));
  CHECK(check_url("/subscribe", UrlKind::action));
}

TEST_CASE("accepted URLs are cleaned and percent-encoded like md4c does") {
  CHECK(*check_url("  https://example.com/a b  ", UrlKind::link) == "https://example.com/a%20b");
  CHECK(*check_url("https://example.com/\"q\"", UrlKind::link) == "https://example.com/%22q%22");
  CHECK(*check_url("https://example.com/caf\xC3\xA9", UrlKind::link) == "https://example.com/caf%C3%A9");
  CHECK(*check_url("https://exa\tmple.com/<x>", UrlKind::link) == "https://example.com/%3Cx%3E");
  CHECK(*check_url("/a?b=1&c=2", UrlKind::link) == "/a?b=1&c=2");
  CHECK(*check_url("/already%20encoded", UrlKind::link) == "/already%20encoded");
}

TEST_CASE("external links are absolute http(s) or protocol-relative") {
  CHECK(lede::is_external("https://example.com"));
  CHECK(lede::is_external("HTTP://example.com"));
  CHECK(lede::is_external("//example.com"));
  CHECK_FALSE(lede::is_external("/a"));
  CHECK_FALSE(lede::is_external("mailto:a@example.com"));
  CHECK_FALSE(lede::is_external("#top"));
}

TEST_CASE("each byte of a URL is kept, removed or percent-encoded; the copy-free forms agree") {
  const std::string_view kept = "~-_.+!*(),%#@?=;:/$&";
  for (unsigned b = 0; b < 256; ++b) {
    const char c = static_cast<char>(b);
    const std::string raw = std::string("https://example.com/a") + c + "z";
    std::string expected = raw;
    if (b < 0x20 || b == 0x7F) {
      expected = "https://example.com/az";
    } else if (!std::isalnum(static_cast<int>(b)) || b >= 0x80) {
      if (kept.find(c) == std::string_view::npos) {
        static const char kHex[] = "0123456789ABCDEF";
        expected = std::string("https://example.com/a%") + kHex[b >> 4] + kHex[b & 0xF] + "z";
      }
    }
    INFO(b);
    CHECK(check_url(raw, UrlKind::link) == expected);
    CHECK(lede::url_allowed(raw, UrlKind::link));
    std::string spare;
    auto view = check_url(raw, UrlKind::link, spare);
    REQUIRE(view);
    CHECK(*view == expected);
    // A URL already as it will be written is handed back as it came, not copied.
    if (expected == raw) CHECK(view->data() == raw.data());
  }
  for (const char* url : {"javascript:alert(1)", "jav&#x09;ascript:alert(1)", " java\tscript:x", "https://a.example/&amp;"}) {
    INFO(url);
    std::string spare;
    CHECK(lede::url_allowed(url, UrlKind::link) == check_url(url, UrlKind::link).has_value());
    CHECK(check_url(url, UrlKind::link, spare).has_value() == check_url(url, UrlKind::link).has_value());
  }
}
