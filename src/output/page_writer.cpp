#include "output/page_writer.hpp"

#include "output/html_writer.hpp"
#include "tree/url_policy.hpp"

namespace lede {

void write_page(const Article& a, const Document& doc, std::string& out) {
  out += "<!doctype html>\n<html";
  if (!a.lang.empty()) {
    out += " lang=\"";
    append_escaped(out, a.lang, true);
    out += '"';
  }
  if (!a.dir.empty()) {
    out += " dir=\"";
    append_escaped(out, a.dir, true);
    out += '"';
  }
  out += ">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"color-scheme\" content=\"light dark\">\n<title>";
  append_escaped(out, a.title, false);
  if (a.site && !a.site->name.empty()) {
    out += " \xE2\x80\x93 ";  // en dash
    append_escaped(out, a.site->name, false);
  }
  out += "</title>\n";
  if (!a.dek.empty()) {
    out += "<meta name=\"description\" content=\"";
    append_escaped(out, a.dek, true);
    out += "\">\n";
  }
  // The article's own address, when it has an absolute one, is the canonical page.
  if (auto url = check_url(a.url, UrlKind::link); url && is_external(*url)) {
    out += "<link rel=\"canonical\" href=\"";
    append_escaped(out, *url, true);
    out += "\">\n";
  }
  out += "<style>\n";
  out += kLedeCss;
  out += "</style>\n</head>\n<body class=\"lede-page\">\n<main>";
  write_html(doc, out);
  out += "</main>\n</body>\n</html>\n";
}

}  // namespace lede
