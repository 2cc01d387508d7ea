// What each element of an HTML body becomes in Lede's tree, and which elements the page
// hides or Lede's own layout dressed: the walk's decisions that need no walk state.
#pragma once

#include <cstdint>
#include <string_view>

#include "html/html_node.hpp"
#include "tree/document.hpp"

namespace lede::html_walk {


enum class Role : std::uint8_t {
  drop,        // left out with its content
  wrapper,     // a block that is unwrapped: div, section, article, …
  span,        // an inline element that is unwrapped: span, font, u, custom elements …
  paragraph,   // p
  heading,     // h1–h6
  list,        // ul, ol (menu, dir)
  item,        // li
  dl,          // dl
  term,        // dt, dd
  block,       // blockquote, figure, details
  figcaption,  // figcaption
  summary,     // summary
  pre,         // pre, listing, xmp, plaintext
  table,       // table
  caption,     // caption
  section,     // thead, tbody, tfoot
  row,         // tr
  cell,        // td, th
  rule,        // hr
  phrase,      // em, strong, code, … : kept inline
  link,        // a
  image,       // img
  br,          // br
  embed,       // iframe, video, embed: a link card
  audio,       // audio: a player
  tex,         // <script type="math/tex">: MathJax's TeX source
  noscript,    // noscript: its images, if they are not already shown
};

Role role_of(GNode n, Tag& tag);

// An element is hidden if one of its attributes hides it (`hidden`, a style of
// display:none or visibility:hidden, KaTeX's copy of a formula for the eye).
bool hides(const HtmlAttribute& a);
bool hidden(GNode n);
std::string_view own_class(GNode n);

inline bool inline_role(Role r) {
  return r == Role::span || r == Role::phrase || r == Role::link || r == Role::image ||
         r == Role::br || r == Role::audio || r == Role::tex || r == Role::noscript;
}

inline bool flow_role(Role r) {
  return r == Role::wrapper || r == Role::paragraph || r == Role::heading || r == Role::pre ||
         r == Role::block || r == Role::table || r == Role::rule || r == Role::dl ||
         r == Role::embed;
}

}  // namespace lede::html_walk
