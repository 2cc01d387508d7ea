#include "output/page_writer.hpp"

#include "output/html_writer.hpp"
#include "tree/url_policy.hpp"

namespace lede {

void write_page_head(const PageHead& head, std::string& out) {
  auto attribute = [&](const char* name, std::string_view value) {
    if (value.empty()) return;
    ((out += ' ') += name) += "=\"";
    append_escaped(out, value, true);
    out += '"';
  };
  out += "<!doctype html>\n<html";
  attribute("lang", head.lang);
  attribute("dir", head.dir);
  out += ">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"color-scheme\" content=\"light dark\">\n"
         "<meta name=\"referrer\" content=\"no-referrer\">\n<title>";
  append_escaped(out, head.title, false);
  out += "</title>\n";
  if (!head.description.empty()) {
    out += "<meta name=\"description\" content=\"";
    append_escaped(out, head.description, true);
    out += "\">\n";
  }
  if (!head.canonical.empty()) {
    out += "<link rel=\"canonical\" href=\"";
    append_escaped(out, head.canonical, true);
    out += "\">\n";
  }
}

void write_page(const Article& a, const Document& doc, std::string& out) {
  std::string title = a.title;
  if (a.site && !a.site->name.empty()) title += " \xE2\x80\x93 " + a.site->name;  // en dash
  // The article's own address, when it has an absolute one, is the canonical page.
  auto url = check_url(a.url, UrlKind::link);
  std::string canonical = url && is_external(*url) ? *url : "";
  write_page_head({title, a.lang, a.dir, a.dek, canonical}, out);
  out += "<style>\n";
  out += kLedeCss;
  out += "</style>\n</head>\n<body class=\"lede-page\">\n<main>";
  write_html(doc, out);
  out += "</main>\n</body>\n</html>\n";
}

}  // namespace lede
