// The document tree: the only thing the writers ever see. It can hold nothing but the
// elements and attributes of vocabulary.hpp, text is always text, and URL attributes
// can only be set through the URL policy. Whatever builds a Document cannot make it
// unsafe.
//
// Nodes live in one vector and refer to each other by index; all strings live in one
// pool. Building follows md4c's shape: open an element, set its attributes, add
// children, close it.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tree/url_policy.hpp"
#include "tree/vocabulary.hpp"

namespace lede {

using NodeId = std::uint32_t;
inline constexpr NodeId kNone = 0xFFFFFFFFu;

struct Node {
  bool is_text = false;
  bool rewritten = false;  // between Document::start_rewrite() and finish_rewrite()
  Tag tag = Tag::div;  // meaningless for text nodes and the root
  NodeId parent = kNone, first_child = kNone, last_child = kNone, next = kNone;
  std::uint32_t first_attr = kNone;
  std::uint32_t text_begin = 0, text_size = 0;  // text nodes: a slice of the pool
};

struct AttrEntry {
  Attr attr;
  std::uint32_t next = kNone;
  std::uint32_t value_begin = 0, value_size = 0;
};

// A vector that grows a fixed-size chunk at a time: appending never moves what is
// stored, so a long article's nodes are never held twice while a doubled vector takes
// over (the peak of the heap), and each chunk fits a hole the freed input left.
template <typename T, unsigned kShift>
class Chunked {
 public:
  T& operator[](std::size_t i) { return chunks_[i >> kShift][i & kMask]; }
  // Every read of a node (node(), text_of(), walk()) comes here. At -Oz it stayed a call
  // of 14 instructions, above binaryen's inlining size (8 in lede.wasm): inlined, renderOps()
  // is 6-12 % faster on seed40 and 2-3 % on spec, for 43 B gzip of the Markdown page and 42
  // of the WordPress page (docs/performance.md, "Stop 35"). The non-const one, used far
  // less often, cost 180 B more for no more speed.
  [[gnu::always_inline]] const T& operator[](std::size_t i) const { return chunks_[i >> kShift][i & kMask]; }
  std::size_t size() const { return size_; }
  std::size_t capacity() const { return chunks_.size() << kShift; }
  void push_back(const T& value) {
    if (size_ == capacity()) chunks_.push_back(std::unique_ptr<T[]>(new T[kMask + 1]));
    (*this)[size_++] = value;
  }
  // Empty, its chunks kept for what is pushed next.
  void clear() { size_ = 0; }

 private:
  static constexpr std::size_t kMask = (std::size_t{1} << kShift) - 1;
  std::vector<std::unique_ptr<T[]>> chunks_;
  std::size_t size_ = 0;
};

class Document {
 public:
  // External links (absolute http(s) or protocol-relative) always get
  // rel="noopener noreferrer", plus "nofollow ugc" when `nofollow` is set.
  explicit Document(bool nofollow = false);

  // Empty again, as Document(nofollow) is, with the memory of its chunks and pools kept:
  // the wasm front door renders every article into one document (src/wasm/exports.cpp).
  void reset(bool nofollow);
  // The bytes it holds, used or not.
  std::size_t kept_bytes() const {
    return nodes_.capacity() * sizeof(Node) + attrs_.capacity() * sizeof(AttrEntry) + pool_.capacity() +
           next_pool_.capacity();
  }

  // The root is a fragment: it has children but is not itself an element.
  NodeId root() const { return 0; }
  NodeId current() const { return cursor_; }

  // Room for about this many bytes of text: the input's size is a good guess, and it
  // spares the pool its doubling (which leaves up to half of it unused).
  void reserve(std::size_t text_bytes) { pool_.reserve(text_bytes + text_bytes / 8); }

  // --- building at the cursor ---
  NodeId open(Tag tag);  // appends an element to the current node and enters it
  void close();          // leaves the current element
  // Leaves elements until `element` is current again: restores the cursor after a
  // builder that stopped half-way.
  void close_to(NodeId element) {
    while (cursor_ != element && cursor_ != 0) close();
  }
  // Appends text, joined to a text node just before it (an HTML parser would join
  // them too, and both outputs must give the same DOM). CR and CRLF become LF and NUL
  // becomes U+FFFD, as HTML's input preprocessing does.
  void text(std::string_view utf8);
  // Sets a non-URL attribute on the current element. Refused (returns false) if the
  // pair is not in the allowlist or the attribute holds a URL.
  bool set(Attr attr, std::string_view value) { return set(cursor_, attr, value); }
  bool set(NodeId element, Attr attr, std::string_view value);
  // Sets a URL attribute after the URL policy has accepted it. Returns false, setting
  // nothing, if the URL is refused.
  bool set_url(Attr attr, std::string_view raw, UrlKind kind) {
    return set_url(cursor_, attr, raw, kind);
  }
  bool set_url(NodeId element, Attr attr, std::string_view raw, UrlKind kind);
  // The current <img>'s fetch: loading (for a lazy one), decoding and referrerpolicy, then
  // src. They come before src because an <img> made by createElement starts fetching as
  // soon as it has a src, even before it is in the document.
  void set_image_source(std::string_view src, bool lazy);

  // --- editing, for layout ---
  // Changes an element's tag (heading levels). Attributes not allowed on the new tag
  // are dropped.
  void retag(NodeId element, Tag tag);
  // Unlinks a node (and its subtree) from its parent.
  void remove(NodeId node);
  // Moves a node (and its subtree) to just before `sibling`, under sibling's parent.
  void insert_before(NodeId node, NodeId sibling);
  // Replaces the text of a text node (normalised as text() does).
  void set_text(NodeId text_node, std::string_view utf8);

  // --- rewriting every text at once, for typography ---
  // set_text() leaves the old text in the pool, so rewriting most texts of a long
  // article would hold its text twice, in a pool that doubles to take the second copy
  // (the peak of the heap). Instead: start_rewrite() opens a new pool; the rewriter
  // appends a text's new version to rewrite_pool() (already normalised: made from
  // text_of()) and calls rewrote(); finish_rewrite() copies every other text and
  // attribute value across and drops the old pool. text_of() reads the old pool until
  // then.
  void start_rewrite();
  std::string& rewrite_pool() { return next_pool_; }
  void rewrote(NodeId text_node, std::size_t begin);  // its text: [begin, end of rewrite_pool())
  void finish_rewrite();

  // --- reading ---
  const Node& node(NodeId id) const { return nodes_[id]; }
  std::size_t size() const { return nodes_.size(); }
  std::string_view text_of(NodeId id) const {
    return std::string_view(pool_).substr(nodes_[id].text_begin, nodes_[id].text_size);
  }
  const AttrEntry& attr_entry(std::uint32_t index) const { return attrs_[index]; }
  std::string_view value_of(const AttrEntry& a) const {
    return std::string_view(pool_).substr(a.value_begin, a.value_size);
  }
  // The value of `attr` on `element`, empty if it has none.
  std::string_view value_of(NodeId element, Attr attr) const;
  // Concatenated text of a subtree.
  std::string text_content(NodeId id) const;
  // Bytes of text and attribute values stored so far.
  std::size_t pool_bytes() const { return pool_.size(); }
  // All of them, one after another (with texts that were replaced since).
  std::string_view strings() const { return pool_; }
  // Elements between the root and the cursor.
  std::size_t depth() const { return depth_; }
  // Bytes of the HTML this tree makes, before escaping: the pool plus start and end
  // tags and attribute names. The basis for output limits.
  std::size_t output_bytes() const { return pool_.size() + markup_bytes_; }
  // Builders that amplify their input (md4c pads every table row to up to 128 cells)
  // check this and stop adding once it is true, so memory stays bounded by the limit.
  void set_output_limit(std::size_t bytes) { output_limit_ = bytes; }
  bool over_output_limit() const { return output_bytes() > output_limit_; }

 private:
  NodeId append(Node n);
  std::uint32_t store(std::string_view s);
  bool set_checked(NodeId element, Attr attr, std::string_view value);

  Chunked<Node, 7> nodes_;       // 4 KiB chunks
  Chunked<AttrEntry, 7> attrs_;  // 2 KiB chunks
  std::string pool_;
  std::string next_pool_;  // between start_rewrite() and finish_rewrite()
  NodeId cursor_ = 0;
  std::size_t depth_ = 0;
  bool nofollow_ = false;
  std::size_t markup_bytes_ = 0;
  std::size_t output_limit_ = static_cast<std::size_t>(-1);
};

// Visits a subtree in document order: enter(id) for every node, leave(id) after the
// children of every element. The one walker both writers use.
template <typename Enter, typename Leave>
void walk(const Document& doc, NodeId top, Enter&& enter, Leave&& leave) {
  NodeId id = doc.node(top).first_child;
  while (id != kNone) {
    enter(id);
    const Node& n = doc.node(id);
    if (n.first_child != kNone) {
      id = n.first_child;
      continue;
    }
    // Climb until a node has a next sibling, leaving each element on the way.
    while (id != kNone) {
      if (!doc.node(id).is_text) leave(id);
      if (doc.node(id).next != kNone) {
        id = doc.node(id).next;
        break;
      }
      id = doc.node(id).parent;
      if (id == top) {
        id = kNone;
        break;
      }
    }
  }
}

}  // namespace lede
