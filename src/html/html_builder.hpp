// The walk that rebuilds an HTML body in Lede's tree through the allowlist, declared
// here so its two halves can live apart: the structure (html_to_tree.cpp: blocks,
// tables, paragraphs, ids) and the leaves (html_leaves.cpp: text, images, embeds,
// formulas, code, links).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "html/html_node.hpp"
#include "html/html_to_tree.hpp"
#include "problems.hpp"
#include "tree/document.hpp"
#include "tree/string_table.hpp"
#include "tree/url_policy.hpp"

namespace lede::html_walk {

struct ParseNotes {
  bool lenient = false;             // read by the lenient reader
  bool attributes_dropped = false;  // a tag had more than Limits::kHtmlAttributes
  bool needs_gumbo = false;         // the quick parser gave up and the fallback could not read
};

// `html` parsed into `tree` (html_to_tree.cpp): the body, and a <noscript>'s markup.
GNode parse(std::string_view html, HtmlTree& tree, HtmlFallback fallback, ParseNotes& notes, bool quick = true);

// ---------------------------------------------------------------------------
// Facts about each element's content, gathered before anything is written.

enum Facts : std::uint8_t {
  kText = 1,    // visible text below
  kMedia = 2,   // an image, player, embed or formula below
  kBlock = 4,   // a block element at or below
  kFlow = 8,    // a paragraph-level block (p, div, heading, table…) itself
  kFlowBelow = 16,  // one below, not counting inside lists
};

class Builder {
 public:
  Builder(Document& doc, const HtmlOptions& options, ParseNotes& notes, std::vector<Problem>& problems)
      : doc_(doc), options_(options), problems_(problems), base_depth_(doc.depth()), notes_(notes) {}

  void build(GNode root);

 private:
  enum class Ctx : std::uint8_t { flow, phrasing, table, section, row };

  // One open output element that decides what may go into it.
  struct Frame {
    Ctx ctx = Ctx::flow;
    NodeId element = kNone;
    std::uint8_t closes = 1;  // elements to close on leaving (a table is div + table)
    bool wrap = false;        // flow: runs of inline content become paragraphs
    bool list = false;        // flow: takes <li>
    bool dl = false;          // flow: takes <dt> and <dd>
    bool figure = false;      // flow: takes <figcaption>
    bool details = false;     // flow: takes <summary>
    bool link = false, heading = false;
    int force = 0;            // flow: inside an input <p>: runs are paragraphs anyway
    NodeId run = kNone;       // flow: the open paragraph
    NodeId tbody = kNone;     // table: the <tbody> made for rows outside any section
  };
  enum class Entered : std::uint8_t { nothing, frame, paragraph, boundary, spaced };
  static constexpr int kMaxWarnings = 20;

  // --- before: facts, ids and link targets ---

  void find_images_before_noscripts(GNode root);
  GNode image_before(GNode noscript) const;
  bool survey(GNode root);
  static bool visible(std::string_view s);

  // Of the body's nodes (those of a <noscript>'s markup have none).
  std::uint8_t facts(GNode n) const { return n.tree == tree_ ? facts_[n.id] : 0; }
  bool has_content(GNode n) const { return facts(n) & (kText | kMedia); }

  std::string_view target_id(GNode n) const;

  // --- the walk ---

  Frame& top() { return frames_.back(); }

  bool enter(GNode n);
  void leave(GNode);
  bool push(Entered what);
  bool transparent(GNode n);

  // --- opening elements ---

  bool deeper_than_limit(std::size_t levels);
  bool open_block(Tag tag, GNode source);
  bool open_frame(Tag tag, GNode source, Frame f);
  bool open_flow(Tag tag, GNode source, bool wrap);
  bool table(GNode n);
  static bool layout_table(GNode n);
  void close_tbody();
  void attributes(GNode n);
  void title(GNode n);
  void cell_attributes(GNode n);
  static bool is_integer(std::string_view s);
  void anchor(GNode n);

  // --- paragraphs ---

  void ensure_run();
  void end_run();
  bool inline_here();

  // --- leaves ---

  void text(GNode n);
  void br();
  void image(GNode n);
  void noscript(GNode n);
  void embed(GNode n);
  void audio(GNode n);
  void math(GNode n);
  void formula(const std::string& text);
  void pre(GNode n);

  // --- links ---

  bool link_href(GNode n, std::string& out);
  static std::string percent_decoded(std::string_view s);

  // --- problems ---

  void warn(std::string message);
  void refused(const char* what, const std::string& url, UrlKind kind);
  Document& doc_;
  const HtmlOptions& options_;
  std::vector<Problem>& problems_;
  std::size_t base_depth_;
  std::vector<Frame> frames_;
  std::vector<Entered> entered_;
  const HtmlTree* tree_ = nullptr;  // the body's
  std::vector<std::uint8_t> facts_;  // Facts of each of its nodes, by id
  std::vector<HtmlNodeId> image_before_noscript_;  // by a <noscript>'s id, when there is one
  // ids, link targets and the ids used: views of the body's attributes, which live as long
  // as the walk (targets_ keeps copies of the ids it decodes); the image URLs shown.
  StringTable ids_, targets_, used_ids_, shown_;
  GNode last_image_;
  ParseNotes& notes_;
  int in_link_ = 0;
  int refused_ = 0;
  bool too_deep_ = false;
};

}  // namespace lede::html_walk
