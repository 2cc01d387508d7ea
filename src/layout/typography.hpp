// What a careful editor does to plain typed text: curly quotes in the article's
// language, en and em dashes from "--" and "---", an ellipsis from "...", and a
// no-break space holding the last two words of a heading together. Code is untouched.
#pragma once
#include <string_view>

#include "tree/document.hpp"

namespace lede {

// Rewrites every text node under `top`, except inside code, pre, kbd and samp.
// `lang` picks the quotation marks: de “German„, fr « French » (with narrow no-break
// spaces), English “” ‘’ otherwise.
void apply_typography(Document& doc, NodeId top, std::string_view lang);

// Where the setter next looks, from `from` on: a byte that is one of " ' - . : and may
// start something it sets (a quote, "--", "...", a URL's "www." or scheme), or in.size().
// It may stop at other bytes of the five, never past one it must see. (For its test.)
std::size_t next_stop(std::string_view text, std::size_t from);

}  // namespace lede
