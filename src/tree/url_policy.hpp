// Which URLs may enter the document tree.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace lede {

enum class UrlKind {
  link,    // <a href>: http, https, mailto, tel, relative
  image,   // <img src>: http, https, relative, data:image/{png,gif,jpeg,webp,avif}
  media,   // <audio src>: http, https, relative
  action,  // <form action>: http, https, relative
};

// Returns the URL as it will be written, or nothing if it is refused. `raw` is the URL
// as the author wrote it, with Markdown entities already decoded by the caller. The
// scheme is judged after decoding any remaining character references and removing
// control characters and whitespace the way browsers do, so "jav&#x09;ascript:" and
// " javascript:" are refused like "javascript:". The result is percent-encoded where
// a URL must be (spaces, quotes, non-ASCII), as md4c's own HTML renderer does.
std::optional<std::string> check_url(std::string_view raw, UrlKind kind);
// The same without a copy: `raw` itself when it is already as it will be written (most
// URLs), else `spare` filled with that form.
std::optional<std::string_view> check_url(std::string_view raw, UrlKind kind, std::string& spare);
// Only whether check_url would accept `raw`.
bool url_allowed(std::string_view raw, UrlKind kind);

// `s` with every byte that `keep` refuses written as %XX (upper-case hex): the one
// encoder behind check_url's output and the file names `lede site` links to.
std::string percent_encode(std::string_view s, bool (*keep)(unsigned char));

// True for an absolute http(s) URL or a protocol-relative one ("//host/..."): links that
// leave the page and get rel="noopener noreferrer".
bool is_external(std::string_view checked_url);

// What `kind` accepts, for messages: "http, https, mailto, tel and relative URLs".
const char* describe_policy(UrlKind kind);

// The warning for a URL the policy refused, quoting at most 60 bytes of it: `what` URL
// refused (only <policy>): "<url>…"; its text is kept.
std::string refused_url_message(const char* what, std::string_view url, UrlKind kind);

}  // namespace lede
