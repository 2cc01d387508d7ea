// A feed's article as bytes (article_outcome.hpp), so that expat and the feed adapters
// live in a module of their own (web/dist/lede-xml.wasm) that only feeds load:
//
//   request = varint(max_input_bytes) varint(max_depth) string(item) bytes(xml, to the end)
//   outcome = article varint(n) problem{n}
//   problem = varint(code) byte(warning) string(path) string(message) varint(byte line column)
//   article = every member of Article, in the order of fields() below: strings, varints,
//             bytes, doubles as 8 little-endian bytes, an optional as byte(has) and its
//             members, a vector as varint(n) and n of its items
//   string  = varint(length) bytes;  varint = unsigned LEB128
//
// One list of fields (fields()) both writes and reads, so the two cannot drift apart.
// The reader trusts nothing: lengths and counts are checked against the bytes left, so
// bytes that are not an outcome are an error, never a crash.
#include "input/adapters/article_outcome.hpp"

#include <cstdint>
#include <cstring>

#include "text/varint.hpp"

namespace lede {
namespace {

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  // Every number here is a size or a count below the input limit (itself < 4 GiB).
  void put(std::size_t v) { append_varint(out_, static_cast<std::uint32_t>(v)); }
  void u(unsigned& v) { put(v); }
  void u(std::size_t& v) { put(v); }
  void s(std::string& v) {
    put(v.size());
    out_ += v;
  }
  void byte(std::uint8_t& v) { out_ += static_cast<char>(v); }
  void flag(bool& v) { out_ += static_cast<char>(v ? 1 : 0); }
  void f64(double& v) {
    char b[8];
    std::memcpy(b, &v, 8);
    out_.append(b, 8);
  }
  template <typename T, typename F>
  void opt(std::optional<T>& v, F each) {
    out_ += static_cast<char>(v ? 1 : 0);
    if (v) each(*v);
  }
  template <typename T, typename F>
  void vec(std::vector<T>& v, F each) {
    put(v.size());
    for (T& x : v) each(x);
  }
  bool ok() const { return true; }

 private:
  std::string& out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  void u(std::size_t& v) {
    std::uint32_t w = 0;
    if (!read_varint(in_, at_, w)) return fail();
    v = w;
  }
  void u(unsigned& v) {
    std::size_t w = 0;
    u(w);
    v = static_cast<unsigned>(w);
  }
  void s(std::string& v) {
    std::size_t n = 0;
    u(n);
    if (!ok_ || n > left()) return fail();
    v.assign(in_.substr(at_, n));
    at_ += n;
  }
  void byte(std::uint8_t& v) {
    if (!left()) return fail();
    v = static_cast<std::uint8_t>(in_[at_++]);
  }
  void flag(bool& v) {
    std::uint8_t b = 0;
    byte(b);
    v = b != 0;
  }
  void f64(double& v) {
    if (left() < 8) return fail();
    std::memcpy(&v, in_.data() + at_, 8);
    at_ += 8;
  }
  template <typename T, typename F>
  void opt(std::optional<T>& v, F each) {
    bool has = false;
    flag(has);
    if (!ok_ || !has) return;
    v.emplace();
    each(*v);
  }
  template <typename T, typename F>
  void vec(std::vector<T>& v, F each) {
    std::size_t n = 0;
    u(n);
    // Every item takes at least one byte.
    if (!ok_ || n > left()) return fail();
    v.resize(n);
    for (T& x : v) {
      if (!ok_) return;
      each(x);
    }
  }
  bool ok() const { return ok_; }
  bool done() const { return ok_ && at_ == in_.size(); }
  std::string_view rest() const { return in_.substr(at_); }

 private:
  std::size_t left() const { return in_.size() - at_; }
  void fail() {
    ok_ = false;
    at_ = in_.size();
  }

  std::string_view in_;
  std::size_t at_ = 0;
  bool ok_ = true;
};

template <typename Io>
void part(Io& io, BodyPart& p) {
  auto kind = static_cast<std::uint8_t>(p.kind), format = static_cast<std::uint8_t>(p.format);
  io.byte(kind);
  io.byte(format);
  io.byte(p.level);
  // An enum takes only its own values.
  if (kind > static_cast<std::uint8_t>(BodyPart::Kind::divider)) kind = 0;
  if (format > static_cast<std::uint8_t>(BodyPart::Kind::divider)) format = 0;
  p.kind = static_cast<BodyPart::Kind>(kind);
  p.format = static_cast<BodyPart::Kind>(format);
  io.s(p.text);
  io.s(p.url);
  io.s(p.alt);
  io.s(p.path);
  io.u(p.width);
  io.u(p.height);
  io.f64(p.duration);
}

template <typename Io>
void fields(Io& io, Article& a) {
  for (std::string* s : {&a.title, &a.url, &a.section, &a.dek, &a.byline, &a.base}) io.s(*s);
  io.opt(a.site, [&](Site& x) {
    io.s(x.name);
    io.s(x.url);
    io.s(x.logo);
  });
  io.vec(a.authors, [&](Author& x) {
    io.s(x.name);
    io.s(x.url);
  });
  for (std::string* s : {&a.published, &a.updated, &a.lang, &a.dir}) io.s(*s);
  io.opt(a.image, [&](Image& x) {
    io.s(x.src);
    io.s(x.alt);
    io.s(x.caption);
    io.s(x.credit);
    io.u(x.width);
    io.u(x.height);
  });
  io.vec(a.body, [&](BodyPart& x) { part(io, x); });
  io.vec(a.tags, [&](std::string& x) { io.s(x); });
  io.opt(a.audio, [&](Audio& x) {
    io.s(x.src);
    io.s(x.title);
    io.f64(x.duration);
  });
  io.vec(a.related, [&](RelatedArticle& x) {
    io.s(x.title);
    io.s(x.url);
    io.s(x.image);
    io.s(x.published);
  });
  io.opt(a.newsletter, [&](Newsletter& x) {
    io.s(x.title);
    io.s(x.text);
    io.s(x.action);
    io.s(x.button);
  });
}

template <typename Io>
void problem(Io& io, Problem& p) {
  std::size_t code = static_cast<std::size_t>(p.code);
  io.u(code);
  if (code > static_cast<std::size_t>(ErrorCode::needs_html_parser)) code = static_cast<std::size_t>(ErrorCode::syntax);
  p.code = static_cast<ErrorCode>(code);
  io.flag(p.warning);
  io.s(p.path);
  io.s(p.message);
  io.u(p.byte);
  io.u(p.line);
  io.u(p.column);
}

}  // namespace

void write_feed_request(std::string_view xml, const Options& options, std::string& out) {
  Writer w(out);
  w.put(options.limits.max_input_bytes);
  w.put(options.limits.max_json_depth);
  w.put(options.item.size());
  out += options.item;
  out += xml;
}

bool read_feed_request(std::string_view bytes, Options& options, std::string_view& xml) {
  Reader r(bytes);
  r.u(options.limits.max_input_bytes);
  r.u(options.limits.max_json_depth);
  r.s(options.item);
  xml = r.rest();
  return r.ok();
}

void write_article_outcome(const Article& article, const std::vector<Problem>& problems, std::string& out) {
  Writer w(out);
  fields(w, const_cast<Article&>(article));  // the Writer only reads
  w.vec(const_cast<std::vector<Problem>&>(problems), [&](Problem& p) { problem(w, p); });
}

bool read_article_outcome(std::string_view bytes, Article& article, std::vector<Problem>& problems) {
  Reader r(bytes);
  Article read;
  std::vector<Problem> found;
  fields(r, read);
  r.vec(found, [&](Problem& p) { problem(r, p); });
  if (!r.done()) {
    Problem error;
    error.code = ErrorCode::syntax;
    error.message = "the feed reader's answer could not be read (lede-xml.wasm)";
    problems.push_back(std::move(error));
    return false;
  }
  article = std::move(read);
  for (Problem& p : found) problems.push_back(std::move(p));
  return true;
}

}  // namespace lede
