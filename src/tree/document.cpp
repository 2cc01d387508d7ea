#include "tree/document.hpp"

#include <cassert>
#include <cstdint>
#include <cstring>

#include "tree/byte_lanes.hpp"

namespace lede {

Document::Document(bool nofollow) : nofollow_(nofollow) {
  nodes_.push_back(Node{});  // the root fragment
}

void Document::reset(bool nofollow) {
  nodes_.clear();
  attrs_.clear();
  pool_.clear();
  next_pool_.clear();
  cursor_ = 0;
  depth_ = 0;
  nofollow_ = nofollow;
  markup_bytes_ = 0;
  output_limit_ = static_cast<std::size_t>(-1);
  nodes_.push_back(Node{});
}

NodeId Document::append(Node n) {
  NodeId id = static_cast<NodeId>(nodes_.size());
  n.parent = cursor_;
  Node& parent = nodes_[cursor_];
  if (parent.last_child == kNone)
    parent.first_child = id;
  else
    nodes_[parent.last_child].next = id;
  parent.last_child = id;
  nodes_.push_back(n);
  return id;
}

NodeId Document::open(Tag tag) {
  assert(cursor_ == 0 || !is_void(nodes_[cursor_].tag));
  Node n;
  n.tag = tag;
  std::size_t name = tag_name(tag).size();
  markup_bytes_ += is_void(tag) ? name + 2 : 2 * name + 5;  // <tag> and </tag>
  cursor_ = append(n);
  ++depth_;
  return cursor_;
}

void Document::close() {
  assert(cursor_ != 0);
  // Never above the root, even without assertions (the wasm build): the root's parent
  // is kNone, and the next open() would write through it.
  if (cursor_ == 0) return;
  cursor_ = nodes_[cursor_].parent;
  --depth_;
}

std::uint32_t Document::store(std::string_view s) {
  std::uint32_t begin = static_cast<std::uint32_t>(pool_.size());
  // Normalise as HTML's input stream does, so the parsed HTML string and the DOM
  // built by createTextNode hold exactly the same characters.
  // Runs between those characters are copied whole: text is stored once per node, so
  // this loop is one of the hottest of a render.
  std::size_t from = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    // Sixteen or eight bytes at a time while none is CR or NUL.
#ifdef LEDE_BYTE_VECTORS
    while (i + 16 <= s.size()) {
      const Bytes16 v = load_bytes16(s.data() + i);
      if (bits((v == 0) | (v == '\r'))) break;
      i += 16;
    }
#endif
    while (i + 8 <= s.size()) {
      std::uint64_t w = load_lanes(s.data() + i);
      if (lanes_equal(w, '\0') | lanes_equal(w, '\r')) break;
      i += 8;
    }
    if (i == s.size()) break;
    char c = s[i];
    if (c != '\r' && c != '\0') continue;
    pool_.append(s.data() + from, i - from);
    if (c == '\r') {
      pool_ += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      pool_ += "\xEF\xBF\xBD";
    }
    from = i + 1;
  }
  pool_.append(s.data() + from, s.size() - from);
  return begin;
}

std::string_view Document::value_of(NodeId element, Attr attr) const {
  for (std::uint32_t i = nodes_[element].first_attr; i != kNone; i = attrs_[i].next)
    if (attrs_[i].attr == attr) return value_of(attrs_[i]);
  return {};
}

void Document::text(std::string_view s) {
  if (s.empty()) return;
  Node& parent = nodes_[cursor_];
  if (parent.last_child != kNone) {
    Node& last = nodes_[parent.last_child];
    if (last.is_text) {
      // Keep the joined text contiguous: move it to the end of the pool if an
      // attribute value was stored after it.
      if (last.text_begin + last.text_size != pool_.size()) {
        std::string moved(text_of(parent.last_child));
        last.text_begin = static_cast<std::uint32_t>(pool_.size());
        pool_ += moved;
      }
      store(s);
      last.text_size = static_cast<std::uint32_t>(pool_.size() - last.text_begin);
      return;
    }
  }
  Node n;
  n.is_text = true;
  n.text_begin = store(s);
  n.text_size = static_cast<std::uint32_t>(pool_.size() - n.text_begin);
  append(n);
}

bool Document::set(NodeId element, Attr attr, std::string_view value) {
  if (is_url_attr(attr)) {
    assert(!"URL attributes go through set_url");
    return false;
  }
  return set_checked(element, attr, value);
}

void Document::set_image_source(std::string_view src, bool lazy) {
  if (lazy) set(Attr::loading, "lazy");
  set(Attr::decoding, "async");
  set(Attr::referrerpolicy, "no-referrer");
  set_url(Attr::src, src, UrlKind::image);
}

bool Document::set_url(NodeId element, Attr attr, std::string_view raw, UrlKind kind) {
  if (!is_url_attr(attr)) return false;
  std::string spare;
  auto url = check_url(raw, kind, spare);
  if (!url || !set_checked(element, attr, *url)) return false;
  if (attr == Attr::href && is_external(*url))
    set_checked(element, Attr::rel, nofollow_ ? "noopener noreferrer nofollow ugc" : "noopener noreferrer");
  return true;
}

bool Document::set_checked(NodeId element, Attr attr, std::string_view value) {
  if (element == 0 || element >= nodes_.size()) return false;
  Node& n = nodes_[element];
  if (n.is_text || !is_allowed(n.tag, attr)) {
    assert(!"attribute outside the allowlist");
    return false;
  }
  // A second value replaces the first: setAttribute keeps the last value but an HTML
  // parser keeps the first, so the tree never holds two.
  for (std::uint32_t i = n.first_attr; i != kNone; i = attrs_[i].next) {
    if (attrs_[i].attr == attr) {
      attrs_[i].value_begin = store(value);
      attrs_[i].value_size = static_cast<std::uint32_t>(pool_.size() - attrs_[i].value_begin);
      return true;
    }
  }
  markup_bytes_ += attr_name(attr).size() + 4;  // ' name=""'
  AttrEntry a{attr};
  a.value_begin = store(value);
  a.value_size = static_cast<std::uint32_t>(pool_.size() - a.value_begin);
  auto index = static_cast<std::uint32_t>(attrs_.size());
  attrs_.push_back(a);
  // Keep attributes in the order they were set.
  if (n.first_attr == kNone) {
    n.first_attr = index;
  } else {
    std::uint32_t i = n.first_attr;
    while (attrs_[i].next != kNone) i = attrs_[i].next;
    attrs_[i].next = index;
  }
  return true;
}

void Document::retag(NodeId element, Tag tag) {
  Node& n = nodes_[element];
  // Keep the output count exact: the start and end tags change length (p → figure).
  // Dropped attributes stay counted, which only errs on the safe side.
  auto tags = [](Tag t) { return is_void(t) ? tag_name(t).size() + 2 : 2 * tag_name(t).size() + 5; };
  markup_bytes_ = markup_bytes_ - tags(n.tag) + tags(tag);
  n.tag = tag;
  std::uint32_t* link = &n.first_attr;
  while (*link != kNone) {
    if (!is_allowed(tag, attrs_[*link].attr))
      *link = attrs_[*link].next;
    else
      link = &attrs_[*link].next;
  }
}

void Document::remove(NodeId id) {
  NodeId parent = nodes_[id].parent;
  if (parent == kNone) return;
  Node& p = nodes_[parent];
  NodeId prev = kNone;
  for (NodeId c = p.first_child; c != kNone; prev = c, c = nodes_[c].next) {
    if (c != id) continue;
    if (prev == kNone)
      p.first_child = nodes_[c].next;
    else
      nodes_[prev].next = nodes_[c].next;
    if (p.last_child == id) p.last_child = prev;
    break;
  }
  nodes_[id].parent = kNone;
  nodes_[id].next = kNone;
}

void Document::insert_before(NodeId id, NodeId sibling) {
  remove(id);
  NodeId parent = nodes_[sibling].parent;
  Node& p = nodes_[parent];
  nodes_[id].parent = parent;
  nodes_[id].next = sibling;
  if (p.first_child == sibling) {
    p.first_child = id;
    return;
  }
  NodeId prev = p.first_child;
  while (nodes_[prev].next != sibling) prev = nodes_[prev].next;
  nodes_[prev].next = id;
}

void Document::set_text(NodeId id, std::string_view s) {
  nodes_[id].text_begin = store(s);
  nodes_[id].text_size = static_cast<std::uint32_t>(pool_.size() - nodes_[id].text_begin);
}

void Document::start_rewrite() {
  // Typography makes texts a little longer (a curly quote takes 3 bytes); dead texts
  // (joined or replaced) are not copied.
  next_pool_.reserve(pool_.size() + pool_.size() / 16 + 64);
}

void Document::rewrote(NodeId id, std::size_t begin) {
  nodes_[id].text_begin = static_cast<std::uint32_t>(begin);
  nodes_[id].text_size = static_cast<std::uint32_t>(next_pool_.size() - begin);
  nodes_[id].rewritten = true;
}

void Document::finish_rewrite() {
  auto move = [&](std::uint32_t& begin, std::uint32_t size) {
    std::uint32_t at = static_cast<std::uint32_t>(next_pool_.size());
    next_pool_.append(pool_, begin, size);
    begin = at;
  };
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    Node& n = nodes_[i];
    if (n.is_text && !n.rewritten) move(n.text_begin, n.text_size);
    n.rewritten = false;
  }
  for (std::size_t i = 0; i < attrs_.size(); ++i) move(attrs_[i].value_begin, attrs_[i].value_size);
  pool_.swap(next_pool_);
  std::string().swap(next_pool_);
}

std::string Document::text_content(NodeId id) const {
  std::string out;
  if (nodes_[id].is_text) return std::string(text_of(id));
  walk(
      *this, id,
      [&](NodeId n) {
        if (nodes_[n].is_text) out += text_of(n);
      },
      [](NodeId) {});
  return out;
}

}  // namespace lede
