#include "input/adapters/xml.hpp"

#include <expat.h>

#include <algorithm>
#include <cstring>
#ifdef __EMSCRIPTEN__
#include <unistd.h>  // getentropy
#endif

#include "input/adapters/adapters.hpp"
#include "tree/entities.hpp"

namespace lede {
namespace {

// Elements deeper than this are not kept as nodes (no feed format structures them):
// rss › channel › item › media:group › media:content is 5. Their text still counts
// where it is captured as markup.
constexpr std::size_t kKeptDepth = 8;

// Where feeds keep text that may hold HTML: an element among these that meets a child
// element holds unescaped HTML (or XHTML), kept as markup from there on.
bool text_field(const XmlNode& n) {
  std::string_view name = n.name;
  if (n.ns.empty() || n.ns == ns::rss1 || n.ns == ns::rss090) return name == "description" || name == "title";
  if (n.ns == ns::atom || n.ns == ns::atom03)
    return name == "content" || name == "summary" || name == "title" || name == "subtitle" || name == "rights";
  return (n.ns == ns::content && name == "encoded") || (n.ns == ns::itunes && name == "summary");
}

bool is_void(std::string_view name) {
  for (const char* n : {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                        "track", "wbr"})
    if (name == n) return true;
  return false;
}

// Escapes text for HTML; `attribute`: inside a double-quoted value.
void escape(std::string& out, std::string_view s, bool attribute) {
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += attribute ? ">" : "&gt;"; break;
      case '"': out += attribute ? "&quot;" : "\""; break;
      default: out += c;
    }
  }
}

// "URI local" → (URI, local); "local" → ("", local).
std::pair<std::string_view, std::string_view> split_name(const XML_Char* name) {
  std::string_view n(name);
  std::size_t space = n.rfind(' ');
  if (space == std::string_view::npos) return {{}, n};
  return {n.substr(0, space), n.substr(space + 1)};
}

// Every label the WHATWG Encoding Standard reads as windows-1252 (browsers read
// ISO-8859-1 and US-ASCII documents so).
bool windows_1252(std::string label) {
  for (char& c : label) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  for (const char* l : {"windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso88591", "iso_8859-1",
                        "iso_8859-1:1987", "latin1", "l1", "cp819", "ibm819", "csisolatin1", "iso-ir-100",
                        "us-ascii", "ascii", "ansi_x3.4-1968", "iso-ir-6", "iso646-us", "us", "ibm367", "cp367",
                        "csascii", "iso_646.irv:1991"})
    if (label == l) return true;
  return false;
}

// windows-1252's bytes 0x80–0x9F; the rest are Latin-1's. Five bytes windows-1252 leaves
// undefined map to the C1 controls of the same number, as WHATWG says.
constexpr int kCp1252High[32] = {0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,   0x017D, 0x8F,
                                 0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};

// The encoding the XML declaration names, if the text starts with one (in an
// ASCII-compatible encoding); "" otherwise.
std::string declared_encoding(std::string_view xml) {
  if (xml.substr(0, 5) != "<?xml") return {};
  std::string_view decl = xml.substr(0, xml.find("?>"));
  std::size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return {};
  std::size_t q = decl.find_first_of("\"'", at);
  if (q == std::string_view::npos) return {};
  std::size_t end = decl.find(decl[q], q + 1);
  if (end == std::string_view::npos) return {};
  return std::string(decl.substr(q + 1, end - q - 1));
}

class Builder {
 public:
  Builder(XML_Parser parser, const Limits& limits, XmlNode& root) : p_(parser), limits_(limits), root_(root) {}

  static void XMLCALL start(void* self, const XML_Char* name, const XML_Char** attrs) {
    static_cast<Builder*>(self)->on_start(name, attrs);
  }
  static void XMLCALL end(void* self, const XML_Char*) { static_cast<Builder*>(self)->on_end(); }
  static void XMLCALL chars(void* self, const XML_Char* s, int len) {
    static_cast<Builder*>(self)->on_text(std::string_view(s, static_cast<std::size_t>(len)));
  }
  // Refused: entities can multiply a few bytes into gigabytes ("billion laughs"), and
  // no feed needs its own.
  static void XMLCALL entity_decl(void* self, const XML_Char* name, int, const XML_Char*, int, const XML_Char*,
                                  const XML_Char*, const XML_Char*, const XML_Char*) {
    static_cast<Builder*>(self)->fail(
        ErrorCode::syntax, std::string("the XML declares an entity (<!ENTITY ") + name + ">), which Lede does not read");
  }
  // An entity the document uses but never declares, in a document with a DTD Lede
  // does not read (RSS 0.91's declares HTML's entities): HTML's meaning, if it has one.
  static void XMLCALL skipped(void* self, const XML_Char* name, int parameter) {
    if (parameter) return;
    std::string ref = std::string("&") + name + ";";
    static_cast<Builder*>(self)->on_text(decode_entities(ref));
  }
  static int XMLCALL unknown_encoding(void* self, const XML_Char* name, XML_Encoding* info) {
    if (!windows_1252(name)) {
      static_cast<Builder*>(self)->encoding_ = name;
      return XML_STATUS_ERROR;
    }
    for (int i = 0; i < 256; ++i) info->map[i] = i >= 0x80 && i < 0xA0 ? kCp1252High[i - 0x80] : i;
    info->data = nullptr;
    info->convert = nullptr;
    info->release = nullptr;
    return XML_STATUS_OK;
  }

  bool failed() const { return failed_; }
  Problem& problem() { return problem_; }
  const std::string& unknown_encoding_name() const { return encoding_; }

  void fail(ErrorCode code, std::string message) {
    if (failed_) return;
    failed_ = true;
    problem_.code = code;
    problem_.message = std::move(message);
    problem_.line = XML_GetCurrentLineNumber(p_);
    problem_.column = XML_GetCurrentColumnNumber(p_) + 1;
    problem_.byte = static_cast<std::size_t>(XML_GetCurrentByteIndex(p_));
    XML_StopParser(p_, XML_FALSE);
  }

 private:
  struct Open {
    XmlNode* node = nullptr;    // kept, or nullptr (too deep, or inside captured markup)
    XmlNode* markup = nullptr;  // the element whose markup this one's content goes into
    std::string written;        // this element's name, when its tags are in `markup`
  };

  void on_start(const XML_Char* qname, const XML_Char** attrs) {
    if (failed_) return;
    if (open_.size() + 1 > limits_.max_json_depth) {
      fail(ErrorCode::too_deep,
           "XML nesting is deeper than the limit of " + std::to_string(limits_.max_json_depth) + " levels");
      return;
    }
    auto [uri, local] = split_name(qname);
    Open* parent = open_.empty() ? nullptr : &open_.back();
    // HTML left unescaped in a text field (<description><p>…</description>): markup
    // from here on, the text so far first.
    if (parent && !parent->markup && parent->node && text_field(*parent->node)) {
      XmlNode& f = *parent->node;
      f.has_markup = true;
      escape(f.markup, f.text, false);
      parent->markup = &f;
    }
    if (parent && parent->markup) {
      XmlNode* into = parent->markup;
      std::string& m = into->markup;
      (m += '<') += local;
      for (int i = 0; attrs[i]; i += 2) {
        auto [aur, aname] = split_name(attrs[i]);
        if (!aur.empty() && !(aur == ns::xml && aname == "lang")) continue;  // xml:base, xlink:href…
        ((m += ' ') += aname) += "=\"";
        escape(m, attrs[i + 1], true);
        m += '"';
      }
      m += '>';
      Open o;
      o.markup = into;
      if (!is_void(local)) o.written = std::string(local);
      open_.push_back(std::move(o));
      return;
    }
    XmlNode* node = nullptr;
    if (!parent) {
      node = &root_;
    } else if (parent->node && open_.size() < kKeptDepth) {
      parent->node->children.emplace_back();
      node = &parent->node->children.back();
    }
    Open o;
    o.node = node;
    if (node) {
      node->ns = std::string(uri);
      node->name = std::string(local);
      node->line = XML_GetCurrentLineNumber(p_);
      if (parent) {
        node->base = parent->node->base;
        node->lang = parent->node->lang;
      }
      bool xhtml = uri == ns::xhtml;
      for (int i = 0; attrs[i]; i += 2) {
        auto [aur, aname] = split_name(attrs[i]);
        std::string_view value = attrs[i + 1];
        if (aur == ns::xml && aname == "base") node->base = resolve_url(node->base, value);
        if (aur == ns::xml && aname == "lang") node->lang = std::string(value);
        if (aur.empty() && aname == "type" && value.find("xhtml") != std::string_view::npos) xhtml = true;
        std::string key(aname);
        if (!aur.empty()) key.insert(0, std::string(aur) + " ");
        node->attributes.emplace_back(std::move(key), std::string(value));
      }
      // Atom's type="xhtml", or an XHTML element itself: its inner markup is its text.
      if (xhtml) {
        node->has_markup = true;
        o.markup = node;
      }
    }
    open_.push_back(std::move(o));
  }

  void on_end() {
    if (failed_ || open_.empty()) return;
    Open& o = open_.back();
    if (!o.written.empty()) ((o.markup->markup += "</") += o.written) += '>';
    open_.pop_back();
  }

  void on_text(std::string_view s) {
    if (open_.empty() || failed_) return;
    Open& o = open_.back();
    if (o.markup) escape(o.markup->markup, s, false);
    if (o.node) o.node->text += s;
  }

  XML_Parser p_;
  const Limits& limits_;
  XmlNode& root_;
  std::vector<Open> open_;
  bool failed_ = false;
  Problem problem_;
  std::string encoding_;
};

}  // namespace

bool read_xml(std::string_view xml, const Limits& limits, XmlNode& root, Problem& error) {
  if (xml.size() > limits.max_input_bytes) {
    error.code = ErrorCode::too_large;
    error.message = "input is " + std::to_string(xml.size()) + " bytes, more than the limit of " +
                    std::to_string(limits.max_input_bytes) + " bytes";
    return false;
  }
  // White space before the XML declaration is an error to XML but common in feeds
  // (a template's blank first line): skipped, as feed readers do.
  std::size_t lead = 0;
  while (lead < xml.size() && (xml[lead] == ' ' || xml[lead] == '\t' || xml[lead] == '\r' || xml[lead] == '\n')) ++lead;
  std::size_t skipped_lines = 0;
  if (lead && xml.substr(lead, 5) == "<?xml") {
    for (std::size_t i = 0; i < lead; ++i) skipped_lines += xml[i] == '\n';
    xml.remove_prefix(lead);
  } else {
    lead = 0;
  }
  // Expat knows ISO-8859-1 and US-ASCII itself, but browsers read both as
  // windows-1252 (its quotes and dashes at 0x80–0x9F are what such feeds mean): name
  // windows-1252 instead, which expat asks unknown_encoding() for. A byte order mark
  // wins over the declaration, as in browsers.
  bool bom = xml.substr(0, 3) == "\xEF\xBB\xBF" || xml.substr(0, 2) == "\xFF\xFE" || xml.substr(0, 2) == "\xFE\xFF";
  std::string declared = bom ? std::string() : declared_encoding(xml);
  XML_Parser parser = XML_ParserCreateNS(windows_1252(declared) ? "windows-1252" : nullptr, ' ');
  if (!parser) {
    error.code = ErrorCode::too_large;
    error.message = "out of memory";
    return false;
  }
#ifdef __EMSCRIPTEN__
  // expat has no entropy of its own in wasm: a salt it could guess would let names chosen
  // to collide fill one bucket of its hash tables. web/lede.js answers getentropy() with
  // crypto.getRandomValues (natively expat calls getrandom itself).
  unsigned long salt = 0;
  if (getentropy(&salt, sizeof salt) == 0 && salt != 0) XML_SetHashSalt(parser, salt);
#endif
  Builder b(parser, limits, root);
  XML_SetUserData(parser, &b);
  XML_SetElementHandler(parser, Builder::start, Builder::end);
  XML_SetCharacterDataHandler(parser, Builder::chars);
  XML_SetEntityDeclHandler(parser, Builder::entity_decl);
  XML_SetSkippedEntityHandler(parser, Builder::skipped);
  XML_SetUnknownEncodingHandler(parser, Builder::unknown_encoding, &b);
  // Never read an external DTD or entity: nothing is fetched, nothing outside the input.
  XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER);
  bool ok = true;
  // XML_Parse takes an int length: the input limit is far below INT_MAX, but a caller
  // may raise it, so feed it in pieces.
  constexpr std::size_t kPiece = std::size_t{1} << 30;
  for (std::size_t at = 0; ok;) {
    std::size_t n = std::min(kPiece, xml.size() - at);
    bool last = at + n == xml.size();
    ok = XML_Parse(parser, xml.data() + at, static_cast<int>(n), last) == XML_STATUS_OK && !b.failed();
    at += n;
    if (last) break;
  }
  if (!ok) {
    if (b.failed()) {
      error = std::move(b.problem());
    } else {
      XML_Error code = XML_GetErrorCode(parser);
      error.code = ErrorCode::syntax;
      error.line = XML_GetCurrentLineNumber(parser);
      error.column = XML_GetCurrentColumnNumber(parser) + 1;
      error.byte = static_cast<std::size_t>(XML_GetCurrentByteIndex(parser));
      if (code == XML_ERROR_UNKNOWN_ENCODING || code == XML_ERROR_INCORRECT_ENCODING) {
        std::string name = b.unknown_encoding_name().empty() ? declared : b.unknown_encoding_name();
        error.message = "the XML is in the encoding " + name +
                        ", which Lede does not read (it reads UTF-8, UTF-16 and windows-1252, which "
                        "includes ISO-8859-1 and US-ASCII)";
      } else {
        error.message = std::string("XML syntax error: ") + XML_ErrorString(code);
      }
    }
  }
  XML_ParserFree(parser);
  if (!ok) {
    error.line += skipped_lines;  // positions in the input as given
    error.byte += lead;
  }
  return ok;
}

}  // namespace lede
