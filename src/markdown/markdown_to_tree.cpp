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
    switch (type) {
      case MD_BLOCK_DOC: break;
      case MD_BLOCK_QUOTE: doc_.open(Tag::blockquote); break;
      case MD_BLOCK_UL: doc_.open(Tag::ul); break;
      case MD_BLOCK_OL: {
        doc_.open(Tag::ol);
        unsigned start = static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start;
        if (start != 1) doc_.set(Attr::start, std::to_string(start));
        break;
      }
      case MD_BLOCK_LI: enter_list_item(*static_cast<MD_BLOCK_LI_DETAIL*>(detail)); break;
      case MD_BLOCK_HR: doc_.open(Tag::hr); break;
      case MD_BLOCK_H: doc_.open(heading(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level)); break;
      case MD_BLOCK_CODE: enter_code(*static_cast<MD_BLOCK_CODE_DETAIL*>(detail)); break;
      case MD_BLOCK_HTML: doc_.open(Tag::p); break;  // unreachable with MD_FLAG_NOHTML
      case MD_BLOCK_P: doc_.open(Tag::p); break;
      case MD_BLOCK_TABLE:
        // Wide tables scroll inside their own box instead of widening the page.
        doc_.open(Tag::div);
        doc_.set(Attr::class_, "lede-scroll");
        doc_.open(Tag::table);
        break;
      case MD_BLOCK_THEAD: doc_.open(Tag::thead); break;
      case MD_BLOCK_TBODY: doc_.open(Tag::tbody); break;
      case MD_BLOCK_TR: doc_.open(Tag::tr); break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD: {
        doc_.open(type == MD_BLOCK_TH ? Tag::th : Tag::td);
        switch (static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align) {
          case MD_ALIGN_LEFT: doc_.set(Attr::class_, "lede-align-start"); break;
          case MD_ALIGN_CENTER: doc_.set(Attr::class_, "lede-align-center"); break;
          case MD_ALIGN_RIGHT: doc_.set(Attr::class_, "lede-align-end"); break;
          default: break;
        }
        break;
      }
    }
    return 0;
  }

  int leave_block(MD_BLOCKTYPE type, void*) {
    switch (type) {
      case MD_BLOCK_DOC: break;
      case MD_BLOCK_CODE:  // <pre><code>
      case MD_BLOCK_TABLE:  // <div><table>
        doc_.close();
        doc_.close();
        break;
      default: doc_.close(); break;
    }
    return 0;
  }

  int enter_span(MD_SPANTYPE type, void* detail) {
    if (type == MD_SPAN_IMG) {
      // Inside an image everything is alt text; nested spans only add their text.
      if (image_depth_++ == 0) {
        auto* d = static_cast<MD_SPAN_IMG_DETAIL*>(detail);
        image_src_ = attribute(d->src);
        image_title_ = attribute(d->title);
        alt_.clear();
      }
      return 0;
    }
    if (image_depth_ > 0) return 0;
    switch (type) {
      case MD_SPAN_EM: doc_.open(Tag::em); break;
      case MD_SPAN_STRONG: doc_.open(Tag::strong); break;
      case MD_SPAN_CODE: doc_.open(Tag::code); break;
      case MD_SPAN_DEL: doc_.open(Tag::del); break;
      case MD_SPAN_A: enter_link(*static_cast<MD_SPAN_A_DETAIL*>(detail)); break;
      default: doc_.open(Tag::span); break;  // extensions not enabled
    }
    return 0;
  }

  int leave_span(MD_SPANTYPE type, void*) {
    if (type == MD_SPAN_IMG) {
      if (--image_depth_ == 0) leave_image();
      return 0;
    }
    if (image_depth_ > 0) return 0;
    if (type == MD_SPAN_A) {
      bool opened = links_.back();
      links_.pop_back();
      if (!opened) return 0;  // a refused or nested link kept only its text
      --open_links_;
    }
    doc_.close();
    return 0;
  }

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

  void enter_list_item(const MD_BLOCK_LI_DETAIL& d) {
    doc_.open(Tag::li);
    if (!d.is_task) return;
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
  }

  void enter_code(const MD_BLOCK_CODE_DETAIL& d) {
    doc_.open(Tag::pre);
    doc_.open(Tag::code);
    std::string lang = attribute(d.lang);
    if (lang.empty()) return;
    // The info string is author input: keep only characters a language name needs.
    std::string cls = "language-";
    for (char c : lang)
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
          c == '_' || c == '+' || c == '#' || c == '.')
        cls += c;
    if (cls.size() > 9) doc_.set(Attr::class_, cls);
  }

  void enter_link(const MD_SPAN_A_DETAIL& d) {
    // md4c's permissive autolinks (www.…, user@host, http://…) also fire inside the
    // text of a link. An <a> inside an <a> is not HTML: a parser would close the outer
    // one, so the HTML string and the DOM built from ops would differ. The outer link
    // wins; the inner one keeps its text.
    if (open_links_ > 0) {
      links_.push_back(false);
      return;
    }
    std::string href = attribute(d.href);
    auto url = check_url(href, UrlKind::link);
    links_.push_back(url.has_value());
    if (!url) return;  // refused: the link text stays, without a link
    ++open_links_;
    doc_.open(Tag::a);
    doc_.set_url(Attr::href, href, UrlKind::link);
    std::string title = attribute(d.title);
    if (!title.empty()) doc_.set(Attr::title, title);
    if (is_external(*url)) doc_.set(Attr::rel, "noopener noreferrer");
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

  Document& doc_;
  std::vector<bool> links_;  // per open link: was an <a> opened?
  int open_links_ = 0;       // <a> elements open now
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
}

}  // namespace lede
