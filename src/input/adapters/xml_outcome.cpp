// read_xml()'s outcome as bytes (xml.hpp), so that expat can live in a module of its own
// (web/dist/lede-xml.wasm) that only feeds load:
//
//   outcome = 0x01 node | 0x00 error
//   error   = varint(code) string(message) varint(line) varint(column) varint(byte)
//   node    = string(ns) string(name) varint(n) (string string){n} string(text)
//             byte(has_markup) string(markup) string(base) string(lang) varint(line)
//             varint(children) node{children}
//   string  = varint(length) bytes;  varint = unsigned LEB128 below 2^32
//
// The reader trusts nothing: lengths are checked against the bytes left and nesting is
// bounded, so that bytes that are not an outcome are an error, never a crash.
#include <cstdint>

#include "input/adapters/xml.hpp"
#include "text/varint.hpp"

namespace lede {
namespace {

// Sizes, counts and lines: all below 2^32 (input is limited far below 4 GB).
void varint(std::string& out, std::size_t v) { append_varint(out, static_cast<std::uint32_t>(v)); }

void string(std::string& out, std::string_view s) {
  varint(out, s.size());
  out += s;
}

void node(std::string& out, const XmlNode& n) {
  string(out, n.ns);
  string(out, n.name);
  varint(out, n.attributes.size());
  for (const auto& [k, v] : n.attributes) {
    string(out, k);
    string(out, v);
  }
  string(out, n.text);
  out += static_cast<char>(n.has_markup ? 1 : 0);
  string(out, n.markup);
  string(out, n.base);
  string(out, n.lang);
  varint(out, n.line);
  varint(out, n.children.size());
  for (const XmlNode& c : n.children) node(out, c);
}

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  bool varint(std::size_t& v) {
    std::uint32_t u;
    if (!read_varint(in_, at_, u)) return false;
    v = u;
    return true;
  }

  bool string(std::string& s) {
    std::size_t n;
    if (!varint(n) || n > in_.size() - at_) return false;
    s.assign(in_.substr(at_, n));
    at_ += n;
    return true;
  }

  bool byte(unsigned char& b) {
    if (at_ >= in_.size()) return false;
    b = static_cast<unsigned char>(in_[at_++]);
    return true;
  }

  // read_xml keeps 8 levels of elements; anything much deeper is not an outcome.
  bool node(XmlNode& n, int depth = 0) {
    std::size_t count;
    if (depth > 64 || !string(n.ns) || !string(n.name) || !varint(count) || count > in_.size() - at_) return false;
    n.attributes.resize(count);
    for (auto& [k, v] : n.attributes)
      if (!string(k) || !string(v)) return false;
    unsigned char markup;
    if (!string(n.text) || !byte(markup) || !string(n.markup) || !string(n.base) || !string(n.lang) ||
        !varint(n.line) || !varint(count) || count > in_.size() - at_)
      return false;
    n.has_markup = markup != 0;
    n.children.resize(count);
    for (XmlNode& c : n.children)
      if (!node(c, depth + 1)) return false;
    return true;
  }

  bool done() const { return at_ == in_.size(); }

 private:
  std::string_view in_;
  std::size_t at_ = 0;
};

}  // namespace

void write_xml_outcome(bool ok, const XmlNode& root, const Problem& error, std::string& out) {
  out += static_cast<char>(ok ? 1 : 0);
  if (ok) {
    node(out, root);
    return;
  }
  varint(out, static_cast<std::size_t>(error.code));
  string(out, error.message);
  varint(out, error.line);
  varint(out, error.column);
  varint(out, error.byte);
}

bool read_xml_outcome(std::string_view bytes, XmlNode& root, Problem& error) {
  Reader in(bytes);
  unsigned char ok = 2;
  if (in.byte(ok) && ok == 1) {
    if (in.node(root) && in.done()) return true;
  } else if (ok == 0) {
    std::size_t code;
    if (in.varint(code) && code <= static_cast<std::size_t>(ErrorCode::needs_html_parser) && in.string(error.message) &&
        in.varint(error.line) && in.varint(error.column) && in.varint(error.byte) && in.done()) {
      error.code = static_cast<ErrorCode>(code);
      return false;
    }
  }
  root = XmlNode();
  error = Problem();
  error.code = ErrorCode::syntax;
  error.message = "the XML parser's answer could not be read (lede-xml.wasm)";
  return false;
}

}  // namespace lede
