// The tag names of HTML's event stream (html/html_events.hpp): every element HTML's
// parsing rules know by name, in gumbo 0.13's order (src/tag.in), so that its tag
// numbers carry over as they are; SVG and MathML elements HTML's rules treat specially
// (foreignobject, desc, mi, mo, …) are among them. Any other name is `unknown`, and its
// name travels with it.
#pragma once
#include <cstdint>
#include <string_view>

namespace lede {

enum class HtmlTag : std::uint16_t {
  html, head, title, base, link, meta, style, script, noscript, template_, body, article, section,
  nav, aside, h1, h2, h3, h4, h5, h6, hgroup, header, footer, address, p, hr, pre, blockquote, ol,
  ul, li, dl, dt, dd, figure, figcaption, main_, div, a, em, strong, small, s, cite, q, dfn, abbr,
  data, time, code, var, samp, kbd, sub, sup, i, b, u, mark, ruby, rt, rp, bdi, bdo, span, br, wbr,
  ins, del, image, img, picture, iframe, embed, object, param, video, audio, source, track, canvas,
  map, area, math, mi, mo, mn, ms, mtext, mglyph, malignmark, annotation_xml, svg, foreignobject,
  desc, table, caption, colgroup, col, tbody, thead, tfoot, tr, td, th, form, fieldset, legend,
  label, input, button, select, datalist, optgroup, option, textarea, keygen, output, progress,
  meter, details, summary, menu, menuitem, applet, acronym, bgsound, dir, frame, frameset,
  noframes, isindex, listing, xmp, nextid, noembed, plaintext, rb, strike, basefont, big, blink,
  center, font, marquee, multicol, nobr, spacer, dialog, search, tt, rtc,
  unknown,  // any other name
};

inline constexpr int kHtmlTagCount = static_cast<int>(HtmlTag::unknown);

// The name HTML writes for `tag` (lowercase; "" for unknown).
std::string_view html_tag_name(HtmlTag tag);

// The tag for a name as written, in any case (HtmlTag::unknown if none).
HtmlTag html_tag(std::string_view name);

// The HTML start tags that end foreign content (SVG, MathML) wherever they stand, as the
// tree construction rules list them; <font> also does, but only with a color, face or
// size attribute, which each parser checks itself.
bool breaks_out_of_foreign(HtmlTag tag);

}  // namespace lede
