#include "markdown/markdown_to_tree.hpp"

#include <string>
#include <vector>

#include "tree/entities.hpp"

extern "C" {
#include "md4c.h"
}

namespace lede {
namespace {

class TreeBuilder {
 public:
  explicit TreeBuilder(Document& doc) : doc_(doc) {}

  bool over_output_limit() const { return doc_.over_output_limit(); }

  int enter_block(MD_BLOCKTYPE type, void* detail) {
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
      case MD_BLOCK_HTML: node = doc_.open(Tag::p); break;  // unreachable with MD_FLAG_NOHTML
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
    for (std::size_t i = open_.size(); i-- > 0;)
      if (open_[i].block && open_[i].type == static_cast<int>(type)) {
        unwind(i);
        break;
      }
    return 0;  // a block md4c never entered: nothing to close
  }

  int enter_span(MD_SPANTYPE type, void* detail) {
    NodeId node = kNone;
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
    for (std::size_t i = open_.size(); i-- > 0 && !open_[i].block;)
      if (open_[i].type == static_cast<int>(type)) {
        unwind(i);
        break;
      }
    return 0;
  }

  // Closes everything still open (md4c stopped early or left something open).
  void finish() { unwind(0); }

  int text(MD_TEXTTYPE type, const MD_CHAR* data, MD_SIZE size) {
    std::string_view s(data, size);
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
    auto url = check_url(href, UrlKind::link);
    if (!url) return kNone;  // refused: the link text stays, without a link
    ++open_links_;
    NodeId a = doc_.open(Tag::a);
    doc_.set_url(Attr::href, href, UrlKind::link);
    std::string title = attribute(d.title);
    if (!title.empty()) doc_.set(Attr::title, title);
    if (is_external(*url)) doc_.set(Attr::rel, "noopener noreferrer");
    return a;
  }

  // Pops open_ down to index `i`, closing what each entry opened, innermost first.
  void unwind(std::size_t i) {
    while (open_.size() > i) {
      Open o = open_.back();
      open_.pop_back();
      if (!o.block && o.type == MD_SPAN_IMG) {
        if (--image_depth_ == 0) leave_image();
        continue;
      }
      if (o.node == kNone) continue;
      if (!o.block && o.type == MD_SPAN_A) --open_links_;
      doc_.close_to(o.node);  // anything md4c left open inside
      doc_.close();
    }
  }

  void leave_image() {
    if (!check_url(image_src_, UrlKind::image)) {
      doc_.text(alt_);  // a refused image keeps its description
      return;
    }
    // loading and referrerpolicy come before src: an <img> made by createElement
    // starts fetching as soon as it has a src, even before it is in the document.
    doc_.open(Tag::img);
    doc_.set(Attr::loading, "lazy");
    doc_.set(Attr::decoding, "async");
    doc_.set(Attr::referrerpolicy, "no-referrer");
    doc_.set_url(Attr::src, image_src_, UrlKind::image);
    doc_.set(Attr::alt, alt_);
    if (!image_title_.empty()) doc_.set(Attr::title, image_title_);
    doc_.close();
  }

  // What each enter callback not yet left opened: the builder closes only these, so
  // unbalanced callbacks cannot close elements md4c's callbacks did not open.
  struct Open {
    bool block;
    int type;     // MD_BLOCKTYPE or MD_SPANTYPE
    NodeId node;  // the outermost element opened, or kNone
  };

  Document& doc_;
  std::vector<Open> open_;
  int open_links_ = 0;  // <a> elements open now
  int image_depth_ = 0;
  std::string image_src_, image_title_, alt_;
};

template <typename F, typename... A>
int forward(void* userdata, F f, A... args) {
  auto* builder = static_cast<TreeBuilder*>(userdata);
  int r = (builder->*f)(args...);
  // Past the output limit, a non-zero return makes md_parse stop: the render fails
  // with output_limit anyway, and a few bytes of Markdown can make kilobytes of tree.
  return r ? r : builder->over_output_limit();
}

}  // namespace

void markdown_to_tree(std::string_view markdown, Document& doc) {
  TreeBuilder builder(doc);
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = MD_FLAG_NOHTML | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS |
                 MD_FLAG_PERMISSIVEAUTOLINKS;
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
  md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &builder);
  builder.finish();
}

}  // namespace lede
