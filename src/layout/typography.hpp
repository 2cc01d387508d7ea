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

}  // namespace lede
