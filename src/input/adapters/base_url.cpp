// Relative URLs inside another format's content, resolved by that format's rule (Atom's
// xml:base, else the item's own link, else left for the document's location): RFC 3986
// reference resolution, section 5.2.
#include <string>
#include <string_view>

#include "input/adapters/adapters.hpp"
#include "tree/document.hpp"

namespace lede {
namespace {

struct Parts {
  std::string_view scheme, authority, path, query, fragment;
  bool has_scheme = false, has_authority = false, has_query = false, has_fragment = false;
};

// RFC 3986 appendix B's regular expression, by hand.
Parts split(std::string_view u) {
  Parts p;
  if (std::size_t hash = u.find('#'); hash != std::string_view::npos) {
    p.fragment = u.substr(hash + 1);
    p.has_fragment = true;
    u = u.substr(0, hash);
  }
  if (std::size_t q = u.find('?'); q != std::string_view::npos) {
    p.query = u.substr(q + 1);
    p.has_query = true;
    u = u.substr(0, q);
  }
  std::size_t colon = u.find(':');
  if (colon != std::string_view::npos && colon > 0 && u.find('/') > colon) {
    bool scheme = (u[0] >= 'a' && u[0] <= 'z') || (u[0] >= 'A' && u[0] <= 'Z');
    for (std::size_t i = 1; i < colon && scheme; ++i) {
      char c = u[i];
      scheme = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' ||
               c == '-' || c == '.';
    }
    if (scheme) {
      p.scheme = u.substr(0, colon);
      p.has_scheme = true;
      u = u.substr(colon + 1);
    }
  }
  if (u.substr(0, 2) == "//") {
    u = u.substr(2);
    std::size_t slash = u.find('/');
    p.authority = u.substr(0, slash);
    p.has_authority = true;
    u = slash == std::string_view::npos ? std::string_view() : u.substr(slash);
  }
  p.path = u;
  return p;
}

// Section 5.2.4: "/a/b/../c/./d" → "/a/c/d".
std::string remove_dot_segments(std::string_view in) {
  std::string out;
  while (!in.empty()) {
    if (in.substr(0, 3) == "../") {
      in.remove_prefix(3);
    } else if (in.substr(0, 2) == "./") {
      in.remove_prefix(2);
    } else if (in.substr(0, 3) == "/./") {
      in.remove_prefix(2);
    } else if (in == "/.") {
      in = "/";
    } else if (in.substr(0, 4) == "/../" || in == "/..") {
      in = in.size() == 3 ? std::string_view("/") : in.substr(3);
      std::size_t last = out.rfind('/');
      out.resize(last == std::string::npos ? 0 : last);
    } else if (in == "." || in == "..") {
      in = {};
    } else {
      std::size_t next = in.find('/', 1);
      out += in.substr(0, next);
      in = next == std::string_view::npos ? std::string_view() : in.substr(next);
    }
  }
  return out;
}

std::string join(const Parts& p, std::string_view scheme, std::string_view authority, bool has_authority,
                 const std::string& path, std::string_view query, bool has_query) {
  std::string out;
  if (!scheme.empty()) (out += scheme) += ':';
  if (has_authority) (out += "//") += authority;
  out += path;
  if (has_query) (out += '?') += query;
  if (p.has_fragment) (out += '#') += p.fragment;
  return out;
}

}  // namespace

std::string resolve_url(std::string_view base, std::string_view ref) {
  if (base.empty() || ref.empty() || ref[0] == '#') return std::string(ref);  // in-page: left alone
  Parts r = split(ref);
  if (r.has_scheme) return std::string(ref);
  Parts b = split(base);
  if (r.has_authority)
    return join(r, b.scheme, r.authority, true, remove_dot_segments(r.path), r.query, r.has_query);
  if (r.path.empty())
    return join(r, b.scheme, b.authority, b.has_authority, std::string(b.path), r.has_query ? r.query : b.query,
                r.has_query || b.has_query);
  if (r.path[0] == '/')
    return join(r, b.scheme, b.authority, b.has_authority, remove_dot_segments(r.path), r.query, r.has_query);
  std::string merged;
  if (b.has_authority && b.path.empty())
    merged = "/";
  else if (std::size_t slash = b.path.rfind('/'); slash != std::string_view::npos)
    merged = b.path.substr(0, slash + 1);
  merged += r.path;
  // A relative base stays relative: "blog/" and "a.jpg" give "blog/a.jpg", for the
  // document's location to resolve.
  return join(r, b.scheme, b.authority, b.has_authority,
              b.has_scheme || b.has_authority || merged[0] == '/' ? remove_dot_segments(merged) : merged, r.query,
              r.has_query);
}

void resolve_urls(Document& doc, NodeId top, std::string_view base) {
  walk(
      doc, top,
      [&](NodeId id) {
        const Node& n = doc.node(id);
        if (n.is_text) return;
        for (Attr attr : {Attr::href, Attr::src, Attr::action}) {
          std::string_view value = doc.value_of(id, attr);
          if (value.empty() || value[0] == '#') continue;
          std::string resolved = resolve_url(base, value);
          if (resolved == value) continue;
          UrlKind kind = attr == Attr::href ? UrlKind::link
                         : attr == Attr::action ? UrlKind::action
                         : n.tag == Tag::img   ? UrlKind::image
                                               : UrlKind::media;
          // The policy judges the result again: a base that is itself refused leaves
          // the URL as it was.
          doc.set_url(id, attr, resolved, kind);
        }
      },
      [](NodeId) {});
}

}  // namespace lede
