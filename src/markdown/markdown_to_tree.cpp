#include "markdown/markdown_to_tree.hpp"

#include <string>
#include <vector>

#include "html/html_tokenizer.hpp"
#include "problems.hpp"
#include "text/ascii.hpp"
#include "tree/entities.hpp"

extern "C" {
#include "md4c.h"
}

namespace lede {
namespace {

class TreeBuilder {
 public:
  TreeBuilder(Document& doc, const MarkdownOptions& options, std::vector<Problem>& problems)
      : doc_(doc), options_(options), problems_(problems), base_depth_(doc.depth()) {}

  bool over_output_limit() const { return doc_.over_output_limit(); }

  int enter_block(MD_BLOCKTYPE type, void* detail) {
    flush_html();
    // <pre><code>, a list and its item, and a task's <li><span> take two levels; a
    // table all five of <div><table><tbody><tr><td>, so that it is whole or not at all
    // (text inside a <table> would be moved out of it by an HTML parser).
    std::size_t levels = type == MD_BLOCK_TABLE ? 5
                         : type == MD_BLOCK_CODE || type == MD_BLOCK_UL || type == MD_BLOCK_OL ||
                                 (type == MD_BLOCK_LI && static_cast<MD_BLOCK_LI_DETAIL*>(detail)->is_task)
                             ? 2
                             : 1;
    if (type != MD_BLOCK_DOC && type != MD_BLOCK_HTML && (flattening_ || deeper_than_limit(levels))) {
      // Past the limit a block opens no element: its text joins the deepest one there
      // is, after a space so that words stay apart. Nothing is lost but the nesting.
      if (type != MD_BLOCK_HR) separate();
      open_.push_back({true, static_cast<int>(type), kNone, true});
      ++flattening_;
      return 0;
    }
    NodeId node = kNone;  // the outermost element this block opens
    switch (type) {
      case MD_BLOCK_DOC: break;
      case MD_BLOCK_QUOTE: node = doc_.open(Tag::blockquote); break;
      case MD_BLOCK_UL: node = doc_.open(Tag::ul); break;
      case MD_BLOCK_OL: {
        node = doc_.open(Tag::ol);
        unsigned start = static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start;
        if (start != 1) doc_.set(Attr::start, std::to_string(start));
        break;
      }
      case MD_BLOCK_LI: node = enter_list_item(*static_cast<MD_BLOCK_LI_DETAIL*>(detail)); break;
      case MD_BLOCK_HR:  // void: closed at once
        doc_.open(Tag::hr);
        doc_.close();
        break;
      case MD_BLOCK_H: node = doc_.open(heading(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level)); break;
      case MD_BLOCK_CODE: node = enter_code(*static_cast<MD_BLOCK_CODE_DETAIL*>(detail)); break;
      // Only with keep_safe_html: no element, its tags are read as they come (a raw
      // <details> may hold the blocks that follow).
      case MD_BLOCK_HTML: in_html_block_ = true; break;
      case MD_BLOCK_P: node = doc_.open(Tag::p); break;
      case MD_BLOCK_TABLE:
        // Wide tables scroll inside their own box instead of widening the page.
        node = doc_.open(Tag::div);
        doc_.set(Attr::class_, "lede-scroll");
        doc_.open(Tag::table);
        break;
      case MD_BLOCK_THEAD: node = doc_.open(Tag::thead); break;
      case MD_BLOCK_TBODY: node = doc_.open(Tag::tbody); break;
      case MD_BLOCK_TR: node = doc_.open(Tag::tr); break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD: {
        node = doc_.open(type == MD_BLOCK_TH ? Tag::th : Tag::td);
        switch (static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align) {
          case MD_ALIGN_LEFT: doc_.set(Attr::class_, "lede-align-start"); break;
          case MD_ALIGN_CENTER: doc_.set(Attr::class_, "lede-align-center"); break;
          case MD_ALIGN_RIGHT: doc_.set(Attr::class_, "lede-align-end"); break;
          default: break;
        }
        break;
      }
    }
    open_.push_back({true, static_cast<int>(type), node});
    return 0;
  }

  // Closes the innermost open block of this type, and whatever is still open inside it.
  int leave_block(MD_BLOCKTYPE type, void*) {
    flush_html();
    if (type == MD_BLOCK_HTML) in_html_block_ = false;
    for (std::size_t i = open_.size(); i-- > 0;)
      if (open_[i].block && open_[i].type == static_cast<int>(type)) {
        if (type == MD_BLOCK_P && i + 1 == open_.size() && doc_.current() == open_[i].node)
          figure_if_lone_image();
        unwind(i);
        break;
      }
    return 0;  // a block md4c never entered: nothing to close
  }

  int enter_span(MD_SPANTYPE type, void* detail) {
    flush_html();
    NodeId node = kNone;
    if (type != MD_SPAN_IMG && image_depth_ == 0 && (flattening_ || deeper_than_limit(1))) {
      open_.push_back({false, static_cast<int>(type), kNone});  // its text, without the span
      return 0;
    }
    if (type == MD_SPAN_IMG) {
      // Inside an image everything is alt text; nested spans only add their text.
      if (image_depth_++ == 0) {
        auto* d = static_cast<MD_SPAN_IMG_DETAIL*>(detail);
        image_src_ = attribute(d->src);
        image_title_ = attribute(d->title);
        alt_.clear();
      }
    } else if (image_depth_ == 0) {
      switch (type) {
        case MD_SPAN_EM: node = doc_.open(Tag::em); break;
        case MD_SPAN_STRONG: node = doc_.open(Tag::strong); break;
        case MD_SPAN_CODE: node = doc_.open(Tag::code); break;
        case MD_SPAN_DEL: node = doc_.open(Tag::del); break;
        case MD_SPAN_A: node = enter_link(*static_cast<MD_SPAN_A_DETAIL*>(detail)); break;
        default: node = doc_.open(Tag::span); break;  // extensions not enabled
      }
    }
    open_.push_back({false, static_cast<int>(type), node});
    return 0;
  }

  // Closes the innermost open span of this type within the current block. md4c 0.5.2
  // sometimes leaves a span it never entered (mity/md4c#277, #278, #294: emphasis
  // delimiters in link destinations): that leave is ignored. Closing the current
  // element instead closed the paragraph, then the body, then ran past the root.
  int leave_span(MD_SPANTYPE type, void*) {
    flush_html();
    for (std::size_t i = open_.size(); i-- > 0 && !open_[i].block;)
      if (open_[i].type == static_cast<int>(type)) {
        unwind(i);
        break;
      }
    return 0;
  }

  // Closes everything still open (md4c stopped early or left something open).
  void finish() {
    flush_html();
    unwind(0);
  }

  int text(MD_TEXTTYPE type, const MD_CHAR* data, MD_SIZE size) {
    std::string_view s(data, size);
    if (type == MD_TEXT_HTML && options_.keep_safe_html && image_depth_ == 0) {
      html_ += s;  // read by the tokenizer when the run of raw HTML ends
      return 0;
    }
    flush_html();
    if (!skip_.empty()) return 0;  // inside <script>, <style>…: dropped
    std::string decoded;
    switch (type) {
      case MD_TEXT_NULLCHAR: s = "\xEF\xBF\xBD"; break;
      case MD_TEXT_BR:
        if (image_depth_ > 0) {
          s = " ";
          break;
        }
        doc_.open(Tag::br);
        doc_.close();
        return 0;
      case MD_TEXT_SOFTBR: s = image_depth_ > 0 ? " " : "\n"; break;
      case MD_TEXT_ENTITY:
        if (decode_entity(s, decoded)) s = decoded;
        break;
      default: break;  // normal text, code, and raw HTML (kept as text)
    }
    if (image_depth_ > 0)
      alt_ += s;
    else
      doc_.text(s);
    return 0;
  }

 private:
  static Tag heading(unsigned level) {
    static const Tag kHeadings[] = {Tag::h1, Tag::h2, Tag::h3, Tag::h4, Tag::h5, Tag::h6};
    return kHeadings[(level >= 1 && level <= 6 ? level : 6) - 1];
  }

  // md4c hands attributes over in pieces: plain text, entities, NUL characters.
  static std::string attribute(const MD_ATTRIBUTE& a) {
    std::string out;
    if (!a.text) return out;
    for (int i = 0; a.substr_offsets[i] < a.size; ++i) {
      std::string_view piece(a.text + a.substr_offsets[i],
                             a.substr_offsets[i + 1] - a.substr_offsets[i]);
      switch (a.substr_types[i]) {
        case MD_TEXT_NULLCHAR: out += "\xEF\xBF\xBD"; break;
        case MD_TEXT_ENTITY:
          if (!decode_entity(piece, out)) out += piece;
          break;
        default: out += piece; break;
      }
    }
    return out;
  }

  NodeId enter_list_item(const MD_BLOCK_LI_DETAIL& d) {
    NodeId li = doc_.open(Tag::li);
    if (!d.is_task) return li;
    // A task is shown, not operated: no form control comes from content.
    bool done = d.task_mark == 'x' || d.task_mark == 'X';
    doc_.set(Attr::class_, done ? "lede-task lede-task-done" : "lede-task");
    doc_.open(Tag::span);
    doc_.set(Attr::class_, "lede-check");
    doc_.set(Attr::role, "img");
    doc_.set(Attr::aria_label, done ? "done" : "not done");
    doc_.text(done ? "\xE2\x98\x91" : "\xE2\x98\x90");  // ☑ ☐
    doc_.close();
    doc_.text(" ");
    return li;
  }

  NodeId enter_code(const MD_BLOCK_CODE_DETAIL& d) {
    NodeId pre = doc_.open(Tag::pre);
    doc_.open(Tag::code);
    std::string lang = attribute(d.lang);
    if (lang.empty()) return pre;
    // The info string is author input: keep only characters a language name needs.
    std::string cls = "language-";
    for (char c : lang)
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
          c == '_' || c == '+' || c == '#' || c == '.')
        cls += c;
    if (cls.size() > 9) doc_.set(Attr::class_, cls);
    return pre;
  }

  // The <a> opened, or kNone when the link keeps only its text.
  NodeId enter_link(const MD_SPAN_A_DETAIL& d) {
    // md4c's permissive autolinks (www.…, user@host, http://…) also fire inside the
    // text of a link. An <a> inside an <a> is not HTML: a parser would close the outer
    // one, so the HTML string and the DOM built from ops would differ. The outer link
    // wins; the inner one keeps its text.
    if (open_links_ > 0) return kNone;
    std::string href = attribute(d.href);
    if (!url_allowed(href, UrlKind::link)) {  // refused: the link text stays, without a link
      refused("link", href, UrlKind::link);
      return kNone;
    }
    ++open_links_;
    NodeId a = doc_.open(Tag::a);
    doc_.set_url(Attr::href, href, UrlKind::link);  // adds rel for external links
    std::string title = attribute(d.title);
    if (!title.empty()) doc_.set(Attr::title, title);
    return a;
  }

  // Pops open_ down to index `i`, closing what each entry opened, innermost first.
  void unwind(std::size_t i) {
    while (open_.size() > i) {
      Open o = open_.back();
      open_.pop_back();
      if (o.flat) --flattening_;
      if (!o.block && o.type == MD_SPAN_IMG) {
        if (--image_depth_ == 0) leave_image();
        continue;
      }
      if (o.node == kNone) continue;
      if (!o.block && o.type == MD_SPAN_A) --open_links_;
      doc_.close_to(o.node);  // anything left open inside, raw HTML elements too
      doc_.close();
      forget_closed_raw();
    }
  }

  // A paragraph that is only an image with a title is a figure, the title its caption:
  // ![Road Town harbour](harbour.jpg "Road Town at dawn.")
  void figure_if_lone_image() {
    NodeId p = doc_.current();
    NodeId img = doc_.node(p).first_child;
    if (img == kNone || img != doc_.node(p).last_child || doc_.node(img).is_text ||
        doc_.node(img).tag != Tag::img)
      return;
    std::string_view title = doc_.value_of(img, Attr::title);
    if (title.empty()) return;
    std::string caption(title);
    doc_.retag(p, Tag::figure);
    doc_.open(Tag::figcaption);
    doc_.text(caption);
    doc_.close();
  }

  void leave_image() {
    if (!url_allowed(image_src_, UrlKind::image)) {
      refused("image", image_src_, UrlKind::image);
      doc_.text(alt_);  // a refused image keeps its description
      return;
    }
    doc_.open(Tag::img);
    doc_.set_image_source(image_src_, true);
    doc_.set(Attr::alt, alt_);
    if (!image_title_.empty()) doc_.set(Attr::title, image_title_);
    doc_.close();
  }

  // A space before a flattened block's text, unless there is nothing before it or a
  // space already.
  void separate() {
    NodeId last = doc_.node(doc_.current()).last_child;
    if (last == kNone) return;
    if (doc_.node(last).is_text) {
      std::string_view t = doc_.text_of(last);
      if (t.empty() || t.back() == ' ' || t.back() == '\n') return;
    }
    doc_.text(" ");
  }

  // Checked before elements open. Past the limit nothing deeper opens (browsers
  // flatten very deep HTML their own way, and the HTML and DOM outputs would differ):
  // its text goes into the deepest element, with one warning.
  bool deeper_than_limit(std::size_t levels) {
    if (doc_.depth() - base_depth_ + levels <= options_.max_depth) return false;
    if (!too_deep_) {
      problems_.push_back(warning_problem(ErrorCode::too_deep, "body",
                                          "Markdown nested deeper than the limit of " +
                                              std::to_string(options_.max_depth) +
                                              " levels: what is deeper is kept as text of the level above"));
    }
    too_deep_ = true;
    return true;
  }

  void refused(const char* what, const std::string& url, UrlKind kind) {
    problems_.push_back(warning_problem(ErrorCode::schema, "body", refused_url_message(what, url, kind)));
  }

  // --- raw HTML, with keep_safe_html ---

  // Drops raw elements that closing an md4c element closed too, and ends a drop of
  // script-like content when the block holding it ends.
  void forget_closed_raw() {
    while (!raw_.empty() && !is_open(raw_.back())) raw_.pop_back();
    if (!skip_.empty() && doc_.depth() < skip_depth_) skip_.clear();
  }

  bool is_open(NodeId id) const {
    for (NodeId n = doc_.current(); n != kNone; n = doc_.node(n).parent)
      if (n == id) return true;
    return false;
  }

  static bool kept_inline(const std::string& t) {
    return t == "sup" || t == "sub" || t == "kbd" || t == "mark" || t == "abbr";
  }
  static bool kept_block(const std::string& t) {
    return t == "details" || t == "summary" || t == "figure" || t == "figcaption";
  }
  // Elements whose content HTML does not show as text.
  static bool dropped_with_content(const std::string& t) {
    for (const char* name : {"script", "style", "textarea", "title", "xmp", "iframe", "noembed",
                             "noframes", "noscript", "template", "object"})
      if (t == name) return true;
    return false;
  }
  static Tag tag_of(const std::string& t) {
    if (t == "sup") return Tag::sup;
    if (t == "sub") return Tag::sub;
    if (t == "kbd") return Tag::kbd;
    if (t == "mark") return Tag::mark;
    if (t == "abbr") return Tag::abbr;
    if (t == "details") return Tag::details;
    if (t == "summary") return Tag::summary;
    if (t == "figure") return Tag::figure;
    return Tag::figcaption;
  }

  // Whether the cursor holds blocks (the body, a quote, an item, a details...).
  bool flow_container() const {
    switch (doc_.node(doc_.current()).tag) {
      case Tag::div: case Tag::blockquote: case Tag::li: case Tag::details: case Tag::figure:
      case Tag::td: case Tag::th:
        return true;
      default:
        return false;
    }
  }

  // Block elements go only where flow content may be, so that an HTML parser reading
  // Lede's HTML output builds the same tree (a <details> inside a <p> would close it).
  bool block_allowed(const std::string& name) const {
    Tag t = doc_.node(doc_.current()).tag;
    if (name == "summary") return t == Tag::details;
    if (name == "figcaption") return t == Tag::figure;
    return flow_container() || t == Tag::figcaption;
  }

  void flush_html() {
    if (html_.empty()) return;
    tokens_.clear();
    tokenizer_.feed(html_, tokens_);
    tokenizer_.finish(tokens_);
    html_.clear();
    for (HtmlToken& token : tokens_) apply(token);
  }

  void apply(HtmlToken& token) {
    const std::string& name = token.data;
    switch (token.kind) {
      case HtmlToken::Kind::comment: return;
      case HtmlToken::Kind::text: {
        if (!skip_.empty()) return;
        // In an HTML block, the line breaks around tags are layout of the source.
        std::string_view text = name;
        if (in_html_block_) {
          while (!text.empty() && is_html_space(text.front())) text.remove_prefix(1);
          while (!text.empty() && is_html_space(text.back())) text.remove_suffix(1);
        }
        doc_.text(text);
        return;
      }
      case HtmlToken::Kind::start_tag:
        if (!skip_.empty()) return;
        if (token.attributes_dropped && !attributes_dropped_) {
          attributes_dropped_ = true;
          problems_.push_back(warning_problem(ErrorCode::schema, "body",
                                              "an HTML tag with more than " + std::to_string(Limits::kHtmlAttributes) +
                                                  " attributes: the rest are dropped"));
        }
        if (dropped_with_content(name) && !token.self_closing) {
          skip_ = name;
          skip_depth_ = doc_.depth();
          return;
        }
        if (name == "br") {
          doc_.open(Tag::br);
          doc_.close();
          return;
        }
        if (!kept_inline(name) && !(kept_block(name) && block_allowed(name))) return;
        if (deeper_than_limit(1)) return;
        raw_.push_back(doc_.open(tag_of(name)));
        if (const std::string* title = token.attribute("title"); title && name == "abbr")
          doc_.set(Attr::title, *title);
        if (name == "details" && token.attribute("open")) doc_.set(Attr::open, "");
        return;
      case HtmlToken::Kind::end_tag: {
        if (!skip_.empty()) {
          if (name == skip_) skip_.clear();
          return;
        }
        // Close the nearest open raw element of that name, and the raw ones inside
        // it; never an element md4c opened.
        if (raw_.empty() || raw_.back() != doc_.current()) return;
        std::size_t k = raw_.size();
        while (k-- > 0) {
          if (tag_name(doc_.node(raw_[k]).tag) == name) break;
          if (k == 0 || doc_.node(raw_[k]).parent != raw_[k - 1]) return;
        }
        if (k == static_cast<std::size_t>(-1)) return;
        while (raw_.size() > k) {
          raw_.pop_back();
          doc_.close();
        }
        return;
      }
    }
  }

  // What each enter callback not yet left opened: the builder closes only these, so
  // unbalanced callbacks cannot close elements md4c's callbacks did not open.
  struct Open {
    bool block;
    int type;           // MD_BLOCKTYPE or MD_SPANTYPE
    NodeId node;        // the outermost element opened, or kNone
    bool flat = false;  // a block past the depth limit (see flattening_)
  };

  Document& doc_;
  const MarkdownOptions& options_;
  std::vector<Problem>& problems_;
  std::size_t base_depth_;
  bool too_deep_ = false;
  bool attributes_dropped_ = false;
  int flattening_ = 0;  // blocks open past the limit: everything inside them is too
  HtmlTokenizer tokenizer_;
  std::vector<HtmlToken> tokens_;
  std::string html_;          // raw HTML not yet read
  std::vector<NodeId> raw_;   // elements opened from raw HTML, innermost last
  bool in_html_block_ = false;
  std::string skip_;          // the element whose content is being dropped, if any
  std::size_t skip_depth_ = 0;
  std::vector<Open> open_;
  int open_links_ = 0;  // <a> elements open now
  int image_depth_ = 0;
  std::string image_src_, image_title_, alt_;
};

template <typename F, typename... A>
int forward(void* userdata, F f, A... args) {
  auto* builder = static_cast<TreeBuilder*>(userdata);
  // md4c does not always stop at the first non-zero return (some table callbacks are
  // not checked): once stopped, every further callback is a no-op.
  if (builder->over_output_limit()) return 1;
  int r = (builder->*f)(args...);
  // Past the output limit, a non-zero return makes md_parse stop: the render fails
  // with output_limit anyway, and a few bytes of Markdown can make kilobytes of tree.
  return r ? r : builder->over_output_limit();
}

}  // namespace

bool markdown_to_tree(std::string_view markdown, Document& doc, const MarkdownOptions& options,
                      std::vector<Problem>& problems, MarkdownParser parse) {
  TreeBuilder builder(doc, options, problems);
  MD_PARSER parser{};
  parser.abi_version = 0;
  // Without keep_safe_html, md4c does not even recognise raw HTML: it stays text.
  parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS |
                 MD_FLAG_PERMISSIVEAUTOLINKS | (options.keep_safe_html ? 0 : MD_FLAG_NOHTML);
  parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* u) {
    return forward(u, &TreeBuilder::enter_block, t, d);
  };
  parser.leave_block = [](MD_BLOCKTYPE t, void* d, void* u) {
    return forward(u, &TreeBuilder::leave_block, t, d);
  };
  parser.enter_span = [](MD_SPANTYPE t, void* d, void* u) {
    return forward(u, &TreeBuilder::enter_span, t, d);
  };
  parser.leave_span = [](MD_SPANTYPE t, void* d, void* u) {
    return forward(u, &TreeBuilder::leave_span, t, d);
  };
  parser.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* u) {
    return forward(u, &TreeBuilder::text, t, s, n);
  };
  if (!parse) {
    problems.push_back(error_problem(ErrorCode::needs_html_parser, "body", kNeedsHtmlModule));
    return false;
  }
  parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &builder);
  builder.finish();
  return true;
}

}  // namespace lede
